"""ta.TVmaze against the stand-in TVmaze (demo/tvmaze_server.py); expected values from its plan."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.export_like import export_like
from trakt_analysis._http.throttle import RateLimit, Throttle
from trakt_analysis.demo.export import aired_episodes, export_plan
from trakt_analysis.demo.generate import _render_show
from trakt_analysis.demo.users import demo_plan
from trakt_analysis.errors import TraktCacheMissError, TraktDataWarning, TraktRateLimitError

NOW = "2026-06-01T00:00:00Z"


def tvmaze(server, **kwargs):
    kwargs.setdefault("cache", False)
    kwargs.setdefault("progress_bar", False)
    kwargs.setdefault("rate_limit", (10_000, 1.0))  # the stand-in has no limit; see test_throttle
    return ta.TVmaze(base_url=server.base_url, now=NOW, **kwargs)


def run(client, progress=None, **kwargs):
    """complete(), which always warns here: the plan has an unknown and a mismatched show."""
    with pytest.warns(TraktDataWarning) as record:
        result = client.complete(progress or export_like(), **kwargs)
    # At the caller's line (this file), not TVmaze's episode parser three calls down.
    assert {w.filename for w in record if w.category is TraktDataWarning} == {__file__}
    return result, [str(w.message) for w in record]


def label(spec):
    return f"{spec.title} ({spec.year})"


def test_counts_match_the_plan(tvmaze_server):
    plan = tvmaze_server.plan
    result, _ = run(tvmaze(tvmaze_server))
    shows = result.shows
    assert len(shows) == len(plan.specs)
    for spec, (_, row) in zip(plan.specs, shows.iterrows(), strict=True):
        if spec.index in plan.unknown | plan.by_year:
            assert pd.isna(row["aired"]), spec.title
            continue
        assert row["aired"] == spec.aired, spec.title
        assert row["completed"] == spec.completed, spec.title
        assert row["left"] == spec.aired - spec.completed, spec.title
        nxt = spec.next_episode
        if nxt is None:
            assert pd.isna(row["next_season"]), spec.title
        else:
            assert (row["next_season"], row["next_number"]) == nxt, spec.title
        assert row["tvmaze_id"] == 1_000 + spec.index
    assert result.provenance.metadata == "TVmaze"


def test_lookup_by_tvdb_then_imdb_and_a_miss(tvmaze_server):
    plan = tvmaze_server.plan
    run(tvmaze(tvmaze_server))
    paths = tvmaze_server.paths
    for spec in plan.specs:
        ids = _render_show(spec)["show"]
        by_tvdb = f"/lookup/shows?thetvdb={int(ids['tvdb_id'])}"
        by_imdb = f"/lookup/shows?imdb={ids['imdb_id']}"
        assert by_tvdb in paths
        if spec.index in plan.imdb_only or spec.index in plan.unknown:
            assert paths.index(by_imdb) == paths.index(by_tvdb) + 1
        else:
            assert by_imdb not in paths
        episodes = f"/shows/{1_000 + spec.index}?embed=episodeswithspecials"
        assert (episodes in paths) == (spec.index not in plan.unknown)
    assert all(
        seen.headers["User-Agent"].startswith("trakt_analysis/") for seen in tvmaze_server.requests
    )


def test_the_unknown_and_the_mismatched_show_are_named(tvmaze_server):
    plan = tvmaze_server.plan
    result, messages = run(tvmaze(tvmaze_server))
    (unknown,) = [s for s in plan.specs if s.index in plan.unknown]
    (mismatch,) = [s for s in plan.specs if s.index in plan.mismatch]
    assert any("does not know" in m and label(unknown) in m for m in messages)
    assert any("otherwise than Trakt" in m and label(mismatch) in m for m in messages)
    unlisted = result.shows["unlisted_watched"]
    assert unlisted.iloc[mismatch.index] == 1
    assert pd.isna(unlisted.iloc[unknown.index])
    (daily,) = plan.by_year
    assert unlisted.drop(index=[mismatch.index, unknown.index, daily]).eq(0).all()
    # the watched episode TVmaze does not list is kept, watched
    season, number = plan.removed[mismatch.index]
    rows = result.episodes[
        (result.episodes["title"] == mismatch.title)
        & (result.episodes["year"] == mismatch.year)
        & (result.episodes["season"] == season)
        & (result.episodes["episode"] == number)
    ]
    assert list(rows["watched"]) == [True]


def test_a_show_numbered_by_year_keeps_na_counts(tvmaze_server):
    plan = tvmaze_server.plan
    (daily,) = [s for s in plan.specs if s.index in plan.by_year]
    result, messages = run(tvmaze(tvmaze_server))
    row = result.shows.iloc[daily.index]
    assert pd.isna(row["aired"])
    assert pd.isna(row["left"])
    assert row["tvmaze_id"] == 1_000 + daily.index
    assert row["unlisted_watched"] == daily.completed  # none of the watched ones match
    assert any("another scheme" in m and label(daily) in m for m in messages)
    rows = result.episodes[
        (result.episodes["title"] == daily.title) & (result.episodes["year"] == daily.year)
    ]
    assert len(rows) == daily.completed  # the watched episodes, kept; none added
    assert rows["watched"].all()


def test_unaired_episodes_do_not_count(tvmaze_server):
    plan = tvmaze_server.plan
    result, _ = run(tvmaze(tvmaze_server))
    episodes = result.episodes
    assert episodes["first_aired"].max() < pd.Timestamp(NOW)
    for spec in plan.specs:
        if spec.index not in plan.future or spec.index in plan.unknown:
            continue
        last = [s for s in spec.seasons if s.number > 0][-1]
        rows = episodes[
            (episodes["title"] == spec.title)
            & (episodes["year"] == spec.year)
            & (episodes["season"] == last.number)
        ]
        assert rows["episode"].max() == last.aired, spec.title


def test_specials(tvmaze_server):
    plan = tvmaze_server.plan
    with_specials = [
        s
        for s in plan.specs
        if s.seasons[0].number == 0
        and not s.seasons[0].hidden
        and s.index not in plan.unknown | plan.by_year
    ]
    assert with_specials  # the plan has specials to test
    plain, _ = run(tvmaze(tvmaze_server))
    counted, _ = run(tvmaze(tvmaze_server), specials=True)
    for spec in with_specials:
        specials = spec.seasons[0]
        row = spec.index
        assert plain.shows["aired"].iloc[row] == spec.aired
        assert counted.shows["aired"].iloc[row] == spec.aired + specials.aired, spec.title
        assert counted.shows["completed"].iloc[row] == spec.completed + specials.completed
        rows = counted.episodes[
            (counted.episodes["title"] == spec.title)
            & (counted.episodes["year"] == spec.year)
            & (counted.episodes["season"] == 0)
        ]
        assert list(rows["episode"]) == list(range(1, specials.aired + 1))
        assert list(rows["watched"]) == specials.watched
        assert rows["first_aired"].notna().all()


def test_a_429_is_retried_after_retry_after(tvmaze_server):
    tvmaze_server.status(429, {"name": "Too Many Requests"}, **{"Retry-After": "1"})
    started = time.monotonic()
    result, _ = run(tvmaze(tvmaze_server))
    assert time.monotonic() - started >= 1.0
    assert tvmaze_server.paths[0] == tvmaze_server.paths[1]  # the same request, again
    assert result.shows["aired"].notna().sum() == len(result.shows) - 2  # unknown, by year


def test_a_429_that_persists_is_an_error(tvmaze_server):
    tvmaze_server.status(429, {"name": "Too Many Requests"}, times=5, **{"Retry-After": "0"})
    with pytest.raises(TraktRateLimitError, match="rate limited"):
        tvmaze(tvmaze_server, retries=2).complete(export_like())
    assert len(tvmaze_server.requests) == 3


def test_a_second_run_is_served_from_the_cache(tvmaze_server, tmp_path):
    first, _ = run(tvmaze(tvmaze_server, cache=tmp_path))
    assert tvmaze_server.requests
    tvmaze_server.requests.clear()
    second, _ = run(tvmaze(tvmaze_server, cache=tmp_path))
    assert tvmaze_server.requests == []
    for a, b in zip(first, second, strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_offline_uses_only_the_cache(tvmaze_server, tmp_path):
    with pytest.raises(TraktCacheMissError, match="offline"):
        tvmaze(tvmaze_server, cache=tmp_path, offline=True).complete(export_like())
    assert tvmaze_server.requests == []
    online, _ = run(tvmaze(tvmaze_server, cache=tmp_path))
    tvmaze_server.requests.clear()
    offline, _ = run(tvmaze(tvmaze_server, cache=tmp_path, offline=True))
    assert tvmaze_server.requests == []
    pd.testing.assert_frame_equal(online.shows, offline.shows)


def test_the_progress_bar_counts_the_shows(tvmaze_server, capsys):
    run(tvmaze(tvmaze_server, progress_bar=True))
    err = capsys.readouterr().err
    assert "TVmaze" in err
    assert "40/40" in err


def test_the_progress_bar_says_when_it_waits_for_the_rate_limit(tvmaze_server, capsys):
    # More than 20 requests at 20 per 0.3 s: the throttle waits at least once.
    run(tvmaze(tvmaze_server, progress_bar=True, rate_limit=(20, 0.3)))
    assert "for TVmaze's rate limit" in capsys.readouterr().err


def test_throttle_keeps_to_the_limit():
    throttle = Throttle({"GET": RateLimit(3, 0.3)})
    started = time.monotonic()
    for _ in range(7):  # 3 at once, 3 after 0.3 s, 1 after 0.6 s
        throttle.wait("GET")
    assert time.monotonic() - started >= 0.6


def test_the_client_is_throttled(tvmaze_server):
    # More than 40 requests at 20 per 0.5 s: at least two waits of the window.
    started = time.monotonic()
    run(tvmaze(tvmaze_server, rate_limit=(20, 0.5)))
    assert len(tvmaze_server.requests) > 40
    assert time.monotonic() - started >= 1.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"base_url": "ftp://x"},
        {"rate_limit": (0, 10.0)},
        {"retries": -1},
        {"progress_bar": "yes"},
        {"now": "2026-01-01"},
        {"timeout": 0},
    ],
)
def test_bad_options_are_refused(kwargs):
    with pytest.raises(ta.TraktArgumentError):
        ta.TVmaze(cache=False, **kwargs)


def test_repr_names_no_secret(tmp_path):
    client = ta.TVmaze(cache=tmp_path)
    assert repr(client).startswith("TVmaze(base_url='https://api.tvmaze.com'")


EXPORT = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "export" / "demo-export.zip"


def test_tvmaze_is_a_metadata_provider():
    assert isinstance(ta.TVmaze(cache=False), ta.MetadataProvider)
    assert ta.TVmaze.name == "TVmaze"


def watched_now(spec, plays, reset_at) -> set[tuple[int, int]]:
    """The episodes of `spec` played (since the reset, when it has one), from the plan."""
    return {
        (p.season, p.episode)
        for p in plays
        if p.type == "episode"
        and p.show == spec.index
        and (reset_at is None or p.watched_at > reset_at)
    }


def test_the_demo_export_gets_full_progress(tvmaze_server):
    """load_export(metadata=TVmaze): the plan's counts, without the hidden seasons
    (hidden-progress-watched.json) and since the reset (reset="current")."""
    plan = tvmaze_server.plan
    _, plays = demo_plan("demo")
    resets = export_plan("demo").reset_shows
    with pytest.warns(TraktDataWarning):
        result = ta.load_export(EXPORT, metadata=tvmaze(tvmaze_server))
    specs = {(s.title, s.year): s for s in plan.specs}
    assert len(result.shows) > 0
    for _, row in result.shows.iterrows():
        spec = specs[(row["title"], row["year"])]
        if spec.index in plan.unknown | plan.by_year | plan.mismatch:
            # Unknown to TVmaze, or numbered otherwise (seasons by year, a watched episode
            # it does not list): Trakt's own show-level count (show.aired_episodes) stays,
            # and no next episode (it could be one already watched).
            if any(s.hidden and s.number > 0 for s in spec.seasons):
                assert pd.isna(row["aired"]), spec.title
            else:
                assert row["aired"] == aired_episodes(spec), spec.title
            assert pd.isna(row["next_season"]), spec.title
            continue
        seen = watched_now(spec, plays, resets.get(spec.index))
        seasons = [s for s in spec.seasons if s.number > 0 and not s.hidden]
        aired = sum(s.aired for s in seasons)
        completed = sum((s.number, n) in seen for s in seasons for n in range(1, s.aired + 1))
        if spec.index not in resets:
            assert completed == sum(s.completed for s in seasons)
        assert (row["aired"], row["completed"], row["left"]) == (
            aired,
            completed,
            aired - completed,
        ), spec.title
        assert row["percentage"] == (completed * 100 // aired if aired else None), spec.title
        unwatched = [
            (s.number, n)
            for s in seasons
            for n in range(1, s.aired + 1)
            if (s.number, n) not in seen
        ]
        if unwatched:
            assert (row["next_season"], row["next_number"]) == unwatched[0], spec.title
        else:
            assert pd.isna(row["next_season"]), spec.title
    assert result.provenance.metadata == "TVmaze"
    assert result.provenance.kind == "export"
    assert not any("Pass metadata=" in note for note in result.provenance.notes)
    assert result.history is not None  # the export's history is kept
    added = result.episodes[~result.episodes["watched"] & result.episodes["last_watched_at"].isna()]
    assert len(added)
    assert (added["plays"] == 0).all()  # the export has every play: none here


def test_complete_on_a_loaded_export_drops_its_na_note(tvmaze_server):
    with pytest.warns(TraktDataWarning, match="listed twice"):
        export = ta.load_export(EXPORT)
    assert any("aired counts per show only" in note for note in export.provenance.notes)
    result, _ = run(tvmaze(tvmaze_server), export)
    assert not any("aired counts per show only" in note for note in result.provenance.notes)
    assert result.provenance.metadata == "TVmaze"


def test_the_cache_without_requests_cache_names_the_extra(monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "requests_cache", None)  # as if not installed
    with pytest.raises(ta.TraktDependencyError, match=r"trakt_analysis\[tvmaze\]"):
        ta.TVmaze(cache=tmp_path)
    ta.TVmaze(cache=False)  # works without it


def test_an_odd_episode_number_leaves_that_shows_counts_as_they_were(tvmaze_server, monkeypatch):
    import trakt_analysis.demo.tvmaze_server as stand_in

    plan = tvmaze_server.plan
    odd = next(s for s in plan.specs if s.index not in plan.unknown | plan.by_year)
    listed = stand_in.episode_list

    def with_an_odd_episode(spec, guide_plan):
        episodes = listed(spec, guide_plan)
        if spec.index == odd.index:
            bad = {**episodes[0], "id": 999_999, "season": "S1", "number": 1, "type": "regular"}
            episodes = [*episodes, bad]
        return episodes

    monkeypatch.setattr(stand_in, "episode_list", with_an_odd_episode)
    before = export_like()
    result, messages = run(tvmaze(tvmaze_server), before)
    assert any(
        m.startswith(f"TVmaze's episodes of {label(odd)}: episode ")
        and "the show's counts from TVmaze are unknown" in m
        for m in messages
    ), messages
    shows = result.shows
    row = shows.iloc[odd.index]
    # Not the count of a list that lacks an episode: what the show had before (Trakt's or NA).
    for column in ("aired", "left", "next_season"):
        was = before.shows[column].iloc[odd.index]
        assert (pd.isna(row[column]) and pd.isna(was)) or row[column] == was, column
    seasons = result.seasons[result.seasons["title"] == odd.title]
    assert seasons["aired"].isna().all()
    # The other shows are counted from their whole lists.
    other = next(s for s in plan.specs if s.index not in plan.unknown | plan.by_year | {odd.index})
    assert shows.iloc[other.index]["aired"] == other.aired
