"""What a show is (genres, network, country, language, type, status, premiere, runtime).

One vocabulary, Trakt's, whatever the source (:data:`trakt_analysis.schema.SHOW_METADATA`):

- Trakt's show objects (API v1 and v2 with ``extended=full``) send ``genres``
  as slugs (``"science-fiction"``), ``network``, ``country`` and ``language``
  as ISO codes, ``status`` (``"returning series"``, ``"ended"``, ...),
  ``runtime`` (minutes) and ``first_aired``;
- TVmaze's show record (``GET /shows/{id}``) sends ``genres`` as names
  (``"Science-Fiction"``), ``type`` (``"Scripted"``), ``language`` as a name
  (``"English"``), ``status`` (``"Running"``), ``premiered`` (a date),
  ``runtime``/``averageRuntime``, and ``network`` or, for a streaming show,
  ``webChannel``, each with a ``country`` (``{"code": "US"}``).

:data:`TVMAZE_TO_TRAKT` is the one table that maps TVmaze's values to Trakt's.
A TVmaze genre with no Trakt counterpart (e.g. ``"Medical"``, ``"Travel"``) is
kept as a slug of its name (``"medical"``) rather than lost; a language not in
the table is kept as TVmaze names it, lower case. Pure: records in, values out.
"""

from __future__ import annotations

import re
from typing import Any

from ._checks import short
from ._problems import Problems

__all__ = [
    "TVMAZE_TO_TRAKT",
    "genre_list",
    "parse_tvmaze_show",
    "slug",
]

#: TVmaze's values -> Trakt's vocabulary, per field. ``genres``: TVmaze's genre
#: names -> Trakt's genre slugs (``genreEnumSchema`` of trakt-api); ``status``:
#: TVmaze's show status -> Trakt's (``statusResponseSchema``; "To Be Determined",
#: neither renewed nor cancelled, is what Trakt calls a returning series);
#: ``type``: TVmaze's show type -> a slug (Trakt has no show type); ``language``:
#: TVmaze's language names -> the ISO 639-1 codes Trakt sends.
TVMAZE_TO_TRAKT: dict[str, dict[str, str]] = {
    "genres": {
        "Action": "action",
        "Adult": "adult",
        "Adventure": "adventure",
        "Anime": "anime",
        "Children": "children",
        "Comedy": "comedy",
        "Crime": "crime",
        "DIY": "home-and-garden",
        "Drama": "drama",
        "Espionage": "espionage",
        "Family": "family",
        "Fantasy": "fantasy",
        "Food": "food",
        "History": "history",
        "Horror": "horror",
        "Legal": "legal",
        "Medical": "medical",
        "Music": "music",
        "Mystery": "mystery",
        "Nature": "nature",
        "Romance": "romance",
        "Science-Fiction": "science-fiction",
        "Sports": "sports",
        "Supernatural": "supernatural",
        "Thriller": "thriller",
        "Travel": "travel",
        "War": "war",
        "Western": "western",
    },
    "status": {
        "Running": "returning series",
        "Ended": "ended",
        "To Be Determined": "returning series",
        "In Development": "in production",
    },
    "type": {
        "Scripted": "scripted",
        "Animation": "animation",
        "Reality": "reality",
        "Documentary": "documentary",
        "Talk Show": "talk-show",
        "Game Show": "game-show",
        "Panel Show": "panel-show",
        "Award Show": "award-show",
        "News": "news",
        "Sports": "sports",
        "Variety": "variety",
    },
    "language": {
        "Arabic": "ar",
        "Bengali": "bn",
        "Chinese": "zh",
        "Czech": "cs",
        "Danish": "da",
        "Dutch": "nl",
        "English": "en",
        "Estonian": "et",
        "Finnish": "fi",
        "French": "fr",
        "German": "de",
        "Greek": "el",
        "Hebrew": "he",
        "Hindi": "hi",
        "Hungarian": "hu",
        "Icelandic": "is",
        "Indonesian": "id",
        "Italian": "it",
        "Japanese": "ja",
        "Korean": "ko",
        "Malay": "ms",
        "Marathi": "mr",
        "Norwegian": "no",
        "Persian": "fa",
        "Polish": "pl",
        "Portuguese": "pt",
        "Romanian": "ro",
        "Russian": "ru",
        "Serbian": "sr",
        "Spanish": "es",
        "Swedish": "sv",
        "Tagalog": "tl",
        "Tamil": "ta",
        "Telugu": "te",
        "Thai": "th",
        "Turkish": "tr",
        "Ukrainian": "uk",
        "Urdu": "ur",
        "Vietnamese": "vi",
        "Welsh": "cy",
    },
}

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(value: str) -> str:
    """Lower case, runs of other characters as one ``-``: ``"Talk Show"`` -> ``"talk-show"``."""
    return _SLUG.sub("-", value.strip().lower()).strip("-")


def genre_list(value: object, *, tvmaze: bool = False) -> list[str] | None:
    """Genres as a list of Trakt's slugs, each once, in the source's order; None when none.

    Trakt's slugs are kept (lower case); TVmaze's names go through
    :data:`TVMAZE_TO_TRAKT` (`tvmaze` True). Non-text entries are skipped; an
    empty list, or anything but a list, is None (no genre known).
    """
    if not isinstance(value, list | tuple):
        return None
    table = TVMAZE_TO_TRAKT["genres"]
    out: list[str] = []
    for name in value:
        if not isinstance(name, str) or not name.strip():
            continue
        mapped = table.get(name.strip(), slug(name)) if tvmaze else slug(name)
        if mapped and mapped not in out:
            out.append(mapped)
    return out or None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _minutes(value: object) -> int | None:
    return value if type(value) is int and 0 < value <= 10_000 else None


def parse_tvmaze_show(record: object, *, problems: Problems) -> dict[str, Any]:
    """The :data:`~trakt_analysis.schema.SHOW_METADATA` of a TVmaze show record, in Trakt's terms.

    Parameters
    ----------
    record : dict
        The parsed JSON of ``GET /shows/{id}``.
    problems : Problems
        Made with the show's label: each odd value taken as unknown is
        recorded there; the source issues them as warnings.

    Returns
    -------
    dict
        ``genres`` (list of slugs or None), ``network`` (the network's name, else
        the web channel's), ``country`` (the network's or web channel's ISO code,
        lower case), ``language`` (ISO 639-1 where the table has it), ``show_type``,
        ``status``, ``premiered_year`` (int), ``runtime`` (``runtime``, else
        ``averageRuntime``, minutes); None where unknown.
    """
    if not isinstance(record, dict):
        problems.odd("", f"expected a show object, got {short(record)}", then="taken as unknown")
        return dict.fromkeys(_FIELDS)
    owner = record.get("network")
    if not isinstance(owner, dict):
        owner = record.get("webChannel")
    owner = owner if isinstance(owner, dict) else {}
    country = owner.get("country")
    code = _text(country.get("code")) if isinstance(country, dict) else None
    language = _text(record.get("language"))
    status = _text(record.get("status"))
    kind = _text(record.get("type"))
    premiered = _text(record.get("premiered"))
    year = None
    if premiered is not None:
        match = re.match(r"^(\d{4})-\d{2}-\d{2}$", premiered)
        if match:
            year = int(match.group(1))
        else:
            problems.odd("", f"premiered {short(premiered)} is not a date", then="taken as unknown")
    runtime = _minutes(record.get("runtime")) or _minutes(record.get("averageRuntime"))
    values = {
        "genres": genre_list(record.get("genres"), tvmaze=True),
        "network": _text(owner.get("name")),
        "country": code.lower() if code else None,
        "language": None
        if language is None
        else TVMAZE_TO_TRAKT["language"].get(language, language.lower()),
        "show_type": None if kind is None else TVMAZE_TO_TRAKT["type"].get(kind, slug(kind)),
        "status": None if status is None else TVMAZE_TO_TRAKT["status"].get(status, slug(status)),
        "premiered_year": year,
        "runtime": runtime,
    }
    return values


_FIELDS = (
    "genres",
    "network",
    "country",
    "language",
    "show_type",
    "status",
    "premiered_year",
    "runtime",
)
