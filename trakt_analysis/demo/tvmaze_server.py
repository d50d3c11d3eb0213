"""A stand-in for TVmaze's public API on 127.0.0.1, built from the generator's plan.

It speaks the three URLs :class:`~trakt_analysis.TVmaze` uses, in TVmaze's shapes:

- ``/lookup/shows?thetvdb=ID`` and ``?imdb=ttID``: a 301 redirect to
  ``/shows/{id}``, or 404 ``{"name": "Not Found", ...}`` for a show it does not know;
- ``/shows/{id}``: the show object (``id``, ``name``, ``type``, ``language``,
  ``genres``, ``status``, ``runtime``, ``averageRuntime``, ``premiered``,
  ``network`` or, for a streaming show, ``webChannel``, ``externals``), with the
  real facts of :mod:`.show_facts`;
- ``/shows/{id}?embed=episodeswithspecials`` (or ``embed[]=`` repeated, with
  ``episodes``, ``cast``, ``crew``): the show with those lists under ``_embedded``;
- ``/shows/{id}/cast`` and ``/shows/{id}/crew``: the show's people (``person``
  with ``character``; ``type`` (the job) with ``person``), from :mod:`.show_facts`;
- ``/shows/{id}/episodes?specials=1``: the episode list (``id``, ``name``,
  ``season``, ``number``, ``type``, ``airdate``, ``airtime``, ``airstamp``,
  ``runtime``), specials as TVmaze lists them (in the season they aired in,
  ``number: null``, ``type`` ``"significant_special"``);
- ``/updates/shows?since=day|week|month``: show id (as text) -> Unix seconds of
  its last update, for the shows updated in that window before the server's
  clock; every show was last updated at :data:`PLAN_AIRED_BY` unless a test
  says otherwise with :meth:`TVmazeServer.mark_updated`.

Each show of :func:`~trakt_analysis.demo.generate.make_specs` is one TVmaze show
whose aired episodes are the plan's (all aired before :data:`PLAN_AIRED_BY`),
weekly from the show's first air date. On top of the plan, :class:`GuidePlan`
says which shows play which part:

- ``imdb_only``: not found by TVDB id, found by IMDb id;
- ``unknown``: found by neither;
- ``mismatch``: the guide leaves out a watched episode of the plan (the
  numbering disagrees with Trakt's);
- ``future``: the guide lists one more episode after the plan's, airing in 2099,
  and one with no air stamp (to be announced): neither has aired;
- ``by_year``: a daily show whose seasons the guide numbers by year (1996, 1997,
  ...), as TVmaze does for some daily shows: none of the watched episodes match.

Queue failures with :meth:`TVmazeServer.fail` / :meth:`TVmazeServer.status`
(e.g. a 429 with ``Retry-After``); every request is recorded.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ._server import QuietHandler, Seen, StandInServer
from .generate import ShowSpec, _render_show, episode_title, make_specs
from .show_facts import FACTS, facts
from .users import DEMO_USERS

__all__ = [
    "PLAN_AIRED_BY",
    "GuidePlan",
    "TVmazeServer",
    "cast_list",
    "crew_list",
    "guide_plan",
    "show_object",
]

_DAY = 86_400
_WEEK = 7 * _DAY
#: Every planned episode aired before this (2025-01-01 UTC): the plan's aired
#: counts hold for any `now` after it.
PLAN_AIRED_BY = 1_735_689_600
FUTURE_STAMP = "2099-01-01T20:00:00+00:00"
#: The spans of ``/updates/shows?since=`` (TVmaze's month taken as 30 days).
UPDATE_WINDOWS = {"day": _DAY, "week": _WEEK, "month": 30 * _DAY}
NOT_FOUND = {"name": "Not Found", "message": "", "code": 0, "status": 404}


@dataclass
class GuidePlan:
    """The stand-in's shows: the generator's specs and the part each plays.

    Attributes
    ----------
    specs : list of ShowSpec
        The demo user's plan (as ``ta.load_demo(user)`` loads it).
    imdb_only, unknown, mismatch, future, by_year : set of int
        Show indexes (``ShowSpec.index``) with that part (module docstring).
    removed : dict of int to (int, int)
        For each ``mismatch`` show, the watched (season, episode) the guide leaves out.
    """

    specs: list[ShowSpec]
    imdb_only: set[int] = field(default_factory=set)
    unknown: set[int] = field(default_factory=set)
    mismatch: set[int] = field(default_factory=set)
    future: set[int] = field(default_factory=set)
    by_year: set[int] = field(default_factory=set)
    removed: dict[int, tuple[int, int]] = field(default_factory=dict)

    @staticmethod
    def tvmaze_id(index: int) -> int:
        return 1_000 + index


def guide_plan(user: str = "demo", specs: list[ShowSpec] | None = None) -> GuidePlan:
    """The stand-in's plan for a demo user (the shows of ``ta.load_demo(user)``), or for `specs`."""
    if specs is None:
        n_shows, seed, profile = DEMO_USERS[user]
        specs = make_specs(n_shows, seed=seed, profile=profile)
    plan = GuidePlan(specs)
    plan.imdb_only = {specs[1].index}
    plan.unknown = {specs[2].index}
    plan.future = {spec.index for spec in specs[::4]}
    taken = plan.imdb_only | plan.unknown | plan.future
    for spec in specs[3:]:
        if spec.index not in taken and spec.completed and max(s.aired for s in spec.seasons) > 100:
            plan.by_year = {spec.index}
            taken = taken | plan.by_year
            break
    for spec in specs[3:]:
        if spec.index in taken:
            continue
        counted = [s for s in spec.counted if s.watched]
        if counted and counted[0].watched[-1] and spec.index not in plan.future:
            plan.mismatch = {spec.index}
            plan.removed[spec.index] = (counted[0].number, counted[0].aired)
            break
    return plan


def _stamp(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat()


def show_object(spec: ShowSpec) -> dict[str, Any]:
    """The TVmaze show object of a planned show (its facts from :mod:`.show_facts`)."""
    ids = _render_show(spec)["show"]
    tvdb = ids["tvdb_id"]
    known = facts(spec.title, spec.year, spec.index)
    owner = {
        "id": 1 + sum(map(ord, known.network or "")) % 997,
        "name": known.network,
        "country": None
        if known.country is None
        else {"name": known.country, "code": known.country, "timezone": "UTC"},
        "officialSite": None,
    }
    return {
        "id": GuidePlan.tvmaze_id(spec.index),
        "url": f"https://www.tvmaze.com/shows/{GuidePlan.tvmaze_id(spec.index)}",
        "name": spec.title,
        "type": known.type,
        "language": known.language,
        "genres": list(known.genres),
        "status": known.status,
        # TVmaze sends runtime null when episodes vary, averageRuntime always.
        "runtime": None if spec.index % 5 == 4 else spec.extra.get("runtime"),
        "averageRuntime": spec.extra.get("runtime"),
        "premiered": _stamp(spec.first_aired)[:10],
        "network": None if known.web else owner,
        "webChannel": owner if known.web else None,
        "externals": {"tvrage": None, "thetvdb": int(tvdb), "imdb": ids["imdb_id"]},
    }


def _person_ids() -> dict[str, int]:
    names = sorted({name for f in FACTS.values() for name, _ in (*f.cast, *f.crew)})
    return {name: 50_000 + k for k, name in enumerate(names)}


_PERSON_IDS = _person_ids()


def _person(name: str) -> dict[str, Any]:
    person_id = _PERSON_IDS.get(name, 99_999)
    return {
        "id": person_id,
        "url": f"https://www.tvmaze.com/people/{person_id}",
        "name": name,
        "country": None,
        "birthday": None,
        "gender": None,
        "image": None,
    }


def cast_list(spec: ShowSpec) -> list[dict[str, Any]]:
    """TVmaze's ``/shows/{id}/cast`` of a planned show."""
    return [
        {
            "person": _person(name),
            "character": {"id": 70_000 + k, "name": character},
            "self": character == "Host",
            "voice": False,
        }
        for k, (name, character) in enumerate(facts(spec.title, spec.year, spec.index).cast)
    ]


def crew_list(spec: ShowSpec) -> list[dict[str, Any]]:
    """TVmaze's ``/shows/{id}/crew`` of a planned show."""
    return [
        {"type": job, "person": _person(name)}
        for name, job in facts(spec.title, spec.year, spec.index).crew
    ]


def episode_list(spec: ShowSpec, plan: GuidePlan) -> list[dict[str, Any]]:
    """The TVmaze episode list (``specials=1``) of a planned show, in air order."""
    regular = [(s.number, n) for s in spec.seasons if s.number > 0 for n in range(1, s.aired + 1)]
    specials = next((s.aired for s in spec.seasons if s.number == 0), 0)
    total = len(regular) + specials
    # Weekly from the first air date, closer together if that would pass PLAN_AIRED_BY.
    step = max(60, min(_WEEK, (PLAN_AIRED_BY - spec.first_aired) // max(total + 1, 1)))
    runtime = spec.extra.get("runtime")
    out: list[dict[str, Any]] = []
    k = 0

    def episode(season: int, number: int | None, stamp: str | None, kind: str) -> dict[str, Any]:
        episode_id = spec.index * 100_000 + len(out) + 1
        return {
            "id": episode_id,
            "url": f"https://www.tvmaze.com/episodes/{episode_id}",
            "name": episode_title(spec, season, number) if number else f"Special {len(out) + 1}",
            "season": season,
            "number": number,
            "type": kind,
            "airdate": stamp[:10] if stamp else "",
            "airtime": stamp[11:16] if stamp else "",
            "airstamp": stamp,
            "runtime": runtime,
            "rating": {"average": None},
            "image": None,
            "summary": None,
        }

    # Specials air first, in season 1, so their air order is the plan's numbering.
    for _ in range(specials):
        k += 1
        out.append(episode(1, None, _stamp(spec.first_aired + k * step), "significant_special"))
    for season, number in regular:
        k += 1
        if plan.removed.get(spec.index) == (season, number):
            continue
        label = spec.year + season - 1 if spec.index in plan.by_year else season
        out.append(episode(label, number, _stamp(spec.first_aired + k * step), "regular"))
    if spec.index in plan.future and regular:
        season, number = regular[-1]
        out.append(episode(season, number + 1, FUTURE_STAMP, "regular"))
        out.append(episode(season, number + 2, None, "regular"))
    return out


class TVmazeServer(StandInServer):
    """A live stand-in TVmaze on 127.0.0.1 (an ephemeral port); see the module docstring.

    Parameters
    ----------
    user : str
        The demo user whose shows it serves.
    specs : list of ShowSpec, optional
        Serve these shows instead (e.g. a benchmark's).
    """

    def __init__(self, user: str = "demo", *, specs: list[ShowSpec] | None = None) -> None:
        self.plan = guide_plan(user, specs)
        self._by_tvdb: dict[str, ShowSpec] = {}
        self._by_imdb: dict[str, ShowSpec] = {}
        self._by_id: dict[int, ShowSpec] = {}
        for spec in self.plan.specs:
            if spec.index in self.plan.unknown:
                continue
            show = show_object(spec)
            if spec.index not in self.plan.imdb_only:
                self._by_tvdb[str(show["externals"]["thetvdb"])] = spec
            self._by_imdb[show["externals"]["imdb"]] = spec
            self._by_id[show["id"]] = spec
        #: tvmaze id -> Unix seconds of its last update (PLAN_AIRED_BY unless marked).
        self.updated: dict[int, int] = dict.fromkeys(self._by_id, PLAN_AIRED_BY)
        super().__init__(_make_handler(self))

    def mark_updated(self, *tvmaze_ids: int, at: float | None = None) -> None:
        """Say the shows changed at `at` (Unix seconds; now by default), as TVmaze's
        ``/updates/shows`` will list them. Their answers stay the plan's."""
        stamp = int(time.time() if at is None else at)
        for tvmaze_id in tvmaze_ids:
            if tvmaze_id not in self.updated:
                raise KeyError(f"the stand-in TVmaze has no show {tvmaze_id}")
            self.updated[tvmaze_id] = stamp

    def answer(self, path: str) -> tuple[int, Any, dict[str, str]]:
        """(status, JSON body, headers) for a request path."""
        parts = urlsplit(path)
        query = parse_qs(parts.query)
        segments = [s for s in parts.path.split("/") if s]
        if segments == ["lookup", "shows"]:
            spec = None
            if "thetvdb" in query:
                spec = self._by_tvdb.get(query["thetvdb"][0])
            elif "imdb" in query:
                spec = self._by_imdb.get(query["imdb"][0])
            if spec is None:
                return 404, NOT_FOUND, {}
            location = f"{self.base_url}/shows/{GuidePlan.tvmaze_id(spec.index)}"
            return 301, None, {"Location": location}
        if segments == ["updates", "shows"]:
            span = UPDATE_WINDOWS.get(query.get("since", [""])[0])
            cutoff = time.time() - span if span is not None else float("-inf")
            return 200, {str(k): v for k, v in self.updated.items() if v >= cutoff}, {}
        if len(segments) >= 2 and segments[0] == "shows" and segments[1].isdigit():
            spec = self._by_id.get(int(segments[1]))
            if spec is None:
                return 404, NOT_FOUND, {}
            if len(segments) == 2:
                show = show_object(spec)
                embeds = query.get("embed", []) + query.get("embed[]", [])
                lists = {
                    "episodes": lambda: [
                        e for e in episode_list(spec, self.plan) if e["number"] is not None
                    ],
                    "episodeswithspecials": lambda: episode_list(spec, self.plan),
                    "cast": lambda: cast_list(spec),
                    "crew": lambda: crew_list(spec),
                }
                if embeds:
                    show["_embedded"] = {e: lists[e]() for e in embeds if e in lists}
                return 200, show, {}
            if segments[2:] == ["cast"]:
                return 200, cast_list(spec), {}
            if segments[2:] == ["crew"]:
                return 200, crew_list(spec), {}
            if segments[2:] == ["episodes"]:
                episodes = episode_list(spec, self.plan)
                if query.get("specials") != ["1"]:
                    episodes = [e for e in episodes if e["number"] is not None]
                return 200, episodes, {}
        return 404, NOT_FOUND, {}


def _make_handler(server: TVmazeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            server.requests.append(Seen(self.path, dict(self.headers)))
            failure = server._next()
            if failure is not None and failure.kind == "status":
                self._send_failure(failure)
                return
            status, data, headers = server.answer(self.path)
            body = b"" if data is None else json.dumps(data).encode()
            if data is not None:
                headers = {**headers, "Content-Type": "application/json; charset=UTF-8"}
            self._send(status, body, headers)

    return Handler
