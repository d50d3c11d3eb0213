"""A stand-in for API v2 on 127.0.0.1, built from the generator's plans (:class:`ShowSpec`).

It speaks what :class:`~trakt_analysis.TraktAPI` uses, on two addresses as
trakt.tv does since July 2026: OAuth only on its auth address (``auth_url``, a
second port, as ``https://auth.trakt.tv``), the data only on ``base_url`` (as
``https://api.trakt.tv``). OAuth: the device-code sign-in (every state:
pending, slow down, invalid, used, expired, denied, approved), token expiry and
single-use refresh tokens (a refresh kills the old refresh token; tokens from
before the migration answer 400). Data: the watched shows (paged; with
``extended=full`` in the query, full show objects: genres, network, country,
language, status, first_aired, runtime from the plan's facts), per-show
progress, the shows' seasons with episodes, the history (paged), the items
hidden from progress (``/users/hidden/progress_watched``, paged, ``type``
"show" or "season"), ``/sync/last_activities``, ``/users/settings`` and a
private profile. Queue
failures with :meth:`V2Server.fail` (a status with body and headers, a short
page, a page count that changes); each request takes the next one. Every
request is recorded.

The v2 documents follow the plan: a show is on the watched list when at least
one of its episodes (specials and hidden seasons included) was watched; the
first ``min(rewatches, watched)`` watched episodes (in season order) were
played twice, the others once; every third show has two episodes that have
not aired yet (one dated 2099, one with no date), and air dates start in the
show's first year, so a 1963 show has air dates before 1970. Each user hides
from progress the plan's hidden show (:func:`~.generate.hidden_show`, as the
demo export does) and the plan's hidden seasons.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit

from ._server import Failure, QuietHandler, Seen, StandInServer, listen
from .generate import ShowSpec, episode_title, hidden_show, make_specs, trakt_facts

__all__ = [
    "FAKE_CLIENT_ID",
    "FAKE_CLIENT_SECRET",
    "RUNTIME",
    "Failure",
    "V2Server",
    "plan_episodes",
]

FAKE_CLIENT_ID = "f4k3-client-id-0000000000000000000000000000000000000000000000000000"
FAKE_CLIENT_SECRET = "f4k3-client-secret-1111111111111111111111111111111111111111111111"
USER_CODE = "F4K3C0DE"
_BASE_WATCH = datetime(2025, 1, 1, tzinfo=UTC)
_FUTURE = "2099-01-01T00:00:00.000Z"
#: Every episode's runtime (minutes), and the show's, as v2 sends them with ``extended=full``.
RUNTIME = 42
_HIDDEN_AT = "2025-06-01T18:00:00.000Z"


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


@dataclass
class PlannedEpisode:
    """One episode as the plan has it (aired ones are the spec's; unaired added here)."""

    season: int
    number: int
    aired: bool
    watched: bool
    plays: int
    first_aired: str | None
    last_watched_at: str | None
    title: str


def plan_episodes(spec: ShowSpec) -> list[PlannedEpisode]:
    """Every episode of a show's plan, in season order, with plays and dates."""
    out: list[PlannedEpisode] = []
    extra = spec.rewatches
    start = datetime(spec.year, 1, 1, tzinfo=UTC) + timedelta(days=spec.index % 200)
    for season in sorted(spec.seasons, key=lambda s: s.number):
        for number, watched in enumerate(season.watched, start=1):
            plays = 0
            if watched:
                plays = 2 if extra > 0 else 1
                extra -= plays - 1
            aired_at = start + timedelta(weeks=season.number * 52 + number)
            watched_at = _BASE_WATCH + timedelta(
                minutes=spec.index * 10_000 + season.number * 500 + number
            )
            out.append(
                PlannedEpisode(
                    season.number,
                    number,
                    True,
                    watched,
                    plays,
                    _iso(aired_at),
                    _iso(watched_at) if watched else None,
                    episode_title(spec, season.number, number),
                )
            )
    if spec.index % 3 == 2 and spec.seasons:
        last = max(s.number for s in spec.seasons)
        n = len(next(s for s in spec.seasons if s.number == last).watched)
        for k, date in ((1, _FUTURE), (2, None)):
            out.append(
                PlannedEpisode(
                    last, n + k, False, False, 0, date, None, episode_title(spec, last, n + k)
                )
            )
    return out


def _episode_object(trakt: int, e: PlannedEpisode) -> dict[str, Any]:
    """An episode as v2 names it: season, number, title and ids (its trakt id from the show's)."""
    return {
        "season": e.season,
        "number": e.number,
        "title": e.title,
        "ids": {"trakt": trakt * 1000 + e.season * 100 + e.number},
    }


def _full_fields(spec: ShowSpec) -> dict[str, Any]:
    """A show's ``extended=full`` fields (trakt-api's ``showResponseSchema``), from its plan.

    Genres, network, country, language and status are the show's facts in
    Trakt's words (:func:`~.generate.trakt_facts`); ``first_aired`` is the plan's
    (in the show's year); ``runtime`` is :data:`RUNTIME`; ``aired_episodes``
    counts the aired episodes outside specials.
    """
    known = trakt_facts(spec.title, spec.year, spec.index)
    extra = spec.extra  # the v1 fields the plan drew (empty for the "minimal" profile)
    aired = sum(e.aired and e.season > 0 for e in plan_episodes(spec))
    return {
        "aired_episodes": aired,
        "tagline": None,
        "overview": f"{spec.title} ({spec.year}): an example show made by the generator.",
        "first_aired": _iso(datetime.fromtimestamp(spec.first_aired, UTC)),
        "airs": {
            "day": extra.get("air_day"),
            "time": extra.get("air_time"),
            "timezone": "America/New_York",
        },
        "runtime": RUNTIME,
        "certification": extra.get("certification"),
        "network": known["network"],
        "country": known["country"],
        "status": known["status"],
        "rating": 8.0,
        "votes": 1000 + spec.index,
        "comment_count": 0,
        "trailer": None,
        "homepage": None,
        "updated_at": _iso(_BASE_WATCH),
        "language": known["language"],
        "languages": [known["language"]],
        "available_translations": [known["language"]],
        "genres": known["genres"],
        "subgenres": [],
        "original_title": spec.title,
    }


@dataclass
class _Token:
    user: str
    access: str
    refresh: str
    created_at: float
    expires_in: float


class V2Server(StandInServer):
    """The stand-in server. ``users`` maps usernames to plans (lists of ShowSpec).

    Parameters
    ----------
    users : dict, optional
        Username -> plan; defaults to ``{"ada": make_specs(12, seed=7)}``.
    me : str
        The user who approves the device code (the signed-in user).
    private : iterable of str
        Profiles that are private.
    page_size : int
        The most items the server sends per page (whatever ``limit`` asks).
    token_lifetime : float
        Seconds a new access token lives.

    Beside "status" and "hang", :meth:`fail` takes two :class:`Failure` kinds of
    its own: "short_page" (the next paged answer leaves out its last row, as
    Trakt does with a row it cannot resolve) and "page_count" (the next paged
    answer claims one page more), "overlap" (the next paged answer, past the first page,
    starts with the previous page's last row again, as offset paging over a list
    that moved does). ``count_lag`` makes every item and page
    count lag that many rows behind the list, as Trakt's cached counts do;
    ``timezones`` gives each profile's zone in ``/users/settings``;
    ``hidden_shows`` each user's shows hidden from progress (plan indices;
    change them with :meth:`hide`).
    """

    def __init__(
        self,
        users: dict[str, list[ShowSpec]] | None = None,
        *,
        me: str | None = None,
        private: tuple[str, ...] = ("hermit",),
        page_size: int = 10,
        token_lifetime: float = 7 * 86_400,
        clock: Any = time.time,
    ) -> None:
        self.users = users if users is not None else {"ada": make_specs(12, seed=7)}
        self.me = me or next(iter(self.users))
        self.private = set(private)
        for name in self.private:
            self.users.setdefault(name, make_specs(3, seed=99))
        # Shows hidden from progress, by plan index: the plan's hidden show (as the export).
        self.hidden_shows: dict[str, set[int]] = {
            name: {i for i in (hidden_show(specs),) if i is not None}
            for name, specs in self.users.items()
        }
        self._hidden_bumps: dict[str, int] = {}  # user -> changes to their hidden items
        self.page_size = page_size
        self.token_lifetime = token_lifetime
        self.clock = clock
        self.client_id = FAKE_CLIENT_ID
        self.client_secret = FAKE_CLIENT_SECRET
        # The device flow: each poll takes the next state; the last one repeats.
        self.device_script: list[str] = ["pending", "approve"]
        self.device_expires_in = 600
        self.device_interval = 5
        self._device_codes: dict[str, bool] = {}  # code -> used
        self._tokens: dict[str, _Token] = {}
        self._refresh: dict[str, _Token] = {}
        self._issued = 0
        self.refreshes = 0  # refresh tokens spent
        # Each profile's zone (account.timezone of /users/settings, sent to its owner only).
        self.timezones: dict[str, str | None] = {name: "Europe/Berlin" for name in self.users}
        # Trakt's paging counts come from a cached count that lags behind the rows:
        # the item count (and the page count made from it) leaves out this many.
        self.count_lag = 0
        self.activity: dict[str, int] = {}  # user -> bumps of their watched data
        self._watched_memo: dict[Any, list[dict[str, Any]]] = {}
        # Each distinct plan gets its own trakt ids; a plan shared by users shares its shows.
        self._plan_base: dict[int, int] = {}
        for specs in self.users.values():
            self._plan_base.setdefault(id(specs), 1000 + 10_000 * len(self._plan_base))
        super().__init__(_make_handler(self, auth=False))
        # OAuth answers on an address of its own, as https://auth.trakt.tv.
        self._auth_httpd, self._auth_thread, self.auth_url = listen(_make_handler(self, auth=True))

    def start(self) -> Self:
        self._auth_thread.start()
        return super().start()

    def stop(self) -> None:
        super().stop()
        self._auth_httpd.shutdown()
        self._auth_httpd.server_close()

    # -- control ----------------------------------------------------------------------------

    def touch(self, user: str, index: int) -> None:
        """The user watched show `index` again: its activity times move on."""
        with self._lock:
            self.activity[f"{user}:{index}"] = self.activity.get(f"{user}:{index}", 0) + 1
            self.activity[user] = self.activity.get(user, 0) + 1

    def hide(self, user: str, index: int, hidden: bool = True) -> None:
        """Hide show `index` from the user's progress (or unhide it); ``hidden_at`` moves on."""
        with self._lock:
            shows = self.hidden_shows.setdefault(user, set())
            if hidden:
                shows.add(index)
            else:
                shows.discard(index)
            self._hidden_bumps[user] = self._hidden_bumps.get(user, 0) + 1

    def expire_tokens(self) -> None:
        """Every access token issued so far is now expired (the refresh tokens still work)."""
        for token in self._tokens.values():
            token.expires_in = -1

    def revoke_tokens(self) -> None:
        """Every token issued so far is dead, refresh tokens too (a revoked app, or tokens
        issued before Trakt's July 2026 change): a refresh answers 400."""
        with self._lock:
            self._tokens.clear()
            self._refresh.clear()

    def issue_token(self, user: str | None = None) -> dict[str, Any]:
        """A token as the device flow would give it (for tests that skip the sign-in)."""
        with self._lock:
            self._issued += 1
            n = self._issued
        token = _Token(
            user or self.me,
            f"acc3ss-{n:04d}-f4k3t0k3n",
            f"r3fr3sh-{n:04d}-f4k3t0k3n",
            self.clock(),
            self.token_lifetime,
        )
        self._tokens[token.access] = token
        self._refresh[token.refresh] = token
        return {
            "access_token": token.access,
            "token_type": "bearer",
            "expires_in": int(token.expires_in),
            "refresh_token": token.refresh,
            "scope": "public",
            "created_at": int(token.created_at),
        }

    # -- documents --------------------------------------------------------------------------

    def trakt_id(self, user: str, spec: ShowSpec) -> int:
        return self._plan_base[id(self.users[user])] + spec.index

    def show_object(self, user: str, spec: ShowSpec, *, full: bool = False) -> dict[str, Any]:
        """The show as v2 sends it; `full`: with the ``extended=full`` fields
        (trakt-api's ``showResponseSchema``), from the plan's facts in Trakt's words."""
        trakt = self.trakt_id(user, spec)
        slug = "".join(c if c.isalnum() else "-" for c in spec.title.lower()).strip("-")
        show: dict[str, Any] = {
            "title": spec.title,
            "year": spec.year,
            "ids": {
                "trakt": trakt,
                "slug": f"{slug}-{spec.year}-{trakt}",
                "tvdb": 70_000 + spec.index * 37,
                "imdb": f"tt{1_000_000 + spec.index * 7919:07d}",
                "tmdb": None if spec.index % 4 == 1 else 5_000 + spec.index,
                "tvrage": None,
            },
        }
        if full:
            show.update(_full_fields(spec))
        return show

    def _watched_episodes(self, user: str, spec: ShowSpec) -> list[PlannedEpisode]:
        episodes = [e for e in plan_episodes(spec) if e.watched]
        bumps = self.activity.get(f"{user}:{spec.index}", 0)
        if bumps and episodes:  # a re-watch of the last episode, later
            last = episodes[-1]
            moment = _BASE_WATCH + timedelta(days=400 + bumps)
            episodes[-1] = PlannedEpisode(
                last.season,
                last.number,
                True,
                True,
                last.plays + bumps,
                last.first_aired,
                _iso(moment),
                last.title,
            )
        return episodes

    def watched_item(
        self, user: str, spec: ShowSpec, *, full: bool = False
    ) -> dict[str, Any] | None:
        episodes = self._watched_episodes(user, spec)
        if not episodes:
            return None
        last = max(e.last_watched_at or "" for e in episodes)
        seasons: dict[int, list[dict[str, Any]]] = {}
        for e in episodes:
            seasons.setdefault(e.season, []).append(
                {"number": e.number, "plays": e.plays, "last_watched_at": e.last_watched_at}
            )
        return {
            "plays": sum(e.plays for e in episodes),
            "last_watched_at": last,
            "last_updated_at": last,
            "reset_at": None,
            "show": self.show_object(user, spec, full=full),
            "seasons": [{"number": n, "episodes": eps} for n, eps in sorted(seasons.items())],
        }

    def watched_list(self, user: str, *, full: bool = False) -> list[dict[str, Any]]:
        """The watched shows; `full` (``extended=full`` asked): full show objects."""
        key = (user, full, tuple(sorted(self.activity.items())))
        cached = self._watched_memo.get(key)
        if cached is None:  # built once per state, not once per page
            items = [self.watched_item(user, spec, full=full) for spec in self.users[user]]
            cached = [item for item in items if item is not None]
            self._watched_memo = {key: cached}
        return cached

    def progress_object(
        self, user: str, spec: ShowSpec, *, hidden: bool, specials: bool, count_specials: bool
    ) -> dict[str, Any]:
        episodes = [e for e in plan_episodes(spec) if e.aired]
        watched = {(e.season, e.number): e for e in self._watched_episodes(user, spec)}
        hidden_numbers = {s.number for s in spec.seasons if s.hidden}
        seasons = []
        aired = completed = 0
        nxt = last = None
        for s in sorted(spec.seasons, key=lambda s: s.number):
            if (s.number in hidden_numbers and not hidden) or (s.number == 0 and not specials):
                counted_only = s.number == 0 and count_specials and s.number not in hidden_numbers
                if not counted_only:
                    continue
            eps = [e for e in episodes if e.season == s.number]
            rows: list[dict[str, Any]] = []
            for e in eps:
                w = watched.get((e.season, e.number))
                rows.append(
                    {
                        "number": e.number,
                        "completed": w is not None,
                        "last_watched_at": w.last_watched_at if w else None,
                    }
                )
            done = sum(r["completed"] for r in rows)
            counts = s.number > 0 or count_specials
            if counts:
                aired += len(rows)
                completed += done
                for e, r in zip(eps, rows, strict=True):
                    if nxt is None and not r["completed"]:
                        nxt = e
                    if r["completed"]:
                        last = e
            if s.number == 0 and not specials:
                continue  # counted, not listed
            seasons.append(
                {
                    "number": s.number,
                    "title": f"Season {s.number}",
                    "aired": len(rows),
                    "completed": done,
                    "episodes": rows,
                }
            )
        trakt = self.trakt_id(user, spec)
        return {
            "aired": aired,
            "completed": completed,
            "last_watched_at": max(
                (w.last_watched_at or "" for w in watched.values()), default=None
            )
            or None,
            "reset_at": None,
            "seasons": seasons,
            "hidden_seasons": [
                {"number": n, "ids": {"trakt": trakt * 100 + n}}
                for n in sorted(hidden_numbers)
                if not hidden
            ],
            "next_episode": self._episode_ref(trakt, nxt),
            "last_episode": self._episode_ref(trakt, last),
        }

    @staticmethod
    def _episode_ref(trakt: int, e: PlannedEpisode | None) -> dict[str, Any] | None:
        if e is None:
            return None
        return {**_episode_object(trakt, e), "first_aired": e.first_aired}

    def seasons_object(self, spec: ShowSpec, trakt: int) -> list[dict[str, Any]]:
        episodes = plan_episodes(spec)
        out = []
        for s in sorted(spec.seasons, key=lambda s: s.number):
            eps = [e for e in episodes if e.season == s.number]
            out.append(
                {
                    "number": s.number,
                    "ids": {"trakt": trakt * 100 + s.number},
                    "title": f"Season {s.number}",
                    "episode_count": len(eps),
                    "aired_episodes": sum(e.aired for e in eps),
                    "episodes": [
                        {
                            **_episode_object(trakt, e),
                            "first_aired": e.first_aired,
                            "runtime": RUNTIME,
                        }
                        for e in eps
                    ],
                }
            )
        return out

    def history_items(self, user: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for spec in self.users[user]:
            show = self.show_object(user, spec)
            trakt = show["ids"]["trakt"]
            for e in self._watched_episodes(user, spec):
                if e.last_watched_at is None:  # a watched episode has a time
                    continue
                moment = datetime.fromisoformat(e.last_watched_at.replace("Z", "+00:00"))
                for k in range(e.plays):
                    when = moment - timedelta(days=30 * k)
                    items.append(
                        {
                            "id": trakt * 100_000 + e.season * 1000 + e.number * 10 + k,
                            "watched_at": _iso(when),
                            "action": ("scrobble", "checkin", "watch")[(e.number + k) % 3],
                            "type": "episode",
                            "episode": {**_episode_object(trakt, e), "runtime": RUNTIME},
                            "show": show,
                        }
                    )
        items.sort(key=lambda item: (item["watched_at"], item["id"]), reverse=True)
        return items

    def rating_items(self, user: str) -> list[dict[str, Any]]:
        """The user's ratings (``/sync/ratings``, ``/users/{id}/ratings``), newest first.

        A show whose index is a multiple of 3 is rated ``6 + index % 5``, on day
        ``index`` after 2025-01-01; a show whose index is 1 more has its first
        watched episode rated ``5 + index % 6``, at noon that day.
        """
        items: list[dict[str, Any]] = []
        for spec in self.users[user]:
            show = self.show_object(user, spec)
            day = _BASE_WATCH + timedelta(days=spec.index)
            if spec.index % 3 == 0:
                items.append(
                    {
                        "rated_at": _iso(day),
                        "rating": 6 + spec.index % 5,
                        "type": "show",
                        "show": show,
                    }
                )
            watched = self._watched_episodes(user, spec)
            if spec.index % 3 == 1 and watched:
                e = watched[0]
                trakt = show["ids"]["trakt"]
                items.append(
                    {
                        "rated_at": _iso(day + timedelta(hours=12)),
                        "rating": 5 + spec.index % 6,
                        "type": "episode",
                        "episode": _episode_object(trakt, e),
                        "show": show,
                    }
                )
        items.sort(key=lambda item: item["rated_at"], reverse=True)
        return items

    def hidden_items(self, user: str, kind: str | None = None) -> list[dict[str, Any]]:
        """``GET /users/hidden/progress_watched`` items: hidden shows, then hidden seasons.

        `kind` (the ``type`` parameter) keeps the items of one type: "show" or "season".
        """
        items: list[dict[str, Any]] = []
        for spec in self.users[user]:
            show = self.show_object(user, spec)
            if spec.index in self.hidden_shows.get(user, set()):
                items.append({"hidden_at": _HIDDEN_AT, "type": "show", "show": show})
        for spec in self.users[user]:
            trakt = self.trakt_id(user, spec)
            for season in spec.seasons:
                if season.hidden:
                    items.append(
                        {
                            "hidden_at": _HIDDEN_AT,
                            "type": "season",
                            "season": {
                                "number": season.number,
                                "ids": {"trakt": trakt * 100 + season.number},
                            },
                            "show": self.show_object(user, spec),
                        }
                    )
        return [item for item in items if kind is None or item["type"] == kind]

    def last_activities(self, user: str) -> dict[str, Any]:
        moment = _iso(_BASE_WATCH + timedelta(days=800 + self.activity.get(user, 0)))
        bumps = self._hidden_bumps.get(user, 0)
        hidden_at = _iso(_BASE_WATCH + timedelta(days=900 + bumps)) if bumps else None
        return {
            "all": moment,
            "episodes": {"watched_at": moment, "collected_at": None, "rated_at": None},
            "shows": {"rated_at": None, "hidden_at": hidden_at},
            "seasons": {"rated_at": None, "hidden_at": None},
        }

    def find_show(self, trakt: int) -> tuple[str, ShowSpec] | None:
        if not hasattr(self, "_by_id"):
            self._by_id = {
                self.trakt_id(user, spec): (user, spec)
                for user, specs in self.users.items()
                for spec in specs
            }
        return self._by_id.get(trakt)


def _make_handler(server: V2Server, *, auth: bool) -> type[BaseHTTPRequestHandler]:
    """The handler of the API address (`auth` False) or of the auth address (True)."""

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def _handle(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            server.requests.append(Seen(self.path, dict(self.headers), method))
            failure = server._next()
            if failure is not None and failure.kind == "status":
                self._send_failure(failure)
                return
            if failure is not None and failure.kind == "hang":
                time.sleep(failure.delay)
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                self._json(400, {"error": "invalid json"})
                return
            if not self.headers.get("User-Agent"):
                self._send(403, b"<html><body>Cloudflare: no User-Agent</body></html>", {})
                return
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            path = unquote(parts.path)
            if auth != path.startswith(("/oauth/", "/activate")):
                # OAuth lives only on the auth address, the data only on the API's.
                self._json(404, {"error": "not found"})
            elif method == "POST":
                self._post(path, body)
            elif path == "/activate":
                self._send(200, b"<html><body>Enter the code</body></html>", {})
            else:
                self._get(path, query, failure)

        # -- OAuth ----------------------------------------------------------------------

        def _post(self, path: str, body: dict[str, Any]) -> None:
            if path == "/oauth/device/code":
                if body.get("client_id") != server.client_id:
                    self._json(403, {"error": "invalid client"})
                    return
                code = f"d3v1c3-{len(server._device_codes):04d}-f4k3c0d3"
                server._device_codes[code] = False
                self._json(
                    200,
                    {
                        "device_code": code,
                        "user_code": USER_CODE,
                        "verification_url": f"{server.auth_url}/activate",
                        "expires_in": server.device_expires_in,
                        "interval": server.device_interval,
                    },
                )
            elif path == "/oauth/device/token":
                if (
                    body.get("client_id") != server.client_id
                    or body.get("client_secret") != server.client_secret
                ):
                    self._json(401, {"error": "invalid_client"})
                    return
                code = str(body.get("code"))
                if code not in server._device_codes:
                    self._send(404, b"", {})
                    return
                if server._device_codes[code]:
                    self._send(409, b"", {})
                    return
                script = server.device_script
                state = script.pop(0) if len(script) > 1 else script[0]
                statuses = {
                    "pending": 400,
                    "slow_down": 429,
                    "invalid": 404,
                    "used": 409,
                    "expired": 410,
                    "denied": 418,
                }
                if state == "approve":
                    server._device_codes[code] = True
                    self._json(200, server.issue_token())
                else:
                    self._send(statuses[state], b"", {})
            elif path == "/oauth/token":
                if (
                    body.get("client_id") != server.client_id
                    or body.get("client_secret") != server.client_secret
                ):
                    self._json(
                        401,
                        {
                            "error": "invalid_client",
                            "error_description": "Client authentication failed.",
                        },
                    )
                    return
                # Single-use: the refresh token dies here, whatever comes next.
                with server._lock:
                    token = server._refresh.pop(str(body.get("refresh_token")), None)
                if token is None or body.get("grant_type") != "refresh_token":
                    self._json(
                        400,
                        {
                            "error": "invalid_grant",
                            "error_description": "The provided authorization grant is invalid, "
                            "expired, revoked, or was issued to another client.",
                        },
                    )
                    return
                server.refreshes += 1
                server._tokens.pop(token.access, None)
                self._json(200, server.issue_token(token.user))
            else:
                self._json(404, {"error": "not found"})

        # -- data -----------------------------------------------------------------------

        def _signed_in(self) -> str | None:
            header = self.headers.get("Authorization") or ""
            if not header.startswith("Bearer "):
                return None
            token = server._tokens.get(header[len("Bearer ") :])
            if token is None or server.clock() > token.created_at + token.expires_in:
                return None
            return token.user

        def _get(self, path: str, query: dict[str, str], failure: Failure | None) -> None:
            if self.headers.get("trakt-api-key") != server.client_id:
                self._json(403, {"error": "invalid api key"})
                return
            if self.headers.get("trakt-api-version") != "2":
                self._json(400, {"error": "trakt-api-version must be 2"})
                return
            me = self._signed_in()
            if me is None and self.headers.get("Authorization"):
                # A token sent is checked on every request, public ones too.
                self._json(401, {"error": "invalid_token"})
                return
            segments = path.strip("/").split("/")
            full = "full" in query.get("extended", "").split(",")
            if (segments[0] == "sync" or path == "/users/settings") and me is None:
                self._json(401, {"error": "unauthorized"})
                return
            if path == "/users/settings" and me is not None:  # (signed in: above)
                self._json(
                    200,
                    {
                        "user": {"username": me, "private": False},
                        "account": {"timezone": server.timezones.get(me)},
                    },
                )
            elif path == "/sync/last_activities" and me is not None:  # (signed in: above)
                self._json(200, server.last_activities(me))
            elif path == "/sync/watched/shows" and me is not None:
                self._paged(server.watched_list(me, full=full), query, failure)
            elif path == "/sync/ratings" and me is not None:
                self._paged(server.rating_items(me), query, failure)
            elif (
                len(segments) == 4
                and segments[0] == "shows"
                and segments[2:]
                == [
                    "progress",
                    "watched",
                ]
            ):
                if me is None:
                    self._json(401, {"error": "unauthorized"})
                    return
                found = server.find_show(int(segments[1]))
                if found is None or found[0] != me:
                    self._json(404, {"error": "not found"})
                    return
                flags = {
                    k: query.get(k) == "true" for k in ("hidden", "specials", "count_specials")
                }
                self._json(200, server.progress_object(me, found[1], **flags))
            elif len(segments) == 3 and segments[0] == "shows" and segments[2] == "seasons":
                found = server.find_show(int(segments[1]))
                if found is None:
                    self._json(404, {"error": "not found"})
                    return
                self._json(200, server.seasons_object(found[1], int(segments[1])))
            elif path == "/users/hidden/progress_watched":
                if me is None:  # OAuth required: the list is the signed-in user's only
                    self._json(401, {"error": "unauthorized"})
                    return
                self._paged(server.hidden_items(me, query.get("type")), query, failure)
            elif len(segments) >= 3 and segments[0] == "users":
                user = me if segments[1] == "me" else segments[1]
                if user is None or user not in server.users:
                    self._json(404 if user else 401, {"error": "not found"})
                    return
                if user in server.private and user != me:
                    self._json(401, {"error": "private user"})
                    return
                rest = segments[2:]
                if rest == ["watched", "shows"]:
                    self._paged(server.watched_list(user, full=full), query, failure)
                elif rest == ["ratings"]:
                    self._paged(server.rating_items(user), query, failure)
                elif rest == ["history", "episodes"]:
                    items = server.history_items(user)
                    if "start_at" in query:
                        items = [i for i in items if i["watched_at"] >= query["start_at"]]
                    if "end_at" in query:
                        items = [i for i in items if i["watched_at"] < query["end_at"]]
                    self._paged(items, query, failure)
                else:
                    self._json(404, {"error": "not found"})
            else:
                self._json(404, {"error": "not found"})

        def _paged(self, items: list[Any], query: dict[str, str], failure: Failure | None) -> None:
            page = max(1, int(query.get("page", 1)))
            limit = min(server.page_size, max(1, int(query.get("limit", 10))))
            counted = max(0, len(items) - server.count_lag)
            count = max(1, math.ceil(counted / limit))
            chunk = items[(page - 1) * limit : page * limit]
            if failure is not None and failure.kind == "short_page" and chunk:
                chunk = chunk[:-1]  # a row the API cannot resolve is left out
            if failure is not None and failure.kind == "overlap" and page > 1:
                # The previous page's last row again (offset paging over a list that moved).
                chunk = items[(page - 1) * limit - 1 : page * limit]
            if failure is not None and failure.kind == "page_count":
                count += 1
            headers = {
                "X-Pagination-Page": str(page),
                "X-Pagination-Limit": str(limit),
                "X-Pagination-Page-Count": str(count),
                "X-Pagination-Item-Count": str(counted),
            }
            self._json(200, chunk, headers)

        def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
            body = json.dumps(data).encode()
            self._send(status, body, {"Content-Type": "application/json", **(headers or {})})

    return Handler
