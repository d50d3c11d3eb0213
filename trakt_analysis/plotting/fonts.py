"""Titles in any script: matplotlib's font fallback over the fonts the machine has.

matplotlib (>= 3.6) draws each character with the first family of
``font.family`` that has a glyph for it. Its default list holds one font
(DejaVu Sans), which lacks CJK, Hangul, Devanagari and Thai, so such titles
came out as empty boxes. Every chart here draws under :func:`font_context`,
whose family list is :data:`FALLBACK_FAMILIES` restricted to the installed
ones, and its texts keep that list (also on axes the caller made). The user's
global ``rcParams`` are never changed.

Where no installed font has a glyph, the chart issues one
:class:`TraktFontWarning` naming the affected texts (matplotlib itself warns
once per glyph at draw time; the report and the explorer silence those).
"""

from __future__ import annotations

import contextlib
import functools
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.text import Text

from ..errors import TraktFontWarning

__all__ = [
    "FALLBACK_FAMILIES",
    "font_context",
    "font_families",
    "missing_glyphs",
    "with_fallback_fonts",
]

#: Families tried in order for each character; those not installed are left out.
#: DejaVu Sans first (matplotlib's default, so Latin text looks as before), then
#: Noto for the scripts Trakt titles arrive in. Debian: fonts-noto-core,
#: fonts-noto-cjk. Colour emoji fonts are bitmaps matplotlib cannot draw at any
#: size, so only outline emoji/symbol fonts are listed.
FALLBACK_FAMILIES: tuple[str, ...] = (
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Tamil",
    "Noto Sans Telugu",
    "Noto Sans Thai",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
    "Noto Emoji",
    "Symbola",
)

#: Where to get the fonts, for the warning.
INSTALL_HINT = (
    "install Noto fonts (Debian/Ubuntu: apt-get install fonts-noto-core fonts-noto-cjk) "
    "and delete matplotlib's font cache (fontlist-*.json in matplotlib.get_cachedir())"
)


@functools.cache
def font_families() -> tuple[str, ...]:
    """The installed families of :data:`FALLBACK_FAMILIES`, in order (at least DejaVu Sans)."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    found = tuple(f for f in FALLBACK_FAMILIES if f in installed)
    return found or ("DejaVu Sans",)


@functools.cache
def _font_paths() -> tuple[str, ...]:
    props = font_manager.FontProperties(family=list(font_families()))
    return tuple(str(p) for p in font_manager.fontManager._find_fonts_by_props(props))


@functools.cache
def _has_glyph(char: str) -> bool:
    code = ord(char)
    return any(font_manager.get_font(path).get_char_index(code) for path in _font_paths())


def missing_glyphs(text: str) -> str:
    """The characters of `text` no font of the fallback chain can draw (in order, once each).

    Whitespace and control characters are never reported.
    """
    missing = (c for c in text if not c.isascii() and c.isprintable() and not c.isspace())
    return "".join(dict.fromkeys(c for c in missing if not _has_glyph(c)))


@contextlib.contextmanager
def font_context() -> Iterator[None]:
    """An ``rc_context`` whose ``font.family`` is the installed fallback chain."""
    with mpl.rc_context({"font.family": list(font_families())}):
        yield


def _texts(artists: Iterable[Artist]) -> list[Text]:
    found: dict[int, Text] = {}
    for artist in artists:
        for text in artist.findobj(Text):
            found[id(text)] = text
    return list(found.values())


def apply_fonts(artists: Iterable[Artist]) -> list[str]:
    """Give every text of `artists` the fallback chain; return the texts with missing glyphs."""
    families = list(font_families())
    affected: dict[str, None] = {}
    for text in _texts(artists):
        text.set_fontfamily(families)
        content = text.get_text()
        if content and not content.isascii() and missing_glyphs(content):
            affected[content] = None
    return list(affected)


_state = threading.local()

F = TypeVar("F", bound=Callable[..., Any])


def with_fallback_fonts(func: F) -> F:
    """Draw `func` (a chart returning Axes or a Figure) under :func:`font_context`.

    Afterwards every text of the result gets the fallback chain, and, for the
    outermost chart only, one :class:`TraktFontWarning` lists the texts a glyph
    of which no installed font has.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        depth = getattr(_state, "depth", 0)
        _state.depth = depth + 1
        try:
            with font_context():
                result = func(*args, **kwargs)
        finally:
            _state.depth = depth
        if depth:
            return result
        affected = apply_fonts([result])
        if affected:
            shown = ", ".join(repr(t) for t in affected[:5])
            more = f" and {len(affected) - 5} more" if len(affected) > 5 else ""
            warnings.warn(
                f"{func.__name__}: no installed font has glyphs for some characters of "
                f"{len(affected)} text(s), drawn as boxes: {shown}{more}; {INSTALL_HINT}",
                TraktFontWarning,
                stacklevel=2,
            )
        return result

    return wrapper  # type: ignore[return-value]
