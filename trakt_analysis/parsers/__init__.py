"""Parsers: a document's shape -> frame columns. Pure: no I/O, no HTTP."""
