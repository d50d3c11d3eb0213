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
from trakt_analysis.demo.export import export_bytes, export_members
from trakt_analysis.demo.history import show_ids
from trakt_analysis.demo.users import demo_plan
from trakt_analysis.errors import TraktArgumentError, TraktDataError
from trakt_analysis.sources.catalog import ExportSource, as_source

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "export" / "demo-export.zip"


@pytest.fixture(scope="module")
def plan():
    return demo_plan("demo")


@pytest.fixture(scope="module")
def progress():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the demo export loads without a warning
        return ta.load_export(FIXTURE)


def test_the_shipped_fixture_is_the_generators_output():
    # Member by member: the deflated bytes may differ between zlib builds, the content not.
    with zipfile.ZipFile(FIXTURE) as shipped, zipfile.ZipFile(io.BytesIO(export_bytes())) as made:
        assert shipped.namelist() == made.namelist() == list(export_members("demo"))
        for name in made.namelist():
            assert shipped.read(name) == made.read(name), name
            assert shipped.getinfo(name).date_time == made.getinfo(name).date_time


def test_shows_are_the_watched_shows_with_their_plays_and_split(plan, progress):
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
        # Distinct episodes watched, without specials (hidden seasons count: the
        # export does not know which seasons the user hid).
        watched = sum(s.completed for s in spec.seasons if s.number > 0)
        assert row["completed"] == watched
        assert row["last_watched_at"] == pd.Timestamp(max(p.watched_at for p in mine))
        assert row["slug"] == show_ids(spec)["slug"]
        assert row["tvdb_id"] == show_ids(spec)["tvdb"]
        assert row["imdb_id"] == show_ids(spec)["imdb"]
        assert row["tmdb_id"] == show_ids(spec)["tmdb"]
        assert pd.isna(row["reset_at"]) == (spec.rewatches == 0)


def test_aired_counts_are_na_never_zero(progress):
    shows, seasons, episodes = progress
    for column in ("aired", "left", "percentage", "completion", "next_season", "next_number"):
        assert shows[column].isna().all(), column
    assert seasons["aired"].isna().all()
    assert seasons["left"].isna().all()
    assert episodes["first_aired"].isna().all()
    assert episodes["watched"].all()  # only watched episodes without metadata
    assert progress.provenance.kind == "export"
    assert progress.provenance.metadata is None
    assert "no aired counts" in progress.provenance.notes[0]
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
    assert (episodes["runtime"] > 0).all()
    seasons = progress.seasons
    assert seasons["completed"].sum() == len(expected)


def test_history_is_one_row_per_planned_play(plan, progress):
    _, plays = plan
    history = progress.history
    assert list(history["id"]) == [p.id for p in plays]
    assert list(history["watched_at"]) == [pd.Timestamp(p.watched_at) for p in plays]
    assert list(history["action"]) == [p.action for p in plays]
    assert list(history["type"]) == [p.type for p in plays]
    assert list(history["runtime"]) == [p.runtime for p in plays]
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
    folder = ta.load_export(tmp_path / "trakt-export")
    for a, b in zip((*folder, folder.history), (*progress, progress.history), strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_user_argument_wins(progress):
    other = ta.load_export(FIXTURE, user="someone")
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
    completed = ta.load_export(FIXTURE, metadata=fake, specials=True)
    assert fake.calls == [True]
    assert isinstance(fake, ta.MetadataProvider)
    assert (completed.shows["aired"] == completed.shows["completed"] + 1).all()
    # specials=True reaches the frames too: watched specials now count as completed.
    specials = progress.episodes[progress.episodes["season"] == 0]
    assert len(specials) > 0
    gained = completed.shows["completed"].sum() - progress.shows["completed"].sum()
    assert gained == len(specials)
    assert completed.provenance.metadata == "Fake"
    assert not any("no aired counts" in note for note in completed.provenance.notes)


def test_a_bad_metadata_provider_is_refused():
    with pytest.raises(TraktArgumentError, match="complete"):
        ta.load_export(FIXTURE, metadata="tvmaze")

    class Broken:
        name = "Broken"

        def complete(self, progress, *, specials=False):
            return progress.shows

    with pytest.raises(TraktArgumentError, match="not a Progress"):
        ta.load_export(FIXTURE, metadata=Broken())


def test_load_progress_on_an_export_says_to_use_load_export():
    with pytest.raises(TraktDataError, match="load_export"):
        ta.load_progress(FIXTURE)


def test_the_explorer_and_the_cli_accept_an_export(tmp_path, capsys):
    source = as_source(FIXTURE)
    assert isinstance(source, ExportSource)
    assert source.users() == ["demo"]
    assert len(source.load("demo").shows) > 0
    with pytest.raises(TraktArgumentError, match="holds only user 'demo'"):
        source.load("other")
    from trakt_analysis.cli import main

    assert main(["summary", "-q", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert "scrobbles" in out
    target = tmp_path / "out" / "report.html"
    assert main(["report", "-q", "--no-charts", str(FIXTURE), "-o", str(target)]) == 0
    assert "Battlestar Galactica" in target.read_text(encoding="utf-8")


def test_the_explorer_opens_an_export():
    explorer = ta.ProgressExplorer(FIXTURE)
    assert isinstance(explorer.source, ExportSource)
    assert explorer.progress.provenance.kind == "export"
    assert len(explorer.progress.history) > 0
