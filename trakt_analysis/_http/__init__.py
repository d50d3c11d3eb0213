"""The HTTP transport: sessions, retries, responses, cache, redaction.

Knows HTTP, not Trakt documents.
"""
