"""A deterministic watch history planned from the generator's show plans.

For each :class:`~trakt_analysis.demo.generate.ShowSpec` the plan gives every
watched episode at least one play, in episode order, and then the show's
rewatches (``spec.rewatches`` further plays, rewatch passes from the first
watched episode). The plays of the counted seasons (listed, not hidden, not
specials) are exactly ``spec.plays`` and split into scrobbles, check-ins and
"seen" marks as the v1 ``stats`` the generator renders (:func:`play_split`);
watched specials and episodes of hidden seasons get one "seen" play each, on
top (v1's stats leave them out, as Trakt's totals do).

Times are realistic: sessions in the user's local evening (afternoons too at
weekends), one to three episodes mostly and a binge now and then, days apart,
rewatch passes months later; the first "seen" marks come before the scrobbles,
as when someone joins Trakt and marks their backlog. A few movies are watched
too (one shares its title and year with a show, as Battlestar Galactica, 1978
does on Trakt).

Tests take their expected values from this plan, never from the loader. The
same specs and seed give the same plan on every Python >= 3.11 (only
:class:`random.Random`'s integer and choice methods are used).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .generate import ShowSpec, _slug, episode_title

__all__ = [
    "MOVIES",
    "PlannedPlay",
    "history_items",
    "movie_ids",
    "plan_history",
    "play_split",
    "show_ids",
]

_START = datetime(2013, 3, 1)  # local time of the earliest play
_END = datetime(2026, 10, 31)  # local time of the latest play
#: Movies the demo users watch: (title, year, runtime in minutes). One shares
#: its title and year with a show; two are a remake pair; two are not ASCII.
MOVIES: list[tuple[str, int, int]] = [
    ("Battlestar Galactica", 1978, 125),
    ("Dune", 1984, 137),
    ("Dune", 2021, 155),
    ("Amélie", 2001, 122),
    ("千と千尋の神隠し", 2001, 125),
    ("Arrival", 2016, 116),
]


@dataclass(frozen=True)
class PlannedPlay:
    """One planned play. ``show`` is the spec's index (episodes) or the movie's (movies)."""

    id: int
    watched_at: datetime  # UTC
    action: str  # "scrobble", "checkin" or "watch"
    type: str  # "episode" or "movie"
    show: int
    season: int | None
    episode: int | None
    runtime: int  # minutes


def play_split(spec: ShowSpec) -> tuple[int, int, int]:
    """(scrobbles, checkins, seen) of the counted seasons' plays, as v1 ``stats`` renders them."""
    plays = spec.plays
    seen = round(plays * spec.seen_share)
    checkins = min(spec.checkins, plays - seen)
    return plays - seen - checkins, checkins, seen


def show_ids(spec: ShowSpec) -> dict[str, Any]:
    """Trakt's ids of a planned show, as v2 and the export send them.

    tvdb and imdb agree with the v1 rendering; tvrage is null, as Trakt now sends it.
    """
    return {
        "trakt": 100_000 + spec.index * 101,
        "slug": _slug(spec.title, spec.year),
        "tvdb": 70_000 + spec.index * 37,
        "imdb": f"tt{1_000_000 + spec.index * 7919:07d}",
        "tmdb": 30_000 + spec.index * 53,
        "tvrage": None,
    }


def movie_ids(index: int) -> dict[str, Any]:
    """Trakt's ids of the movie ``MOVIES[index]``."""
    title, year, _ = MOVIES[index]
    return {
        "trakt": 500_000 + index * 7,
        "slug": _slug(title, year),
        "imdb": f"tt{2_000_000 + index * 613:07d}",
        "tmdb": 90_000 + index * 29,
    }


def _runtime(spec: ShowSpec) -> int:
    runtime = spec.extra.get("runtime")
    return runtime if isinstance(runtime, int) else (25, 30, 45, 60)[spec.index % 4]


def plan_history(
    specs: list[ShowSpec], *, seed: str | int, timezone: str, movies: bool = True
) -> list[PlannedPlay]:
    """Plan every play of `specs`, newest first, with ids rising with time.

    Parameters
    ----------
    specs : list of ShowSpec
        The shows' plans (:func:`~trakt_analysis.demo.generate.make_specs`).
    seed : str or int
        Seed of the times and orders; the same seed gives the same plan.
    timezone : str
        The user's IANA time zone: sessions are planned in its local evenings.
    movies : bool
        Add a few movie plays (:data:`MOVIES`).
    """
    rng = random.Random(f"history:{seed}")
    zone = ZoneInfo(timezone)
    raw: list[tuple[datetime, str, str, int, int | None, int | None, int]] = []
    for spec in specs:
        raw.extend(_plan_show(rng, spec, zone))
    if movies:
        for index, (_, _, runtime) in enumerate(MOVIES):
            for _ in range(rng.choice((1, 1, 2))):
                when = _local_evening(rng, _random_day(rng), runtime)
                action = rng.choice(("scrobble", "scrobble", "checkin", "watch"))
                raw.append((_to_utc(when, zone), action, "movie", index, None, None, runtime))
    raw.sort(key=lambda play: (play[0], play[2], play[3], play[4] or 0, play[5] or 0))
    plays = []
    next_id = 1_000_000_000 + rng.randint(0, 10_000)
    for when, action, kind, show, season, episode, runtime in raw:
        plays.append(PlannedPlay(next_id, when, action, kind, show, season, episode, runtime))
        next_id += rng.randint(1, 5_000)
    plays.reverse()  # newest first, as Trakt sends them
    return plays


def _plan_show(
    rng: random.Random, spec: ShowSpec, zone: ZoneInfo
) -> list[tuple[datetime, str, str, int, int | None, int | None, int]]:
    counted = {s.number for s in spec.counted}
    first_pass = [
        (season.number, number)
        for season in sorted(spec.seasons, key=lambda s: s.number)
        for number, watched in enumerate(season.watched, start=1)
        if watched
    ]
    if not first_pass:
        return []
    counted_eps = [key for key in first_pass if key[0] in counted]
    # Rewatch passes from the first watched counted episode.
    rewatch = (
        [counted_eps[k % len(counted_eps)] for k in range(spec.rewatches)] if counted_eps else []
    )
    runtime = _runtime(spec)
    # Sessions: mostly one to three episodes, a binge now and then; a rewatch
    # pass starts months after the first one ends.
    sessions: list[tuple[int, list[tuple[int, int]]]] = []  # (days after the last, episodes)
    for order, episodes in ((0, first_pass), (1, rewatch)):
        pos = 0
        while pos < len(episodes):
            size = rng.choice((1, 1, 2, 2, 3)) if rng.randint(1, 8) > 1 else rng.randint(4, 8)
            if order == 1 and pos == 0:
                gap = rng.randint(120, 600)
            elif not sessions:
                gap = 0
            else:
                gap = rng.randint(1, 9)
            sessions.append((gap, episodes[pos : pos + size]))
            pos += size
    span = sum(gap for gap, _ in sessions) + 7 * len(sessions) // 2  # with weekend moves
    # Nobody watches a show before it airs: the first play comes after its premiere
    # (spring of its first year), or after the user joined Trakt, whichever is later.
    earliest = max(_START, datetime(min(spec.year, _END.year), 4, 1))
    room = max(1, (_END - earliest).days)
    scale = 1.0 if span <= room // 2 else (room // 2) / span
    start = earliest + timedelta(days=rng.randint(0, max(0, room - round(span * scale))))
    day = start
    planned: list[tuple[datetime, int, int]] = []
    for gap, episodes in sessions:
        day = day + timedelta(days=max(0, round(gap * scale)) if gap else 0)
        if gap and rng.randint(1, 5) <= 2:  # the weekend peak: put it off to Saturday or Sunday
            day += timedelta(days=(5 - day.weekday()) % 7 + rng.randint(0, 1))
        begin = _local_evening(rng, day, runtime * len(episodes))
        for k, (season, number) in enumerate(episodes):
            ends = begin + timedelta(minutes=(k + 1) * runtime + k * rng.randint(2, 12))
            planned.append((_to_utc(ends, zone), season, number))
    # Actions: the counted plays split as v1's stats; the first "seen" marks
    # come first (a backlog marked when joining), check-ins are scattered.
    scrobbles, checkins, seen = play_split(spec)
    counted_positions = [i for i, (_, season, _) in enumerate(planned) if season in counted]
    counted_positions = counted_positions[: scrobbles + checkins + seen]
    actions = ["watch"] * len(planned)
    later = counted_positions[seen:]
    checkin_at = set(rng.sample(range(len(later)), checkins)) if later else set()
    for k, i in enumerate(later):
        actions[i] = "checkin" if k in checkin_at else "scrobble"
    return [
        (when, actions[i], "episode", spec.index, season, number, runtime)
        for i, (when, season, number) in enumerate(planned)
    ]


def _random_day(rng: random.Random) -> datetime:
    return _START + timedelta(days=rng.randint(0, (_END - _START).days))


def _local_evening(rng: random.Random, day: datetime, minutes: int) -> datetime:
    """A local start time on `day`: the evening, or the afternoon at weekends."""
    weekend = day.weekday() >= 5
    hour = rng.randint(14, 21) if weekend and rng.randint(0, 1) else rng.randint(19, 22)
    if minutes > 180:  # a long binge starts earlier
        hour = max(12, hour - minutes // 90)
    return day.replace(hour=hour, minute=rng.randint(0, 59), second=rng.randint(0, 59))


def _to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(UTC)


def history_items(specs: list[ShowSpec], plays: list[PlannedPlay]) -> list[dict[str, Any]]:
    """The plays as API v2 history items (the export's ``watched-history-N.json`` entries)."""
    by_index = {spec.index: spec for spec in specs}
    items = []
    for play in plays:
        item: dict[str, Any] = {
            "id": play.id,
            "watched_at": play.watched_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "action": play.action,
            "type": play.type,
        }
        if play.type == "movie":
            title, year, runtime = MOVIES[play.show]
            item["movie"] = {
                "title": title,
                "year": year,
                "ids": movie_ids(play.show),
                "runtime": runtime,
            }
        else:
            spec = by_index[play.show]
            season, number = play.season, play.episode
            assert season is not None
            assert number is not None
            item["episode"] = {
                "season": season,
                "number": number,
                "title": episode_title(spec, season, number),
                "ids": {"trakt": spec.index * 100_000 + season * 1_000 + number},
                "runtime": play.runtime,
            }
            item["show"] = {"title": spec.title, "year": spec.year, "ids": show_ids(spec)}
        items.append(item)
    return items
