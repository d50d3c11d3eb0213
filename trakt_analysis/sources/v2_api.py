"""API v2 (``https://api.trakt.tv``): device sign-in, paged lists, rate limits, a cache.

>>> import trakt_analysis as ta
>>> api = ta.TraktAPI()  # doctest: +SKIP
>>> api.login()  # doctest: +SKIP
>>> progress = api.progress()  # doctest: +SKIP

The client secret, the tokens and the device code are registered for
redaction: they never appear in an error, a repr, a log record or the cache.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pandas as pd
import requests

from .._http.bearer import BearerAdapter
from .._http.cache import PARTITION_HEADER, partitioned_session
from .._http.oauth import DeviceCode, Token, TokenStore, default_token_path, poll_device_token
from .._http.paging import PAGE_LIMIT, read_all_pages
from .._http.redact import REDACTED, install_log_filter, redact, register_secret
from .._http.responses import http_get, parse_response, transport_error
from .._http.session import RETRY_STATUSES, PoliteRetry, SessionOwner
from .._http.throttle import Throttle
from .._version import __version__
from ..errors import (
    TraktAPIError,
    TraktArgumentError,
    TraktAuthError,
    TraktHTTPError,
    TraktNotFoundError,
    TraktPrivateProfileError,
    TraktRateLimitError,
)
from ..frames import frames_from_parsed, history_frame
from ..parsers._problems import Problems
from ..parsers.v2_progress import RESET_MODES, parse_public_progress, parse_show_progress
from ..progress import Progress, Provenance
from ._issue import issue

__all__ = ["DEFAULT_API_URL", "TraktAPI"]

DEFAULT_API_URL = "https://api.trakt.tv"
USER_AGENT = f"trakt_analysis/{__version__} (python-requests/{requests.__version__})"
#: How long a show's progress (its aired counts change as episodes air) and a
#: public profile's lists are used from the cache before they are asked again.
DEFAULT_CACHE_TTL = timedelta(hours=12)
_BAR_THRESHOLD = 50  # show a progress bar when more shows than this may need a request

# API v2's meanings of the statuses (over the transport's defaults).
V2_STATUS_ERRORS: dict[int, tuple[type[TraktHTTPError], str]] = {
    401: (TraktAuthError, "not signed in or the token was revoked: sign in again (api.login())"),
    403: (
        TraktAuthError,
        "invalid or deleted API app: check the client id (creating apps now needs VIP)",
    ),
    404: (TraktNotFoundError, "not found"),
    423: (TraktAuthError, "the account is locked: contact trakt.tv support"),
    426: (TraktAuthError, "VIP required for this request"),
    429: (TraktRateLimitError, "rate limited"),
}

_NOTES = (
    "percentage is NA: API v2 sends none (completion is completed / aired)",
    "left is derived: aired - completed",
)


def _check_v2_body(data: Any, where: str) -> None:
    """A 2xx answer that is an error object (``{"error": ...}``) is an error."""
    if isinstance(data, dict) and set(data) <= {"error", "error_description"} and "error" in data:
        detail = data.get("error_description") or data.get("error")
        raise TraktAPIError(f"{where}: the API says: {detail}")


def _api_url(base_url: str | None) -> str:
    url = base_url if base_url is not None else os.environ.get("TRAKT_API_URL") or DEFAULT_API_URL
    if not isinstance(url, str):
        raise TraktArgumentError(f"base_url must be a str, got {type(url).__name__}")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TraktArgumentError(f"base_url must be an http(s) URL like {DEFAULT_API_URL!r}")
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise TraktArgumentError("base_url must not hold a query, a fragment or credentials")
    return url.strip().rstrip("/")


def _env_or(value: str | None, name: str, what: str) -> str | None:
    value = value if value is not None else os.environ.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise TraktArgumentError(f"{what} must be a str, got {type(value).__name__}")
    return value.strip() or None


def _segment(value: str) -> str:
    if not isinstance(value, str) or not value.strip() or value.strip() in (".", ".."):
        raise TraktArgumentError(f"expected a username or id, got {value!r}")
    return quote(value.strip(), safe="")


def _as_iso(value: str | datetime | pd.Timestamp | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise TraktArgumentError(f"{what} must be a date or datetime, got {value!r}") from None
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return ts.strftime("%Y-%m-%dT%H:%M:%S.000Z")


class TraktAPI(SessionOwner):
    """A client for API v2: device sign-in, watched progress, history.

    Parameters
    ----------
    client_id, client_secret : str, optional
        The API app's credentials (trakt.tv/oauth/applications); default to
        ``TRAKT_CLIENT_ID`` and ``TRAKT_CLIENT_SECRET``. The secret is needed
        only to sign in and to refresh the token.
    base_url : str, optional
        Defaults to ``TRAKT_API_URL``, else ``https://api.trakt.tv``.
    token_path : path, optional
        Where the token is kept; defaults to a file (mode 0600) in the user's
        config directory, one per client id.
    cache : bool or path
        Keep answers on disk (requests-cache): True for the user's cache
        directory, or a directory. A re-run with nothing changed makes no
        request for the progress data (signed in: one ``/sync/last_activities``
        call says whether anything changed).
    offline : bool
        Only the cache answers; a miss raises :class:`~trakt_analysis.TraktCacheMissError`.
    cache_ttl : timedelta
        How long a show's progress (aired counts change as episodes air) and a
        public profile's lists are used before they are asked again.
    timeout : float or (float, float)
        Seconds to connect and to wait for an answer.
    retries : int
        Retries of 429 (after ``Retry-After`` plus `retry_after_margin`), 5xx
        and timeouts.
    progress_bar : bool, optional
        A tqdm bar over the shows; None shows one when more than 50 shows are read.
    clock, sleep : callables
        ``time.time`` and ``time.sleep``; tests pass fakes.
    """

    def __init__(
        self,
        client_id: str | None = None,
        client_secret: str | None = None,
        *,
        base_url: str | None = None,
        token_path: str | os.PathLike[str] | None = None,
        cache: bool | str | os.PathLike[str] = False,
        offline: bool = False,
        cache_ttl: timedelta = DEFAULT_CACHE_TTL,
        timeout: float | tuple[float, float] = 10.0,
        retries: int = 4,
        retry_after_margin: float = 1.0,
        max_retry_time: float = 300.0,
        progress_bar: bool | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = _api_url(base_url)
        self.client_id = _env_or(client_id, "TRAKT_CLIENT_ID", "client_id")
        self._client_secret = _env_or(client_secret, "TRAKT_CLIENT_SECRET", "client_secret")
        if self._client_secret:
            register_secret(self._client_secret)
        self.offline = bool(offline)
        if self.client_id is None and not self.offline:
            raise TraktArgumentError(
                "no client id: pass client_id=... or set TRAKT_CLIENT_ID "
                "(your API app at https://trakt.tv/oauth/applications)"
            )
        if not isinstance(cache_ttl, timedelta):
            raise TraktArgumentError(f"cache_ttl must be a timedelta, got {cache_ttl!r}")
        self.cache_ttl = cache_ttl
        self.timeout = timeout
        self.progress_bar = progress_bar
        self._clock = clock
        self._sleep = sleep
        self._store = TokenStore(
            token_path
            if token_path is not None
            else default_token_path(self.client_id or "offline")
        )
        self._token: Token | None = None
        install_log_filter()

        if self.offline and cache is False:
            cache = True
        self._cache_label = "off"
        if cache is False:
            session: requests.Session = requests.Session()
        else:
            cache_dir = None if cache is True else os.fspath(cache)  # type: ignore[arg-type]
            self._cache_label = cache_dir or "user cache dir"
            session = partitioned_session(cache_dir, offline=self.offline)
        self._cached = cache is not False
        self.throttle = Throttle(sleep=sleep)
        retry = PoliteRetry(
            total=retries,
            status_forcelist=RETRY_STATUSES,
            backoff_factor=0.5,
            raise_on_status=False,
            retry_after_margin=retry_after_margin,
            max_retry_time=max_retry_time,
            redirect=5,
        )
        adapter = BearerAdapter(
            authorization=self._authorization,
            throttle=self.throttle,
            offline=self.offline,
            max_retries=retry,
        )
        session.mount(self.base_url + "/", adapter)
        self._session = session
        # Sign-in requests (POST, with the client secret in the body) never touch the cache.
        self._plain = requests.Session()
        self._plain.mount(
            self.base_url + "/",
            BearerAdapter(
                authorization=lambda: None,
                throttle=self.throttle,
                offline=self.offline,
                max_retries=PoliteRetry(total=0, raise_on_status=False),
            ),
        )

    # -- plumbing ---------------------------------------------------------------------------

    def __repr__(self) -> str:
        secret = REDACTED if self._client_secret else None
        return (
            f"TraktAPI(base_url={self.base_url!r}, client_id={self.client_id!r}, "
            f"client_secret={secret}, cache={self._cache_label!r}, offline={self.offline})"
        )

    def _sessions(self) -> list[requests.Session]:
        return [self._session, self._plain]

    @property
    def requests_made(self) -> int:
        """Requests sent to the server so far (cache hits are not requests)."""
        return self.throttle.count

    def _headers(self) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            "trakt-api-key": self.client_id or "",
            "trakt-api-version": "2",
            "User-Agent": USER_AGENT,
        }

    def _authorization(self) -> str | None:
        token = self._current_token(refresh=not self.offline, required=False)
        return None if token is None else f"Bearer {token.access_token}"

    def _get(
        self,
        path: str,
        params: dict[str, Any] | None = None,
        *,
        partition: str,
        expire_after: timedelta | None = None,
        force_refresh: bool = False,
        status_errors: dict[int, tuple[type[TraktHTTPError], str]] | None = None,
    ) -> tuple[Any, dict[str, str]]:
        url = self.base_url + path
        if params:
            url += "?" + urlencode(params)
        label = redact(f"GET {url}")
        headers = {**self._headers(), PARTITION_HEADER: partition}
        kwargs: dict[str, Any] = {}
        if self._cached and not self.offline:
            kwargs["expire_after"] = -1 if expire_after is None else expire_after
            kwargs["force_refresh"] = force_refresh
        response = http_get(
            self._session,
            url,
            label=label,
            offline=self.offline,
            headers=headers,
            timeout=self.timeout,
            **kwargs,
        )
        table = {**V2_STATUS_ERRORS, **(status_errors or {})}
        data = parse_response(response, label, check_body=_check_v2_body, status_errors=table)
        return data, dict(response.headers)

    def _get_pages(
        self, path: str, params: dict[str, Any], *, partition: str, **kwargs: Any
    ) -> list[Any]:
        def fetch(page: int) -> tuple[Any, dict[str, str]]:
            return self._get(
                path, {**params, "page": page, "limit": PAGE_LIMIT}, partition=partition, **kwargs
            )

        return read_all_pages(fetch, redact(f"GET {self.base_url}{path}"))

    def _post(self, path: str, body: dict[str, Any]) -> requests.Response:
        label = f"POST {self.base_url}{path}"
        error = None
        try:
            response = self._plain.post(
                self.base_url + path,
                data=json.dumps(body),
                headers=self._headers(),
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            error = transport_error(exc, label)
        if error is not None:
            raise error
        return response

    # -- sign-in ----------------------------------------------------------------------------

    def _need_secret(self) -> str:
        if self.offline:
            raise TraktArgumentError("offline mode cannot sign in")
        if not self._client_secret:
            raise TraktArgumentError(
                "signing in needs the client secret: pass client_secret=... or set "
                "TRAKT_CLIENT_SECRET"
            )
        return self._client_secret

    def login(self, *, display: Callable[[DeviceCode], None] | None = None) -> str:
        """Sign in with the device-code flow and store the token; return the username.

        Shows a code and a link (as HTML in a notebook, as text in a terminal),
        then polls ``POST /oauth/device/token`` every ``interval`` seconds until
        the user approves it on trakt.tv, or the code expires.

        Parameters
        ----------
        display : callable, optional
            ``display(device_code)`` instead of the default display.

        Raises
        ------
        TraktDeviceCodeError
            The device code is invalid (404) or was already used (409).
        TraktLoginExpiredError
            The code expired (410, or ``expires_in`` passed) before it was approved.
        TraktLoginDeniedError
            The user denied the app (418).
        TraktAuthError, TraktHTTPError
            The app's credentials were refused, or another failure.
        """
        secret = self._need_secret()
        response = self._post("/oauth/device/code", {"client_id": self.client_id})
        where = f"POST {self.base_url}/oauth/device/code"
        device = DeviceCode.from_json(
            parse_response(response, where, status_errors=V2_STATUS_ERRORS), where
        )
        (display or _show_device_code)(device)
        answer = poll_device_token(
            lambda body: self._post("/oauth/device/token", body),
            device,
            client_id=self.client_id or "",
            client_secret=secret,
            clock=self._clock,
            sleep=self._sleep,
        )
        token = Token.from_json(answer, "POST /oauth/device/token")
        self._token = token
        settings, _ = self._get("/users/settings", partition="settings", force_refresh=True)
        user = settings.get("user", {}).get("username") if isinstance(settings, dict) else None
        token = Token.from_json({**token.to_json(), "user": user}, "token")
        self._store.save(token)
        self._token = token
        return user or "me"

    def logout(self) -> None:
        """Forget the stored token (the file is deleted)."""
        self._store.delete()
        self._token = None

    @property
    def signed_in(self) -> bool:
        """Whether a token is stored (it may still need a refresh)."""
        return self._current_token(refresh=False, required=False) is not None

    def _current_token(self, *, refresh: bool, required: bool) -> Token | None:
        if self._token is None:
            self._token = self._store.load()
        token = self._token
        if token is None:
            if required:
                raise TraktAuthError("not signed in: run api.login() (or trakt-analysis login)")
            return None
        if refresh and token.needs_refresh(self._clock()):
            token = self._refresh(token)
        return token

    def _refresh(self, token: Token) -> Token:
        secret = self._need_secret()
        response = self._post(
            "/oauth/token",
            {
                "refresh_token": token.refresh_token,
                "client_id": self.client_id,
                "client_secret": secret,
                "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
                "grant_type": "refresh_token",
            },
        )
        refresh_errors = {
            400: (TraktAuthError, "the refresh token is invalid: sign in again (api.login())"),
            401: (TraktAuthError, "the refresh token was refused: sign in again (api.login())"),
        }
        data = parse_response(
            response,
            f"POST {self.base_url}/oauth/token",
            status_errors={**V2_STATUS_ERRORS, **refresh_errors},
        )
        new = Token.from_json(data, "POST /oauth/token", user=token.user)
        self._store.save(new)
        self._token = new
        return new

    # -- progress ---------------------------------------------------------------------------

    def _bar(self, total: int) -> Any:
        show = self.progress_bar if self.progress_bar is not None else total > _BAR_THRESHOLD
        if not show:
            return _NoBar()
        from tqdm.auto import tqdm

        return tqdm(total=total, desc="shows", unit="show")

    def _activity(self, user: str) -> dict[str, Any]:
        """``/sync/last_activities``: always asked (online), the one call of a warm run."""
        data, _ = self._get("/sync/last_activities", partition=f"user:{user}", force_refresh=True)
        if not isinstance(data, dict):
            raise TraktAPIError("GET /sync/last_activities: expected an object")
        return data

    @staticmethod
    def _version(activity: dict[str, Any], *sections: str) -> str:
        """A short digest of the activity sections that change the progress data."""
        parts = {name: activity.get(name) for name in sections}
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]

    def progress(
        self,
        user: str = "me",
        *,
        history: bool = False,
        hidden: bool = False,
        specials: bool = False,
        count_specials: bool = False,
        reset: str = "current",
    ) -> Progress:
        """Watched progress as frames: the signed-in user (``"me"``) or a public profile.

        Signed in: ``GET /sync/watched/shows?extended=progress`` (paged), then per
        show ``GET /shows/{id}/progress/watched``. A public profile: ``GET
        /users/{user}/watched/shows?extended=progress`` (paged), with the aired
        episodes from ``GET /shows/{id}/seasons?extended=episodes,full``
        (episodes whose ``first_aired`` is past; cached for every user).

        Parameters
        ----------
        user : str
            ``"me"`` (or your own username) for the signed-in user, else a public profile.
        history : bool
            Also read the history (:meth:`history`) into ``Progress.history``.
        hidden : bool
            Count hidden seasons (signed in only; a public profile cannot tell them).
        specials, count_specials : bool
            List season 0; count it in the totals.
        reset : {"current", "lifetime"}
            After a reset (a rewatch): progress since the reset, or every episode ever watched.

        Returns
        -------
        Progress
            ``provenance.kind == "v2"``. ``percentage`` is NA (v2 sends none);
            ``left`` = aired - completed; :data:`~trakt_analysis.schema.FILLED_BY`
            ``["v2"]`` lists the columns filled.

        Raises
        ------
        TraktAuthError
            Not signed in (for ``"me"``), a revoked token (401), an invalid app
            (403), a locked account (423), VIP required (426).
        TraktPrivateProfileError
            The profile is private.
        TraktPagingError
            A paged list changed while it was read.
        TraktCacheMissError
            Offline, and the data is not in the cache.
        """
        if reset not in RESET_MODES:
            raise TraktArgumentError(f"reset must be one of {RESET_MODES}, got {reset!r}")
        token = self._current_token(refresh=not self.offline, required=user == "me")
        me = token is not None and (user == "me" or user == token.user)
        if me:
            name = (token.user if token else None) or "me"
            parsed = self._my_progress(name, hidden, specials, count_specials, reset)
            label = f"{self.base_url} (signed in as {name})"
        else:
            name = user
            parsed = self._public_progress(user, specials, count_specials, reset)
            label = f"{self.base_url} (public profile {user})"
        issue(parsed.problems)
        provenance = Provenance(kind="v2", label=label, notes=_NOTES)
        result = frames_from_parsed(parsed, user=name, provenance=provenance)
        if history:
            frame = self.history("me" if me else user)
            shows = _with_play_split(result.shows, frame)
            result = Progress(
                shows,
                result.seasons,
                result.episodes,
                user=name,
                history=frame,
                provenance=provenance,
            )
        return result

    def _my_progress(
        self, user: str, hidden: bool, specials: bool, count_specials: bool, reset: str
    ) -> Any:
        partition = f"user:{user}"
        activity = self._activity(user) if not self.offline else self._cached_activity(user)
        version = self._version(activity, "episodes", "shows", "seasons")
        watched = self._get_pages(
            "/sync/watched/shows",
            {"extended": "progress"},
            partition=f"{partition}|{version}",
        )
        hidden_version = self._version(activity, "shows", "seasons")
        options = {
            "hidden": str(hidden).lower(),
            "specials": str(specials).lower(),
            "count_specials": str(count_specials).lower(),
        }
        entries = []
        with self._bar(len(watched)) as bar:
            for item in watched:
                show = item.get("show") if isinstance(item, dict) else None
                trakt_id = (show or {}).get("ids", {}).get("trakt") if show else None
                if not isinstance(trakt_id, int):
                    raise TraktAPIError(
                        f"GET /sync/watched/shows: an item has no show id: {item!r}"[:200]
                    )
                stamp = "|".join(
                    str(item.get(k)) for k in ("last_watched_at", "last_updated_at", "reset_at")
                )
                progress, _ = self._get(
                    f"/shows/{trakt_id}/progress/watched",
                    options,
                    partition=f"{partition}|{stamp}|{hidden_version}",
                    expire_after=self.cache_ttl,
                )
                entries.append({"show": show, "watched": item, "progress": progress})
                bar.update(1)
        return parse_show_progress(
            entries, label=self.base_url, reset=reset, count_specials=count_specials
        )

    def _cached_activity(self, user: str) -> dict[str, Any]:
        data, _ = self._get("/sync/last_activities", partition=f"user:{user}")
        return data

    def _public_progress(self, user: str, specials: bool, count_specials: bool, reset: str) -> Any:
        segment = _segment(user)
        private = {
            401: (TraktPrivateProfileError, f"the profile of {user!r} is private"),
            403: (TraktPrivateProfileError, f"the profile of {user!r} is private"),
            404: (TraktNotFoundError, f"no user {user!r}"),
        }
        watched = self._get_pages(
            f"/users/{segment}/watched/shows",
            {"extended": "progress"},
            partition=f"public:{user}",
            expire_after=self.cache_ttl,
            status_errors=private,
        )
        entries = []
        with self._bar(len(watched)) as bar:
            for item in watched:
                show = item.get("show") if isinstance(item, dict) else None
                trakt_id = (show or {}).get("ids", {}).get("trakt") if show else None
                if not isinstance(trakt_id, int):
                    raise TraktAPIError(
                        f"GET /users/{segment}/watched/shows: an item has no show id"
                    )
                seasons, _ = self._get(
                    f"/shows/{trakt_id}/seasons",
                    {"extended": "episodes,full"},
                    partition="shows",  # the same for every user: shared
                    expire_after=self.cache_ttl,
                )
                entries.append({"show": show, "watched": item, "seasons": seasons})
                bar.update(1)
        now = datetime.fromtimestamp(self._clock(), tz=UTC)
        return parse_public_progress(
            entries,
            now=now,
            label=self.base_url,
            reset=reset,
            specials=specials,
            count_specials=count_specials,
        )

    # -- history ----------------------------------------------------------------------------

    def history(
        self,
        user: str = "me",
        *,
        start: str | datetime | None = None,
        end: str | datetime | None = None,
    ) -> pd.DataFrame:
        """Every episode play, newest first: ``GET /users/{id}/history/episodes`` (paged).

        Parameters
        ----------
        user : str
            ``"me"`` (signed in) or a public profile.
        start, end : date, datetime or str, optional
            Only plays watched at or after `start` and before `end` (UTC when naive).

        Returns
        -------
        pandas.DataFrame
            The history frame (:data:`~trakt_analysis.schema.HISTORY`): one row
            per play, with ``action`` telling scrobbles, check-ins and "seen" marks apart.
        """
        from ..parsers.history import parse_history_items

        token = self._current_token(refresh=not self.offline, required=user == "me")
        me = token is not None and (user == "me" or user == token.user)
        name = ((token.user if token else None) or "me") if me else user
        params = {"extended": "full"}
        for key, value in (("start_at", start), ("end_at", end)):
            iso = _as_iso(value, key)
            if iso is not None:
                params[key] = iso
        if me:
            activity = self._activity(name) if not self.offline else self._cached_activity(name)
            partition = f"user:{name}|{self._version(activity, 'episodes')}"
            kwargs: dict[str, Any] = {}
        else:
            partition = f"public:{name}"
            kwargs = {"expire_after": self.cache_ttl}
        items = self._get_pages(
            f"/users/{'me' if me else _segment(user)}/history/episodes",
            params,
            partition=partition,
            status_errors={
                401: (TraktPrivateProfileError, f"the profile of {user!r} is private"),
                403: (TraktPrivateProfileError, f"the profile of {user!r} is private"),
            }
            if not me
            else None,
            **kwargs,
        )
        problems = Problems(f"{self.base_url} history")
        columns = parse_history_items(items, label=problems.label, problems=problems)
        issue(problems)
        return history_frame(columns, user=name)


def _with_play_split(shows: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """Fill scrobbles, check-ins and "seen" marks per show from the history (by trakt id).

    A show with no play in the history gets 0 of each: the history is complete
    for the period read (all of it, with no ``start``/``end``).
    """
    shows = shows.copy()
    episodes = history[history["type"] == "episode"]
    counts = episodes.groupby(["trakt_id", "action"], observed=True).size().unstack(fill_value=0)
    for column, action in (("scrobbles", "scrobble"), ("checkins", "checkin"), ("seen", "watch")):
        per_show = counts[action] if action in counts.columns else pd.Series(dtype="int64")
        values = shows["trakt_id"].map(per_show).fillna(0)
        values[shows["trakt_id"].isna()] = pd.NA
        shows[column] = values.astype(shows[column].dtype)
    return shows


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None


def _show_device_code(device: DeviceCode) -> None:
    """The code and link: HTML in a notebook, text in a terminal."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
        from IPython.display import HTML, display

        url = html.escape(device.verification_url, quote=True)
        display(
            HTML(
                f'<p>Open <a href="{url}" target="_blank">{url}</a> and enter the code '
                f"<b><code>{html.escape(device.user_code)}</code></b> "
                f"(within {device.expires_in / 60:.0f} minutes).</p>"
            )
        )
        return
    print(
        f"Open {device.verification_url} and enter the code {device.user_code} "
        f"(within {device.expires_in / 60:.0f} minutes).",
        file=sys.stdout,
        flush=True,
    )
