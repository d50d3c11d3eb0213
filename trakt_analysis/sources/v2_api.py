"""API v2 (``https://api.trakt.tv``, OAuth on ``https://auth.trakt.tv``): sign-in, paging, cache.

>>> import trakt_analysis as ta
>>> api = ta.TraktAPI()  # doctest: +SKIP
>>> api.login()  # doctest: +SKIP
>>> progress = api.progress()  # doctest: +SKIP

The client secret, the tokens and the device code are registered for
redaction: they never appear in an error, a repr, a log record or the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
import requests
from urllib3.util.retry import Retry

from .._advice import advice, sign_in_again
from .._http.client import PARTITION_HEADER, USER_AGENT, HTTPClient, check_text, check_url
from .._http.limits import HTTPLimits
from .._http.oauth import DeviceCode, Token, TokenStore, default_token_path, poll_device_token
from .._http.paging import PAGE_LIMIT, read_all_pages
from .._http.redact import REDACTED, redact, register_secret
from .._http.responses import parse_response
from .._http.untrusted import safe_link
from .._warnings import warn
from ..errors import (
    TraktAPIError,
    TraktArgumentError,
    TraktAuthError,
    TraktCacheMissError,
    TraktConnectionError,
    TraktDataWarning,
    TraktError,
    TraktHTTPError,
    TraktNotFoundError,
    TraktPrivateProfileError,
    TraktRateLimitError,
)
from ..frames import frames_from_parsed, history_frame
from ..parsers._problems import Problems
from ..parsers._repeats import Kind, drop_repeated, repeated, repeats_note
from ..parsers.detect import api_error_words
from ..parsers.v2_items import watched_show_ids
from ..parsers.v2_progress import RESET_MODES, parse_public_progress, parse_show_progress
from ..progress import Progress, Provenance
from ._issue import issue

__all__ = ["APPS_URL", "DEFAULT_API_URL", "DEFAULT_AUTH_URL", "TraktAPI"]

DEFAULT_API_URL = "https://api.trakt.tv"
#: Since 2026-07-30 every OAuth request (device code and token, token refresh,
#: revoke) goes here, never to the API host.
DEFAULT_AUTH_URL = "https://auth.trakt.tv"
#: Where a user makes and manages API apps (the old trakt.tv/oauth/applications is gone).
APPS_URL = "https://app.trakt.tv/settings/apps"
#: How long a show's progress (its aired counts change as episodes air) and a
#: public profile's lists are used from the cache before they are asked again.
DEFAULT_CACHE_TTL = timedelta(hours=12)
#: How long an answer keyed on its data's version (the watched list, the history)
#: is kept: a changed version is a new key, and the old one expires and is pruned.
VERSION_KEEP = timedelta(days=30)
#: The watched list's ``extended``: ``full`` adds each show's genres, network,
#: country, language, status, first_aired and runtime (the shows frame's
#: metadata columns) to the pages already read, so it costs no request. trakt-api's
#: contract lists ``full`` for ``/sync/watched/:type``; ``/users/:id/watched/shows``
#: is marked "Extended Info" though its query type names only ``noseasons``: a
#: server that ignores ``full`` there leaves the columns NA, never made up (TVmaze
#: can fill them). ``/shows/{id}?extended=full`` would cost one request per show.
_WATCHED_EXTENDED = {"extended": "progress,full"}
_BAR_THRESHOLD = 50  # show a progress bar when more shows than this may need a request
_Usable = tuple[dict[str, Any], dict[str, Any], int]  # a watched item, its show, its Trakt id


def _v2_status_errors() -> dict[int, tuple[type[TraktHTTPError], str]]:
    """API v2's meanings of the statuses (over the transport's defaults), with the advice
    in the caller's words (Python, or the command line)."""
    return {
        401: (
            TraktAuthError,
            f"not signed in or the token was revoked: sign in again ({sign_in_again()})",
        ),
        403: (
            TraktAuthError,
            "invalid or deleted API app: check the client id (creating apps now needs VIP; "
            f"your apps: {APPS_URL})",
        ),
        404: (TraktNotFoundError, "not found"),
        423: (TraktAuthError, "the account is locked: contact trakt.tv support"),
        426: (TraktAuthError, "VIP required for this request"),
        429: (TraktRateLimitError, "rate limited"),
    }


def _no_zone_note(public: bool) -> str:
    """Why the times fall in this machine's zone, and how to choose one (CLI or Python words)."""
    why = (
        "API v2 shares a profile's time zone only with its owner: the clock and the day "
        "boundaries of this history fall"
        if public
        else "the profile's settings name no time zone: the clock and the day boundaries fall"
    )
    choose = advice(python="pass tz=... to choose one", cli="give --tz to choose one")
    return f"{why} in this machine's time zone ({choose})"


_NOTES = (
    "percentage is NA: API v2 sends none (completion is completed / aired)",
    "left is derived: aired - completed",
)


def _check_v2_body(data: Any, where: str) -> None:
    """A 2xx answer that is an error object (``{"error": ...}``) is an error."""
    if isinstance(data, dict) and set(data) <= {"error", "error_description"} and "error" in data:
        detail = data.get("error_description") or data.get("error")
        raise TraktAPIError(f"{where}: the API says: {detail}")


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


class TraktAPI(HTTPClient):
    """A client for API v2: device sign-in, watched progress, history.

    Parameters
    ----------
    client_id, client_secret : str, optional
        The API app's credentials (https://app.trakt.tv/settings/apps); default
        to ``TRAKT_CLIENT_ID`` and ``TRAKT_CLIENT_SECRET``. The secret is needed
        only to sign in and to refresh the token.
    base_url : str, optional
        The data; defaults to ``TRAKT_API_URL``, else ``https://api.trakt.tv``.
    auth_url : str, optional
        Every OAuth request (sign-in, refresh) and only those; defaults to
        ``TRAKT_AUTH_URL``, else ``https://auth.trakt.tv``. The access token
        is never sent there, nor the client secret to `base_url`.
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
    cache_ttl : float (seconds), timedelta or None
        How long a show's progress (aired counts change as episodes air) and a
        public profile's lists are used before they are asked again; None for ever.
    timeout : float or (float, float)
        Seconds to connect and to wait for an answer.
    retries : int or urllib3.util.Retry
        Retries of 429 (after ``Retry-After`` plus `retry_after_margin`), 5xx
        and timeouts.
    progress_bar : bool, optional
        A tqdm bar over the shows; None shows one when more than 50 shows are read.
    http_limits : HTTPLimits, optional
        Bounds on an answer's decoded size and time, the pages of one list and
        the sign-in's waits (:class:`~trakt_analysis.HTTPLimits`).
    clock, sleep : callables
        ``time.time`` and ``time.sleep``; tests pass fakes.
    """

    DEFAULT_URL = DEFAULT_API_URL
    URL_ENV = "TRAKT_API_URL"
    CACHE_FILE = "api_v2_cache"

    def __init__(
        self,
        client_id: str | None = None,
        client_secret: str | None = None,
        *,
        base_url: str | None = None,
        auth_url: str | None = None,
        token_path: str | os.PathLike[str] | None = None,
        cache: bool | str | os.PathLike[str] = False,
        offline: bool = False,
        cache_ttl: float | timedelta | None = DEFAULT_CACHE_TTL,
        timeout: float | tuple[float, float] = 10.0,
        retries: int | Retry = 4,
        retry_after_margin: float = 1.0,
        max_retry_time: float = 300.0,
        progress_bar: bool | None = None,
        http_limits: HTTPLimits | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client_id = check_text(client_id, what="client_id", env="TRAKT_CLIENT_ID")
        self._client_secret = check_text(
            client_secret, what="client_secret", env="TRAKT_CLIENT_SECRET"
        )
        if self._client_secret:
            register_secret(self._client_secret)
        if self.client_id is None and not offline:
            how = advice(
                python="pass client_id=... or set TRAKT_CLIENT_ID", cli="set TRAKT_CLIENT_ID"
            )
            raise TraktArgumentError(f"no client id: {how} (your API app at {APPS_URL})")
        self.auth_url = check_url(
            auth_url, what="auth_url", env="TRAKT_AUTH_URL", default=DEFAULT_AUTH_URL
        )
        self.progress_bar = progress_bar
        self._clock = clock
        self._sleep = sleep
        self._store = TokenStore(
            token_path
            if token_path is not None
            else default_token_path(self.client_id or "offline")
        )
        self._token: Token | None = None
        self._anonymous = False  # True once the stored token was refused on a public read
        self._notes: list[str] = []  # paging notes of the current read, for the provenance
        # last_activities per user, kept during one progress() call (None: ask every time)
        self._read_activities: dict[str, dict[str, Any]] | None = None
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            retries=retries,
            retry_after_margin=retry_after_margin,
            max_retry_time=max_retry_time,
            cache=cache,
            cache_ttl=cache_ttl,
            offline=offline,
            sleep=sleep,
            http_limits=http_limits,
            # Each request says how long its answer is used; what is keyed on a
            # version is kept VERSION_KEEP, then pruned.
            cache_expire_after=VERSION_KEEP,
        )

    # -- plumbing ---------------------------------------------------------------------------

    def _repr_fields(self) -> dict[str, str]:
        return {
            "auth_url": repr(self.auth_url),
            "client_id": repr(self.client_id),
            "client_secret": REDACTED if self._client_secret else "None",
        }

    def _ttl(self) -> timedelta | int:
        """`cache_ttl` as requests-cache takes it per request (-1: never expire)."""
        return -1 if self.cache_ttl is None else self.cache_ttl

    def _authorize(self, wire: requests.PreparedRequest) -> None:
        if wire.headers.get("Authorization") is None:
            value = self._authorization()
            if value is not None:
                wire.headers["Authorization"] = value

    def _headers(self) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            "trakt-api-key": self.client_id or "",
            "trakt-api-version": "2",
            "User-Agent": USER_AGENT,
        }

    def _authorization(self) -> str | None:
        if self._anonymous:
            return None
        token = self._current_token(refresh=not self.offline, required=False)
        return None if token is None else f"Bearer {token.access_token}"

    def _get(
        self,
        path: str,
        params: dict[str, Any] | None = None,
        *,
        partition: str,
        expire_after: timedelta | int | None = None,
        force_refresh: bool = False,
        status_errors: dict[int, tuple[type[TraktHTTPError], str]] | None = None,
        public: bool = False,
        retry_auth: bool = True,
    ) -> tuple[Any, dict[str, str]]:
        """GET `path` (JSON) and its headers.

        A 401 to a request that carried the token is not final at once: for the
        signed-in user's data the token is refreshed and the request sent again;
        for a `public` read it is sent again without the token, with a warning.
        """
        url = self.base_url + path
        if params:
            url += "?" + urlencode(params)
        label = redact(f"GET {url}")
        headers = {**self._headers(), PARTITION_HEADER: partition}
        kwargs: dict[str, Any] = {}
        if self._cached and not self.offline:
            # No lifetime of its own: the answer is keyed on its data's version.
            kwargs["expire_after"] = VERSION_KEEP if expire_after is None else expire_after
            kwargs["force_refresh"] = force_refresh
        response = self._request("GET", url, label=label, headers=headers, **kwargs)
        if response.status_code == 401 and retry_auth and not self.offline:

            def again() -> tuple[Any, dict[str, str]]:  # the same request, once more
                return self._get(
                    path,
                    params,
                    partition=partition,
                    expire_after=expire_after,
                    force_refresh=force_refresh,
                    status_errors=status_errors,
                    public=public,
                    retry_auth=False,
                )

            sent = self._token is not None and not self._anonymous
            if sent and public:
                # Refused with the token: read again without it. When that works, the
                # stored token was refused (revoked, or from another server): say so and
                # read public data without it from now on. When it does not (a private
                # profile), the token was not the problem.
                self._anonymous = True
                try:
                    result = again()
                except TraktError:
                    self._anonymous = False
                    raise
                warn(
                    f"{label}: the stored token was refused (revoked or from another server); "
                    f"reading the public profile without it. Sign in again ({sign_in_again()}) "
                    "to read private data.",
                    TraktDataWarning,
                )
                return result
            if sent and not public and self._token is not None:
                # Expired on the server's clock (or refreshed by another client):
                # refresh once (under the lock, from the file) and ask again.
                self._refresh(self._token)
                return again()
        table = {**_v2_status_errors(), **(status_errors or {})}
        data = parse_response(
            response,
            label,
            check_body=_check_v2_body,
            error_words=api_error_words,
            status_errors=table,
        )
        return data, dict(response.headers)

    def _get_pages(
        self, path: str, params: dict[str, Any], *, partition: str, **kwargs: Any
    ) -> list[Any]:
        def fetch(page: int) -> tuple[Any, dict[str, str]]:
            return self._get(
                path, {**params, "page": page, "limit": PAGE_LIMIT}, partition=partition, **kwargs
            )

        return read_all_pages(
            fetch,
            redact(f"GET {self.base_url}{path}"),
            limit=PAGE_LIMIT,
            notes=self._notes,
            max_pages=self.http_limits.max_pages,
        )

    def _post(self, path: str, body: dict[str, Any]) -> requests.Response:
        """An OAuth request: to the auth host, never cached, never retried, no bearer token."""
        self._plain_session(self.auth_url)
        return self._request(
            "POST",
            self.auth_url + path,
            label=f"POST {self.auth_url}{path}",
            plain=True,
            data=json.dumps(body),
            headers=self._headers(),
        )

    # -- sign-in ----------------------------------------------------------------------------

    def _need_secret(self) -> str:
        if self.offline:
            raise TraktArgumentError("offline mode cannot sign in")
        if not self._client_secret:
            how = advice(
                python="pass client_secret=... or set TRAKT_CLIENT_SECRET",
                cli="set TRAKT_CLIENT_SECRET",
            )
            raise TraktArgumentError(
                f"signing in needs the client secret: {how} (your API app at {APPS_URL})"
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
        self._store.check_writable()  # before the user approves anything
        response = self._post("/oauth/device/code", {"client_id": self.client_id})
        where = f"POST {self.auth_url}/oauth/device/code"
        device = DeviceCode.from_json(
            parse_response(
                response, where, error_words=api_error_words, status_errors=_v2_status_errors()
            ),
            where,
        )
        (display or _show_device_code)(device)
        answer = poll_device_token(
            lambda body: self._post("/oauth/device/token", body),
            device,
            client_id=self.client_id or "",
            client_secret=secret,
            clock=self._clock,
            sleep=self._sleep,
            http_limits=self.http_limits,
        )
        token = Token.from_json(answer, "POST /oauth/device/token")
        # Stored before it is used: whatever the file holds is the live pair.
        with self._store.lock():
            self._store.save(token)
        self._token = token
        self._anonymous = False
        user = self._username()
        if user is None:
            return "me"
        # The settings request may have refreshed the token: name the user on the live one.
        with self._store.lock():
            live = self._store.load() or self._token
            named = Token.from_json({**live.to_json(), "user": user}, "token")
            self._store.save(named)
        self._token = named
        return user

    def _username(self) -> str | None:
        """The signed-in username from ``/users/settings``; None, with a warning, if unknown.

        The token is saved before this call: its failure does not cost the sign-in.
        """
        problem = None
        try:
            settings, _ = self._get("/users/settings", partition="settings", force_refresh=True)
        except (TraktAPIError, TraktConnectionError) as exc:
            problem = str(exc)
            settings = None
        user = settings.get("user") if isinstance(settings, dict) else None
        name = user.get("username") if isinstance(user, dict) else None
        if isinstance(name, str) and name:
            return name
        warn(
            "signed in and the token is saved, but the username is unknown "
            f"({problem or 'GET /users/settings has no user.username'}); "
            "'me' works, your public username as user= may be read as a public profile",
            TraktDataWarning,
        )
        return None

    def logout(self) -> None:
        """Forget the stored token (the file is deleted)."""
        with self._store.lock():
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
                raise TraktAuthError(f"not signed in: sign in first ({sign_in_again()})")
            return None
        if refresh and token.needs_refresh(self._clock()):
            token = self._refresh(token)
        return token

    def _refresh(self, token: Token) -> Token:
        """Trade `token`'s refresh token for a new pair, stored before it is used.

        Refresh tokens are single-use (each refresh kills the one it used), so
        this runs under the token file's lock and reads the file first: when
        another client or process sharing the file has refreshed already, its
        pair is taken instead of spending the dead one.

        Raises
        ------
        TraktAuthError
            The refresh was refused (400 or 401: revoked, already used, or from
            before Trakt's July 2026 migration): sign in again.
        """
        secret = self._need_secret()
        with self._store.lock():
            stored = self._store.load()
            if stored is not None and stored.refresh_token != token.refresh_token:
                user = stored.user or token.user
                stored = Token.from_json({**stored.to_json(), "user": user}, "token")
                self._token = stored
                if not stored.needs_refresh(self._clock()):
                    return stored
                token = stored
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
            again = f"sign in again ({sign_in_again()})"
            refresh_errors = {
                400: (
                    TraktAuthError,
                    "the refresh token was refused (already used, revoked, or issued before "
                    f"Trakt's July 2026 change): {again}",
                ),
                401: (
                    TraktAuthError,
                    f"the refresh was refused (the client id or secret, or a revoked token): "
                    f"{again}",
                ),
            }
            data = parse_response(
                response,
                f"POST {self.auth_url}/oauth/token",
                error_words=api_error_words,
                status_errors={**_v2_status_errors(), **refresh_errors},
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
        from ._bar import bar_over_shows

        return bar_over_shows(total, "shows")

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
        ratings: bool = False,
    ) -> Progress:
        """Watched progress as frames: the signed-in user (``"me"``) or a public profile.

        Signed in: ``GET /sync/watched/shows?extended=progress,full`` (paged), then
        per show ``GET /shows/{id}/progress/watched``, and the shows hidden from
        progress, ``GET /users/hidden/progress_watched?type=show`` (paged). A public
        profile: ``GET /users/{user}/watched/shows?extended=progress,full`` (paged), with the aired
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
        ratings : bool
            Also read the user's ratings (:meth:`ratings`) into ``Progress.ratings``
            (else it is None: not asked).

        Returns
        -------
        Progress
            ``provenance.kind == "v2"``; ``provenance.timezone`` is the signed-in
            user's zone (``account.timezone`` of ``/users/settings``); a public
            profile's is not shared, and the notes say so. ``percentage`` is NA
            (v2 sends none); ``left`` = aired - completed; the show metadata
            (genres, network, country, language, status, premiered_year, runtime)
            from the watched list's ``extended=full`` show objects;
            :data:`~trakt_analysis.schema.FILLED_BY` ``["v2"]`` lists the columns filled.
            The shows frame has a boolean ``hidden`` column after the schema's
            (hidden from progress on trakt.tv): True or False signed in, NA for a
            public profile (its hidden items are private) and offline when the list
            is not cached.

        Warns
        -----
        TraktDataWarning
            A show listed twice on the watched list (overlapping pages) is read
            once (no second request) and the repeats are counted, also in the
            provenance notes; an odd season or episode number leaves that part
            of the show out, naming it.

        Raises
        ------
        TraktAuthError
            Not signed in (for ``"me"``), a revoked token (401), an invalid app
            (403), a locked account (423), VIP required (426).
        TraktPrivateProfileError
            The profile is private.
        TraktPagingError
            A page that is not a list, or a list that does not end.
        TraktCacheMissError
            Offline, and the data is not in the cache.
        """
        if reset not in RESET_MODES:
            raise TraktArgumentError(f"reset must be one of {RESET_MODES}, got {reset!r}")
        token = self._current_token(refresh=not self.offline, required=user == "me")
        me = token is not None and (user == "me" or user == token.user)
        self._read_activities = {}
        try:
            return self._read_progress(
                user, token, me, history, hidden, specials, count_specials, reset, ratings
            )
        finally:
            self._read_activities = None

    def _read_progress(
        self,
        user: str,
        token: Token | None,
        me: bool,
        history: bool,
        hidden: bool,
        specials: bool,
        count_specials: bool,
        reset: str,
        ratings: bool,
    ) -> Progress:
        self._notes = []
        if me:
            name = (token.user if token else None) or "me"
            parsed = self._my_progress(name, hidden, specials, count_specials, reset)
            label = f"{self.base_url} (signed in as {name})"
        else:
            name = user
            parsed = self._public_progress(user, specials, count_specials, reset)
            # A profile's hidden items are private: which shows are hidden is unknown (NA).
            parsed.shows["hidden"] = pd.array([pd.NA] * len(parsed.shows["title"]), "boolean")
            label = f"{self.base_url} (public profile {user})"
        issue(parsed.problems)
        frame = self._read_history("me" if me else user, None, None) if history else None
        rated = self.ratings("me" if me else user) if ratings else None
        timezone = self._timezone(name) if me else None
        notes = list(_NOTES)
        if timezone is None:
            notes.append(_no_zone_note(public=not me))
        notes += self._notes
        provenance = Provenance(kind="v2", label=label, timezone=timezone, notes=tuple(notes))
        result = frames_from_parsed(parsed, user=name, provenance=provenance)
        if frame is not None:
            shows = _with_play_split(result.shows, frame)
            result = Progress(
                shows,
                result.seasons,
                result.episodes,
                user=name,
                history=frame,
                provenance=provenance,
            )
        if rated is not None:
            result = dataclasses.replace(result, ratings=rated)
        return result

    def _timezone(self, user: str) -> str | None:
        """The signed-in user's profile zone: ``account.timezone`` of ``/users/settings``
        (cached like a show's progress); None when it is missing or not cached offline."""
        try:
            settings, _ = self._get(
                "/users/settings", partition=f"user:{user}", expire_after=self._ttl()
            )
        except TraktCacheMissError:
            return None
        account = settings.get("account") if isinstance(settings, dict) else None
        zone = account.get("timezone") if isinstance(account, dict) else None
        if zone is None:
            return None
        if not isinstance(zone, str) or not zone.strip():
            warn(
                f"GET {self.base_url}/users/settings: account.timezone is not a zone name "
                f"({zone!r}); times fall in this machine's zone",
                TraktDataWarning,
            )
            return None
        return zone.strip()

    def _my_progress(
        self, user: str, hidden: bool, specials: bool, count_specials: bool, reset: str
    ) -> Any:
        partition = f"user:{user}"
        activity = self._last_activities(user)
        version = self._version(activity, "episodes", "shows", "seasons")
        usable = self._watched("/sync/watched/shows", partition=f"{partition}|{version}")
        hidden_version = self._version(activity, "shows", "seasons")
        options = {
            "hidden": str(hidden).lower(),
            "specials": str(specials).lower(),
            "count_specials": str(count_specials).lower(),
        }
        entries = []
        with self._bar(len(usable)) as bar:
            for item, show, trakt_id in usable:
                stamp = "|".join(
                    str(item.get(k)) for k in ("last_watched_at", "last_updated_at", "reset_at")
                )
                progress, _ = self._get(
                    f"/shows/{trakt_id}/progress/watched",
                    options,
                    partition=f"{partition}|{stamp}|{hidden_version}",
                    expire_after=self._ttl(),
                )
                entries.append({"show": show, "watched": item, "progress": progress})
                bar.update(1)
        parsed = parse_show_progress(
            entries, label=self.base_url, reset=reset, count_specials=count_specials
        )
        return self._with_hidden_shows(parsed, user, hidden_version)

    def _with_hidden_shows(self, parsed: Any, user: str, version: str) -> Any:
        """`parsed` with the shows' ``hidden`` column, from ``GET
        /users/hidden/progress_watched?type=show`` (paged; cached by `version`,
        the digest of the activity's ``hidden_at``). The signed-in user's list is
        complete: a show not on it is not hidden. Offline and not cached: NA
        (unknown), and the notes say so."""
        from ..parsers.v2 import hidden_shows_column, parse_hidden_progress

        path = "/users/hidden/progress_watched"
        try:
            items = self._get_pages(path, {"type": "show"}, partition=f"user:{user}|{version}")
        except TraktCacheMissError:
            self._notes.append(_HIDDEN_NOT_CACHED_NOTE)
            hidden = None
        else:
            hidden, problems = parse_hidden_progress(items, label=f"GET {self.base_url}{path}")
            issue(problems)
        parsed.shows["hidden"] = hidden_shows_column(hidden, parsed.shows)
        return parsed

    def _watched(self, path: str, **kwargs: Any) -> list[_Usable]:
        """(item, show, trakt id) of each show on a watched list (paged), each show once.

        An item without a usable show is left out with a warning; a show listed
        twice (offset paging over a list that changed) is read once, and said.
        """
        items = self._get_pages(path, _WATCHED_EXTENDED, **kwargs)
        usable, problems = watched_show_ids(items, f"GET {path}")
        for message in problems:
            warn(message, TraktDataWarning)
        twice = repeated({"trakt_id": [t for _, _, t in usable]}, required="trakt_id")
        self._said_once("shows", int(twice.sum()), path)
        return [u for u, again in zip(usable, twice, strict=True) if not again]

    def _said_once(self, kind: Kind, count: int, path: str) -> None:
        """Warn, and note in the provenance, `count` repeats of `kind` dropped from `path`."""
        if count:
            note = f"GET {self.base_url}{path}: {repeats_note(kind, count, 'on overlapping pages')}"
            warn(note, TraktDataWarning)
            self._notes.append(note)

    def _cached_activity(self, user: str) -> dict[str, Any]:
        data, _ = self._get("/sync/last_activities", partition=f"user:{user}")
        return data

    def _last_activities(self, user: str) -> dict[str, Any]:
        """``/sync/last_activities`` (asked online, the cache's offline), read once per
        :meth:`progress` call: its progress, history and ratings reuse the one answer."""
        read = self._read_activities
        if read is not None and user in read:
            return read[user]
        activity = self._activity(user) if not self.offline else self._cached_activity(user)
        if read is not None:
            read[user] = activity
        return activity

    def _public_progress(self, user: str, specials: bool, count_specials: bool, reset: str) -> Any:
        segment = _segment(user)
        private = {
            401: (TraktPrivateProfileError, f"the profile of {user!r} is private"),
            403: (TraktPrivateProfileError, f"the profile of {user!r} is private"),
            404: (TraktNotFoundError, f"no user {user!r}"),
        }
        usable = self._watched(
            f"/users/{segment}/watched/shows",
            partition=f"public:{user}",
            expire_after=self._ttl(),
            status_errors=private,
            public=True,
        )
        entries = []
        with self._bar(len(usable)) as bar:
            for item, show, trakt_id in usable:
                seasons, _ = self._get(
                    f"/shows/{trakt_id}/seasons",
                    {"extended": "episodes,full"},
                    partition="shows",  # the same for every user: shared
                    expire_after=self._ttl(),
                    public=True,
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

        Warns
        -----
        TraktDataWarning
            The rows read and the server's ``X-Pagination-Item-Count`` disagree;
            a play listed twice (the same history id, on overlapping pages) is
            kept once, and the warning says how many were dropped.
        """
        self._notes = []
        return self._read_history(user, start, end)

    def _read_history(
        self, user: str, start: str | datetime | None, end: str | datetime | None
    ) -> pd.DataFrame:
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
            activity = self._last_activities(name)
            partition = f"user:{name}|{self._version(activity, 'episodes')}"
            kwargs: dict[str, Any] = {}
        else:
            partition = f"public:{name}"
            kwargs = {"expire_after": self._ttl()}
        path = f"/users/{'me' if me else _segment(user)}/history/episodes"
        items = self._get_pages(
            path,
            params,
            partition=partition,
            status_errors={
                401: (TraktPrivateProfileError, f"the profile of {user!r} is private"),
                403: (TraktPrivateProfileError, f"the profile of {user!r} is private"),
            }
            if not me
            else None,
            public=not me,
            **kwargs,
        )
        problems = Problems(f"{self.base_url} history")
        columns = parse_history_items(items, label=problems.label, problems=problems)
        issue(problems)
        columns, twice = drop_repeated(columns, "history")
        self._said_once("history", twice, path)
        return history_frame(columns, user=name)

    def ratings(self, user: str = "me") -> pd.DataFrame:
        """Every rating the user gave: ``GET /sync/ratings`` signed in, else
        ``GET /users/{id}/ratings`` (paged).

        Returns
        -------
        pandas.DataFrame
            The ratings frame (:data:`~trakt_analysis.schema.RATINGS`): one row
            per rated show, season, episode or movie, ``rating`` 1-10,
            ``rated_at`` UTC, newest first; empty when the user rated nothing.
            An item rated twice on overlapping pages is kept once, with a
            :class:`~trakt_analysis.TraktDataWarning` saying how many were dropped.

        Raises
        ------
        TraktAuthError
            ``"me"`` and not signed in.
        TraktPrivateProfileError
            The profile is private.
        """
        from ..frames import ratings_frame
        from ..parsers.ratings import parse_ratings

        token = self._current_token(refresh=not self.offline, required=user == "me")
        me = token is not None and (user == "me" or user == token.user)
        name = ((token.user if token else None) or "me") if me else user
        if me:
            activity = self._last_activities(name)
            version = self._version(activity, "movies", "shows", "seasons", "episodes")
            path = "/sync/ratings"
            items = self._get_pages(path, {}, partition=f"user:{name}|{version}")
        else:
            private = (TraktPrivateProfileError, f"the profile of {user!r} is private")
            path = f"/users/{_segment(user)}/ratings"
            items = self._get_pages(
                path,
                {},
                partition=f"public:{name}",
                expire_after=self.cache_ttl,
                status_errors={401: private, 403: private},
            )
        problems = Problems(f"{self.base_url} ratings")
        columns = parse_ratings(items, label=problems.label, problems=problems)
        issue(problems)
        columns, twice = drop_repeated(columns, "ratings")
        self._said_once("ratings", twice, path)
        frame = ratings_frame(columns, user=name)
        order = frame["rated_at"].sort_values(ascending=False, kind="stable", na_position="last")
        return frame.loc[order.index].reset_index(drop=True)


_HIDDEN_NOT_CACHED_NOTE = (
    "Which shows are hidden from progress is not in the cache (offline, "
    "/users/hidden/progress_watched): the shows' hidden column is NA (unknown)"
)


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


def _device_code_html(device: DeviceCode) -> str:
    """The notebook's sign-in prompt; only an http(s) URL becomes a link (never javascript:)."""
    url = html.escape(device.verification_url, quote=True)
    link = safe_link(device.verification_url) is not None
    anchor = f'<a href="{url}" target="_blank">{url}</a>' if link else url
    return (
        f"<p>Open {anchor} and enter the code "
        f"<b><code>{html.escape(device.user_code)}</code></b> "
        f"(within {device.expires_in / 60:.0f} minutes).</p>"
    )


def _show_device_code(device: DeviceCode) -> None:
    """The code and link: HTML in a notebook, text in a terminal."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
        from IPython.display import HTML, display

        display(HTML(_device_code_html(device)))
        return
    print(
        f"Open {device.verification_url} and enter the code {device.user_code} "
        f"(within {device.expires_in / 60:.0f} minutes).",
        file=sys.stdout,
        flush=True,
    )
