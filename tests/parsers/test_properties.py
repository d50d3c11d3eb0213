"""Property tests: valid v1 responses over the real ranges load whole; damaged ones raise ours.

The strategy builds responses the way real ones are: air dates from 1930 to
2100 (negative unix times before 1970), 0 and null where v1 sent them, ids as
numbers or strings, remakes sharing a title, titles in any script, seasons
with no episode and huge ones. Expected values come from what the strategy
drew, never from the loader.
"""

from __future__ import annotations

import contextlib
import csv
import math
import unicodedata
import warnings
from typing import Any

import orjson
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trakt_analysis as ta
from tests.helpers.strategies import (
    SETTINGS,
    damaged,
    responses,
)


def expected_aired_at(item: dict[str, Any]) -> pd.Timestamp | None:
    nxt = item["next_episode"]
    if not nxt:
        return None
    seconds = nxt.get("first_aired_utc") or nxt.get("first_aired")
    if not seconds:
        return None  # 0 and null mean unknown
    return pd.Timestamp(seconds, unit="s", tz="UTC")


def load_quietly(data: Any) -> ta.Progress:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a valid response loads without a warning
        return ta.load_progress(orjson.dumps(data))


@SETTINGS
@given(responses())
def test_valid_responses_load_whole(data):
    shows, seasons, episodes = load_quietly(data)
    assert len(shows) == len(data)
    assert len(seasons) == sum(len(item["seasons"]) for item in data)
    assert len(episodes) == sum(s["aired"] for item in data for s in item["seasons"])
    assert list(shows["title"]) == [item["show"]["title"] for item in data]
    for row, item in enumerate(data):
        assert shows["aired"].iloc[row] == item["progress"]["aired"]
        assert shows["completed"].iloc[row] == item["progress"]["completed"]
        year = item["show"]["year"]
        assert pd.isna(shows["year"].iloc[row]) if year is None else shows["year"].iloc[row] == year
        want = expected_aired_at(item)
        got = shows["next_first_aired"].iloc[row]
        assert pd.isna(got) if want is None else got == want
    # Counts agree: every watched flag arrives, per show.
    watched = [sum(sum(s["episodes"].values()) for s in item["seasons"]) for item in data]
    assert int(episodes["watched"].sum()) == sum(watched)
    assert int(seasons["completed"].sum()) == sum(watched)


def cells(column: pd.Series) -> list[object]:
    return [None if v is None or (not isinstance(v, list) and pd.isna(v)) else v for v in column]


@SETTINGS
@given(responses())
def test_parquet_round_trip_keeps_every_value(tmp_path_factory, data):
    progress = load_quietly(data)
    paths = progress.to_parquet(tmp_path_factory.mktemp("parquet"))
    assert paths[-1].name == "progress.json"  # beside the frames: what they are
    for path, frame in zip(paths[:3], progress, strict=True):
        back = pd.read_parquet(path)
        assert list(back.columns) == list(frame.columns)
        for name in frame.columns:
            if frame[name].isna().all():
                assert back[name].isna().all(), name
            else:
                assert cells(back[name]) == cells(frame[name]), name


def _formula_like(text: str) -> bool:
    """Starts with = + - @ (or full-width), tab or CR, after any spaces or invisible characters."""
    rest = text
    while (
        rest[:1]
        and rest[0] not in "\t\r"
        and (rest[0].isspace() or unicodedata.category(rest[0]) in ("Cc", "Cf", "Zs", "Zl", "Zp"))
    ):
        rest = rest[1:]
    return rest.startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"))


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") else text


@SETTINGS
@given(responses())
def test_csv_round_trip_keeps_every_value(tmp_path_factory, data):
    progress = load_quietly(data)
    paths = progress.to_csv(tmp_path_factory.mktemp("csv"))
    with open(paths[0], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(data)
    shows = progress.shows
    for row, (_, frame_row) in zip(rows, shows.iterrows(), strict=True):
        title = frame_row["title"]
        # Formula-like text gets a leading "'" (guard_formulas); the rest is exact.
        assert (_unguard(row["title"]) if _formula_like(title) else row["title"]) == title
        for name in ("year", "aired", "completed", "left", "tvdb_id", "tvrage_id"):
            value = frame_row[name]
            assert row[name] == ("" if pd.isna(value) else str(int(value))), name
        aired = frame_row["next_first_aired"]
        if pd.isna(aired):
            assert row["next_first_aired"] == ""
        else:
            assert pd.Timestamp(row["next_first_aired"]) == aired
    with open(paths[2], encoding="utf-8", newline="") as fh:
        episodes = list(csv.DictReader(fh))
    assert len(episodes) == len(progress.episodes)
    assert [e["watched"] == "True" for e in episodes] == list(progress.episodes["watched"])


# -- damaged input: only our exceptions escape ----------------------------------------------


@SETTINGS
@given(damaged())
def test_damaged_responses_raise_only_trakt_errors(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        try:
            progress = ta.load_progress(data)
        except ta.TraktError:
            return
    # What loads is whole: one row per item.
    assert len(progress.shows) == len(data)


@SETTINGS
@given(responses().filter(bool), st.data())
def test_damaged_bytes_raise_only_trakt_errors(data, draw):
    raw = bytearray(orjson.dumps(data))
    for _ in range(draw.draw(st.integers(1, 4))):
        raw[draw.draw(st.integers(0, len(raw) - 1))] = draw.draw(st.integers(0, 255))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        with contextlib.suppress(ta.TraktError):
            ta.load_progress(bytes(raw))


@pytest.mark.parametrize(
    "value",
    [math.nan, -(2**63), 2**63, 10**400, -(10**400), "1963-11-30T17:15:00Z"],
    ids=["nan", "-2**63", "2**63", "10**400", "-10**400", "iso"],  # 10**400: beyond a float
)
def test_edge_air_times_never_escape(value):
    from tests.helpers.v1_items import with_change

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        shows = ta.load_progress(with_change("next_episode.first_aired", value)).shows
    if isinstance(value, str):
        assert shows.loc[0, "next_first_aired"] == pd.Timestamp("1963-11-30 17:15", tz="UTC")
    else:
        assert pd.isna(shows.loc[0, "next_first_aired"])
