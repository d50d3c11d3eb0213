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
    "V1_COUNTRIES",
    "country_code",
    "genre_list",
    "parse_trakt_show",
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

#: API v1's country names -> ISO 3166-1 codes (lower case, as v2 and TVmaze's
#: mapped values): v1's extended show objects sent ``"country": "United States"``.
V1_COUNTRIES: dict[str, str] = {
    "Argentina": "ar",
    "Australia": "au",
    "Austria": "at",
    "Belgium": "be",
    "Brazil": "br",
    "Canada": "ca",
    "China": "cn",
    "Colombia": "co",
    "Czech Republic": "cz",
    "Denmark": "dk",
    "Finland": "fi",
    "France": "fr",
    "Germany": "de",
    "Greece": "gr",
    "Hong Kong": "hk",
    "Iceland": "is",
    "India": "in",
    "Ireland": "ie",
    "Israel": "il",
    "Italy": "it",
    "Japan": "jp",
    "Korea": "kr",
    "Mexico": "mx",
    "Netherlands": "nl",
    "New Zealand": "nz",
    "Norway": "no",
    "Philippines": "ph",
    "Poland": "pl",
    "Portugal": "pt",
    "Russia": "ru",
    "South Africa": "za",
    "South Korea": "kr",
    "Spain": "es",
    "Sweden": "se",
    "Switzerland": "ch",
    "Taiwan": "tw",
    "Thailand": "th",
    "Turkey": "tr",
    "United Kingdom": "gb",
    "United States": "us",
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


def country_code(value: str) -> str:
    """A country in Trakt's words: an ISO code lower case (``"US"`` -> ``"us"``), a v1
    name through :data:`V1_COUNTRIES` (``"United States"`` -> ``"us"``); a name not in
    the table is kept, lower case, rather than lost."""
    name = value.strip()
    return V1_COUNTRIES.get(name, name.lower())


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}$")  # TVmaze's premiered
_DATE_TIME = re.compile(r"^(\d{4})-\d{2}-\d{2}")  # Trakt's first_aired: a time follows


def _year(
    value: str | None, pattern: re.Pattern[str], what: str, problems: list[str], *, then: str = ""
) -> int | None:
    """The year of a date `pattern` matches; None when there is none, with a problem if odd."""
    if value is None:
        return None
    match = pattern.match(value)
    if match is None:
        problems.append(f"{what} {short(value)} is not a date{then}")
        return None
    return int(match.group(1))


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
    odd: list[str] = []
    year = _year(_text(record.get("premiered")), _DATE, "premiered", odd)
    for what in odd:
        problems.odd("", what, then="taken as unknown")
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


def parse_trakt_show(show: object) -> tuple[dict[str, Any], list[str]]:
    """The :data:`~trakt_analysis.schema.SHOW_METADATA` of an API v2 ``extended=full`` show.

    Parameters
    ----------
    show : dict
        A show object with the ``extended=full`` fields (trakt-api's
        ``showResponseSchema``): ``genres`` (slugs), ``network``, ``country``
        and ``language`` (ISO codes), ``status``, ``first_aired`` (ISO 8601,
        UTC), ``runtime`` (minutes). A show object without them (no
        ``extended=full``) gives all None and no problem.

    Returns
    -------
    values : dict
        ``genres`` (list of slugs or None), ``network``, ``country`` and
        ``language`` (lower case), ``show_type`` (always None: Trakt has no show
        type), ``status`` (lower case), ``premiered_year`` (the year of
        ``first_aired``, UTC), ``runtime`` (minutes); None where unknown.
    problems : list of str
        One line per odd value that was taken as unknown (``"show.runtime -5
        is not a number of minutes"``), for the caller to name the show.
    """
    if not isinstance(show, dict):
        return dict.fromkeys(_FIELDS), []
    problems: list[str] = []

    def field(name: str) -> str | None:
        value = show.get(name)
        if value is None or _text(value) is not None:
            return _text(value)
        problems.append(f"show.{name} {short(value)} is not text")
        return None

    genres = show.get("genres")
    if genres is not None and not isinstance(genres, list):
        problems.append(f"show.genres {short(genres)} is not a list")
    runtime = show.get("runtime")
    if runtime is not None and _minutes(runtime) is None:
        problems.append(f"show.runtime {short(runtime)} is not a number of minutes")
    year = _year(field("first_aired"), _DATE_TIME, "show.first_aired", problems)
    country, language, status = field("country"), field("language"), field("status")
    values = {
        "genres": genre_list(genres),
        "network": field("network"),
        "country": country_code(country) if country else None,
        "language": language.lower() if language else None,
        "show_type": None,
        "status": status.lower() if status else None,
        "premiered_year": year,
        "runtime": _minutes(runtime),
    }
    return values, problems
