"""load_export on the shipped demo export: expected values from the generator's plan."""

from __future__ import annotations

import io
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import trakt_analysis as ta
from trakt_analysis.demo.export import aired_episodes, export_bytes, export_members, export_plan
from trakt_analysis.demo.history import show_ids
from trakt_analysis.demo.users import demo_plan
from trakt_analysis.errors import TraktArgumentError, TraktDataError
from trakt_analysis.sources.catalog import ExportSource, as_source

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "export" / "demo-export.zip"


@pytest.fixture(scope="module")
def plan():
    return demo_plan("demo")


@pytest.fixture(scope="module")
def eplan():
    return export_plan("demo")


DUPLICATE = (
    "1 history entry was listed twice (the same history id, in two watched-history parts or "
    "in a copy of one); each is counted once"
)


def load(path=FIXTURE, **kwargs):
    """load_export on the demo export, whose one warning is the entry written in two parts."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = ta.load_export(path, **kwargs)
    assert [str(w.message) for w in caught] == [DUPLICATE]
    return loaded


@pytest.fixture(scope="module")
def progress():
    return load()


def expected_completed(spec, plays, reset_at) -> int:
    """Distinct episodes of the counted seasons (not hidden, not specials), since the reset."""
    counted = {s.number for s in spec.seasons if s.number > 0 and not s.hidden}
    last: dict = {}
    for p in plays:
        if p.type == "episode" and p.show == spec.index and p.season in counted:
            key = (p.season, p.episode)
            last[key] = max(last.get(key, p.watched_at), p.watched_at)
    return sum(1 for when in last.values() if reset_at is None or when > reset_at)


def test_the_shipped_fixture_is_the_generators_output():
    # Member by member: the deflated bytes may differ between zlib builds, the content not.
    with zipfile.ZipFile(FIXTURE) as shipped, zipfile.ZipFile(io.BytesIO(export_bytes())) as made:
        assert shipped.namelist() == made.namelist() == list(export_members("demo"))
        for name in made.namelist():
            assert shipped.read(name) == made.read(name), name
            assert shipped.getinfo(name).date_time == made.getinfo(name).date_time


def test_shows_are_the_watched_shows_with_their_plays_and_split(plan, eplan, progress):
    specs, plays = plan
    shows = progress.shows
    watched_specs = [
        s for s in specs if any(p.show == s.index and p.type == "episode" for p in plays)
    ]
    assert sorted(zip(shows["title"], shows["year"], strict=True)) == sorted(
        (s.title, s.year) for s in watched_specs
    )
    by_trakt = shows.set_index("trakt_id")
    for spec in watched_specs:
        row = by_trakt.loc[show_ids(spec)["trakt"]]
        mine = [p for p in plays if p.type == "episode" and p.show == spec.index]
        actions = Counter(p.action for p in mine)
        assert row["title"] == spec.title
        assert row["plays"] == len(mine)
        assert (row["scrobbles"], row["checkins"], row["seen"]) == (
            actions["scrobble"],
            actions["checkin"],
            actions["watch"],
        )
        # Distinct episodes watched since the reset, without specials and hidden seasons
        # (hidden-progress-watched.json names them).
        reset_at = eplan.reset_shows.get(spec.index)
        assert row["completed"] == expected_completed(spec, plays, reset_at), spec.title
        if reset_at is None:
            assert row["completed"] == spec.completed
        assert row["last_watched_at"] == pd.Timestamp(max(p.watched_at for p in mine))
        ids = show_ids(spec)
        null = eplan.null_ids.get(spec.index)
        assert row["slug"] == ids["slug"]
        assert pd.isna(row["tvdb_id"]) if null == "tvdb" else row["tvdb_id"] == ids["tvdb"]
        assert pd.isna(row["imdb_id"]) if null == "imdb" else row["imdb_id"] == ids["imdb"]
        assert row["tmdb_id"] == ids["tmdb"]
        assert pd.isna(row["reset_at"]) == (reset_at is None)
        assert row["hidden"] == (spec.index == eplan.hidden_show)
        # Trakt's aired count, where it stands for the counted seasons (no hidden season).
        if any(s.hidden and s.number > 0 for s in spec.seasons):
            assert pd.isna(row["aired"]), spec.title
            assert pd.isna(row["left"]), spec.title
        else:
            aired = aired_episodes(spec)
            assert row["aired"] == aired == spec.aired
            assert row["left"] == aired - row["completed"]
            assert row["completion"] == pytest.approx(row["completed"] / aired)
            assert row["percentage"] == row["completed"] * 100 // aired
    assert eplan.null_ids
    assert eplan.hidden_show is not None
    assert eplan.reset_shows


def test_the_reset_show_was_rewatched_partway_and_lifetime_counts_it_all(plan, eplan, progress):
    specs, _ = plan
    (index, reset_at), *_ = eplan.reset_shows.items()
    spec = specs[index]
    current = progress.shows.set_index("trakt_id").loc[show_ids(spec)["trakt"]]
    assert 0 < current["completed"] < spec.completed  # partway through the rewatch
    lifetime = load(reset="lifetime").shows.set_index("trakt_id")
    assert lifetime.loc[show_ids(spec)["trakt"], "completed"] == spec.completed
    # The episodes played only before the reset keep their rows, not watched.
    episodes = progress.episodes[progress.episodes["trakt_id"] == show_ids(spec)["trakt"]]
    counted = episodes[(episodes["season"] > 0)]
    assert (counted["watched"] == (counted["last_watched_at"] > pd.Timestamp(reset_at))).all()
    with pytest.raises(TraktArgumentError, match="reset"):
        ta.load_export(FIXTURE, reset="since")


def test_season_counts_and_next_episodes_are_na_never_zero(progress):
    shows, seasons, episodes = progress
    for column in ("next_season", "next_number", "next_title", "next_first_aired"):
        assert shows[column].isna().all(), column
    assert seasons["aired"].isna().all()
    assert seasons["left"].isna().all()
    assert episodes["first_aired"].isna().all()
    # Only played episodes without metadata; those played only before a reset are not
    # watched now (reset="current").
    assert (episodes["plays"] > 0).all()
    assert (
        episodes.loc[~episodes["watched"], "trakt_id"]
        .isin(progress.shows.loc[progress.shows["reset_at"].notna(), "trakt_id"])
        .all()
    )
    assert progress.provenance.kind == "export"
    assert progress.provenance.metadata is None
    assert any("aired counts per show only" in note for note in progress.provenance.notes)
    assert progress.provenance.timezone == "Europe/Berlin"
    assert progress.user == "demo"


def test_episodes_are_every_watched_episode_with_plays(plan, progress):
    specs, plays = plan
    titles = {s.index: (s.title, s.year) for s in specs}
    expected = Counter((*titles[p.show], p.season, p.episode) for p in plays if p.type == "episode")
    episodes = progress.episodes
    got = dict(
        zip(
            zip(
                episodes["title"].astype(str),
                episodes["year"],
                episodes["season"],
                episodes["episode"],
                strict=True,
            ),
            episodes["plays"],
            strict=True,
        )
    )
    assert got == dict(expected)
    assert episodes["runtime"].isna().all()  # extended=gdpr history has no runtimes
    seasons = progress.seasons
    assert seasons["completed"].sum() == episodes["watched"].sum()


def test_history_is_one_row_per_planned_play(plan, progress):
    _, plays = plan
    history = progress.history
    assert list(history["id"]) == [p.id for p in plays]
    assert list(history["watched_at"]) == [pd.Timestamp(p.watched_at) for p in plays]
    assert list(history["action"]) == [p.action for p in plays]
    assert list(history["type"]) == [p.type for p in plays]
    assert history["runtime"].isna().all()  # no runtimes in the export's history
    movies = history[history["type"] == "movie"]
    assert movies["season"].isna().all()
    # A movie and a show share a title and year: the ids tell them apart.
    bsg = history[(history["title"] == "Battlestar Galactica") & (history["year"] == 1978)]
    assert set(bsg["type"]) == {"episode", "movie"}
    assert bsg.groupby("type")["trakt_id"].nunique().max() == 1
    assert bsg["trakt_id"].nunique() == 2


def test_the_unpacked_folder_gives_equal_frames(tmp_path, progress):
    with zipfile.ZipFile(FIXTURE) as archive:
        archive.extractall(tmp_path / "trakt-export")
    folder = load(tmp_path / "trakt-export")
    for a, b in zip((*folder, folder.history), (*progress, progress.history), strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_user_argument_wins(progress):
    other = load(user="someone")
    assert other.user == "someone"
    assert set(other.shows["user"]) == {"someone"}


class FakeMetadata:
    """A provider that knows every show has one more aired episode than watched."""

    name = "Fake"

    def __init__(self):
        self.calls = []

    def complete(self, progress, *, specials=False):
        self.calls.append(specials)
        shows = progress.shows.copy()
        shows["aired"] = shows["completed"] + 1
        shows["left"] = pd.array([1] * len(shows), dtype="Int64")
        import dataclasses

        return dataclasses.replace(progress, shows=shows)


def test_a_metadata_provider_completes_the_progress(progress):
    fake = FakeMetadata()
    completed = load(metadata=fake, specials=True)
    assert fake.calls == [True]
    assert isinstance(fake, ta.MetadataProvider)
    assert (completed.shows["aired"] == completed.shows["completed"] + 1).all()
    # specials=True reaches the frames too: watched specials now count as completed.
    episodes, seasons = progress.episodes, progress.seasons
    hidden = seasons.loc[seasons["hidden"] & (seasons["season"] == 0), "trakt_id"]
    specials = episodes[(episodes["season"] == 0) & ~episodes["trakt_id"].isin(hidden)]
    assert len(specials) > 0
    assert len(hidden) > 0  # hidden specials stay out
    gained = completed.shows["completed"].sum() - progress.shows["completed"].sum()
    assert gained == len(specials)
    assert completed.provenance.metadata == "Fake"
    assert not any("aired counts per show only" in note for note in completed.provenance.notes)


def test_a_bad_metadata_provider_is_refused():
    with pytest.raises(TraktArgumentError, match="complete"):
        ta.load_export(FIXTURE, metadata="tvmaze")

    class Broken:
        name = "Broken"

        def complete(self, progress, *, specials=False):
            return progress.shows

    with (
        pytest.raises(TraktArgumentError, match="not a Progress"),
        pytest.warns(ta.TraktDataWarning, match="listed twice"),
    ):
        ta.load_export(FIXTURE, metadata=Broken())


def test_load_progress_on_an_export_says_to_use_load_export():
    with pytest.raises(TraktDataError, match="load_export"):
        ta.load_progress(FIXTURE)


@pytest.mark.filterwarnings("default::trakt_analysis.errors.TraktDataWarning")
def test_the_explorer_and_the_cli_accept_an_export(tmp_path, capsys):
    source = as_source(FIXTURE)
    assert isinstance(source, ExportSource)
    with pytest.warns(ta.TraktDataWarning, match="listed twice"):
        assert source.users() == ["demo"]
    assert len(source.load("demo").shows) > 0
    with pytest.raises(TraktArgumentError, match="holds only user 'demo'"):
        source.load("other")
    from trakt_analysis.cli import main

    assert main(["summary", "-q", str(FIXTURE)]) == 0
    out, err = capsys.readouterr()
    assert "scrobbles" in out
    assert "listed twice" in out + err  # the CLI says it (a note of the summary)
    target = tmp_path / "out" / "report.html"
    assert main(["report", "-q", "--no-charts", str(FIXTURE), "-o", str(target)]) == 0
    assert "Battlestar Galactica" in target.read_text(encoding="utf-8")


def test_the_explorer_opens_an_export():
    with pytest.warns(ta.TraktDataWarning, match="listed twice"):
        explorer = ta.ProgressExplorer(FIXTURE)
    assert isinstance(explorer.source, ExportSource)
    assert explorer.progress.provenance.kind == "export"
    assert len(explorer.progress.history) > 0
