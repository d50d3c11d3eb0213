"""Text a server sent, made safe to print or to link.

The device-code answer's ``user_code`` and ``verification_url`` are shown to
the user as they came. A hostile server could put terminal escape sequences
(``ESC[2J``, a fake prompt), bidi overrides or a ``javascript:`` link in them.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

__all__ = ["printable", "safe_link"]

_MAX_SHOWN = 200  # characters of server text shown at most


def printable(text: str) -> str:
    """`text` without control, format (bidi, zero-width) or unassigned characters, cut to 200."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cn", "Cs"))
    return kept[:_MAX_SHOWN]


def safe_link(url: str) -> str | None:
    """`url`, made printable, when it is an ``http(s)`` URL with a host; else None (no link)."""
    clean = printable(url).strip()
    parts = urlsplit(clean)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return clean
