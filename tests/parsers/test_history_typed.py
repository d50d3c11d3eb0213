"""The typed path of the history parser (msgspec) gives exactly what the full walk gives.

``parse_history_json`` decodes the plays with msgspec Structs and gathers them
column by column; on anything unusual it parses the bytes again and walks them
in full (``parse_history``). ``parse_history_items`` does the same on parsed
JSON (API v2's pages). Either way the columns, the warnings and the errors must
be the full walk's, so these tests compare the paths on planned histories, on
generated quirky and damaged ones, and on hand-made cases that must leave the
typed path or stay on it.
"""

from __future__ import annotations

import copy
import io
import json
import warnings
import zipfile
from typing import Any

import orjson
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trakt_analysis as ta
from tests.helpers.damage import damage
from tests.helpers.history_items import LOKI
from tests.helpers.problems import issued
from tests.helpers.strategies import SETTINGS
from trakt_analysis.demo.export import export_bytes, export_members
from trakt_analysis.demo.generate import make_specs
from trakt_analysis.demo.history import history_items, plan_history
from trakt_analysis.demo.users import demo_history
from trakt_analysis.frames import history_frame
from trakt_analysis.parsers import history
from trakt_analysis.parsers._json import parse_json
from trakt_analysis.parsers.history_typed import convert_history
from trakt_analysis.sources import export

LABEL = "watched-history-1.json"


def _outcome(run: Any) -> Any:
    """(columns, warning texts) of `run()`, or the TraktError it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            columns = run()
        except ta.TraktError as exc:
            return exc
    assert all(issubclass(w.category, ta.TraktDataWarning) for w in caught)
    return columns, [str(w.message) for w in caught]


def _full_walk(payload: bytes) -> Any:
    return _outcome(
        lambda: issued(history.parse_history, parse_json(payload, label=LABEL), label=LABEL)
    )


def _assert_same(got: Any, want: Any) -> None:
    if isinstance(want, Exception):
        assert type(got) is type(want)
        assert str(got) == str(want)
        return
    assert not isinstance(got, Exception), got
    (got_cols, got_warned), (want_cols, want_warned) = got, want
    assert got_warned == want_warned
    assert list(got_cols) == list(want_cols)
    for name in want_cols:
        pd.testing.assert_extension_array_equal(got_cols[name], want_cols[name])
    pd.testing.assert_frame_equal(
        history_frame(got_cols, user="u"), history_frame(want_cols, user="u")
    )


def assert_same_as_full_walk(payload: bytes) -> None:
    """Both typed entry points give the full walk's columns, warnings and errors."""
    want = _full_walk(payload)
    _assert_same(_outcome(lambda: issued(history.parse_history_json, payload, label=LABEL)), want)
    try:
        data = orjson.loads(payload.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        return  # parse_history_items takes parsed JSON only
    _assert_same(
        _outcome(lambda: issued(history.parse_history_items, data, label=LABEL)),
        _outcome(lambda: issued(history.parse_history, data, label=LABEL)),
    )


def takes_typed_path(payload: bytes) -> bool:
    return history.typed_history_columns(payload) is not None


# -- generated histories ---------------------------------------------------------------------


@st.composite
def planned_items(draw: st.DrawFn) -> list[dict[str, Any]]:
    """The demo generator's history of a few shows: valid, as Trakt sends it."""
    specs = make_specs(
        draw(st.integers(1, 6)),
        seed=draw(st.integers(0, 10_000)),
        profile=draw(st.sampled_from(["full", "minimal", "binger"])),
    )
    plays = plan_history(
        specs,
        seed=draw(st.integers(0, 10_000)),
        timezone=draw(st.sampled_from(["UTC", "America/Los_Angeles", "Asia/Kolkata"])),
        movies=draw(st.booleans()),
    )
    return history_items(specs, plays)


TIMES = st.one_of(
    st.datetimes().map(lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.000Z")),
    st.sampled_from(
        ["2023-10-23T18:31:05Z", "2023-10-23T20:31:05+02:00", "2023-10-23", "yesterday", ""]
    ),
    st.none(),
    st.integers(0, 2**40),
)
IDS = st.one_of(
    st.none(),
    st.integers(0, 2**63 - 1),
    st.sampled_from([0, "0", "146535", "", -3, 1.0]),
)
TEXTS = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["", "tt0944947", 7]))


def _maybe(draw: st.DrawFn, obj: dict[str, Any], key: str, values: st.SearchStrategy) -> None:
    """Set `key` to a drawn value, or leave it out (real files omit many keys)."""
    if draw(st.booleans()):
        obj[key] = draw(values)


@st.composite
def quirky_item(draw: st.DrawFn) -> dict[str, Any]:
    """One history item with the quirks real files have, and some they should not."""
    kind = draw(st.sampled_from(["episode", "episode", "movie", None, "season"]))
    item: dict[str, Any] = {}
    _maybe(draw, item, "id", IDS)
    if draw(st.integers(0, 9)):
        item["watched_at"] = draw(TIMES)
    _maybe(draw, item, "action", st.sampled_from(["scrobble", "checkin", "watch", "rewatch", 3]))
    if kind is not None:
        item["type"] = kind
    owner: dict[str, Any] = {"title": draw(st.one_of(st.text(max_size=20), st.just(None)))}
    _maybe(draw, owner, "year", st.one_of(st.none(), st.integers(1900, 2030), st.just("2001")))
    if draw(st.booleans()):
        ids: dict[str, Any] = {}
        for key in ("trakt", "tvdb", "tmdb", "tvrage"):
            _maybe(draw, ids, key, IDS)
        for key in ("slug", "imdb"):
            _maybe(draw, ids, key, TEXTS)
        owner["ids"] = ids
    elif draw(st.booleans()):
        owner["ids"] = None
    _maybe(draw, owner, "overview", st.text(max_size=30))  # extended=full
    _maybe(draw, owner, "rating", st.floats(0, 10))
    runtimes = st.one_of(st.none(), st.integers(0, 300), st.sampled_from([2**31, 45.0, -1, "45"]))
    if kind == "movie" or (kind is None and draw(st.booleans())):
        _maybe(draw, owner, "runtime", runtimes)
        item["movie"] = owner
    else:
        item["show"] = owner
        episode: dict[str, Any] = {
            "season": draw(st.one_of(st.integers(0, 40), st.sampled_from([None, 10**7, "1"]))),
            "number": draw(st.integers(0, 3000)),
        }
        _maybe(draw, episode, "title", TEXTS)
        _maybe(draw, episode, "runtime", runtimes)
        _maybe(draw, episode, "ids", st.one_of(st.none(), st.fixed_dictionaries({"trakt": IDS})))
        _maybe(draw, episode, "first_aired", TIMES)
        item["episode"] = episode
    return item


@SETTINGS
@given(planned_items())
def test_planned_histories_take_the_typed_path_with_the_full_walks_values(items):
    payload = orjson.dumps(items)
    assert takes_typed_path(payload) == bool(items)
    assert_same_as_full_walk(payload)


@SETTINGS
@given(st.lists(quirky_item(), max_size=8))
def test_quirky_histories_load_the_same_on_both_paths(items):
    assert_same_as_full_walk(json.dumps(items).encode())


@st.composite
def damaged(draw: st.DrawFn) -> Any:
    """A planned history with one to three values replaced by junk (or keys dropped)."""
    return damage(draw, draw(planned_items().filter(bool)), replace_root=True, delete_one_in=5)


@SETTINGS
@given(damaged())
def test_damaged_histories_load_or_fail_the_same_on_both_paths(data):
    # json, not orjson: the damage includes integers beyond 64 bits and NaN.
    assert_same_as_full_walk(json.dumps(data).encode())


@SETTINGS
@given(planned_items().filter(bool), st.data())
def test_damaged_bytes_load_or_fail_the_same_on_both_paths(items, draw):
    payload = orjson.dumps(items)
    start = draw.draw(st.integers(0, len(payload) - 1))
    junk = draw.draw(
        st.one_of(
            st.binary(max_size=4),
            st.sampled_from([b"\xff", b"\xed\xa0\x80", b"1e400", b"9" * 400, b'"', b"{"]),
        )
    )
    cut = draw.draw(st.integers(0, 4))
    assert_same_as_full_walk(payload[:start] + junk + payload[start + cut :])


# -- hand-made cases -------------------------------------------------------------------------

SHOW = LOKI  # tests/parsers/test_history.py's show
BASE: list[dict[str, Any]] = [
    {
        "id": 9876543210 + i,
        "watched_at": f"2023-10-2{i}T18:31:05.000Z",
        "action": "scrobble",
        "type": "episode",
        "show": SHOW,
        "episode": {
            "season": 1,
            "number": i,
            "title": f"Episode {i}",
            "ids": {"trakt": 100 + i, "tvdb": 8000 + i, "imdb": None, "tmdb": 7, "tvrage": None},
            "runtime": 52,
        },
    }
    for i in (3, 2, 1)
]
MOVIE = {
    "id": 9876543000,
    "watched_at": "2023-10-20T20:00:00.000Z",
    "action": "checkin",
    "type": "movie",
    "movie": {
        "title": "Battlestar Galactica",
        "year": 1978,
        "ids": {"trakt": 1, "slug": "battlestar-galactica-1978", "imdb": "tt0077215", "tmdb": 9},
        "runtime": 125,
    },
}


def _at(data: Any, path: str) -> tuple[Any, Any]:
    """The container of the value at dotted `path`, and its key there."""
    *keys, last = path.split(".")
    node = data
    for key in keys:
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node, int(last) if isinstance(node, list) else last


def _set(path: str, value: object):
    def change(data: list[dict[str, Any]]) -> None:
        node, key = _at(data, path)
        node[key] = value

    return change


def _drop(path: str):
    def change(data: list[dict[str, Any]]) -> None:
        node, key = _at(data, path)
        del node[key]

    return change


def _own_show(data: list[dict[str, Any]]) -> dict[str, Any]:
    data[0]["show"] = copy.deepcopy(SHOW)
    return data[0]["show"]


# Each leaves the typed path; the full walk loads it (left out, or NA, with a warning) or
# explains it.
LEAVING = {
    "an id as text": _set("0.id", "9876543213"),
    "a whole-number float id": _set("0.id", 2.0),
    "a negative id": _set("0.id", -4),
    "no type (the full walk infers it)": _drop("0.type"),
    "an unknown type": _set("0.type", "season"),
    "an unknown action": _set("0.action", "rewatch"),
    "an action that is not text": _set("0.action", 7),
    "no watched_at": _drop("0.watched_at"),
    "watched_at that is no time": _set("0.watched_at", "yesterday"),
    "watched_at as unix seconds": _set("0.watched_at", 1698085865),
    "watched_at beyond pandas' range": _set("0.watched_at", "2300-01-01T00:00:00.000Z"),
    # pandas reads these as the clock's time; the play's time is unknown (NaT, a warning).
    "watched_at 'now'": _set("0.watched_at", "now"),
    "watched_at 'today'": _set("0.watched_at", "today"),
    "a show id as text": lambda d: _own_show(d)["ids"].update(trakt="146535"),
    "a slug that is a number": lambda d: _own_show(d)["ids"].update(slug=5),
    "ids that are a list": lambda d: _own_show(d).update(ids=[146535]),
    "a year as text": lambda d: _own_show(d).update(year="2021"),
    "a title that is not text": lambda d: _own_show(d).update(title=1883),
    "a negative runtime": _set("0.episode.runtime", -1),
    "a float runtime": _set("0.episode.runtime", 45.0),
    "a runtime beyond Int32": _set("0.episode.runtime", 2**31),
    "an episode play without a show": _set("0.show", None),
    "an episode play without an episode": _drop("0.episode"),
    "a season beyond the cap": _set("0.episode.season", 10**6 + 1),
    "a season as text": _set("0.episode.season", "1"),
    "episode ids as text (ignored by the full walk)": _set("0.episode.ids", "x"),
    "an episode title that is a number": _set("0.episode.title", 7),
    "an entry that is not an object": _set("1", 5),
    "a movie play without a movie": lambda d: d.append({**MOVIE, "movie": None}),
    "invalid UTF-8 in a field not read": _set("0.show.overview", "\udcff"),
    "a number beyond a double in a field not read": _set("0.show.votes", 10**400),
    "a number beyond a double in an episode id not read": _set("0.episode.ids.tvdb", 10**400),
    "an empty list": lambda d: d.clear(),
    # Trakt numbers every play (trakt-api: history ``id`` is an int64, never null).
    "a null id": _set("0.id", None),
    "no id": _drop("0.id"),
}


def _payload(change) -> bytes:
    data = copy.deepcopy(BASE)
    change(data)
    # surrogateescape: "\udcff" becomes the lone byte 0xff, which is not UTF-8.
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogateescape")


@pytest.mark.parametrize("change", LEAVING.values(), ids=LEAVING.keys())
def test_unusual_input_leaves_the_typed_path_and_loads_as_the_full_walk_does(change):
    payload = _payload(change)
    assert not takes_typed_path(payload)
    assert_same_as_full_walk(payload)


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"{}",
        b'{"error": "invalid_grant"}',
        b'[{"watched_at": "2023-10-23T18:31:05.000Z", "type": "episode"',  # truncated
        b"<html>502 Bad Gateway</html>",
        orjson.dumps([{"show": {"title": "v1"}, "progress": {}, "seasons": []}]),
    ],
    ids=["empty", "an object", "an error body", "truncated", "html", "a v1 response"],
)
def test_other_documents_fail_as_the_full_walk_fails(payload):
    assert not takes_typed_path(payload)
    assert_same_as_full_walk(payload)


# Each stays on the typed path, with the values the full walk gives.
STAYING = {
    "a null runtime": _set("0.episode.runtime", None),
    "runtime 0 (unknown)": _set("0.episode.runtime", 0),
    "no runtime (no extended=full)": _drop("0.episode.runtime"),
    "no episode title": _drop("0.episode.title"),
    "a null episode title": _set("0.episode.title", None),
    "movies mixed with episodes": lambda d: d.insert(1, copy.deepcopy(MOVIE)),
    "a movie without runtime": lambda d: d.append(
        {**MOVIE, "movie": {k: v for k, v in MOVIE["movie"].items() if k != "runtime"}}
    ),
    "ids null": lambda d: _own_show(d).update(ids=None),
    "ids with nulls": lambda d: _own_show(d).update(ids=dict.fromkeys(SHOW["ids"])),
    "ids 0 and empty (unknown)": lambda d: _own_show(d)["ids"].update(tvdb=0, imdb="", slug=""),
    "no ids": lambda d: _own_show(d).pop("ids"),
    "a null year": lambda d: _own_show(d).update(year=None),
    "episode ids null": _set("0.episode.ids", None),
    "episode trakt id 0": _set("0.episode.ids.trakt", 0),
    "a null watched_at": _set("0.watched_at", None),
    "watched_at without milliseconds": _set("0.watched_at", "2023-10-23T18:31:05Z"),
    "watched_at with an offset": _set("0.watched_at", "2023-10-23T20:31:05+02:00"),
    "a null action": _set("0.action", None),
    "no action": _drop("0.action"),
    "a check-in and a seen mark": lambda d: (
        d[0].update(action="checkin"),
        d[1].update(action="watch"),
    ),
    "specials (season 0)": _set("0.episode.season", 0),
    "an empty title": lambda d: _own_show(d).update(title=""),
    "Unicode titles": lambda d: (
        _own_show(d).update(title="進撃の巨人"),
        d[1]["episode"].update(title="Amélie"),
    ),
    "extended=full fields": lambda d: (
        _own_show(d).update(
            overview="Loki…", rating=8.2, votes=10, airs={"day": "Wednesday"}, genres=["drama"]
        ),
        d[0]["episode"].update(number_abs=None, first_aired="2021-06-09T07:00:00.000Z"),
    ),
    "an unknown field beside the play": _set("0.note", {"any": [1, 2.5, None]}),
    "an unknown episode id": _set("0.episode.ids.plex", "abc"),
    "a large number in a field not read": _set("0.show.votes", 10**30),
    "a big show id": lambda d: _own_show(d)["ids"].update(trakt=2**63 - 1),
}


@pytest.mark.parametrize("change", STAYING.values(), ids=STAYING.keys())
def test_real_data_quirks_stay_on_the_typed_path_with_the_full_walks_values(change):
    payload = _payload(change)
    assert takes_typed_path(payload)
    assert_same_as_full_walk(payload)


def test_a_byte_order_mark_is_read_on_the_typed_path():
    payload = b"\xef\xbb\xbf" + orjson.dumps(BASE)
    assert takes_typed_path(payload)
    assert_same_as_full_walk(payload)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32-be"])
def test_utf16_and_utf32_are_read_on_the_typed_path(encoding):
    payload = orjson.dumps(BASE).decode("utf-8").encode(encoding)
    assert takes_typed_path(payload)
    utf8 = issued(history.parse_history_json, orjson.dumps(BASE), label=LABEL)
    got = issued(history.parse_history_json, payload, label=LABEL)
    pd.testing.assert_frame_equal(history_frame(got), history_frame(utf8))


def test_typed_columns_hold_the_hand_worked_values():
    # Expected values from BASE and MOVIE, not from either path.
    data = [BASE[0], MOVIE]
    frame = history_frame(issued(history.parse_history_json, orjson.dumps(data), label=LABEL))
    assert list(frame["type"]) == ["episode", "movie"]
    assert list(frame["id"]) == [9876543213, 9876543000]
    assert frame["watched_at"].iloc[1] == pd.Timestamp("2023-10-20T20:00:00Z")
    assert frame["runtime"].tolist() == [52, 125]
    assert frame["episode_trakt_id"].iloc[0] == 103
    assert pd.isna(frame["episode_trakt_id"].iloc[1])
    assert pd.isna(frame["season"].iloc[1])
    assert pd.isna(frame["tvdb_id"].iloc[1])  # movies have no tvdb id
    assert frame["slug"].iloc[1] == "battlestar-galactica-1978"


# -- the demo data takes the typed path ------------------------------------------------------


def test_the_demo_exports_history_files_take_the_typed_path():
    # Without this, a change to the generator or the Structs could send every load
    # down the full walk: still right, but slow, and no other test would notice.
    members = export_members("demo")
    parts = [raw for name, raw in members.items() if name.startswith("watched-history-")]
    assert len(parts) > 1
    for raw in parts:
        assert takes_typed_path(raw)
        assert_same_as_full_walk(raw)


def test_load_export_gives_the_same_progress_with_and_without_the_typed_path(monkeypatch, tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(export_bytes("demo"))
    taken: list[bool] = []

    def spy(raw: bytes) -> Any:
        part = history.typed_history_part(raw)
        taken.append(part is not None)
        return part

    monkeypatch.setattr(export, "typed_history_part", spy)
    with pytest.warns(ta.TraktDataWarning, match="listed twice"):  # one entry in two parts
        fast = ta.load_export(path)
    assert taken
    assert all(taken)
    monkeypatch.setattr(export, "typed_history_part", lambda raw: None)
    with pytest.warns(ta.TraktDataWarning, match="listed twice"):
        full = ta.load_export(path)
    for got, want in zip((*fast, fast.history), (*full, full.history), strict=True):
        pd.testing.assert_frame_equal(got, want)


def test_load_export_warns_the_same_when_one_file_leaves_the_typed_path(monkeypatch, tmp_path):
    # One damaged file goes the full walk; its warnings, and the others' silence, stay.
    members = export_members("demo")
    items = orjson.loads(members["watched-history-2.json"])
    items[3]["action"] = "rewatch"
    items[5] = "not an entry"
    members["watched-history-2.json"] = orjson.dumps(items)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)
    path = tmp_path / "export.zip"
    path.write_bytes(buffer.getvalue())

    def load() -> tuple[ta.Progress, list[str]]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            progress = ta.load_export(path)
        return progress, [str(w.message) for w in caught]

    fast, fast_warned = load()
    monkeypatch.setattr(export, "typed_history_part", lambda raw: None)
    full, full_warned = load()
    assert fast_warned == full_warned
    assert any("watched-history-2.json" in w and "'rewatch'" in w for w in fast_warned)
    pd.testing.assert_frame_equal(fast.history, full.history)


def test_the_demo_users_history_takes_the_typed_path():
    # load_demo and TraktAPI.history hand parsed items to parse_history_items.
    for user in ta.demo_users():
        data = demo_history(user)
        items = convert_history(data)
        assert items is not None
        assert history._typed_columns(items) is not None
        assert_same_as_full_walk(orjson.dumps(data))
