"""A synthetic trakt.tv account export of a demo user, consistent with its progress.

:func:`export_members` renders the files of the ZIP that trakt.tv's
Settings -> Data -> Export gives, from the user's show plans and planned
history (:func:`~trakt_analysis.demo.users.demo_plan`): the watch history in
numbered parts, the watched-shows and watched-movies summaries, and files the
loader must ignore (a watchlist naming a show never watched, settings), and
the ratings (:mod:`.ratings`). :func:`write_demo_export` writes them as a ZIP whose bytes depend
on nothing but the user (fixed member times), shipped as
``data/fixtures/export/demo-export.zip``; a test keeps it equal to this
module's output.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from .history import MOVIES, PlannedPlay, history_items, movie_ids, show_ids
from .ratings import rating_items
from .users import DEMO_TIMEZONES, demo_plan

__all__ = ["HISTORY_PART_SIZE", "export_bytes", "export_members", "write_demo_export"]

#: Entries per ``watched-history-N.json`` part of the demo export (so it has several).
HISTORY_PART_SIZE = 500
_DATE_TIME = (2026, 11, 1, 12, 0, 0)  # every member's time: the bytes never vary


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _dumps(data: Any) -> bytes:
    return orjson.dumps(data)


def export_members(user: str = "demo") -> dict[str, bytes]:
    """The export's files of demo `user`: member name -> JSON bytes, in archive order."""
    specs, plays = demo_plan(user)
    items = history_items(specs, plays)
    members: dict[str, bytes] = {}
    for part, start in enumerate(range(0, max(1, len(items)), HISTORY_PART_SIZE), start=1):
        members[f"watched-history-{part}.json"] = _dumps(items[start : start + HISTORY_PART_SIZE])
    members["watched-shows-1.json"] = _dumps(_watched_shows(specs, plays))
    members["watched-movies.json"] = _dumps(_watched_movies(plays))
    for kind, rated in rating_items(specs, plays).items():  # demo/ratings.py's plan
        members[f"ratings-{kind}.json"] = _dumps(rated)
    members["lists-watchlist.json"] = _dumps(_watchlist(specs, plays))
    members["user-settings.json"] = _dumps(
        {
            "user": {"username": user, "private": False, "vip": False},
            "account": {"timezone": DEMO_TIMEZONES[user], "time_24hr": True},
        }
    )
    return members


def _watched_shows(specs: list, plays: list[PlannedPlay]) -> list[dict[str, Any]]:
    by_show: dict[int, list[PlannedPlay]] = {}
    for play in plays:  # newest first
        if play.type == "episode":
            by_show.setdefault(play.show, []).append(play)
    out = []
    for spec in specs:
        mine = by_show.get(spec.index)
        if not mine:
            continue
        episodes: dict[tuple[int, int], list[PlannedPlay]] = {}
        for play in mine:
            assert play.season is not None
            assert play.episode is not None
            episodes.setdefault((play.season, play.episode), []).append(play)
        # A rewatched show was reset just before its first repeated play.
        repeats = sorted(p.watched_at for key, ps in episodes.items() for p in ps[:-1])
        reset_at = _stamp(repeats[0].replace(second=0)) if repeats else None
        seasons: dict[int, list[dict[str, Any]]] = {}
        for (season, number), ps in sorted(episodes.items()):
            seasons.setdefault(season, []).append(
                {"number": number, "plays": len(ps), "last_watched_at": _stamp(ps[0].watched_at)}
            )
        out.append(
            {
                "plays": len(mine),
                "last_watched_at": _stamp(mine[0].watched_at),
                "last_updated_at": _stamp(mine[0].watched_at),
                "reset_at": reset_at,
                "show": {"title": spec.title, "year": spec.year, "ids": show_ids(spec)},
                "seasons": [{"number": n, "episodes": eps} for n, eps in seasons.items()],
            }
        )
    # Trakt lists the most recently watched first.
    out.sort(key=lambda item: item["last_watched_at"], reverse=True)
    return out


def _watched_movies(plays: list[PlannedPlay]) -> list[dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for play in plays:
        if play.type != "movie":
            continue
        if play.show not in out:
            title, year, _ = MOVIES[play.show]
            out[play.show] = {
                "plays": 0,
                "last_watched_at": _stamp(play.watched_at),
                "last_updated_at": _stamp(play.watched_at),
                "movie": {"title": title, "year": year, "ids": movie_ids(play.show)},
            }
        out[play.show]["plays"] += 1
    return list(out.values())


def _watchlist(specs: list, plays: list[PlannedPlay]) -> list[dict[str, Any]]:
    """Shows the user has not watched, on their watchlist: not shows they watched."""
    watched = {p.show for p in plays if p.type == "episode"}
    unwatched = [spec for spec in specs if spec.index not in watched][:3]
    return [
        {
            "rank": rank,
            "id": 7_000_000 + spec.index,
            "listed_at": f"2024-01-0{rank}T10:00:00.000Z",
            "notes": None,
            "type": "show",
            "show": {"title": spec.title, "year": spec.year, "ids": show_ids(spec)},
        }
        for rank, spec in enumerate(unwatched, start=1)
    ]


def export_bytes(user: str = "demo") -> bytes:
    """The demo export ZIP of `user`, as bytes (deflated, fixed member times)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in export_members(user).items():
            info = zipfile.ZipInfo(name, date_time=_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # as written on Unix, wherever it is written
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def write_demo_export(path: str | Path, user: str = "demo") -> Path:
    """Write the demo export ZIP of `user` to `path`; returns `path`.

    The repository ships ``data/fixtures/export/demo-export.zip`` (``make fixtures``).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(export_bytes(user))
    return path


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    print(
        write_demo_export(
            sys.argv[1] if len(sys.argv) > 1 else "data/fixtures/export/demo-export.zip"
        )
    )
