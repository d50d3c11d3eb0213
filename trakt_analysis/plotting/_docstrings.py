"""Parameter texts the chart docstrings share, written once (after seaborn's _docstrings).

A chart's docstring names a fragment as ``%(name)s`` on a line of its own,
indented like a parameter; :func:`fill_doc` puts the text in at import (the
filling itself is shared with the other layers: ``trakt_analysis._docstrings``).
"""

from __future__ import annotations

from .._docstrings import doc_filler

FRAGMENTS: dict[str, str] = {
    "shows": """shows : pandas.DataFrame or Progress
    The shows frame of :func:`load_progress` (or the Progress itself), one
    user or several concatenated with :func:`pandas.concat` (users are told
    apart by colour).""",
    "top": """top : int
    Number of shows drawn; the rest are summarised in one last bar,
    "+N more shows".""",
    "ax": """ax : matplotlib.axes.Axes, optional
    Axes to draw on; a new figure is made when None.""",
    "barh_kwargs": """**kwargs
    Passed to :meth:`matplotlib.axes.Axes.barh`; they win over the palette.""",
    "returns_ax": """Returns
-------
matplotlib.axes.Axes""",
}

#: Replaces each ``%(name)s`` line of a chart's docstring by its fragment, indented.
fill_doc = doc_filler(FRAGMENTS)
