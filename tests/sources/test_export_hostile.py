"""Hostile and broken exports: each refused (or survived) with its own message, quickly."""

from __future__ import annotations

import io
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import orjson
import pytest

import trakt_analysis as ta
from trakt_analysis.errors import (
    TraktDataError,
    TraktDataWarning,
    TraktFileError,
    TraktSourceError,
)
from trakt_analysis.sources import _archive as archive_module

SHOW = {"title": "Dark", "year": 2017, "ids": {"trakt": 9, "slug": "dark"}}


def entry(i: int, **extra) -> dict:
    return {
        "id": i,
        "watched_at": f"2024-01-{i:02d}T20:00:00.000Z",
        "action": "scrobble",
        "type": "episode",
        "show": SHOW,
        "episode": {"season": 1, "number": i},
        **extra,
    }


HISTORY = orjson.dumps([entry(3), entry(2), entry(1)])


def make_zip(path, members: dict[str, bytes], *, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=compress) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, compress)
    return path


@pytest.fixture(autouse=True)
def quick():
    """Every case here is decided in well under a few seconds, bomb or not."""
    start = time.perf_counter()
    yield
    assert time.perf_counter() - start < 5


def test_a_minimal_export_loads(tmp_path):
    progress = ta.load_export(make_zip(tmp_path / "e.zip", {"watched-history-1.json": HISTORY}))
    assert len(progress.history) == 3
    assert progress.shows["plays"].tolist() == [3]
    assert progress.shows["completed"].tolist() == [3]


def test_a_zip_bomb_member_is_refused_not_inflated(tmp_path):
    bomb = b"[" + b" " * (50 * 2**20) + b"]"  # 50 MiB that deflates to about 50 KB
    path = make_zip(tmp_path / "bomb.zip", {"watched-history-1.json": bomb})
    assert path.stat().st_size < 200_000
    tracemalloc.start()
    try:
        with pytest.raises(TraktDataError, match=r"watched-history-1\.json.*zip bomb"):
            ta.load_export(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 2**20  # refused before inflating: far below the member's 50 MiB


def test_a_member_over_the_cap_is_refused_on_its_declared_size(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_MEMBER_BYTES", 100)
    path = make_zip(tmp_path / "big.zip", {"watched-history-1.json": HISTORY})
    with pytest.raises(TraktDataError, match="more than the 0 MiB a member may have"):
        ta.load_export(path)


def test_a_member_that_lies_about_its_size_is_not_read_past_it(tmp_path):
    path = make_zip(tmp_path / "lie.zip", {"watched-history-1.json": HISTORY})
    raw = bytearray(path.read_bytes())
    # Shrink the declared size in the central directory: the reader must stop there.
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("watched-history-1.json")
    central = raw.rfind(b"PK\x01\x02")
    size_at = central + 24
    assert int.from_bytes(raw[size_at : size_at + 4], "little") == info.file_size
    raw[size_at : size_at + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    with pytest.raises(TraktDataError, match=r"watched-history-1\.json"):
        ta.load_export(path)


@pytest.mark.parametrize("name", ["../evil.json", "/abs/watched-history-1.json", "a/../../x.json"])
def test_unsafe_member_names_are_ignored(tmp_path, name):
    evil = orjson.dumps([entry(i) for i in range(10, 20)])
    path = make_zip(tmp_path / "e.zip", {"watched-history-1.json": HISTORY, name: evil})
    progress = ta.load_export(path)
    assert len(progress.history) == 3  # the unsafe member's entries are not read
    assert sorted(os.listdir(tmp_path)) == ["e.zip"]  # nothing written next to the archive


def test_only_unsafe_members_means_no_watch_data(tmp_path):
    path = make_zip(tmp_path / "e.zip", {"../watched-history-1.json": HISTORY})
    with pytest.raises(TraktDataError, match="no watch data"):
        ta.load_export(path)


def test_a_truncated_member_names_the_member_line_and_column(tmp_path):
    path = make_zip(tmp_path / "t.zip", {"watched-history-2.json": HISTORY[:40]})
    with pytest.raises(TraktDataError, match=r"watched-history-2\.json: invalid JSON at line 1"):
        ta.load_export(path)


def test_a_truncated_download_is_not_a_complete_zip(tmp_path):
    good = make_zip(tmp_path / "good.zip", {"watched-history-1.json": HISTORY * 50})
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(TraktDataError, match="not a complete ZIP archive"):
        ta.load_export(cut)


def test_damaged_member_data_is_reported(tmp_path):
    path = make_zip(tmp_path / "d.zip", {"watched-history-1.json": HISTORY * 20})
    raw = bytearray(path.read_bytes())
    start = raw.find(b"watched-history-1.json") + len("watched-history-1.json")
    for k in range(start + 5, start + 40):
        raw[k] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(TraktDataError, match=r"watched-history-1\.json.*damaged or truncated"):
        ta.load_export(path)


def test_an_export_without_watch_data(tmp_path):
    path = make_zip(
        tmp_path / "n.zip",
        {"ratings-shows.json": b"[]", "watched-history-1.json": b"[]", "lists.json": b"[]"},
    )
    with pytest.raises(TraktDataError, match="no watch data"):
        ta.load_export(path)


def test_not_a_zip_and_missing_files(tmp_path):
    text = tmp_path / "x.zip"
    text.write_bytes(b"hello")
    with pytest.raises(TraktDataError, match="not a ZIP archive; load_export reads the account"):
        ta.load_export(text)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(b"PK\x03\x04" + b"\0" * 40)  # a download that stopped early
    with pytest.raises(TraktDataError, match=r"not a complete ZIP archive .a partial download"):
        ta.load_export(cut)
    with pytest.raises(TraktFileError, match="cannot read"):
        ta.load_export(tmp_path / "missing.zip")


def test_an_entry_without_a_show_is_named_and_the_others_load(tmp_path):
    bad = entry(4)
    del bad["show"]
    data = orjson.dumps([entry(5), bad, entry(3)])
    path = make_zip(tmp_path / "e.zip", {"watched-history-1.json": data})
    with pytest.warns(TraktDataWarning, match=r"watched-history-1\.json: entry 1: an episode play"):
        progress = ta.load_export(path)
    assert sorted(progress.episodes["episode"]) == [3, 5]


def test_every_numbered_part_is_read_in_order(tmp_path):
    members = {
        "watched-history-10.json": orjson.dumps([entry(1)]),
        "watched-history-2.json": orjson.dumps([entry(2)]),
        "watched-history-1.json": orjson.dumps([entry(4), entry(3)]),
    }
    progress = ta.load_export(make_zip(tmp_path / "p.zip", members))
    assert progress.history["id"].tolist() == [4, 3, 2, 1]


def test_files_are_told_apart_by_content(tmp_path):
    watchlist = orjson.dumps([{"rank": 1, "listed_at": "2024-01-01T00:00:00Z", "show": SHOW}])
    members = {
        "watched-history-1.json": HISTORY,
        "watched-shows-1.json": watchlist,  # the name says watched shows, the content does not
        "my-history-copy.json": orjson.dumps([entry(7)]),  # ignored: an unknown name
        "lists-watchlist.json": watchlist,
    }
    with pytest.warns(TraktDataWarning, match=r"watched-shows-1\.json: the name says shows") as w:
        progress = ta.load_export(make_zip(tmp_path / "c.zip", members))
    assert {r.filename for r in w if r.category is TraktDataWarning} == {__file__}
    assert len(progress.history) == 3


def test_a_history_file_under_another_watched_name_is_used(tmp_path):
    members = {"watched-history.json": HISTORY, "watched-movies.json": b"[]"}
    progress = ta.load_export(make_zip(tmp_path / "w.zip", members))
    assert len(progress.history) == 3


def test_a_bytes_io_is_not_a_path():
    with pytest.raises(TraktSourceError, match="the path of the export"):
        ta.load_export(io.BytesIO(b""))  # type: ignore[arg-type]


def test_another_trakt_file_given_as_the_export_says_what_it_is_and_what_to_call(tmp_path):
    v1 = tmp_path / "progress.json"
    v1.write_bytes((Path(__file__).parents[2] / "data/fixtures/users/casual.json").read_bytes())
    with pytest.raises(TraktDataError, match=r"v1 user/progress/watched .*ta\.load_progress"):
        ta.load_export(v1)
    member = tmp_path / "watched-history-1.json"
    member.write_bytes(orjson.dumps([entry(5), entry(3)]))
    with pytest.raises(TraktDataError, match=r"history.*the whole export: the ZIP, or the folder"):
        ta.load_export(member)
