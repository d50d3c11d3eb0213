"""Every kind of source loads the same; bad bytes raise TraktDataError saying where."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

import trakt_analysis as ta

FIXTURES = Path(__file__).parents[2] / "data" / "fixtures"
SEED = FIXTURES / "seed_example.json"
VERBATIM = FIXTURES / "seed_example_verbatim.txt"


def _assert_same(a: ta.Progress, b: ta.Progress) -> None:
    for left, right in zip(a, b, strict=True):
        pd.testing.assert_frame_equal(left, right)


@pytest.mark.parametrize(
    "make_source",
    [
        pytest.param(lambda: str(SEED), id="str path"),
        pytest.param(lambda: SEED, id="PathLike"),
        pytest.param(lambda: SEED.read_bytes(), id="bytes"),
        pytest.param(lambda: bytearray(SEED.read_bytes()), id="bytearray"),
        pytest.param(lambda: io.BytesIO(SEED.read_bytes()), id="binary file object"),
        pytest.param(lambda: json.loads(SEED.read_text("utf-8")), id="parsed list"),
    ],
)
def test_every_source_kind_gives_the_same_frames(make_source):
    # The user named, as only a path (or a named file) says one: seed_example.json's
    _assert_same(ta.load_progress(make_source(), user="ada"), ta.load_progress(SEED, user="ada"))


@pytest.mark.parametrize(
    ("make_source", "user"),
    [
        pytest.param(lambda: str(SEED), "seed_example", id="str path"),
        pytest.param(lambda: SEED, "seed_example", id="PathLike"),
        pytest.param(lambda: SEED.open("rb"), "seed_example", id="open file"),
        pytest.param(lambda: SEED.read_bytes(), None, id="bytes"),
        pytest.param(lambda: io.BytesIO(SEED.read_bytes()), None, id="binary file object"),
        pytest.param(lambda: json.loads(SEED.read_text("utf-8")), None, id="parsed list"),
    ],
)
def test_the_user_is_the_file_names_else_unknown(make_source, user):
    source = make_source()
    try:
        progress = ta.load_progress(source)
    finally:
        if hasattr(source, "close"):
            source.close()
    assert progress.user == user
    for frame in progress:
        assert frame["user"].isna().all() if user is None else set(frame["user"]) == {user}


def test_open_binary_file(tmp_path):
    with open(SEED, "rb") as fh:
        _assert_same(ta.load_progress(fh), ta.load_progress(SEED))


def test_a_str_is_always_a_path_never_json():
    with pytest.raises(ta.TraktFileError, match="cannot read"):
        ta.load_progress("[]")


def test_missing_file_is_a_trakt_error_and_an_oserror(tmp_path):
    missing = tmp_path / "nope.json"
    with pytest.raises(ta.TraktFileError) as info:
        ta.load_progress(missing)
    assert isinstance(info.value, OSError)
    assert "nope.json" in str(info.value)


def test_directory_is_not_a_file(tmp_path):
    with pytest.raises(ta.TraktFileError):
        ta.load_progress(tmp_path)


def test_text_mode_file_is_rejected_with_advice():
    with pytest.raises(ta.TraktSourceError, match="binary mode"):
        ta.load_progress(io.StringIO("[]"))


@pytest.mark.parametrize("source", [42, 3.5, None, object()])
def test_unsupported_source_type(source):
    with pytest.raises(ta.TraktSourceError, match="cannot load progress from"):
        ta.load_progress(source)


def test_user_must_be_a_string():
    with pytest.raises(ta.TraktSourceError, match="user"):
        ta.load_progress([], user=5)


def test_seed_verbatim_points_at_the_missing_comma():
    text = VERBATIM.read_text("utf-8")
    lines = text.splitlines()
    # The comma is missing at the end of the "title" line; the parser stops at
    # the next line, the one with "first_aired".
    expected_line = next(i for i, line in enumerate(lines, 1) if '"first_aired":1361' in line)
    assert '"The Prince of Winterfell"' in lines[expected_line - 2]
    with pytest.raises(ta.TraktDataError, match=f"line {expected_line} column 1") as info:
        ta.load_progress(VERBATIM)
    assert "seed_example_verbatim.txt" in str(info.value)


def test_bom_is_accepted_quietly():
    bom = b"\xef\xbb\xbf" + SEED.read_bytes()
    _assert_same(ta.load_progress(bom), ta.load_progress(SEED.read_bytes()))


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
)
def test_utf16_and_utf32_load_as_json_loads_reads_them(encoding):
    # Windows Notepad saves "Unicode" as UTF-16 with a byte order mark; json.loads reads
    # UTF-16 and UTF-32 with or without one, and so does the loader.
    text = SEED.read_bytes().decode("utf-8")
    _assert_same(ta.load_progress(text.encode(encoding)), ta.load_progress(SEED.read_bytes()))


def test_utf16_cut_short_says_so():
    data = "[{}]".encode("utf-16-le")[:-1]  # an odd number of bytes
    message = "looks like UTF-16 little-endian text but is not valid UTF-16 little-endian at byte 6"
    with pytest.raises(ta.TraktDataError, match=message):
        ta.load_progress(data)


def test_invalid_utf8_gives_line_and_column():
    data = b'[\n{"show": {"title": "Caf\xe9"}}]'
    with pytest.raises(ta.TraktDataError, match=r"not valid UTF-8 at line 2 column 24"):
        ta.load_progress(data)


def test_truncated_json_says_so():
    data = SEED.read_bytes()[:500]
    with pytest.raises(ta.TraktDataError, match="truncated"):
        ta.load_progress(data)


def test_html_error_page():
    page = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>"
    with pytest.raises(ta.TraktDataError, match=r"looks like HTML.*502 Bad Gateway"):
        ta.load_progress(page)


@pytest.mark.parametrize("data", [b"", b"  \n "])
def test_empty_input(data):
    with pytest.raises(ta.TraktDataError, match="empty input"):
        ta.load_progress(data)


def test_nesting_too_deep_is_a_data_error_not_recursion_error():
    with pytest.raises(ta.TraktDataError):
        ta.load_progress(b"[" * 100_000 + b"]" * 100_000)


def test_deeply_nested_extra_field_in_a_parsed_list():
    deep: dict = {}
    node = deep
    for _ in range(5_000):  # deeper than Python's recursion limit
        node["x"] = {}
        node = node["x"]
    node["x"] = 1
    item = {
        "show": {"title": "Deep", "year": 2000, "extra": deep},
        "progress": {"aired": 0, "completed": 0},
        "seasons": [],
    }
    shows = ta.load_progress([item]).shows
    assert shows.filter(like="extra_x").shape[1] == 1


def test_failure_body_raises_with_the_api_message():
    body = b'{"status":"failure","error":"invalid api key"}'
    with pytest.raises(ta.TraktAPIError, match="invalid api key"):
        ta.load_progress(body)


@pytest.mark.parametrize("data", [b"{}", b'"text"', b"42", b"null", b'{"show": {}}'])
def test_top_level_must_be_a_list(data):
    with pytest.raises(ta.TraktDataError, match="expected a JSON list"):
        ta.load_progress(data)


def test_warnings_point_at_the_callers_line():
    # Each at this file's line, whichever module of the toolkit issued it: the parser's
    # odd value, and the frame builder's year beyond Int16 (four calls down).
    data = json.loads(SEED.read_bytes())
    data[0]["show"]["year"] = 40_000
    data[1]["seasons"][0]["aired"] = "ten"
    with pytest.warns(ta.TraktDataWarning) as record:
        ta.load_progress(json.dumps(data).encode())
    messages = [str(w.message) for w in record]
    assert any("outside the range of Int16" in m for m in messages), messages
    assert any("aired" in m and "loaded as NA" in m for m in messages), messages
    assert {w.filename for w in record} == {__file__}
