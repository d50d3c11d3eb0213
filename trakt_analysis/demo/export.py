"""A synthetic trakt.tv account export of a demo user, shaped as trakt.tv writes it in 2026.

trakt.tv's web app writes the export in the browser (``trakt/trakt-web``,
``projects/client/src/lib/sections/settings/export/runRawExport.ts``): one
JSON file per API endpoint, flat in the ZIP, named for the endpoint
(``watched-history``, ``watched-shows``, ``user-settings``,
``hidden-progress-watched``, ...). An endpoint read in more than one page of
250 entries gives ``name-1.json``, ``name-2.json``, ...; one page gives
``name.json``. An endpoint that failed is listed in ``_errors.json``
(``[{endpoint, error, fetchedPages, totalPages}]``) and its pages fetched so
far are kept.

:func:`export_members` renders those files from the user's show plans and
planned history (:func:`~trakt_analysis.demo.users.demo_plan`), with the
features of real exports that the loader must handle, all listed in the
:class:`ExportPlan` that :func:`export_plan` returns (tests take their
expected values from it):

- the history as ``users/{slug}/history?extended=gdpr`` pages: no runtimes,
  and one entry repeated at the top of the next page (offset paging over a
  list that grew while it was read);
- ``watched-shows.json`` as ``users/{slug}/watched/shows``: no ``seasons``,
  ``show.aired_episodes``, ``ids.plex`` and some null ids, ``reset_at`` on a
  show the user reset and re-watched partway;
- ``user-settings.json`` with the profile's time zone, ``user-profile.json``
  without one, ``hidden-progress-watched.json`` with a hidden show and the
  plan's hidden seasons, the ratings (:mod:`.ratings`), and files the loader
  must ignore (a watchlist naming a show never watched, ...).

``variant="partial"`` is the export of a run whose history endpoint failed
after some pages (``_errors.json``); ``variant="truncated"`` one made before
trakt-web's fix of August 2026 (#3152), whose history silently lacks the
oldest page. :func:`write_demo_export` writes the complete one as a ZIP whose
bytes depend on nothing but the user (fixed member times), shipped as
``data/fixtures/export/demo-export.zip``; a test keeps it equal to this
module's output.
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from .generate import ShowSpec
from .generate import hidden_show as planned_hidden_show
from .history import MOVIES, PlannedPlay, history_items, movie_ids, show_ids
from .ratings import rating_items
from .users import DEMO_TIMEZONES, demo_plan

__all__ = [
    "EXPORT_VARIANTS",
    "HISTORY_PART_SIZE",
    "ExportPlan",
    "export_bytes",
    "export_members",
    "export_plan",
    "write_demo_export",
]

#: Entries per page, as trakt.tv's exporter asks for (``PAGE_LIMIT``).
HISTORY_PART_SIZE = 250
#: What :func:`export_members` can render: a complete export, one whose history
#: endpoint failed (``_errors.json``), one whose history silently lacks its oldest page.
EXPORT_VARIANTS = ("complete", "partial", "truncated")
_DATE_TIME = (2026, 11, 1, 12, 0, 0)  # every member's time: the bytes never vary
_HIDDEN_AT = "2025-06-01T18:00:00.000Z"


@dataclass(frozen=True)
class ExportPlan:
    """What the demo export of a user holds beyond the plays: the tests' expected values.

    Attributes
    ----------
    hidden_show : int or None
        Index (``ShowSpec.index``) of the show hidden from progress (dropped).
    hidden_seasons : dict of int to tuple of int
        Show index -> its hidden season numbers (the plan's hidden seasons).
    reset_shows : dict of int to datetime
        Show index -> its ``reset_at`` (UTC): the shows reset before a rewatch.
    null_ids : dict of int to str
        Show index -> the id sent as null in ``watched-shows`` and the history.
    duplicated_id : int or None
        The history id written in two consecutive parts.
    history_parts : tuple of str
        The history files, in order.
    missing_plays : tuple of int
        History ids of the plays the variant's history lacks (oldest).
    errors : list of dict
        The ``_errors.json`` entries (empty unless the variant is partial).
    """

    hidden_show: int | None
    hidden_seasons: dict[int, tuple[int, ...]]
    reset_shows: dict[int, datetime]
    null_ids: dict[int, str]
    duplicated_id: int | None
    history_parts: tuple[str, ...]
    missing_plays: tuple[int, ...] = ()
    errors: list[dict[str, Any]] = field(default_factory=list)


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _dumps(data: Any) -> bytes:
    return orjson.dumps(data)


def _check_variant(variant: str) -> None:
    if variant not in EXPORT_VARIANTS:
        raise ValueError(f"variant must be one of {EXPORT_VARIANTS}, got {variant!r}")


def _resets(specs: list[ShowSpec], plays: list[PlannedPlay]) -> dict[int, datetime]:
    """A rewatched show was reset just before its first repeated play (on the minute)."""
    out: dict[int, datetime] = {}
    for spec in specs:
        seen: set[tuple[int | None, int | None]] = set()
        repeats = []
        for play in reversed(plays):  # oldest first
            if play.type != "episode" or play.show != spec.index:
                continue
            key = (play.season, play.episode)
            if key in seen:
                repeats.append(play.watched_at)
            seen.add(key)
        if repeats:
            out[spec.index] = min(repeats).replace(second=0, microsecond=0)
    return out


def _null_ids(specs: list[ShowSpec], plays: list[PlannedPlay]) -> dict[int, str]:
    """Two watched shows with an id Trakt sends as null (no tvdb, no imdb entry)."""
    watched = [s.index for s in specs if any(p.show == s.index for p in plays)]
    picks = [i for i in watched if i % 7 == 3][:2]
    return dict(zip(picks, ("tvdb", "imdb"), strict=False))


def _ids(spec: ShowSpec, null_ids: dict[int, str]) -> dict[str, Any]:
    ids = show_ids(spec)
    if spec.index in null_ids:
        ids[null_ids[spec.index]] = None
    ids["plex"] = {
        "guid": f"{spec.index * 7919 + 0x5D9C0000:x}{spec.index:016x}",
        "slug": ids["slug"],
    }
    return ids


def export_plan(user: str = "demo", variant: str = "complete") -> ExportPlan:
    """The :class:`ExportPlan` of `user`'s demo export (`variant` as :func:`export_members`)."""
    return _render(user, variant)[1]


def export_members(user: str = "demo", variant: str = "complete") -> dict[str, bytes]:
    """The export's files of demo `user`: member name -> JSON bytes, in archive order.

    Parameters
    ----------
    user : str
        A demo user (:func:`~trakt_analysis.demo.users.demo_users`).
    variant : {"complete", "partial", "truncated"}
        ``"partial"``: the history endpoint failed on its last page (the
        oldest plays), listed in ``_errors.json``; ``"truncated"``: the same
        page is missing without a word, as before trakt-web #3152.
    """
    return _render(user, variant)[0]


def _render(user: str, variant: str) -> tuple[dict[str, bytes], ExportPlan]:
    _check_variant(variant)
    specs, plays = demo_plan(user)
    null_ids = _null_ids(specs, plays)
    by_index = {spec.index: spec for spec in specs}
    items = history_items(specs, plays)
    for item, play in zip(items, plays, strict=True):
        # extended=gdpr history: no runtimes; the show's ids as in watched-shows.
        for key in ("episode", "movie"):
            if key in item:
                item[key].pop("runtime", None)
        if "show" in item:
            item["show"]["ids"] = _ids(by_index[play.show], null_ids)
    # Offset paging over a list that grew while it was read: a play added after page 1
    # shifts every entry down one, so page 2 starts with page 1's last entry.
    pages = [items[:HISTORY_PART_SIZE]]
    start = HISTORY_PART_SIZE - 1
    while start + (len(pages) == 1) < len(items):
        pages.append(items[start : start + HISTORY_PART_SIZE])
        start += HISTORY_PART_SIZE
    duplicated = items[HISTORY_PART_SIZE - 1]["id"] if len(pages) > 1 else None
    errors: list[dict[str, Any]] = []
    missing: tuple[int, ...] = ()
    if variant != "complete" and len(pages) > 1:
        dropped = pages.pop()
        missing = tuple(entry["id"] for entry in dropped if entry["id"] != duplicated)
        if variant == "partial":
            errors.append(
                {
                    "endpoint": f"users/{user}/history?extended=gdpr",
                    "error": "HTTP 500: Internal Server Error",
                    "fetchedPages": len(pages),
                    "totalPages": len(pages) + 1,
                }
            )
    members: dict[str, bytes] = {}
    hidden_show = planned_hidden_show(specs, {p.show for p in plays if p.type == "episode"})
    hidden_seasons = {
        spec.index: tuple(s.number for s in spec.seasons if s.hidden)
        for spec in specs
        if any(s.hidden for s in spec.seasons)
    }
    resets = _resets(specs, plays)
    members["user-settings.json"] = _dumps(
        {
            "user": {"username": user, "private": False, "vip": False, "name": user.title()},
            "account": {
                "timezone": DEMO_TIMEZONES[user],
                "date_format": "dmy",
                "time_24hr": True,
                "cover_image": None,
            },
            "connections": {"facebook": False, "twitter": False, "slack": False},
            "sharing_text": {"watching": "I'm watching [item]", "watched": "I just watched [item]"},
            "limits": {"list": {"count": 2, "item_count": 100}},
        }
    )
    members["user-profile.json"] = _dumps(
        {
            "username": user,
            "private": False,
            "name": user.title(),
            "vip": False,
            "vip_ep": False,
            "ids": {"slug": user},
            "joined_at": "2013-02-20T19:11:05.000Z",
            "location": None,
            "about": None,
            "gender": None,
            "age": None,
        }
    )
    members["user-last-activities.json"] = _dumps({"all": _stamp(plays[0].watched_at)})
    members["hidden-calendar.json"] = b"[]"
    members["hidden-progress-watched.json"] = _dumps(
        _hidden_items(by_index, hidden_show, hidden_seasons, null_ids)
    )
    members["hidden-progress-watched-reset.json"] = b"[]"
    members["hidden-progress-collected.json"] = b"[]"
    for kind, rated in rating_items(specs, plays).items():  # demo/ratings.py's plan
        members[f"ratings-{kind}.json"] = _dumps(rated)
    members["watched-movies.json"] = _dumps(_watched_movies(plays))
    members["watched-shows.json"] = _dumps(_watched_shows(specs, plays, resets, null_ids))
    names = []
    for number, page in enumerate(pages, start=1):
        name = (
            f"watched-history-{number}.json" if len(pages) > 1 or errors else "watched-history.json"
        )
        names.append(name)
        members[name] = _dumps(page)
    members["watched-playback.json"] = b"[]"
    members["lists-watchlist.json"] = _dumps(_watchlist(specs, plays))
    members["lists-lists.json"] = b"[]"
    if errors:
        members["_errors.json"] = _dumps(errors)
    plan = ExportPlan(
        hidden_show=hidden_show,
        hidden_seasons=hidden_seasons,
        reset_shows=resets,
        null_ids=null_ids,
        duplicated_id=duplicated,
        history_parts=tuple(names),
        missing_plays=missing,
        errors=errors,
    )
    return members, plan


def _hidden_items(
    by_index: dict[int, ShowSpec],
    hidden_show: int | None,
    hidden_seasons: dict[int, tuple[int, ...]],
    null_ids: dict[int, str],
) -> list[dict[str, Any]]:
    """``GET /users/hidden/progress_watched`` items: the hidden show, then hidden seasons."""
    out: list[dict[str, Any]] = []
    if hidden_show is not None:
        spec = by_index[hidden_show]
        out.append(
            {
                "hidden_at": _HIDDEN_AT,
                "type": "show",
                "show": {"title": spec.title, "year": spec.year, "ids": _ids(spec, null_ids)},
            }
        )
    for index, numbers in hidden_seasons.items():
        spec = by_index[index]
        for number in numbers:
            out.append(
                {
                    "hidden_at": _HIDDEN_AT,
                    "type": "season",
                    "season": {"number": number, "ids": {"trakt": 900_000 + index * 50 + number}},
                    "show": {"title": spec.title, "year": spec.year, "ids": _ids(spec, null_ids)},
                }
            )
    return out


def _watched_shows(
    specs: list[ShowSpec],
    plays: list[PlannedPlay],
    resets: dict[int, datetime],
    null_ids: dict[int, str],
) -> list[dict[str, Any]]:
    """``users/{slug}/watched/shows`` as the exporter asks for it: no ``seasons``."""
    by_show: dict[int, list[PlannedPlay]] = {}
    for play in plays:  # newest first
        if play.type == "episode":
            by_show.setdefault(play.show, []).append(play)
    out: list[dict[str, Any]] = []
    for spec in specs:
        mine = by_show.get(spec.index)
        if not mine:
            continue
        reset = resets.get(spec.index)
        out.append(
            {
                "plays": len(mine),
                "last_watched_at": _stamp(mine[0].watched_at),
                "last_updated_at": _stamp(mine[0].watched_at),
                "reset_at": _stamp(reset) if reset is not None else None,
                "show": {
                    "title": spec.title,
                    "year": spec.year,
                    "ids": _ids(spec, null_ids),
                    "aired_episodes": aired_episodes(spec),
                },
            }
        )
    # Trakt lists the most recently watched first.
    out.sort(key=lambda item: item["last_watched_at"], reverse=True)
    return out


def aired_episodes(spec: ShowSpec) -> int:
    """Trakt's ``show.aired_episodes`` of a planned show: aired episodes, specials left out.

    A show-level count: the seasons the user hid count in it.
    """
    return sum(s.aired for s in spec.seasons if s.number > 0)


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


def export_bytes(user: str = "demo", variant: str = "complete") -> bytes:
    """The demo export ZIP of `user`, as bytes (deflated, fixed member times)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in export_members(user, variant).items():
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
