"""Parse watch history items into the columns of the history frame (:data:`schema.HISTORY`).

The same items come from two places: API v2's ``/sync/history`` (and
``/users/:id/history``) pages, and the account export's
``watched-history-1.json``, ``watched-history-2.json``, ... files. Each item is
one play::

    {"id": 9876543210, "watched_at": "2023-10-23T18:31:05.000Z",
     "action": "scrobble",            # or "checkin", or "watch" (marked as seen)
     "type": "episode",               # or "movie"
     "show": {"title": ..., "year": ..., "ids": {"trakt", "slug", "tvdb", "imdb",
                                                 "tmdb", "tvrage"}},
     "episode": {"season": 1, "number": 2, "title": ..., "ids": {...},
                 "runtime": 45}}      # runtime only with extended=full

and a movie carries ``"movie": {title, year, ids, runtime?}`` instead of
``show`` and ``episode``.

Pure: payload in, columns out. The top level must be a list (else
:class:`TraktDataError`); one bad entry (not an object, no show, no episode
number, an unknown type) is left out, recorded in the parse's
:class:`~._problems.Problems` by its position (the source warns), and never
costs the other entries. An odd value inside a kept entry (an unparsable time,
a bad id) loads as NA, recorded the same way.

:func:`parse_history_json` (JSON bytes) and :func:`parse_history_items` (parsed
JSON) try a faster typed path first (:mod:`.history_typed`) and fall back to
:func:`parse_history` on anything unusual, with the same result.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import TraktDataError
from ._checks import BadValue, count, short, str_array, utc_ticks, utc_times
from ._json import as_utf8, parse_json
from ._problems import Problems
from .history_typed import Plays, convert_history, decode_history

__all__ = [
    "ACTIONS",
    "TypedPart",
    "history_columns",
    "parse_history",
    "parse_history_items",
    "parse_history_json",
    "parse_ids",
    "typed_history_columns",
    "typed_history_part",
]

#: The actions Trakt records for a play: a scrobble (a media player reported it),
#: a check-in (the user checked in), and "watch" (marked as seen on the site).
ACTIONS: tuple[str, ...] = ("scrobble", "checkin", "watch")

# Season and episode numbers above this are not numbers a show can have.
_MAX_NUMBER = 10**6
# The largest runtime (minutes) the frame's Int32 column holds; more is no runtime.
_MAX_RUNTIME = 2**31 - 1
_ID_KEYS = ("trakt", "slug", "imdb", "tvdb", "tmdb", "tvrage")
_NUMERIC_IDS = ("trakt", "tvdb", "tmdb", "tvrage")
# The typed path's stand-ins for ids: null, and for the episode of a movie play.
_NO_IDS = SimpleNamespace(**dict.fromkeys(("trakt", "slug", "imdb", "tvdb", "tmdb", "tvrage")))
_NO_EPISODE = SimpleNamespace(season=None, number=None, title=None, ids=None, runtime=None)
# What becomes of a play without a history id (the repeats rule of .\_repeats keys plays by it).
_UNKEYED = "a copy of it, on another page or part, would count twice; kept"
# A null show no play needs (only a movie play has it): read, never spread.
_NO_OWNER = SimpleNamespace(title=None, year=None, ids=None)


def parse_history(data: object, *, label: str, problems: Problems) -> dict[str, Any]:
    """Check history items and return the columns of the history frame.

    Parameters
    ----------
    data : object
        The parsed JSON: a list of history items (one per play), as one page of
        ``/sync/history`` or one ``watched-history-N.json`` export file sends it.
    label : str
        Names the source (file or URL) in messages.
    problems : Problems
        Where entries left out or holding an odd value are recorded, each named
        by its position in `data`; the caller issues them as warnings.

    Returns
    -------
    dict of str to array
        The columns of :data:`trakt_analysis.schema.HISTORY` except ``user``,
        one value per kept entry, in the input's order (newest first in Trakt's
        files). Pass them to :func:`trakt_analysis.frames.history_frame`.
        ``watched_at`` is UTC; ``runtime`` is in minutes (NA when the item has
        none, never 0).

    Raises
    ------
    TraktDataError
        `data` is not a list.
    """
    if type(data) is not list:
        raise TraktDataError(
            f"{label}: expected a JSON list of history entries at the top level, "
            f"got {type(data).__name__} {short(data)}"
        )
    builder = _HistoryBuilder(problems)
    for index, entry in enumerate(data):
        builder.entry(index, entry)
    return builder.build()


def parse_history_json(payload: bytes, *, label: str, problems: Problems) -> dict[str, Any]:
    """Parse and check the JSON bytes of a history: :func:`parse_history`, faster.

    The plays are decoded and checked by msgspec while the JSON is parsed
    (:mod:`.history_typed`) and gathered column by column. Where that path
    declines (invalid JSON, an entry the full walk would leave out or warn
    about, an unparsable ``watched_at``, another document), the bytes are
    parsed again and walked in full, so the columns, the warnings and the
    errors are exactly those of :func:`parse_history` on the parsed JSON.

    Parameters
    ----------
    payload : bytes
        The JSON text of one ``watched-history-N.json`` export file or one
        ``/sync/history`` page (UTF-8, or UTF-16 or UTF-32 as :func:`json.loads` reads them;
        a byte order mark is skipped).
    label : str
        Names the source (file or URL) in messages.
    problems : Problems
        As :func:`parse_history`.

    Returns
    -------
    dict of str to array
        As :func:`parse_history`.

    Raises
    ------
    TraktDataError
        Invalid JSON (with its line and column), or not a list.
    """
    columns = typed_history_columns(payload)
    if columns is not None:
        return columns
    return parse_history(parse_json(payload, label=label), label=label, problems=problems)


def parse_history_items(data: object, *, label: str, problems: Problems) -> dict[str, Any]:
    """:func:`parse_history` on parsed JSON (API v2's pages), with the typed path.

    The items are converted to the typed path's Structs (msgspec checks them
    without parsing again); where that declines, they are walked in full. The
    columns, warnings and errors are exactly those of :func:`parse_history`.
    """
    plays = convert_history(data)
    columns = _typed_columns(plays) if plays is not None and plays.items else None
    if columns is not None:
        return columns
    return parse_history(data, label=label, problems=problems)


def typed_history_columns(payload: bytes) -> dict[str, Any] | None:
    """The typed path alone: the columns of a history's JSON bytes, or None.

    None means the full walk must look (invalid JSON, an empty list, anything
    it would leave out or warn about, another document); the caller then
    parses the bytes and calls :func:`parse_history`. Columns returned are
    those :func:`parse_history` gives, and it would give no warning.
    """
    part = typed_history_part(payload)
    return None if part is None else history_columns([part])


def parse_ids(ids: object) -> tuple[dict[str, Any], list[str]]:
    """Trakt's ``ids`` object -> ``{trakt_id, slug, imdb_id, tvdb_id, tmdb_id, tvrage_id}``.

    Numeric ids may be numbers or numeric strings; 0, "" and null are unknown
    (None). Returns the ids and a list of problems (an odd id is None).
    """
    out: dict[str, Any] = dict.fromkeys(("trakt_id", "slug", "imdb_id", "tvdb_id", "tmdb_id"))
    out["tvrage_id"] = None
    problems: list[str] = []
    if ids is None:
        return out, problems
    if type(ids) is not dict:
        return out, [f"ids: expected an object, got {short(ids)}"]
    for key in _NUMERIC_IDS:
        value = ids.get(key)
        try:
            number = count(value, allow_str=True)
        except BadValue as exc:
            problems.append(f"ids.{key}: {exc}")
            number = None
        out[f"{key}_id"] = number or None
    for key, column in (("slug", "slug"), ("imdb", "imdb_id")):
        value = ids.get(key)
        if value is None or type(value) is str:
            out[column] = value or None
        else:
            problems.append(f"ids.{key}: expected a string, got {short(value)}")
    return out, problems


def _named_by_ids(ids: object) -> str | None:
    """The ids of an item as text ("trakt 123, slug dark"), or None when it has none."""
    if type(ids) is not dict:
        return None
    parts = [
        f"{key} {ids[key]}" for key in ("trakt", "slug", "tvdb", "imdb", "tmdb") if ids.get(key)
    ]
    return ", ".join(parts) or None


class _HistoryBuilder:
    def __init__(self, problems: Problems) -> None:
        self.cols: dict[str, list[Any]] = {
            name: [] for name in schema.HISTORY if name not in ("user",)
        }
        self.problems = problems

    def entry(self, index: int, entry: object) -> None:
        where = f"entry {index}"
        if type(entry) is not dict:
            self.problems.odd(where, f"expected an object, got {short(entry)}", then="left out")
            return
        kind = entry.get("type")
        if kind is None:  # infer it from the payload, as older files omit it
            kind = "movie" if "movie" in entry and "show" not in entry else "episode"
        if kind not in ("episode", "movie"):
            self.problems.odd(where, f"unknown type {short(kind)}", then="left out")
            return
        owner = entry.get("show" if kind == "episode" else "movie")
        if type(owner) is not dict:
            what = (
                "an episode play without a show"
                if kind == "episode"
                else "a movie play without a movie"
            )
            self.problems.odd(where, f"{what} object", then="left out")
            return
        title = owner.get("title")
        owner_kind = "show" if kind == "episode" else "movie"
        title_problem = None
        if type(title) is not str:
            # Trakt sends a null title for an item it could not resolve: kept by its ids.
            named = _named_by_ids(owner.get("ids"))
            if named is None:
                self.problems.odd(
                    where,
                    f"the {owner_kind}'s title is {short(title)} and it has no ids",
                    then="left out",
                )
                return
            title_problem = f"the {owner_kind}'s title is {short(title)} ({named})"
            title = None
        where = f"{where} ({short(title)})"

        def note(what: str) -> None:  # an odd value of this entry; `what` says what became of it
            self.problems.odd(where, what, then="")

        if title_problem is not None:
            self.problems.odd(where, title_problem, then="loaded with title NA")
        season = number = episode_title = episode_trakt = None
        runtime_value = owner.get("runtime") if kind == "movie" else None
        if kind == "episode":
            episode = entry.get("episode")
            if type(episode) is not dict:
                self.problems.odd(where, "an episode play without an episode", then="left out")
                return
            try:
                season, number = count(episode.get("season")), count(episode.get("number"))
            except BadValue as exc:
                self.problems.odd(where, f"episode number: {exc}", then="left out")
                return
            if season is None or number is None or max(season, number) > _MAX_NUMBER:
                self.problems.odd(
                    where,
                    "the episode has no plausible season and number "
                    f"({short(episode.get('season'))}, {short(episode.get('number'))})",
                    then="left out",
                )
                return
            episode_title = episode.get("title")
            if episode_title is not None and type(episode_title) is not str:
                note(f"episode.title: expected a string, got {short(episode_title)}")
                episode_title = None
            ep_ids = episode.get("ids")
            if type(ep_ids) is dict:
                try:
                    episode_trakt = count(ep_ids.get("trakt"), allow_str=True) or None
                except BadValue as exc:
                    note(f"episode.ids.trakt: {exc}")
            runtime_value = episode.get("runtime")
        ids, id_problems = parse_ids(owner.get("ids"))
        for what in id_problems:
            note(what)
        try:
            year = count(owner.get("year"), allow_str=True)
        except BadValue as exc:
            note(f"year: {exc}")
            year = None
        try:
            history_id = count(entry.get("id"), allow_str=True)
            if history_id is None:  # Trakt numbers every play: a copy could not be told apart
                note(f"id is {short(entry.get('id'))}, not a history id ({_UNKEYED})")
        except BadValue as exc:
            note(f"id: {exc}")
            history_id = None
        try:
            runtime = count(runtime_value) or None  # 0 means unknown
            if runtime is not None and runtime > _MAX_RUNTIME:
                raise BadValue(f"{runtime!r} minutes is not a plausible runtime")
        except BadValue as exc:
            note(f"runtime: {exc}")
            runtime = None
        action = entry.get("action")
        if action is not None and action not in ACTIONS:
            if type(action) is str:
                note(f"unknown action {action!r} (kept, but not counted as any kind)")
            else:
                note(f"action: expected a string, got {short(action)}")
                action = None
        watched_at = entry.get("watched_at")
        if watched_at is not None and type(watched_at) is not str:
            note(f"watched_at: expected a time, got {short(watched_at)}")
            watched_at = None
        c = self.cols
        c["title"].append(title)
        c["year"].append(year)
        for key, value in ids.items():
            c[key].append(value)
        c["id"].append(history_id)
        c["watched_at"].append(watched_at)
        c["action"].append(action)
        c["type"].append(kind)
        c["season"].append(season)
        c["episode"].append(number)
        c["episode_title"].append(episode_title)
        c["episode_trakt_id"].append(episode_trakt)
        c["runtime"].append(runtime)
        c.setdefault("_index", []).append(index)

    def build(self) -> dict[str, Any]:
        c = self.cols
        index = c.pop("_index", [])
        out: dict[str, Any] = {}
        for name, values in c.items():
            dtype = schema.HISTORY[name]
            if name == "watched_at":
                out[name] = self.times(values, index, c["title"])
            else:
                out[name] = pd.array(values, dtype=dtype)
        return out

    def times(self, values: list[str | None], index: list[int], titles: list[Any]) -> Any:
        times, bad = _watched_at(values)
        for i, what in bad:
            where = f"entry {index[i]} ({short(titles[i])})"  # as the entry's other problems
            self.problems.odd(where, f"watched_at {short(values[i])} {what}", then="loaded as NaT")
        return times


def _watched_at(values: list[str | None]) -> tuple[Any, list[tuple[int, str]]]:
    """ISO 8601 texts (or None) -> UTC datetimes, and the texts that are no such time, and why."""
    return utc_times(values)  # the one conversion of every source's times


# -- the typed path: the same columns, gathered from msgspec Structs ---------------------------


def _typed_columns(plays: Plays) -> dict[str, Any] | None:
    """The columns of :func:`parse_history_json`'s typed path, or None to walk in full."""
    part = _typed_part(plays)
    return None if part is None else history_columns([part])


class TypedPart:
    """One history's plays as the typed path read them: compact columns, not yet typed.

    Whole numbers are int64 (-1 for null: the Structs checked they are not
    negative), times int64 nanoseconds (UTC), text pyarrow arrays (or lists,
    without pyarrow). :func:`history_columns` joins parts into the columns.
    """

    __slots__ = ("columns", "n")

    def __init__(self, columns: dict[str, Any], n: int) -> None:
        self.columns = columns
        self.n = n


def typed_history_part(payload: bytes) -> TypedPart | None:
    """:func:`typed_history_columns` for one of several parts: joined by :func:`history_columns`.

    Parameters
    ----------
    payload : bytes
        The JSON text of one ``watched-history-N.json`` file (as :func:`parse_history_json`).

    Returns
    -------
    TypedPart or None
        The part's plays as compact columns; None where the full walk must
        look, as for :func:`typed_history_columns`.
    """
    try:
        payload = as_utf8(payload)
    except TraktDataError:  # not valid UTF-16 or UTF-32: the full walk says so, with the label
        return None
    plays = decode_history(payload)
    # An empty list is cheap either way.
    return _typed_part(plays) if plays is not None and plays.items else None


def history_columns(parts: list[TypedPart]) -> dict[str, Any]:
    """The history columns of typed parts, in their order: typed once, in bulk.

    Parameters
    ----------
    parts : list of TypedPart
        At least one part, from :func:`typed_history_part`.

    Returns
    -------
    dict of str to array
        As :func:`parse_history` returns them for the parts' plays one after
        the other (``watched_at`` UTC, ``runtime`` in minutes); text columns
        keep the parts' pyarrow chunks.
    """
    out: dict[str, Any] = {}
    for name, dtype in schema.HISTORY.items():
        if name == "user":
            continue
        chunks = [part.columns[name] for part in parts]
        if name == "watched_at":
            ticks = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
            out[name] = pd.array(ticks.view("M8[ns]"), dtype=schema.UTC, copy=False)
        elif dtype in ("Int64", "Int32"):
            data = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
            mask = data < 0
            data = np.where(mask, 0, data)
            out[name] = pd.arrays.IntegerArray(
                data.astype(np.int32) if dtype == "Int32" else data, mask
            )
        else:
            out[name] = _text_column(chunks)
    return out


def _text_column(chunks: list[Any]) -> Any:
    """Text chunks of :func:`_text_chunk` as one array of :data:`schema.STR`."""
    if chunks and type(chunks[0]) is list:
        return str_array([value for chunk in chunks for value in chunk])
    import pyarrow as pa  # the chunks are pyarrow arrays: pandas has it loaded

    # Chunked as read: joined without a copy of the text.
    return pd.arrays.ArrowStringArray(
        pa.chunked_array(chunks, type=pa.large_string()), dtype=schema.STR
    )


def _text_chunk(values: list[str | None]) -> Any:
    """Text the Structs checked (str or None), compact: a pyarrow array where pandas uses one."""
    if schema.STR.storage == "pyarrow":
        import pyarrow as pa  # pandas has it loaded already: it is the dtype's storage

        return pa.array(values, type=pa.large_string())
    return values


def _known_text(values: list[str | None]) -> Any:
    """:func:`_text_chunk` of text where "" means unknown (None)."""
    return _text_chunk([v or None for v in values] if "" in values else values)


def _ints(
    getter: Callable[[Any], int | None] | None, objects: list[Any], *, zero_unknown: bool = False
) -> np.ndarray:
    """A field (or, without `getter`, the values) the Structs checked, as int64: -1 for None.

    The values are whole numbers from 0 to 2**63 - 1 or None; with `zero_unknown`
    (ids, runtimes), 0 means unknown too and is -1 as well.
    """
    values = objects if getter is None else map(getter, objects)
    try:
        data = np.fromiter(values, dtype=np.int64, count=len(objects))
    except TypeError:  # a None among them
        listed = objects if getter is None else list(map(getter, objects))
        if listed.count(None) == len(listed):  # a field no play has (runtime, in exports)
            return np.full(len(listed), -1, dtype=np.int64)
        data = np.array([-1 if v is None else v for v in listed], dtype=np.int64)
    if zero_unknown:
        data[data == 0] = -1
    return data


def _typed_part(plays: Plays) -> TypedPart | None:
    """The typed path's columns of one history's Structs, or None to walk in full.

    The Structs have checked every type and range; what is left are the checks
    that span fields: an episode play needs its show and episode, a movie play
    its movie, and every ``watched_at`` must parse. Where one fails, the full
    walk leaves the entry out or loads the value as NA, with a warning, so this
    path declines. The show's and movie's columns are gathered once per
    distinct show (and per movie play), then spread to the plays.
    """
    items = plays.items
    kinds = list(map(attrgetter("type"), items))
    n_movies = kinds.count("movie")
    # The owners of the plays: the distinct shows, then the movie plays' movies.
    owners = list(plays.shows)
    owner_of = plays.show_of
    if n_movies == 0:  # the usual export file: episodes only
        episodes: list[Any] = list(map(attrgetter("episode"), items))
    else:
        episodes = [
            item.episode if kind == "episode" else None
            for item, kind in zip(items, kinds, strict=True)
        ]
        movie_rows = [i for i, kind in enumerate(kinds) if kind == "movie"]
        owner_of = owner_of.copy()
        owner_of[movie_rows] = np.arange(len(owners), len(owners) + n_movies)
        owners.extend(items[i].movie for i in movie_rows)
    if (owner_of < 0).any() or episodes.count(None) != n_movies:
        return None
    if None in owners:  # a null show: declined where a play has it
        if any(owners[i] is None for i in np.unique(owner_of).tolist()):
            return None
        owners = [_NO_OWNER if owner is None else owner for owner in owners]
    ticks = utc_ticks(list(map(attrgetter("watched_at"), items)))
    if ticks is None:
        return None
    history_ids = _ints(attrgetter("id"), items)
    if (history_ids < 0).any():  # a play without a history id: the full walk warns
        return None
    ids = _or_no_ids(list(map(attrgetter("ids"), owners)))
    eps = [_NO_EPISODE if e is None else e for e in episodes] if n_movies else episodes
    runtimes = list(map(attrgetter("runtime"), eps))
    if n_movies:
        runtimes = [
            item.movie.runtime if kind == "movie" else runtime
            for item, kind, runtime in zip(items, kinds, runtimes, strict=True)
        ]
    get = attrgetter
    text = _text_chunk

    def spread(values: Any) -> Any:  # an owner's value per play
        return _take(values, owner_of)

    columns = {  # 0 and "" mean unknown
        "title": spread(text(list(map(get("title"), owners)))),
        "year": spread(_ints(get("year"), owners)),
        "trakt_id": spread(_ints(get("trakt"), ids, zero_unknown=True)),
        "slug": spread(_known_text(list(map(get("slug"), ids)))),
        "imdb_id": spread(_known_text(list(map(get("imdb"), ids)))),
        "tvdb_id": spread(_ints(get("tvdb"), ids, zero_unknown=True)),
        "tmdb_id": spread(_ints(get("tmdb"), ids, zero_unknown=True)),
        "tvrage_id": spread(_ints(get("tvrage"), ids, zero_unknown=True)),
        "id": history_ids,
        "watched_at": ticks,
        "action": text(list(map(get("action"), items))),
        "type": text(kinds),
        "season": _ints(get("season"), eps),
        "episode": _ints(get("number"), eps),
        "episode_title": text(list(map(get("title"), eps))),
        "episode_trakt_id": _ints(
            get("trakt"), _or_no_ids(list(map(get("ids"), eps))), zero_unknown=True
        ),
        "runtime": _ints(None, runtimes, zero_unknown=True),
    }
    return TypedPart(columns, len(items))


def _or_no_ids(ids: list[Any]) -> list[Any]:
    """Ids objects with a stand-in for null (``ids: null``, as for every id unknown)."""
    return [_NO_IDS if i is None else i for i in ids] if None in ids else ids


def _take(values: Any, at: np.ndarray) -> Any:
    """`values` (an int64 array, or a text chunk of :func:`_text_chunk`) at the positions `at`."""
    if type(values) is list:
        return [values[i] for i in at.tolist()]
    return values.take(at)  # numpy's, or pyarrow's (a pyarrow array of the positions too)
