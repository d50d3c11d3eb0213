"""TVmaze as the metadata provider: aired counts, air dates and runtimes for the account export.

>>> import trakt_analysis as ta
>>> progress = ta.load_export("trakt-export.zip", metadata=ta.TVmaze())  # doctest: +SKIP

TVmaze's public API (https://www.tvmaze.com/api) needs no key; its data is
licensed CC BY-SA, so the report credits it. For each show the client asks
``/lookup/shows?thetvdb=ID``, then ``?imdb=ttID`` (a 404 is a miss), then, in
one request, ``/shows/{id}?embed=episodeswithspecials`` (what the show is:
genres, network, ...; and its episode list, specials included; with
``people=True`` also ``embed[]=cast`` and ``crew``): at most two requests for
a show found by TVDB id. :mod:`..parsers.tvmaze` reads the answers
and :func:`.completion.complete_progress` applies Trakt's rules.

Cached answers are kept past ``cache_ttl``: a found lookup for good (a TVDB or
IMDb id keeps its TVmaze id), a show's answers until TVmaze's
``/updates/shows`` map (asked once per run, :mod:`.tvmaze_updates`) says the
show changed since they were cached.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import numpy as np
import pandas as pd
import requests
from urllib3.util.retry import Retry

from .. import schema
from .._http.client import HTTPClient
from .._http.limits import HTTPLimits
from .._http.responses import parse_response
from .._http.throttle import TVMAZE_LIMITS, RateLimit
from ..errors import (
    TraktArgumentError,
    TraktDependencyError,
    TraktHTTPError,
)
from ..parsers._problems import Problems
from ..parsers.people import parse_tvmaze_people
from ..parsers.show_metadata import parse_tvmaze_show
from ..parsers.tvmaze import parse_episode_list, parse_show_lookup
from ..progress import Progress
from ._bar import close_bar, show_bar
from ._issue import issue
from ._notes import EXPORT_AIRED_NA as _NA_NOTE
from .completion import _show_positions, complete_progress, history_show_runtimes
from .show_metadata import fill_show_metadata, people_frame
from .tvmaze_updates import WINDOWS, changed_since, parse_updates, window_for

__all__ = ["RATE_LIMIT", "TVmaze"]

DEFAULT_BASE_URL = "https://api.tvmaze.com"
#: TVmaze's rate limit as (calls, seconds), from the one declaration of every
#: API's limits (``_http/throttle.py``); the client keeps to it on its own side.
RATE_LIMIT: tuple[int, float] = (TVMAZE_LIMITS["GET"].requests, TVMAZE_LIMITS["GET"].seconds)
#: How long cached TVmaze answers are used: a day, so new episodes show up.
DEFAULT_TTL = timedelta(days=1)
#: How long a lookup TVmaze answered 404 is kept (when longer than ``cache_ttl``).
MISS_TTL = timedelta(days=7)
CACHE_NAME = "tvmaze_cache"  # <cache dir>/tvmaze_cache.sqlite, apart from the Trakt cache
_SHOW_PATH = re.compile(r"/shows/(\d+)/?$")


class TVmaze(HTTPClient):
    """Aired counts, air dates and runtimes from TVmaze, for sources without them.

    Pass it as ``metadata=`` to :func:`~trakt_analysis.load_export`, or call
    :meth:`complete` on any :class:`~trakt_analysis.Progress`. Data: TVmaze
    (https://www.tvmaze.com), CC BY-SA 4.0.

    Parameters
    ----------
    base_url : str, optional
        Where the API lives; defaults to ``TVMAZE_BASE_URL``, else
        ``https://api.tvmaze.com`` (a stand-in server in tests).
    cache : bool or path
        Keep TVmaze's answers in an on-disk cache (requests-cache, in the
        ``tvmaze`` or ``cache`` extra): True for the user's cache directory,
        or the directory to use. A second run is then served from the cache.
    cache_ttl : float (seconds), timedelta or None
        How long cached answers are used without asking; None for ever. A day
        by default. Past it, one ``GET /updates/shows?since=day|week|month``
        says which shows changed since they were cached, and only those are
        asked again (answers over 28 days old are asked again); a found
        lookup is kept for good, a 404 lookup for a week.
    offline : bool
        Use only the cache (expired entries too); a miss raises
        :class:`~trakt_analysis.TraktCacheMissError`. Implies ``cache=True``.
    timeout : float or (float, float)
        Seconds to connect and to wait for each answer.
    progress_bar : bool or None
        A tqdm progress bar over the shows: None shows it when tqdm is
        installed, True requires tqdm, False never shows one.
    now : pandas.Timestamp or str, optional
        What "has aired" is relative to (UTC); the time of each call by default.
    rate_limit : (int, float)
        At most this many requests in this many seconds; TVmaze's limit
        (:data:`RATE_LIMIT`) by default.
    retries : int or urllib3.util.Retry
        Retries of a 429 (honouring ``Retry-After``), a 5xx or a broken
        connection; each retry waits for the rate limit too.
    people : bool
        Also fetch each show's cast and crew (embedded in the show's request,
        ``embed[]=cast&embed[]=crew``: larger answers, no more requests) into
        ``Progress.people`` (:data:`~trakt_analysis.schema.PEOPLE`), for
        :func:`~trakt_analysis.top_people`. Off by default.
    http_limits : HTTPLimits, optional
        Bounds on an answer's decoded size and time (:class:`~trakt_analysis.HTTPLimits`).

    Examples
    --------
    >>> tvmaze = ta.TVmaze(cache=True)  # doctest: +SKIP
    >>> full = tvmaze.complete(ta.load_export("trakt-export.zip"))  # doctest: +SKIP
    """

    name = "TVmaze"

    DEFAULT_URL = DEFAULT_BASE_URL
    URL_ENV = "TVMAZE_BASE_URL"
    CACHE_FILE = CACHE_NAME
    CACHE_CODES = (200, 301, 302, 404)
    CACHE_EXTRA = "tvmaze"
    RATE_LIMITS = TVMAZE_LIMITS

    def __init__(
        self,
        *,
        base_url: str | None = None,
        cache: bool | str | os.PathLike[str] = True,
        cache_ttl: float | timedelta | None = DEFAULT_TTL,
        offline: bool = False,
        timeout: float | tuple[float, float] = 10.0,
        progress_bar: bool | None = None,
        now: pd.Timestamp | str | None = None,
        rate_limit: tuple[int, float] = RATE_LIMIT,
        retries: int | Retry = 3,
        people: bool = False,
        http_limits: HTTPLimits | None = None,
    ) -> None:
        if not (
            isinstance(rate_limit, tuple)
            and len(rate_limit) == 2
            and type(rate_limit[0]) is int
            and rate_limit[0] > 0
            and isinstance(rate_limit[1], int | float)
            and rate_limit[1] > 0
        ):
            raise TraktArgumentError(
                f"rate_limit must be (calls > 0, seconds > 0), got {rate_limit!r}"
            )
        if progress_bar not in (None, True, False):
            raise TraktArgumentError(
                f"progress_bar must be None, True or False, not {progress_bar!r}"
            )
        if people not in (True, False):
            raise TraktArgumentError(f"people must be True or False, not {people!r}")
        self.people = bool(people)
        self.progress_bar = progress_bar
        self.now = None if now is None else _utc(now)
        self.rate_limit = rate_limit
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            retries=retries,
            retry_after_margin=0.5,
            cache=cache,
            cache_ttl=cache_ttl,
            offline=offline,
            rate_limits={"GET": RateLimit(*rate_limit)},
            http_limits=http_limits,
            cache_expire_after=None,  # kept past cache_ttl: _get decides what is fresh
        )
        #: since -> (when it was fetched, TVmaze's updates map), each asked at most once.
        self._update_maps: dict[str, tuple[datetime, dict[int, int] | None]] = {}
        self._renewals: list[tuple[Any, datetime]] = []

    def _cacheable(self, response: requests.Response) -> bool:
        """A lookup's redirect to its show, or a whole JSON body (show, episode list, 404)."""
        if response.status_code in (301, 302):
            return bool(_SHOW_PATH.search(urlsplit(response.headers.get("Location", "")).path))
        return super()._cacheable(response)

    # -- requests ------------------------------------------------------------------------

    def _get(
        self, path: str, params: dict[str, Any], *, tvmaze_id: int | None = None
    ) -> requests.Response:
        """One GET, from the cache while it holds: within ``cache_ttl``, a found lookup for
        good, the answers about show `tvmaze_id` while TVmaze's updates map says unchanged."""
        query = urlencode(params, doseq=True)  # embed[] repeats
        url = f"{self.base_url}{path}?{query}" if params else self.base_url + path
        label = f"GET {url}"
        if not self._cached or self.offline or self.cache_ttl is None:
            return self._request("GET", url, label=label, allow_redirects=False)
        cached = self._request("GET", url, label=label, allow_redirects=False, only_if_cached=True)
        created = getattr(cached, "created_at", None)
        if getattr(cached, "from_cache", False) and cached.status_code != 504 and created:
            age = datetime.now(UTC) - created
            if age <= self.cache_ttl:
                return cached
            if tvmaze_id is None and cached.status_code in (301, 302):
                return cached  # a TVDB or IMDb id keeps its TVmaze id
            if tvmaze_id is None and cached.status_code == 404 and age <= MISS_TTL:
                return cached  # TVmaze rarely adds a show: asked again weekly
            if tvmaze_id is not None:
                checked = self._unchanged_at(tvmaze_id, age, created)
                if checked is not None:
                    self._renew(cached, checked)
                    return cached
        return self._request("GET", url, label=label, allow_redirects=False, force_refresh=True)

    def _unchanged_at(self, tvmaze_id: int, age: timedelta, created: datetime) -> datetime | None:
        """When TVmaze's updates map said the show had not changed since `created`, or None
        (changed, too old for any map, or no map)."""
        since = window_for(age)
        if since is None:
            return None
        spans = dict(WINDOWS)
        # A wider map already fetched covers this age too.
        fetched = sorted((s for s in self._update_maps if spans[s] >= age), key=spans.__getitem__)
        since = fetched[0] if fetched else since
        if since not in self._update_maps:
            self._update_maps[since] = (datetime.now(UTC), self.updates(since))
        checked, updates = self._update_maps[since]
        if updates is None or changed_since(updates, tvmaze_id, created.timestamp()):
            return None
        return checked

    def _renew(self, cached: requests.Response, checked: datetime) -> None:
        """Date a cached answer `checked` (it held then), so the next run asks a narrower
        map; written with the others in one transaction by :meth:`_save_renewals`."""
        if getattr(cached, "cache_key", ""):
            self._renewals.append((cached, checked))

    def _save_renewals(self) -> None:
        renewals, self._renewals = self._renewals, []
        cache = getattr(self._session, "cache", None)
        if cache is None or not renewals:
            return
        from requests_cache import CachedResponse

        bulk = getattr(getattr(cache, "responses", None), "bulk_commit", None)
        with bulk() if bulk is not None else contextlib.nullcontext():
            for cached, checked in renewals:
                renewed = CachedResponse.from_response(cached, created_at=checked)
                cache.save_response(renewed, cached.cache_key)

    def close(self) -> None:
        """Save the answers found still current, then close the session (and the cache)."""
        try:
            self._save_renewals()
        finally:
            super().close()

    def updates(self, since: str = "day") -> dict[int, int] | None:
        """TVmaze's ``GET /updates/shows?since=`` (never cached): show id -> Unix seconds of
        its last update, for the shows updated in the last day, week or month; None when
        the answer is not a JSON object.

        Raises
        ------
        TraktArgumentError
            `since` is not ``"day"``, ``"week"`` or ``"month"``.
        TraktHTTPError, TraktConnectionError
            TVmaze failed.
        """
        if since not in dict(WINDOWS):
            raise TraktArgumentError(f"since must be 'day', 'week' or 'month', not {since!r}")
        url = f"{self.base_url}/updates/shows?{urlencode({'since': since})}"
        extra: dict[str, Any] = {}
        if self._cached and not self.offline:
            from requests_cache import DO_NOT_CACHE

            extra = {"expire_after": DO_NOT_CACHE, "force_refresh": True}
        response = self._request("GET", url, label=f"GET {url}", allow_redirects=False, **extra)
        return parse_updates(parse_response(response, f"GET {url}"))

    def lookup(self, *, tvdb_id: int | None = None, imdb_id: str | None = None) -> int | None:
        """The TVmaze id of a show, by TVDB id, then IMDb id; None when TVmaze knows neither.

        Raises
        ------
        TraktHTTPError, TraktConnectionError, TraktCacheMissError
            Another answer than a show or a 404, a failed exchange, an offline miss.
        """
        queries: list[dict[str, Any]] = []
        if tvdb_id is not None and not pd.isna(tvdb_id):
            queries.append({"thetvdb": int(tvdb_id)})
        if isinstance(imdb_id, str) and imdb_id.strip():
            queries.append({"imdb": imdb_id.strip()})
        for query in queries:
            response = self._get("/lookup/shows", query)
            label = f"GET {self.base_url}/lookup/shows?{urlencode(query)}"
            if response.status_code == 404:
                continue
            if response.status_code in (301, 302):
                match = _SHOW_PATH.search(urlsplit(response.headers.get("Location", "")).path)
                if match:
                    return int(match.group(1))
            data = parse_response(response, label)
            return int(parse_show_lookup(data, label=label)["tvmaze_id"])
        return None

    def show(self, tvmaze_id: int, *, label: str) -> dict[str, Any]:
        """What the show is, in Trakt's vocabulary: ``GET /shows/{id}`` (cached).

        Returns :func:`~trakt_analysis.parsers.show_metadata.parse_tvmaze_show`'s
        values (genres, network or web channel, country, language, type, status,
        premiere year, runtime); odd values are unknown, with a
        :class:`~trakt_analysis.TraktDataWarning` naming the show.
        """
        path = f"/shows/{int(tvmaze_id)}"
        response = self._get(path, {}, tvmaze_id=tvmaze_id)
        data = parse_response(response, f"GET {self.base_url}{path}")
        problems = Problems(f"TVmaze's record of {label}")
        values = parse_tvmaze_show(data, problems=problems)
        issue(problems)
        return values

    def credits(self, tvmaze_id: int, *, label: str) -> list[dict[str, Any]]:
        """The show's cast and crew: ``GET /shows/{id}/cast`` and ``/crew`` (cached).

        Returns :func:`~trakt_analysis.parsers.people.parse_tvmaze_people`'s
        rows; entries that name nobody are left out with a
        :class:`~trakt_analysis.TraktDataWarning` naming the show.
        """
        answers = []
        for part in ("cast", "crew"):
            path = f"/shows/{int(tvmaze_id)}/{part}"
            response = self._get(path, {}, tvmaze_id=tvmaze_id)
            answers.append(parse_response(response, f"GET {self.base_url}{path}"))
        problems = Problems(label)
        rows = parse_tvmaze_people(*answers, problems=problems)
        issue(problems)
        return rows

    def episodes(self, tvmaze_id: int, *, label: str) -> dict[str, Any]:
        """The episode list of a show as columns (see :func:`..parsers.tvmaze.parse_episode_list`).

        Parser warnings (odd values loaded as NA) are issued as
        :class:`~trakt_analysis.TraktDataWarning` naming the show.
        """
        path = f"/shows/{int(tvmaze_id)}/episodes"
        response = self._get(path, {"specials": 1}, tvmaze_id=tvmaze_id)
        data = parse_response(response, f"GET {self.base_url}{path}?specials=1")
        problems = Problems(f"TVmaze's episodes of {label}")
        columns = parse_episode_list(data, label=problems.label, problems=problems)
        issue(problems)
        return columns

    def bundle(
        self, tvmaze_id: int, *, label: str
    ) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]] | None]:
        """The show, its episode list and (with ``people``) its cast and crew, in one request:
        ``GET /shows/{id}?embed[]=episodeswithspecials`` (``&embed[]=cast&embed[]=crew``).

        Returns ``(show, episodes, credits)`` as :meth:`show`, :meth:`episodes` and
        :meth:`credits` return them (credits None without ``people``).

        Raises
        ------
        TraktHTTPError
            The answer is not a show with its embedded lists.
        """
        path = f"/shows/{int(tvmaze_id)}"
        embeds = ["episodeswithspecials", *(("cast", "crew") if self.people else ())]
        params = {"embed": embeds[0]} if len(embeds) == 1 else {"embed[]": embeds}
        response = self._get(path, params, tvmaze_id=tvmaze_id)
        where = f"GET {self.base_url}{path}?{urlencode(params, doseq=True)}"
        data = parse_response(response, where)
        embedded = data.get("_embedded") if isinstance(data, dict) else None
        if not isinstance(embedded, dict) or not all(
            isinstance(embedded.get(name), list) for name in embeds
        ):
            raise TraktHTTPError(f"{where}: expected a show with {', '.join(embeds)} embedded")
        record = Problems(f"TVmaze's record of {label}")
        values = parse_tvmaze_show(data, problems=record)
        issue(record)
        found = Problems(f"TVmaze's episodes of {label}")
        columns = parse_episode_list(
            embedded["episodeswithspecials"], label=found.label, problems=found
        )
        issue(found)
        credits = None
        if self.people:
            people = Problems(label)
            credits = parse_tvmaze_people(embedded["cast"], embedded["crew"], problems=people)
            issue(people)
        return values, columns, credits

    # -- the provider --------------------------------------------------------------------

    def complete(self, progress: Progress, *, specials: bool = False) -> Progress:
        """Fill what `progress` lacks from TVmaze: aired counts, unwatched episodes, next episode.

        Parameters
        ----------
        progress : Progress
            E.g. from :func:`~trakt_analysis.load_export`: watched episodes,
            aired counts NA. Shows are looked up by ``tvdb_id``, then ``imdb_id``.
        specials : bool
            Count season 0 (specials) in the shows' totals, as Trakt does
            when asked.

        Returns
        -------
        Progress
            See :func:`~trakt_analysis.sources.completion.complete_progress`
            for the rules and the columns: ``aired``, ``left``, ``completion``
            and ``next_*`` on shows (``tvmaze_id`` and ``unlisted_watched``
            after the schema's columns), counts on seasons, and on episodes
            the unwatched aired episodes (``watched`` False) and
            ``first_aired`` (UTC) and ``runtime`` (minutes). The shows'
            :data:`~trakt_analysis.schema.SHOW_METADATA` columns (genres,
            network, country, language, type, status, premiere year, runtime)
            are filled where the source left them NA, from ``GET /shows/{id}``
            in Trakt's vocabulary (:mod:`trakt_analysis.parsers.show_metadata`).
            ``provenance.metadata`` is ``"TVmaze"``.

        Warns
        -----
        TraktDataWarning
            Naming the shows TVmaze does not know (their counts stay NA), the
            shows whose numbering disagrees, and odd values in an episode list.

        Raises
        ------
        TraktHTTPError, TraktRateLimitError, TraktConnectionError
            TVmaze failed (after bounded retries, honouring ``Retry-After``).
        TraktCacheMissError
            ``offline=True`` and an answer is not in the cache.
        """
        try:
            return self._complete(progress, specials=specials)
        finally:
            self._save_renewals()

    def _complete(self, progress: Progress, *, specials: bool) -> Progress:
        shows = progress.shows
        known: dict[int, int] = {}
        guides: list[tuple[int, dict[str, Any]]] = []
        by_id: dict[int, dict[str, Any]] = {}
        records: dict[int, dict[str, Any]] = {}  # tvmaze id -> the show's metadata
        credits: dict[int, list[dict[str, Any]]] = {}  # tvmaze id -> its cast and crew
        for position, title, year, tvdb, imdb in self._shows(shows):
            tvmaze_id = self.lookup(tvdb_id=tvdb, imdb_id=imdb)
            if tvmaze_id is None:
                continue
            known[position] = tvmaze_id
            if tvmaze_id not in by_id:
                label = f"{title} ({year})" if pd.notna(year) else str(title)
                record, by_id[tvmaze_id], cast_crew = self.bundle(tvmaze_id, label=label)
                records[tvmaze_id] = record
                if cast_crew is not None:
                    credits[tvmaze_id] = cast_crew
            guides.append((position, by_id[tvmaze_id]))
        guide = _guide_frame(guides)
        now = self.now if self.now is not None else pd.Timestamp.now(tz="UTC")
        if progress.provenance is not None and _NA_NOTE in progress.provenance.notes:
            # The export's "no aired counts" note no longer holds once they are filled.
            notes = tuple(n for n in progress.provenance.notes if n != _NA_NOTE)
            progress = dataclasses.replace(
                progress, provenance=dataclasses.replace(progress.provenance, notes=notes)
            )
        completed = complete_progress(
            progress, guide, known, specials=specials, now=now, source=self.name
        )
        partial = sorted(p for p, tvmaze_id in known.items() if by_id[tvmaze_id]["partial"])
        if partial:
            completed = _counts_unknown(completed, progress, partial)
        metadata = {position: records[tvmaze_id] for position, tvmaze_id in known.items()}
        result = dataclasses.replace(completed, shows=fill_show_metadata(completed.shows, metadata))
        # Hours watched count an episode without a runtime as hours left do: at its show's.
        result = history_show_runtimes(result)
        if self.people:
            people = {position: credits[tvmaze_id] for position, tvmaze_id in known.items()}
            result = dataclasses.replace(result, people=people_frame(result.shows, people))
        return result

    def _shows(self, shows: pd.DataFrame) -> Iterator[tuple[int, Any, Any, Any, Any]]:
        rows = zip(
            range(len(shows)),
            shows["title"],
            shows["year"],
            shows["tvdb_id"],
            shows["imdb_id"],
            strict=True,
        )
        bar = self._bar(len(shows))
        if bar is None:
            yield from rows
            return
        sleep = self.throttle.sleep

        def waiting(seconds: float) -> None:
            # The bar says why it stands still while the throttle waits.
            bar.set_postfix_str(f"waiting {seconds:.1f} s for TVmaze's rate limit")
            try:
                sleep(seconds)
            finally:
                bar.set_postfix_str("")

        self.throttle.sleep = waiting
        try:
            for row in rows:
                yield row
                bar.update(1)
        finally:
            self.throttle.sleep = sleep
            close_bar(bar)

    def _bar(self, total: int) -> Any:
        if self.progress_bar is False:
            return None
        try:
            return show_bar(total, "TVmaze")
        except ImportError:
            if self.progress_bar:
                raise TraktDependencyError(
                    "the progress bar needs tqdm: pip install 'trakt_analysis[tvmaze]'"
                ) from None
            return None


# What TVmaze fills that a partial episode list cannot: the counts (not the show's metadata).
_FILLED = schema.FILLED_BY_METADATA["TVmaze"]
_SHOW_COUNTS = tuple(c for c in _FILLED["shows"] if c not in schema.SHOW_METADATA)
_SEASON_COUNTS = tuple(c for c in _FILLED["seasons"] if c != "completed")


def _counts_unknown(filled: Progress, before: Progress, positions: list[int]) -> Progress:
    """The shows at `positions`, whose TVmaze list left an episode out, keep the counts
    they had before (Trakt's own, or NA) and NA season counts: never a lower count
    from a partial list shown as exact."""
    shows = filled.shows.copy()
    for column in _SHOW_COUNTS:
        at = shows.columns.get_loc(column)
        shows.iloc[positions, at] = before.shows[column].iloc[positions].to_numpy()
    seasons = filled.seasons.copy()
    rows = np.isin(_show_positions(shows, seasons, "seasons"), positions)
    for column in _SEASON_COUNTS:
        seasons.loc[rows, column] = pd.NA
    return dataclasses.replace(filled, shows=shows, seasons=seasons)


def _guide_frame(guides: list[tuple[int, dict[str, Any]]]) -> pd.DataFrame:
    """One frame of :data:`GUIDE_COLUMNS` from each known show's parsed episode list."""
    lengths = [len(columns["season"]) for _, columns in guides]
    first_aired = [columns["first_aired"] for _, columns in guides]
    return pd.DataFrame(
        {
            "show": np.repeat(np.array([p for p, _ in guides], dtype=np.int64), lengths),
            "season": np.concatenate([c["season"] for _, c in guides] or [np.zeros(0, np.int64)]),
            "episode": np.concatenate([c["episode"] for _, c in guides] or [np.zeros(0, np.int64)]),
            "title": [title for _, c in guides for title in c["title"]],
            "first_aired": pd.DatetimeIndex(
                np.concatenate([f.asi8 for f in first_aired] or [np.zeros(0, np.int64)]),
                tz="UTC",
            )
            if first_aired
            else pd.DatetimeIndex([], tz="UTC"),
            "runtime": pd.array(
                np.concatenate(
                    [c["runtime"].to_numpy(np.float64, na_value=np.nan) for _, c in guides]
                    or [np.zeros(0)]
                ),
                dtype="Int64",
            ),
        }
    )


def _utc(value: pd.Timestamp | str) -> pd.Timestamp:
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        raise TraktArgumentError(f"now must be time-zone aware (UTC), got {value!r}")
    return stamp.tz_convert("UTC")
