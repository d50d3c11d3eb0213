"""What :func:`~trakt_analysis.load_export` needs from a metadata provider (e.g. TVmaze).

The export has no aired counts. A provider completes a :class:`Progress` from
elsewhere: it fills ``aired``, ``left``, ``percentage``, ``completion``, the
unwatched aired episodes (``watched`` false), ``next_*``, ``first_aired`` and
``runtime``, following Trakt's rules (only aired episodes count; specials only
with ``specials=True``).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..progress import Progress

__all__ = ["MetadataProvider"]


@runtime_checkable
class MetadataProvider(Protocol):
    """A source of aired counts and air dates for the shows of a :class:`Progress`.

    Attributes
    ----------
    name : str
        Who the data comes from, for :attr:`Provenance.metadata
        <trakt_analysis.Provenance.metadata>` and the report's credits, e.g.
        ``"TVmaze"``.
    """

    name: str

    def complete(self, progress: Progress, *, specials: bool = False) -> Progress:
        """Return `progress` with the aired counts and air dates filled in.

        Shows the provider does not know keep NA counts (and are named in a
        :class:`~trakt_analysis.TraktDataWarning`); watched episodes are never
        dropped.
        """
        ...
