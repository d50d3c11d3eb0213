"""A deterministic generator of realistic v1 progress responses.

It makes the bundled demo users and the large payloads for benchmarks. Each
response is built from a list of :class:`ShowSpec`: the plan of every show,
season and watched episode. Tests take their expected values from the specs
(how the data was built), never from the loader.

The same ``seed`` gives the same bytes on every Python >= 3.11: only
:class:`random.Random`'s integer and choice methods are used, whose sequences
Python keeps stable.

The plans cover the ranges real Trakt data has: air dates before 1970
(negative unix times) and after 2038, 0 for an unknown air date, nulls and
empty strings where v1 sent them, remakes sharing a title, titles in many
scripts, seasons with no aired episode yet and huge daily seasons, and next
episodes that carry the true instant (``first_aired_utc``/``first_aired_iso``)
beside v1's Pacific-encoded ``first_aired``.
"""

from __future__ import annotations

import random
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, TypedDict, Unpack

import orjson

from ..errors import TraktArgumentError
from ..parsers.show_metadata import TVMAZE_TO_TRAKT
from .show_facts import facts

__all__ = [
    "PROFILES",
    "PlanOptions",
    "SeasonSpec",
    "ShowSpec",
    "generate_progress",
    "hidden_show",
    "make_specs",
    "render",
    "trakt_facts",
]

Profile = Literal["full", "minimal", "binger"]
PROFILES: tuple[str, ...] = ("full", "minimal", "binger")

_DAY = 86_400
_HOUR = 3_600
# Doctor Who's first episode, 1963-11-23 17:15 UTC: a negative unix time.
_DOCTOR_WHO_1963 = -192_696_300
# A next episode announced for after 2038 (past a signed 32-bit unix time).
_FAR_FUTURE = ("Ψ Station 🚀", 2_276_798_400)  # 2042-02-23 20:00 UTC

# Titles chosen to exercise the loader: Unicode in several scripts (Japanese,
# Hangul, Devanagari, Thai), emoji, remakes (same title, another year), strings
# that look like NA or numbers, long titles, markup, pre-1970 shows.
_TITLES: list[tuple[str, int]] = [
    ("Game of Thrones", 2011),
    ("Breaking Bad", 2008),
    ("The Wire", 2002),
    ("Battlestar Galactica", 1978),
    ("Battlestar Galactica", 2004),
    ("Doctor Who", 1963),
    ("Doctor Who", 2005),
    ("Shōgun", 1980),
    ("Shōgun", 2024),
    ("進撃の巨人", 2013),
    ("La casa de papel", 2017),
    ("Pokémon", 1997),
    ("Ψ Station 🚀", 2021),
    ("Dark", 2017),
    ("Jeopardy!", 1984),
    ("The Daily Show", 1996),
    ("1883", 2021),
    ("NA", 2019),
    ("Brooklyn Nine-Nine", 2013),
    ("Parks and Recreation", 2009),
    ("The Office", 2005),
    ("The Office", 2001),
    ("เคว้ง", 2020),
    ("Fleabag", 2016),
    ("Chernobyl", 2019),
    ("Severance", 2022),
    ("कौन बनेगा करोड़पति", 2000),
    ("Succession", 2018),
    ("Ted Lasso", 2020),
    ("Better Call Saul", 2015),
    ("Twin Peaks", 1990),
    ("Twin Peaks", 2017),
    ("The Expanse", 2015),
    ("Arcane", 2021),
    ("사랑의 불시착", 2019),
    ("Hell's Kitchen", 2005),
    ("Suits", 2011),
    ("<Tales> & =SUM(A1)", 2020),
    ("The Extraordinarily Long-Running Chronicles of an Imaginary Detective Agency", 2012),
    ("Ku'damm 56", 2016),
]
_NETWORKS = ["HBO", "AMC", "BBC One", "Netflix", "FX", "NBC", "Apple TV+", "NHK", "DR1", "Fox"]
_COUNTRIES = ["us", "gb", "jp", "de", "es", "dk"]
_GENRES = ["drama", "comedy", "fantasy", "science-fiction", "crime", "animation", "reality"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_CERTS = ["TV-MA", "TV-14", "TV-PG", "TV-G"]
#: Episode titles as TV shows name them; each episode draws one by its place in the plan,
#: so every stand-in (v1, v2, the export's history, TVmaze) names an episode alike.
_EPISODE_TITLES = (
    "The Long Night",
    "Homecoming",
    "Crossroads",
    "Old Wounds",
    "A Fine Line",
    "Blood Money",
    "The Reckoning",
    "Lost and Found",
    "Point of No Return",
    "Breaking Point",
    "The Stranger",
    "Family Business",
    "Smoke and Mirrors",
    "Burn Notice",
    "The Calm",
    "Fault Lines",
    "Second Chances",
    "Ghosts",
    "Checkmate",
    "The Visitor",
    "Cold Open",
    "Deep Water",
    "Trust Issues",
    "The Last Stand",
    "Aftermath",
    "New Blood",
    "Signal and Noise",
    "The Hunt",
    "Into the Woods",
    "Dead Reckoning",
    "Open House",
    "The Weight",
    "Fallout",
    "Paper Trail",
    "Safe Harbor",
    "Leap of Faith",
    "Loose Ends",
    "The Ask",
    "Rough Cut",
    "Full Circle",
)


def episode_title(spec: ShowSpec, season: int, number: int) -> str:
    """The demo title of episode `number` of `season`: "Pilot" opens a show, finales close seasons.

    The same for every stand-in, and stable across runs (no random draw).
    """
    if season == 1 and number == 1:
        return "Pilot"
    listed = next((s for s in spec.seasons if s.number == season), None)
    if listed is not None and number == len(listed.watched) and number > 1:
        return f"{_EPISODE_TITLES[(spec.index + season) % len(_EPISODE_TITLES)]} (Finale)"
    key = spec.index * 7919 + season * 131 + number * 17
    return _EPISODE_TITLES[key % len(_EPISODE_TITLES)]


@dataclass
class SeasonSpec:
    """One season: its number, its aired episodes and which were watched."""

    number: int
    watched: list[bool]
    hidden: bool = False
    listed: bool = True

    @property
    def aired(self) -> int:
        return len(self.watched)

    @property
    def completed(self) -> int:
        return sum(self.watched)


@dataclass
class ShowSpec:
    """The plan of one show; :func:`render` turns it into a response item."""

    title: str
    year: int
    index: int
    seasons: list[SeasonSpec]
    first_aired: int
    rewatches: int = 0
    checkins: int = 0
    seen_share: float = 0.0
    ids_as_strings: bool = False
    number_key: str = "number"
    viewer: dict[str, Any] | None = None
    extended: bool = True
    extra: dict[str, Any] = field(default_factory=dict)
    #: The true instant (unix seconds, UTC) each episode's air time counts from.
    next_base: int = 0
    #: How the next episode's air time is sent: "pacific" (v1's ``first_aired``
    #: only: the local time read as US Pacific, here 3 hours late for an East
    #: Coast show), "utc" (``first_aired_utc`` and ``first_aired_iso`` beside
    #: it), "exact" (``first_aired`` is the instant) or "unknown" (0).
    air_time: str = "exact"
    #: The next episode's title is null (v1 sent null for untitled episodes).
    next_title_null: bool = False

    @property
    def counted(self) -> list[SeasonSpec]:
        """Seasons in the show's totals: listed, not hidden, not specials."""
        return [s for s in self.seasons if s.listed and not s.hidden and s.number > 0]

    @property
    def aired(self) -> int:
        return sum(s.aired for s in self.counted)

    @property
    def completed(self) -> int:
        return sum(s.completed for s in self.counted)

    @property
    def plays(self) -> int:
        return self.completed + self.rewatches

    @property
    def next_aired(self) -> int | None:
        """The true air instant of the next episode (unix seconds, UTC); None if unknown."""
        nxt = self.next_episode
        if nxt is None or self.air_time == "unknown":
            return None
        if self.title == _FAR_FUTURE[0]:
            return _FAR_FUTURE[1]
        season, number = nxt
        return self.next_base + ((season - 1) * 52 + number - 1) * 7 * _DAY

    @property
    def next_first_aired(self) -> int | None:
        """What ``next_first_aired`` must be after loading (unix seconds, UTC).

        The true instant, except where only v1's Pacific-encoded
        ``first_aired`` is sent: then that value, 3 hours late.
        """
        aired = self.next_aired
        if aired is None:
            return None
        return aired + 3 * _HOUR if self.air_time == "pacific" else aired

    @property
    def next_episode(self) -> tuple[int, int] | None:
        """(season, episode) of the first unwatched counted episode."""
        for season in self.counted:
            for number, watched in enumerate(season.watched, start=1):
                if not watched:
                    return season.number, number
        return None


def hidden_show(specs: Iterable[ShowSpec], watched: Container[int] | None = None) -> int | None:
    """The index of the show the plan's user hid from progress (dropped), or None.

    The last show in progress (started, episodes left) without a rewatch and
    without a hidden season, among `watched` (show indices with a play; all
    by default). The stand-ins that know hidden shows (the account export's
    ``hidden-progress-watched.json``, API v2's ``/users/hidden/progress_watched``)
    both hide this one.
    """
    for spec in reversed(list(specs)):
        if (
            (watched is None or spec.index in watched)
            and 0 < spec.completed < spec.aired
            and spec.rewatches == 0
            and not any(s.hidden for s in spec.seasons)
        ):
            return spec.index
    return None


def make_specs(
    n_shows: int = 40,
    *,
    seed: int = 0,
    profile: Profile = "full",
    episodes_per_show: int | None = None,
) -> list[ShowSpec]:
    """Plan `n_shows` shows.

    Parameters
    ----------
    n_shows : int
        Number of shows. Titles repeat (with a suffix) beyond the built-in list.
    seed : int
        Seed of the random plan; the same seed gives the same shows.
    profile : {"full", "minimal", "binger"}
        ``"full"``: ``extended=full`` show fields and the fields valid auth
        adds. ``"minimal"``: the seed's minimal fields only. ``"binger"``: full
        fields, mostly finished shows with many rewatches.
    episodes_per_show : int, optional
        Average aired episodes per show, for benchmark payloads.
    """
    if profile not in PROFILES:
        raise TraktArgumentError(f"profile must be one of {', '.join(PROFILES)}, got {profile!r}")
    rng = random.Random(f"{profile}:{seed}")
    specs = []
    for index in range(n_shows):
        title, year = _TITLES[index % len(_TITLES)]
        if index >= len(_TITLES):
            title = f"{title} ({index // len(_TITLES) + 1})"
        specs.append(_plan_show(rng, index, title, year, profile, episodes_per_show))
    return specs


def _plan_show(
    rng: random.Random,
    index: int,
    title: str,
    year: int,
    profile: Profile,
    episodes_per_show: int | None,
) -> ShowSpec:
    daily = title in ("Jeopardy!", "The Daily Show")
    if episodes_per_show:
        n_seasons = rng.randint(1, 12)
        per_season = max(1, round(episodes_per_show / n_seasons))
        lengths = [max(1, per_season + rng.randint(-2, 2)) for _ in range(n_seasons)]
    elif daily:
        lengths = [rng.randint(200, 230) for _ in range(rng.randint(2, 3))]
    else:
        lengths = [rng.choice((6, 8, 10, 10, 13, 22)) for _ in range(rng.randint(1, 7))]

    # How far along: unwatched, finished, in progress, or with gaps.
    state = rng.choice(("new", "done", "done", "progress", "progress", "gaps"))
    if profile == "binger":
        state = rng.choice(("done", "done", "done", "progress"))
    if profile == "minimal" and index == 0:
        state = "progress"
    total = sum(lengths)
    if state == "new":
        cut = 0
    elif state == "done":
        cut = total
    else:
        cut = rng.randint(1, max(1, total - 1))
    seasons: list[SeasonSpec] = []
    position = 0
    for number, length in enumerate(lengths, start=1):
        watched = [position + k < cut for k in range(length)]
        if state == "gaps" and length > 2:
            for _ in range(rng.randint(1, 3)):  # skipped episodes
                watched[rng.randrange(length)] = False
        position += length
        seasons.append(SeasonSpec(number, watched))
    if profile != "minimal" and rng.random() < 0.3:
        specials = [rng.random() < 0.5 for _ in range(rng.randint(1, 4))]
        seasons.insert(0, SeasonSpec(0, specials))
    if len(seasons) > 2 and rng.random() < 0.2:
        # The user hid the first listed season: trakt then leaves it out of the list.
        seasons[0].hidden = True
        seasons[0].listed = rng.random() < 0.5
    # Real calendar dates: before 1970 these are negative unix times.
    start = datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 300), hours=20)
    first_aired = int(start.timestamp())
    if title == "Doctor Who" and year == 1963:
        first_aired = _DOCTOR_WHO_1963
    # Without drawing from rng (the other shows' plans stay as they were): a
    # daily show with a huge season, and a show with an announced, empty season.
    if title == "कौन बनेगा करोड़पति":
        seasons.append(SeasonSpec(seasons[-1].number + 1, [False] * 1_000))
    if title == "Severance":
        seasons.append(SeasonSpec(seasons[-1].number + 1, []))
    rewatches = 0
    if profile == "binger" or rng.random() < 0.25:
        rewatches = rng.randint(1, 3) * max(1, cut // 2)
    spec = ShowSpec(
        title=title,
        year=year,
        index=index,
        seasons=seasons,
        first_aired=first_aired,
        next_base=first_aired,
        air_time="exact"
        if first_aired == _DOCTOR_WHO_1963
        else (
            "exact",
            "pacific",
            "exact",
            "utc" if profile != "minimal" else "pacific",
            "exact",
            "unknown",
        )[index % 6],
        next_title_null=index % 9 == 8,
        rewatches=rewatches if cut else 0,
        checkins=rng.randint(0, 3) if cut else 0,
        seen_share=rng.choice((0.0, 0.1, 0.5, 1.0)),
        ids_as_strings=rng.random() < 0.15,
        number_key="num" if profile == "minimal" or rng.random() < 0.3 else "number",
        extended=profile != "minimal",
    )
    if profile != "minimal":
        spec.viewer = {
            "watched": cut == total and total > 0,
            "plays": spec.plays,
            "in_watchlist": rng.random() < 0.2,
            "rating": rng.choice(("love", "hate", False, False)),
        }
        rng.choice(_COUNTRIES)  # the country: drawn, so the plans stay stable
        runtime = 22 if daily else rng.choice((25, 30, 45, 60))
        network = rng.choice(_NETWORKS)  # drawn for every show, so the plans stay stable
        # Drawn in this order, as before, so the plans stay stable.
        air_day = rng.choice(_DAYS)
        air_time = f"{rng.randint(17, 22)}:00"
        certification = rng.choice(_CERTS)
        rng.sample(_GENRES, rng.randint(1, 3))
        # What the show really is (demo/show_facts.py), in Trakt's words; the draws above
        # stay, so the other plans stay as they were.
        known = trakt_facts(title, year, index)
        network = known["network"] or network
        spec.extra = {
            "country": known["country"],
            "runtime": runtime,
            "network": network if index % 6 != 5 else None,  # v1 sent null when unknown
            "air_day": air_day,
            "air_time": air_time,
            "certification": certification,
            "genres": known["genres"],
            "language": known["language"],
            "status": known["status"],
            "ratings": {
                "percentage": rng.randint(55, 98),
                "votes": rng.randint(10, 50_000),
                "loved": rng.randint(5, 40_000),
                "hated": rng.randint(0, 2_000),
            },
        }
    return spec


def trakt_facts(title: str, year: int, index: int) -> dict[str, Any]:
    """What a planned show is (:func:`~.show_facts.facts`), in Trakt's words.

    ``genres`` (slugs), ``network`` (None where the facts have none), ``country``
    (ISO code, lower case; ``"us"`` where TVmaze has none, as Trakt gives one),
    ``language`` (ISO 639-1) and ``status``, through
    :data:`~trakt_analysis.parsers.show_metadata.TVMAZE_TO_TRAKT`: what Trakt's
    ``extended=full`` show objects send, v1's and v2's alike.
    """
    known = facts(title, year, index)
    return {
        "genres": [TVMAZE_TO_TRAKT["genres"].get(g, g.lower()) for g in known.genres],
        "network": known.network,
        "country": known.country.lower() if known.country else "us",
        "language": TVMAZE_TO_TRAKT["language"].get(known.language, "en"),
        "status": TVMAZE_TO_TRAKT["status"].get(known.status, "ended"),
    }


def render(specs: list[ShowSpec]) -> list[dict[str, Any]]:
    """The v1 response (a list of items) for a plan."""
    return [_render_show(spec) for spec in specs]


def _slug(title: str, year: int) -> str:
    word = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    return f"{word}-{year}"


def _render_show(spec: ShowSpec) -> dict[str, Any]:
    tvdb = 70_000 + spec.index * 37
    ids: dict[str, Any] = {
        # v1 sent "" (and sometimes null) for an unknown IMDb id, 0 or null for others.
        "imdb_id": "" if spec.index % 8 == 7 else f"tt{1_000_000 + spec.index * 7919:07d}",
        "tvdb_id": str(tvdb) if spec.ids_as_strings else tvdb,
        "tvrage_id": (0 if spec.index % 10 == 0 else None)
        if spec.index % 5 == 0
        else 20_000 + spec.index,
    }
    show: dict[str, Any] = {"title": spec.title, "year": spec.year, **ids}
    if spec.extended:
        slug = _slug(spec.title, spec.year)
        show.update(
            url=f"http://trakt.tv/show/{slug}",
            first_aired=spec.first_aired,
            overview=f"{spec.title} ({spec.year}): an example show made by the generator.",
            images={
                "poster": f"http://trakt.us/images/posters/{spec.index}.jpg",
                "fanart": f"http://trakt.us/images/fanart/{spec.index}.jpg",
            },
            **spec.extra,
        )
    aired, completed = spec.aired, spec.completed
    plays = spec.plays
    seen = round(plays * spec.seen_share)
    checkins = min(spec.checkins, plays - seen)
    item: dict[str, Any] = {
        "show": show,
        "progress": {
            "percentage": completed * 100 // aired if aired else 0,
            "aired": aired,
            "completed": completed,
            "left": aired - completed,
        },
        "seasons": [
            {
                "season": s.number,
                "percentage": s.completed * 100 // s.aired if s.aired else 0,
                "aired": s.aired,
                "completed": s.completed,
                "left": s.aired - s.completed,
                "episodes": {str(n): w for n, w in enumerate(s.watched, start=1)},
            }
            for s in spec.seasons
            if s.listed
        ],
        "hidden_seasons": [s.number for s in spec.seasons if s.hidden],
        "stats": {
            "plays": plays,
            "scrobbles": plays - seen - checkins,
            "checkins": checkins,
            "seen": seen,
        },
        "next_episode": _render_next(spec),
    }
    if spec.viewer is not None:
        # Valid auth adds these; half the shows carry them inside "show", half beside it.
        (show if spec.index % 2 else item).update(spec.viewer)
    return item


def _render_next(spec: ShowSpec) -> dict[str, Any] | bool:
    nxt = spec.next_episode
    if nxt is None:
        return False
    season, number = nxt
    out: dict[str, Any] = {
        "season": season,
        spec.number_key: number,
        "title": None if spec.next_title_null else episode_title(spec, season, number),
    }
    aired = spec.next_aired
    if aired is None:
        out["first_aired"] = 0  # v1's "date unknown"
    elif spec.air_time == "exact":
        out["first_aired"] = aired
    else:
        # v1's first_aired: 22:00 Eastern read as Pacific, 3 hours after the instant.
        out["first_aired"] = aired + 3 * _HOUR
    if spec.air_time == "utc" and aired is not None:
        local = datetime.fromtimestamp(aired, UTC) - timedelta(hours=5)
        out["first_aired_iso"] = local.strftime("%Y-%m-%dT%H:%M:%S") + "-05:00"
        out["first_aired_utc"] = aired
    out["images"] = {
        "screen": f"http://trakt.us/images/episodes/{spec.index}-{season}-{number}.jpg"
    }
    return out


class PlanOptions(TypedDict, total=False):
    """The keyword options of :func:`make_specs`, for functions that pass them on."""

    seed: int
    profile: Profile
    episodes_per_show: int | None


def generate_progress(
    n_shows: int = 40, *, indent: bool = True, **plan: Unpack[PlanOptions]
) -> bytes:
    """A v1 progress response as JSON bytes.

    `n_shows` and `plan` (``seed``, ``profile``, ``episodes_per_show``) are
    :func:`make_specs`' parameters, with its defaults; `indent`: indent the JSON
    by two spaces (for fixtures people read) or make it compact (benchmarks).

    Examples
    --------
    >>> from trakt_analysis.demo.generate import generate_progress
    >>> payload = generate_progress(3, episodes_per_show=4)  # 2500 and 80: a benchmark's
    >>> payload[:1], payload.count(b'"show":')
    (b'[', 3)
    """
    specs = make_specs(n_shows, **plan)
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(render(specs), option=option) + b"\n"
