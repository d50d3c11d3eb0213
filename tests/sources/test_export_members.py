"""Export members that are not the export's data (#23 item 6): skipped with a note."""

from __future__ import annotations

import io
import os
import stat
import zipfile

import orjson
import pytest

import trakt_analysis as ta
from trakt_analysis.errors import TraktDataError, TraktDataWarning
from trakt_analysis.sources import _archive

SHOW = {"title": "Dark", "year": 2017, "ids": {"trakt": 9, "slug": "dark"}}


def entry(i: int) -> dict:
    return {
        "id": i,
        "watched_at": f"2024-01-{i:02d}T20:00:00.000Z",
        "action": "scrobble",
        "type": "episode",
        "show": SHOW,
        "episode": {"season": 1, "number": i},
    }


HISTORY = orjson.dumps([entry(3), entry(2), entry(1)])


def make_zip(path, members: dict[str, bytes], *, links: tuple[str, ...] = ()):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    return path


def test_a_symlink_member_is_skipped_with_a_note(tmp_path):
    path = make_zip(
        tmp_path / "e.zip",
        {"watched-history-1.json": HISTORY, "watched-history-2.json": b"/etc/passwd"},
        links=("watched-history-2.json",),
    )
    with pytest.warns(TraktDataWarning, match=r"watched-history-2\.json' \(a symbolic link"):
        progress = ta.load_export(path)
    assert len(progress.history) == 3


def test_a_folder_zipped_with_backslashes_is_read(tmp_path):
    path = make_zip(tmp_path / "e.zip", {"trakt-export\\watched-history-1.json": HISTORY})
    assert len(ta.load_export(path).history) == 3


def test_a_zip_inside_the_zip_is_named_when_there_is_no_watch_data(tmp_path):
    inner = io.BytesIO()
    make_zip(inner, {"watched-history-1.json": HISTORY})
    path = make_zip(tmp_path / "outer.zip", {"trakt-export.zip": inner.getvalue()})
    with (
        pytest.warns(TraktDataWarning, match="a ZIP inside the ZIP"),
        pytest.raises(TraktDataError, match=r"no watch data.*skipped 'trakt-export\.zip'"),
    ):
        ta.load_export(path)


def test_no_watch_data_says_what_was_found(tmp_path):
    path = make_zip(tmp_path / "e.zip", {"ratings-shows.json": b"[]", "lists.json": b"[]"})
    with pytest.raises(
        TraktDataError, match=r"found 2 JSON file\(s\): ratings-shows\.json, lists\.json"
    ):
        ta.load_export(path)


def test_a_large_unrelated_json_beside_the_export_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(_archive, "MAX_MEMBER_BYTES", 2_000)
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "watched-history-1.json").write_bytes(HISTORY)
    (folder / "movie-database.json").write_bytes(b"[" + b"0," * 2_000 + b"0]")
    with pytest.warns(
        TraktDataWarning, match=r"movie-database\.json' \(4,003 bytes, not an export"
    ):
        progress = ta.load_export(folder)
    assert len(progress.history) == 3
    # The export's own files are never skipped for their size: that is an error.
    (folder / "watched-history-2.json").write_bytes(b"[" + b" " * 3_000 + b"]")
    with pytest.raises(TraktDataError, match=r"watched-history-2\.json.*3,002 bytes"):
        ta.load_export(folder)


def test_a_symlink_in_the_folder_is_skipped_with_a_note(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "watched-history-1.json").write_bytes(HISTORY)
    outside = tmp_path / "elsewhere.json"
    outside.write_bytes(orjson.dumps([entry(9)]))
    os.symlink(outside, folder / "watched-history-2.json")
    with pytest.warns(TraktDataWarning, match=r"watched-history-2\.json' \(a symbolic link"):
        progress = ta.load_export(folder)
    assert len(progress.history) == 3


def _history_entry(i: int) -> dict:
    return {
        "id": 10_000 + i,
        "watched_at": f"2024-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}T20:{i % 60:02d}:00.000Z",
        "action": "scrobble",
        "type": "episode",
        "show": {"title": f"Show {i % 7}", "year": 2020, "ids": {"trakt": 100 + i % 7}},
        "episode": {"season": 1 + i % 3, "number": 1 + i},
    }


def test_many_one_play_parts_build_the_history_once(tmp_path, monkeypatch):
    from trakt_analysis.sources import export as export_module

    entries = [_history_entry(i) for i in range(9_999)]
    one = make_zip(tmp_path / "one.zip", {"watched-history-1.json": orjson.dumps(entries)})
    parts = make_zip(
        tmp_path / "parts.zip",
        {f"watched-history-{i + 1}.json": orjson.dumps([e]) for i, e in enumerate(entries)},
    )
    calls = []
    real = export_module.typed_history_columns
    monkeypatch.setattr(
        export_module, "typed_history_columns", lambda raw: calls.append(1) or real(raw)
    )
    whole = ta.load_export(one)
    split = ta.load_export(parts)
    assert len(calls) <= 1 + 3  # one for the single part; a few runs for 9,999 parts
    assert len(split.history) == 9_999
    assert split.history["id"].tolist() == whole.history["id"].tolist()
    assert split.shows["plays"].tolist() == whole.shows["plays"].tolist()


def test_a_damaged_small_part_is_not_joined_into_valid_json(tmp_path):
    # Apart, neither part is JSON; joined naively they would make one valid list.
    path = make_zip(
        tmp_path / "e.zip",
        {
            "watched-history-1.json": b"[[" + orjson.dumps(_history_entry(1)),
            "watched-history-2.json": orjson.dumps(_history_entry(2)) + b"]]",
        },
    )
    with pytest.raises(TraktDataError, match=r"watched-history-1\.json: invalid JSON"):
        ta.load_export(path)


def test_two_members_over_the_same_bytes_are_refused(tmp_path):
    # A crafted archive: a second central-directory entry pointing at the first's data,
    # so one member would be read twice (and a small ZIP could be a huge load).
    path = tmp_path / "overlap.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("watched-history-1.json", HISTORY)
        first = archive.filelist[0]
        copy = zipfile.ZipInfo("watched-history-2.json", first.date_time)
        for field in ("compress_type", "CRC", "compress_size", "file_size", "header_offset"):
            setattr(copy, field, getattr(first, field))
        archive.filelist.append(copy)
    with zipfile.ZipFile(path) as archive:  # the test can fail: both names are listed
        assert [i.header_offset for i in archive.infolist()] == [0, 0]
    with pytest.raises(TraktDataError, match="share their data"):
        ta.load_export(path)
