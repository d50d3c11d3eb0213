"""Parameter texts the report docstrings share, written once.

A docstring names a fragment as ``%(name)s`` on a line of its own, indented like
a parameter; :func:`fill_doc` puts the text in at import (see
``trakt_analysis._docstrings``).
"""

from __future__ import annotations

from .._docstrings import doc_filler

FRAGMENTS: dict[str, str] = {
    "parameters_progress": """Parameters
----------
progress : Progress
    The loaded progress.""",
}

#: Replaces each ``%(name)s`` line of a docstring by its fragment, indented.
fill_doc = doc_filler(FRAGMENTS)
