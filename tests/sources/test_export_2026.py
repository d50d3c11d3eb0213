"""Exports shaped as trakt.tv's web app writes them in 2026: one test per kind of difference.

Expected values come from the generator's plan (:func:`export_plan`, :func:`demo_plan`)
or are worked out by hand in the test.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import orjson
import pandas as pd
import pytest

import trakt_analysis as ta
from trakt_analysis.demo.export import export_bytes, export_members, export_plan
from trakt_analysis.demo.history import show_ids
from trakt_analysis.demo.users import DEMO_TIMEZONES, demo_plan
from trakt_analysis.errors import TraktDataError, TraktDataWarning
from trakt_analysis.sources.completion import complete_progress


def load(path, **kwargs) -> tuple[ta.Progress, list[str]]:
    """load_export and the messages of every TraktDataWarning it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        progress = ta.load_export(path, **kwargs)
    return progress, [str(w.message) for w in caught if issubclass(w.category, TraktDataWarning)]


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def write_folder(path: Path, members: dict[str, bytes]) -> Path:
    for name, data in members.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return path


def short_shows(variant: str) -> dict[int, tuple[int, int]]:
    """Show index -> (plays in the variant's history, plays in watched-shows), from the plan."""
    _, plays = demo_plan("demo")
    missing = set(export_plan("demo", variant).missing_plays)
    total = Counter(p.show for p in plays if p.type == "episode")
    lost = Counter(p.show for p in plays if p.type == "episode" and p.id in missing)
    return {show: (total[show] - n, total[show]) for show, n in lost.items()}


# -- 1. partial and truncated exports say so --------------------------------------------------


def test_a_partial_export_names_the_failed_endpoint_and_its_pages(tmp_path):
    plan = export_plan("demo", "partial")
    (error,) = plan.errors
    path = tmp_path / "partial.zip"
    path.write_bytes(export_bytes("demo", "partial"))
    progress, messages = load(path)
    expected = (
        f"the export is partial: trakt.tv could not read {error['endpoint']} (watched-history), "
        f"{error['fetchedPages']} of {error['totalPages']} page(s) fetched"
    )
    assert any(m.startswith(expected) for m in messages), messages
    assert any(n.startswith(expected) for n in progress.provenance.notes)
    assert error["fetchedPages"] == len(plan.history_parts) == 5
    assert len(progress.history) == len(demo_plan("demo")[1]) - len(plan.missing_plays)


@pytest.mark.parametrize("variant", ["partial", "truncated"])
def test_shows_whose_history_is_short_have_na_completed_and_are_named(tmp_path, variant):
    specs, _ = demo_plan("demo")
    short = short_shows(variant)
    assert short  # the dropped page held plays of some shows
    path = tmp_path / f"{variant}.zip"
    path.write_bytes(export_bytes("demo", variant))
    progress, messages = load(path)
    (message,) = [m for m in messages if "history is incomplete" in m]
    shows = progress.shows.set_index("trakt_id")
    for index, (in_history, in_summary) in short.items():
        spec = specs[index]
        assert f"{spec.title} ({spec.year}): {in_history} of {in_summary} plays" in message
        row = shows.loc[show_ids(spec)["trakt"]]
        assert pd.isna(row["completed"]), spec.title
        assert pd.isna(row["left"]), spec.title
        assert pd.isna(row["completion"]), spec.title
        assert row["plays"] == in_summary  # watched-shows' count stands
    assert any("history is incomplete" in note for note in progress.provenance.notes)
    # The other shows keep their counts.
    others = [show_ids(s)["trakt"] for s in specs if s.index not in short]
    others = shows.loc[shows.index.isin(others)]
    assert len(others) > 20
    assert others["completed"].notna().all()


def test_a_short_history_is_never_a_lower_bound_shown_as_exact_with_tvmaze(tmp_path, tvmaze_server):
    specs, _ = demo_plan("demo")
    short = short_shows("truncated")
    path = tmp_path / "truncated.zip"
    path.write_bytes(export_bytes("demo", "truncated"))
    tvmaze = ta.TVmaze(
        base_url=tvmaze_server.base_url, cache=False, progress_bar=False, rate_limit=(10_000, 1.0)
    )
    progress, _ = load(path, metadata=tvmaze)
    shows = progress.shows.set_index("trakt_id")
    for index in short:
        row = shows.loc[show_ids(specs[index])["trakt"]]
        for column in ("completed", "left", "completion", "percentage", "next_season"):
            assert pd.isna(row[column]), (specs[index].title, column)
        seasons = progress.seasons[progress.seasons["trakt_id"] == show_ids(specs[index])["trakt"]]
        assert seasons["completed"].isna().all()


# -- #23 item 2: nothing is counted twice -----------------------------------------------------


def test_one_history_id_in_two_parts_is_one_play():
    plan = export_plan("demo")
    members = export_members("demo")
    first = orjson.loads(members[plan.history_parts[0]])
    second = orjson.loads(members[plan.history_parts[1]])
    assert first[-1]["id"] == second[0]["id"] == plan.duplicated_id  # the plan's duplicate


def test_copies_of_parts_and_a_show_listed_twice_are_counted_once(tmp_path):
    members = export_members("demo")
    _, plays = demo_plan("demo")
    part = export_plan("demo").history_parts[2]
    shows = orjson.loads(members["watched-shows.json"])
    members["watched-history-3 (1).json"] = members[part]  # a browser's second download
    members["watched-shows.json"] = orjson.dumps([*shows, shows[0]])
    progress, messages = load(write_folder(tmp_path / "export", members))
    assert sorted(progress.history["id"]) == sorted(p.id for p in plays)
    n_copied = len(orjson.loads(members[part]))
    assert any(f"{n_copied + 1} history entries were listed twice" in m for m in messages)
    assert any("1 show was listed twice" in m for m in messages)
    assert progress.shows["trakt_id"].is_unique
    assert len(progress.shows) == len(shows)
    first = progress.shows.set_index("trakt_id").loc[shows[0]["show"]["ids"]["trakt"]]
    assert first["plays"] == shows[0]["plays"]


def test_one_id_repeated_many_times_is_one_play(tmp_path):
    entry = {
        "id": 7,
        "watched_at": "2024-01-01T20:00:00.000Z",
        "action": "scrobble",
        "type": "episode",
        "show": {"title": "Dark", "year": 2017, "ids": {"trakt": 9}},
        "episode": {"season": 1, "number": 1},
    }
    path = write_zip(tmp_path / "e.zip", {"watched-history.json": orjson.dumps([entry] * 5000)})
    progress, messages = load(path)
    assert len(progress.history) == 1
    assert progress.shows["plays"].tolist() == [1]
    assert any("4999 history entries were listed twice" in m for m in messages)


def test_a_zip_listing_a_member_twice_is_refused(tmp_path):
    path = tmp_path / "twice.zip"
    history = export_members("demo")["watched-history-1.json"]
    with zipfile.ZipFile(path, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile's "Duplicate name"
        archive.writestr("watched-history-1.json", history)
        archive.writestr("watched-history-1.json", history)
    with pytest.raises(TraktDataError, match=r"'watched-history-1\.json' is listed twice"):
        ta.load_export(path)


# -- 2. hidden items and resets ---------------------------------------------------------------


def test_hidden_seasons_and_the_hidden_show_come_from_hidden_progress_watched(tmp_path):
    specs, _ = demo_plan("demo")
    plan = export_plan("demo")
    progress, _ = load(write_zip(tmp_path / "e.zip", export_members("demo")))
    seasons = progress.seasons
    got = {(int(t), int(n)) for t, n in zip(seasons["trakt_id"], seasons["season"], strict=True)}
    hidden = {
        (int(t), int(n))
        for t, n in zip(
            seasons.loc[seasons["hidden"], "trakt_id"],
            seasons.loc[seasons["hidden"], "season"],
            strict=True,
        )
    }
    expected = {
        (show_ids(specs[i])["trakt"], n)
        for i, numbers in plan.hidden_seasons.items()
        for n in numbers
    }
    assert hidden == expected & got  # every hidden season the user watched
    shows = progress.shows
    assert shows["hidden"].dtype == "boolean"
    assert shows.loc[shows["hidden"], "trakt_id"].tolist() == [
        show_ids(specs[plan.hidden_show])["trakt"]
    ]


def test_without_hidden_progress_watched_hidden_is_unknown(tmp_path):
    members = export_members("demo")
    del members["hidden-progress-watched.json"]
    progress, _ = load(write_zip(tmp_path / "e.zip", members))
    assert progress.shows["hidden"].isna().all()  # unknown, not "not hidden"


# -- 3. the time zone from any layout ---------------------------------------------------------


@pytest.mark.parametrize("order", ["as-written", "profile-first", "folder", "nested-folder"])
def test_the_zone_and_username_come_from_the_settings_whatever_the_layout(tmp_path, order):
    members = export_members("demo")
    if order == "profile-first":
        members = {
            "user-profile.json": members.pop("user-profile.json"),
            **dict(reversed(list(members.items()))),
        }
        path = write_zip(tmp_path / "e.zip", members)
    elif order == "folder":
        path = write_folder(tmp_path / "trakt-export-demo", members)
    elif order == "nested-folder":
        path = write_zip(
            tmp_path / "e.zip", {f"trakt-export-demo/{n}": d for n, d in members.items()}
        )
    else:
        path = write_zip(tmp_path / "e.zip", members)
    progress, _ = load(path)
    assert progress.provenance.timezone == DEMO_TIMEZONES["demo"] == "Europe/Berlin"
    assert progress.user == "demo"
    assert not any("names no time zone" in n for n in progress.provenance.notes)


def test_without_settings_the_notes_name_the_machines_zone(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "America/Denver")
    members = export_members("demo")
    del members["user-settings.json"]
    progress, _ = load(write_zip(tmp_path / "e.zip", members))
    assert progress.provenance.timezone is None
    assert progress.user == "demo"  # from user-profile.json
    (note,) = [n for n in progress.provenance.notes if "names no time zone" in n]
    assert "this machine's zone, America/Denver" in note


# -- 5. TVmaze numbering a show otherwise -----------------------------------------------------


def parts_progress() -> ta.Progress:
    """A show in "Parts": Trakt has seasons of 10 + 7 (17 aired, all watched)."""
    history = [
        {
            "id": 100 + k,
            "watched_at": f"2024-02-{k + 1:02d}T20:00:00.000Z",
            "action": "scrobble",
            "type": "episode",
            "show": {"title": "Parts", "year": 2020, "ids": {"trakt": 5, "tvdb": 55}},
            "episode": {"season": season, "number": number},
        }
        for k, (season, number) in enumerate(
            [(1, n) for n in range(1, 11)] + [(2, n) for n in range(1, 8)]
        )
    ]
    shows = [
        {
            "plays": 17,
            "last_watched_at": "2024-02-17T20:00:00.000Z",
            "last_updated_at": "2024-02-17T20:00:00.000Z",
            "reset_at": None,
            "show": {
                "title": "Parts",
                "year": 2020,
                "ids": {"trakt": 5, "tvdb": 55},
                "aired_episodes": 17,
            },
        }
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("watched-history.json", orjson.dumps(history))
        archive.writestr("watched-shows.json", orjson.dumps(shows))
    path = Path(__import__("tempfile").mkdtemp()) / "parts.zip"
    path.write_bytes(buffer.getvalue())
    progress, _ = load(path)
    return progress


def test_a_guide_in_other_parts_keeps_trakts_count_and_no_next_episode():
    progress = parts_progress()
    assert progress.shows.loc[0, ["aired", "completed", "left"]].tolist() == [17, 17, 0]
    # TVmaze: 5 + 5 + 7, all aired. Its S1E1-5, S2E1-5 and S3E1-7 exist; S1E6-10 do not.
    guide = pd.DataFrame(
        {
            "show": [0] * 17,
            "season": [1] * 5 + [2] * 5 + [3] * 7,
            "episode": list(range(1, 6)) * 2 + list(range(1, 8)),
            "title": [f"E{k}" for k in range(17)],
            "first_aired": pd.Series([pd.Timestamp("2020-01-01", tz="UTC")] * 17),
            "runtime": [50] * 17,
        }
    )
    with pytest.warns(TraktDataWarning, match="keep Trakt's own aired count") as caught:
        result = complete_progress(
            progress, guide, {0: 99}, now=pd.Timestamp("2026-01-01", tz="UTC")
        )
    assert "Parts (2020)" in str(caught[0].message)
    row = result.shows.loc[0]
    # Not 24 aired (17 + the 7 it does not list) and no next episode already watched.
    assert (row["aired"], row["completed"], row["left"]) == (17, 17, 0)
    assert pd.isna(row["next_season"])
    assert result.seasons["aired"].isna().all()
    assert (~result.episodes["watched"]).sum() == 0  # no made-up unwatched episodes


# -- 4. what the export holds is used; runtimes from the metadata ------------------------------


def test_history_runtimes_come_from_tvmaze_and_the_notes_say_so(tvmaze_server):
    from trakt_analysis.demo.tvmaze_server import guide_plan

    specs, plays = demo_plan("demo")
    guide = guide_plan("demo")
    numbered_alike = {
        s.index for s in specs if s.index not in guide.unknown | guide.by_year | guide.mismatch
    }
    export = Path(__file__).resolve().parents[2] / "data/fixtures/export/demo-export.zip"
    tvmaze = ta.TVmaze(
        base_url=tvmaze_server.base_url, cache=False, progress_bar=False, rate_limit=(10_000, 1.0)
    )
    progress, _ = load(export, metadata=tvmaze)
    runtime = dict(zip(progress.history["id"], progress.history["runtime"], strict=True))
    checked = 0
    for play in plays:
        if play.type == "movie":
            assert pd.isna(runtime[play.id])  # an episode guide has no movies
        elif play.show in numbered_alike and play.season and play.season > 0:
            assert runtime[play.id] == play.runtime, (specs[play.show].title, play.season)
            checked += 1
    assert checked > 900
    (note,) = [n for n in progress.provenance.notes if "episode guide" in n]
    assert note.startswith("runtimes of ")
    # A show TVmaze numbers by year: its plays count at the show's runtime (TVmaze's
    # averageRuntime, spec.extra["runtime"]), as the backlog's hours left counts its episodes.
    for play in plays:
        if play.type == "episode" and play.show in guide.by_year:
            assert runtime[play.id] == specs[play.show].extra["runtime"], specs[play.show].title
    (note,) = [n for n in progress.provenance.notes if "their show's runtime" in n]
