"""CSV and Parquet export of the three frames, and the notebook display."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from trakt_analysis.demo.generate import make_specs, render
from trakt_analysis.errors import TraktFileError
from trakt_analysis.report._files import atomic_path
from trakt_analysis.report.tables import guard_formulas

FORMULAS = ["=SUM(A1)", "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "=cmd|' /C calc'!A0"]


@pytest.fixture
def formula_progress():
    specs = make_specs(len(FORMULAS) + 1, seed=7, profile="full")
    for spec, title in zip(specs, FORMULAS, strict=False):
        spec.title = title
    specs[-1].title = 'Plain, with a comma and a "quote"'
    return ta.load_progress(render(specs), user="=evil")


def read_csv_cells(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_to_csv_writes_every_frame(tmp_path):
    progress = ta.load_demo()
    paths = progress.to_csv(tmp_path / "out")
    assert [p.name for p in paths] == [
        "shows.csv",
        "seasons.csv",
        "episodes.csv",
        "history.csv",
        "progress.json",
    ]
    shows, seasons, episodes, history = (read_csv_cells(p) for p in paths[:4])
    assert len(history) == len(progress.history)
    assert len(shows) == 40
    assert len(seasons) == len(progress.seasons)
    assert len(episodes) == len(progress.episodes)
    assert list(shows[0]) == list(progress.shows.columns)
    # Counts stay numbers; lists become JSON; dates are ISO 8601 UTC; NA is empty.
    first = shows[0]
    assert first["title"] == "Game of Thrones"
    assert int(first["aired"]) == progress.shows["aired"].iloc[0]
    assert json.loads(first["genres"]) == progress.shows["genres"].iloc[0]
    # The plan: Game of Thrones' next episode, S01E04, airs 3 weeks after 2011-09-24 20:00.
    assert make_specs(1)[0].next_episode == (1, 4)
    assert first["next_first_aired"].startswith("2011-10-15 20:00")
    assert first["next_first_aired"].endswith("+00:00")
    assert first["tvrage_id"] == ""  # 0 in the response means unknown
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "episodes.csv",
        "history.csv",
        "progress.json",
        "seasons.csv",
        "shows.csv",
    ]


def test_csv_guards_formulas(tmp_path, formula_progress):
    paths = formula_progress.to_csv(tmp_path)
    shows = read_csv_cells(paths[0])
    titles = [row["title"] for row in shows]
    assert titles == ["'" + t for t in FORMULAS] + ['Plain, with a comma and a "quote"']
    assert all(row["user"] == "'=evil" for row in shows)
    # The long frames' categorical titles are guarded too.
    episode_titles = {row["title"] for row in read_csv_cells(paths[2])}
    assert "'=SUM(A1)" in episode_titles
    assert "=SUM(A1)" not in episode_titles
    # Numbers are not text: a count is never prefixed.
    assert all(not row["aired"].startswith("'") for row in shows)


def test_guard_formulas_keeps_numbers_and_na():
    frame = pd.DataFrame(
        {
            "n": pd.array([-1, None], dtype="Int64"),
            "t": pd.array(["-1", None], dtype="str"),
            "c": pd.Categorical(["@x", "ok"]),
        }
    )
    out = guard_formulas(frame)
    assert out["n"].tolist()[0] == -1
    assert out["t"].tolist()[0] == "'-1"
    assert out["t"].isna().tolist() == [False, True]
    assert out["c"].tolist() == ["'@x", "ok"]


def test_to_parquet_round_trips(tmp_path):
    progress = ta.load_demo()
    paths = progress.to_parquet(tmp_path)
    assert [p.name for p in paths] == [
        "shows.parquet",
        "seasons.parquet",
        "episodes.parquet",
        "history.parquet",
        "progress.json",
    ]
    for path, frame in zip(paths, progress, strict=False):
        back = pd.read_parquet(path)
        assert list(back.columns) == list(frame.columns)
        assert len(back) == len(frame)
        for name in ("title", "aired", "completed", "season", "episode", "watched"):
            if name in frame.columns:
                assert back[name].tolist() == frame[name].tolist(), name
    shows = pd.read_parquet(paths[0])
    assert str(shows["aired"].dtype) == "Int64"
    assert shows["next_first_aired"].dt.tz is not None
    assert list(shows["genres"].iloc[0]) == progress.shows["genres"].iloc[0]
    episodes = pd.read_parquet(paths[2])
    assert isinstance(episodes["title"].dtype, pd.CategoricalDtype)


def test_without_pyarrow(tmp_path):
    """pandas uses its Python string storage, CSV works, Parquet says what to install."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["pyarrow"] = None  # as if it were not installed
        import pandas as pd
        import trakt_analysis as ta
        from trakt_analysis.report.html import report_html
        progress = ta.load_demo()
        assert progress.shows["title"].dtype.storage == "python", progress.shows["title"].dtype
        progress.to_csv({str(tmp_path)!r})
        html = report_html(progress, charts=False)
        assert "&lt;Tales&gt; &amp; =SUM(A1)" in html
        assert progress.summary().loc["demo", "shows"] == 40
        try:
            progress.to_parquet({str(tmp_path)!r})
        except ta.TraktError as exc:
            print(type(exc).__name__, exc)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("TraktDependencyError ")
    assert "pip install 'trakt_analysis[parquet]'" in result.stdout
    assert not list(tmp_path.glob("*.parquet"))
    assert (tmp_path / "shows.csv").exists()


def test_atomic_path_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.txt"

    def write_half_then_fail():
        with atomic_path(target) as tmp:
            tmp.write_text("half a fi")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        write_half_then_fail()
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_unwritable_directory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(TraktFileError, match="cannot write"), atomic_path(blocker / "out.csv"):
        pass


def test_repr_html_is_compact_and_escaped():
    progress = ta.load_demo()
    html = progress._repr_html_()
    soup = BeautifulSoup(html, "html.parser")
    text = soup.get_text(" ")
    assert "Progress of \N{LEFT SINGLE QUOTATION MARK}demo\N{RIGHT SINGLE QUOTATION MARK}" in text
    specs = make_specs(40)  # the demo user's plan: every season is a row, listed or hidden
    n_seasons = sum(len(spec.seasons) for spec in specs)
    n_episodes = sum(s.aired for spec in specs for s in spec.seasons if s.listed)
    assert f"40 shows, {n_seasons:,} seasons, {n_episodes:,} episodes" in text
    rows = soup.find("table").tbody.find_all("tr")
    assert len(rows) == 8
    assert "more shows to continue" in text
    assert len(html) < 5_000
    assert soup.find("img") is None
    assert soup.find("script") is None


def test_repr_html_escapes_titles_and_user():
    specs = make_specs(2, seed=0, profile="minimal")
    specs[0].title = "<img src=x onerror=alert(1)>"
    progress = ta.load_progress(render(specs), user="<b>u</b>")
    soup = BeautifulSoup(progress._repr_html_(), "html.parser")
    assert soup.find("img") is None
    assert soup.find("b") is None
    assert "<img src=x onerror=alert(1)>" in soup.get_text()


def test_parquet_round_trip_keeps_every_dtype(tmp_path):
    progress = ta.load_demo()  # a v1 response: slug and trakt_id are NA on every row
    assert progress.episodes["slug"].isna().all()
    progress.to_parquet(tmp_path)
    back = ta.read_parquet(tmp_path)
    assert back.user == "demo"
    for frame, again in zip(progress, back, strict=True):
        pd.testing.assert_frame_equal(again, frame)
    # pandas alone: the same values; the ids' categoricals and the all-NA ones lose their
    # dtype (ta.read_parquet gives it back).
    episodes = pd.read_parquet(tmp_path / "episodes.parquet")
    unfilled = {"slug", "trakt_id", "tmdb_id"}  # v1 sends none of them
    for name, dtype in progress.episodes.dtypes.items():
        if name in unfilled:
            assert episodes[name].isna().all(), name
        elif name in ("tvdb_id", "tvrage_id"):
            want = progress.episodes[name].astype("Int64")
            pd.testing.assert_series_equal(episodes[name].astype("Int64"), want)
        else:
            assert episodes[name].dtype == dtype, name


def _assert_same_progress(back: ta.Progress, progress: ta.Progress) -> None:
    assert back.user == progress.user
    assert back.provenance == progress.provenance
    for name in ("shows", "seasons", "episodes", "history"):
        frame, again = getattr(progress, name), getattr(back, name)
        if frame is None:
            assert again is None, name
        else:
            pd.testing.assert_frame_equal(again, frame, obj=name)


def test_parquet_round_trip_keeps_the_history_and_the_provenance(tmp_path):
    progress = ta.load_demo()
    assert progress.history is not None
    assert progress.provenance is not None
    progress.to_parquet(tmp_path)
    back = ta.read_parquet(tmp_path)
    _assert_same_progress(back, progress)


def test_parquet_round_trip_of_the_export(tmp_path):
    import warnings

    from tests.helpers.fixtures import EXPORT

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        progress = ta.load_export(EXPORT)
    assert progress.provenance.notes
    assert progress.provenance.timezone == "Europe/Berlin"
    progress.to_parquet(tmp_path)
    back = ta.read_parquet(tmp_path)
    _assert_same_progress(back, progress)
    assert back.provenance.notes == progress.provenance.notes  # a tuple again


def test_a_frame_added_to_progress_is_saved_too(tmp_path, monkeypatch):
    """Every DataFrame field of Progress is a frame of the saved files (e.g. a future ratings)."""
    import dataclasses

    from trakt_analysis import _stored

    progress = ta.load_demo("casual")
    ratings = pd.DataFrame(
        {"title": pd.array(["Fargo"], dtype="str"), "rating": pd.array([9], dtype="Int8")}
    )
    from trakt_analysis.report import tables

    frames = {**_stored.progress_frames(progress), "ratings": ratings}
    monkeypatch.setattr(_stored, "progress_frames", lambda p: frames)
    monkeypatch.setattr(tables, "progress_frames", lambda p: frames)
    paths = tables.to_parquet(progress, tmp_path)
    assert "ratings.parquet" in [p.name for p in paths]
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert data["frames"]["ratings"]["dtypes"] == {"title": "str", "rating": "Int8"}
    assert back_progress_has_no_unknown_field(tmp_path)
    back = pd.read_parquet(tmp_path / "ratings.parquet")
    back = _stored.restore_dtypes(back, data["frames"]["ratings"]["dtypes"], where="x")
    pd.testing.assert_frame_equal(back, ratings)
    assert dataclasses.is_dataclass(progress)


def back_progress_has_no_unknown_field(directory) -> bool:
    """This version's Progress has no ratings field: reading leaves the frame out, no error."""
    back = ta.read_parquet(directory)
    return back.shows is not None


def test_a_damaged_manifest_says_where(tmp_path):
    ta.load_demo("casual").to_parquet(tmp_path)
    (tmp_path / "progress.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ta.TraktFileError, match=r"progress\.json"):
        ta.read_parquet(tmp_path)


def test_a_folder_without_manifest_still_reads(tmp_path):
    progress = ta.load_demo("casual")
    progress.to_parquet(tmp_path)
    (tmp_path / "progress.json").unlink()
    back = ta.read_parquet(tmp_path)
    pd.testing.assert_frame_equal(back.shows, progress.shows)
    assert back.history is None
