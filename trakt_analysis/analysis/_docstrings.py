"""Parameter texts the analysis docstrings share, written once.

A docstring names a fragment as ``%(name:word)s`` on a line of its own, indented
like a parameter; :func:`fill_doc` puts the text in at import, with `word` where
the fragment says ``{}`` (see ``trakt_analysis._docstrings``).
"""

from __future__ import annotations

from .._docstrings import doc_filler

FRAGMENTS: dict[str, str] = {
    "parameters_history": """Parameters
----------
history : pandas.DataFrame or Progress
    The history frame or a Progress holding one; {}.""",
    "top": """top : int or None
    {} kept per user; None keeps all.""",
}

#: Replaces each ``%(name)s`` line of a docstring by its fragment, indented.
fill_doc = doc_filler(FRAGMENTS)
