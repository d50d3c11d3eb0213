"""The demo users' ratings, planned from their shows and history (the export's ``ratings-*.json``).

The rules (tests take their expected values from these, never from the loader):

- a watched show whose index is a multiple of 3 is rated ``6 + index % 5``, an
  hour after its last play;
- a watched show whose index is 1 more than a multiple of 4: its last played
  episode is rated ``5 + (index // 4) % 6``, 10 minutes after that play;
- a watched show whose index is 2 more than a multiple of 5: the season of its
  first play is rated ``6 + (index // 5) % 5``, a day after that play;
- each movie watched is rated :data:`MOVIE_RATINGS` ``[movie]``, an hour after its last play;
- the first show of the plan that was never watched is rated 4 at
  :data:`UNWATCHED_RATED_AT` (rated but never watched, as Trakt allows).

The items have the shape of ``GET /users/{slug}/ratings/{type}`` (the export's
files) and ``GET /sync/ratings/{type}``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .generate import ShowSpec
from .history import MOVIES, PlannedPlay, movie_ids, show_ids

__all__ = ["MOVIE_RATINGS", "UNWATCHED_RATED_AT", "rating_items"]

#: The rating of each movie of :data:`~trakt_analysis.demo.history.MOVIES`, when watched.
MOVIE_RATINGS: tuple[int, ...] = (6, 8, 9, 7, 10, 9)
#: When the never-watched show was rated (UTC).
UNWATCHED_RATED_AT = "2020-05-01T19:30:00.000Z"


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _show(spec: ShowSpec) -> dict[str, Any]:
    return {"title": spec.title, "year": spec.year, "ids": show_ids(spec)}


def rating_items(
    specs: list[ShowSpec], plays: list[PlannedPlay]
) -> dict[str, list[dict[str, Any]]]:
    """The planned ratings by type (``"shows"``, ``"seasons"``, ``"episodes"``, ``"movies"``).

    Each list is newest first, as Trakt lists them.
    """
    by_show: dict[int, list[PlannedPlay]] = {}
    movies: dict[int, PlannedPlay] = {}
    for play in plays:  # newest first
        if play.type == "episode":
            by_show.setdefault(play.show, []).append(play)
        else:
            movies.setdefault(play.show, play)
    out: dict[str, list[dict[str, Any]]] = {
        "shows": [],
        "seasons": [],
        "episodes": [],
        "movies": [],
    }
    for spec in specs:
        mine = by_show.get(spec.index)
        if not mine:
            continue
        last, first = mine[0], mine[-1]
        if spec.index % 3 == 0:
            out["shows"].append(
                {
                    "rated_at": _stamp(last.watched_at + timedelta(hours=1)),
                    "rating": 6 + spec.index % 5,
                    "type": "show",
                    "show": _show(spec),
                }
            )
        if spec.index % 4 == 1:
            season, number = last.season, last.episode
            assert season is not None
            assert number is not None
            out["episodes"].append(
                {
                    "rated_at": _stamp(last.watched_at + timedelta(minutes=10)),
                    "rating": 5 + (spec.index // 4) % 6,
                    "type": "episode",
                    "episode": {
                        "season": season,
                        "number": number,
                        "title": None,
                        "ids": {"trakt": spec.index * 100_000 + season * 1_000 + number},
                    },
                    "show": _show(spec),
                }
            )
        if spec.index % 5 == 2:
            out["seasons"].append(
                {
                    "rated_at": _stamp(first.watched_at + timedelta(days=1)),
                    "rating": 6 + (spec.index // 5) % 5,
                    "type": "season",
                    "season": {"number": first.season, "ids": {"trakt": 800_000 + spec.index}},
                    "show": _show(spec),
                }
            )
    unwatched = next((spec for spec in specs if spec.index not in by_show), None)
    if unwatched is not None:
        out["shows"].append(
            {"rated_at": UNWATCHED_RATED_AT, "rating": 4, "type": "show", "show": _show(unwatched)}
        )
    for index, play in sorted(movies.items()):
        title, year, _ = MOVIES[index]
        out["movies"].append(
            {
                "rated_at": _stamp(play.watched_at + timedelta(hours=1)),
                "rating": MOVIE_RATINGS[index],
                "type": "movie",
                "movie": {"title": title, "year": year, "ids": movie_ids(index)},
            }
        )
    for items in out.values():
        items.sort(key=lambda item: item["rated_at"], reverse=True)
    return out
