"""Show metadata columns: TVmaze's values in Trakt's vocabulary, Trakt's own fields, the demo."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import trakt_analysis as ta
from trakt_analysis import schema
from trakt_analysis.demo.show_facts import facts
from trakt_analysis.parsers._problems import Problems
from trakt_analysis.parsers.show_metadata import TVMAZE_TO_TRAKT, genre_list, parse_tvmaze_show

EXPORT = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "export" / "demo-export.zip"
NOW = "2026-06-01T00:00:00Z"

DARK = {
    "id": 17861,
    "name": "Dark",
    "type": "Scripted",
    "language": "German",
    "genres": ["Drama", "Science-Fiction", "Mystery"],
    "status": "Ended",
    "runtime": None,
    "averageRuntime": 53,
    "premiered": "2017-12-01",
    "network": None,
    "webChannel": {"id": 1, "name": "Netflix", "country": None},
}


def test_a_streaming_show_takes_its_web_channel_and_trakts_words():
    problems = Problems("Dark")
    values = parse_tvmaze_show(DARK, problems=problems)
    assert problems.messages() == []
    assert values == {
        "genres": ["drama", "science-fiction", "mystery"],
        "network": "Netflix",
        "country": None,  # Netflix has no country on TVmaze: unknown, not made up
        "language": "de",
        "show_type": "scripted",
        "status": "ended",
        "premiered_year": 2017,
        "runtime": 53,  # runtime null: averageRuntime
    }


def test_a_network_show_takes_the_networks_country_in_lower_case():
    record = dict(
        DARK,
        webChannel=None,
        network={"name": "Comedy Central", "country": {"code": "US"}},
        type="Talk Show",
        status="To Be Determined",
        language="Klingon",
        genres=["DIY", "Supernatural", "Fantasy", "Supernatural"],
        runtime=22,
    )
    values = parse_tvmaze_show(record, problems=Problems("x"))
    assert values["network"] == "Comedy Central"
    assert values["country"] == "us"
    assert values["show_type"] == "talk-show"
    assert values["status"] == "returning series"
    assert values["language"] == "klingon"  # not in the table: kept, lower case
    # DIY is Trakt's home-and-garden; a genre Trakt lacks is kept as a slug; each once
    assert values["genres"] == ["home-and-garden", "supernatural", "fantasy"]
    assert values["runtime"] == 22


def test_odd_values_are_unknown_with_a_problem_naming_the_show():
    record = dict(DARK, premiered="soon", genres="Drama", runtime=-5, averageRuntime="53")
    problems = Problems("TVmaze's record of Dark (2017)")
    values = parse_tvmaze_show(record, problems=problems)
    assert values["premiered_year"] is None
    assert values["genres"] is None
    assert values["runtime"] is None
    assert problems.messages() == [
        "TVmaze's record of Dark (2017): premiered 'soon' is not a date; taken as unknown"
    ]


def test_the_table_covers_every_tvmaze_genre_and_maps_to_slugs():
    assert set(TVMAZE_TO_TRAKT) == {"genres", "status", "type", "language"}
    for value in TVMAZE_TO_TRAKT["genres"].values():
        assert value == value.lower()
        assert " " not in value
    assert genre_list([]) is None
    assert genre_list(["Drama", "drama"]) == ["drama"]


def test_v1_extended_full_fills_the_columns_from_trakts_fields():
    shows = ta.load_demo().shows
    assert list(shows.columns[: len(schema.SHOWS)]) == list(schema.SHOWS)
    first = shows.iloc[0]
    assert isinstance(first["genres"], list)
    # the generator's plan: first_aired in the show's year
    assert (shows["premiered_year"] == shows["year"]).all()
    assert not any(c.startswith("show_") and c != "show_type" for c in shows.columns)


def test_the_export_has_no_metadata_and_tvmaze_fills_it(tvmaze_server):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        bare = ta.load_export(EXPORT)
        full = ta.load_export(
            EXPORT,
            metadata=ta.TVmaze(
                base_url=tvmaze_server.base_url,
                cache=False,
                now=NOW,
                progress_bar=False,
                rate_limit=(10_000, 1.0),
            ),
        )
    assert bare.shows["genres"].isna().all()
    assert bare.shows["network"].isna().all()
    plan = tvmaze_server.plan
    by_title = {(s.title, s.year): s for s in plan.specs}
    for _, row in full.shows.iterrows():
        spec = by_title[(row["title"], row["year"])]
        if spec.index in plan.unknown:  # TVmaze does not know it: unknown, never made up
            assert row[list(schema.SHOW_METADATA)].isna().all(), row["title"]
            continue
        known = facts(spec.title, spec.year, spec.index)
        expected = [TVMAZE_TO_TRAKT["genres"][g] for g in known.genres] or None
        assert row["genres"] == expected, row["title"]
        assert row["network"] == known.network
        assert row["country"] == (known.country.lower() if known.country else None) or (
            pd.isna(row["country"]) and known.country is None
        )
        assert row["language"] == TVMAZE_TO_TRAKT["language"][known.language]
        assert row["premiered_year"] == spec.year
    explode = full.shows.explode("genres")
    assert len(explode) >= len(full.shows)


def test_genres_round_trip_as_lists_through_parquet_and_csv(tmp_path):
    pytest.importorskip("pyarrow")
    progress = ta.load_demo()
    progress.to_parquet(tmp_path)
    back = ta.read_parquet(tmp_path)
    assert back.shows["genres"].tolist() == progress.shows["genres"].tolist()
    assert isinstance(back.shows["genres"].iloc[0], list)
    progress.to_csv(tmp_path / "csv")
    csv = pd.read_csv(tmp_path / "csv" / "shows.csv")
    import json

    assert json.loads(csv["genres"].iloc[0]) == progress.shows["genres"].iloc[0]


def test_people_are_fetched_only_when_asked_and_match_the_stand_ins_facts(tvmaze_server):
    def client(**kwargs):
        return ta.TVmaze(
            base_url=tvmaze_server.base_url,
            cache=False,
            now=NOW,
            progress_bar=False,
            rate_limit=(10_000, 1.0),
            **kwargs,
        )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        without = ta.load_export(EXPORT, metadata=client())
        assert not any("cast" in p or "crew" in p for p in tvmaze_server.paths)
        full = ta.load_export(EXPORT, metadata=client(people=True))
    assert without.people is None
    people = full.people
    assert list(people.columns) == list(schema.PEOPLE)
    plan = tvmaze_server.plan
    by_title = {(s.title, s.year): s for s in plan.specs}
    for (title, year), rows in people.groupby(["title", "year"]):
        spec = by_title[(title, year)]
        known = facts(spec.title, spec.year, spec.index)
        cast = rows[rows["role"] == "cast"]
        assert list(zip(cast["name"], cast["character"], strict=True)) == list(known.cast)
        crew = rows[rows["role"] == "crew"]
        assert list(zip(crew["name"], crew["job"], strict=True)) == list(known.crew)
    unknown = [s for s in plan.specs if s.index in plan.unknown]
    credited = set(zip(people["title"], people["year"], strict=True))
    assert unknown
    assert all((s.title, s.year) not in credited for s in unknown)  # TVmaze lacks them
    top = ta.top_people(full, role="crew", top=None)
    assert set(top["name"]) == set(people.loc[people["role"] == "crew", "name"])
