"""API v2 signed in reads which shows are hidden from progress; a public profile cannot tell.

Expected from the stand-in's default plan (``make_specs(12, seed=7)``, user "ada"),
worked out from its table of shows (index, title, completed/aired, rewatches,
hidden seasons)::

    0 Game of Thrones     9/32   0  season 1 hidden
    1 Breaking Bad       30/32  30
    2 The Wire           10/22  15
    ...
    9 進撃の巨人            6/51   0
    10 La casa de papel   0/44   0  season 0 hidden
    11 Pokémon            0/14   0

The hidden show is the last one in progress (started, episodes left) without a
rewatch and without a hidden season: index 9, 進撃の巨人. Index 0 is in
progress but has a hidden season; 1 and 2 have rewatches; 10 and 11 are not
started.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pandas as pd
import requests

import trakt_analysis as ta
from tests.helpers.v2_expect import make_api, sign_in, watched_specs
from trakt_analysis.demo.generate import hidden_show
from trakt_analysis.errors import TraktCacheMissError

HIDDEN_INDEX = 9
HIDDEN_TITLE = "進撃の巨人"
HIDDEN_PATH = "/users/hidden/progress_watched"


def hidden_requests(server) -> list[dict[str, list[str]]]:
    return [parse_qs(urlsplit(p).query) for p in server.paths if urlsplit(p).path == HIDDEN_PATH]


def test_the_plan_hides_the_show_worked_out_by_hand(v2_server):
    specs = v2_server.users["ada"]
    assert specs[HIDDEN_INDEX].title == HIDDEN_TITLE
    assert hidden_show(specs) == HIDDEN_INDEX
    assert v2_server.hidden_shows["ada"] == {HIDDEN_INDEX}
    spec = specs[HIDDEN_INDEX]
    assert (spec.completed, spec.aired) == (6, 51)  # in progress, if it were not hidden


def test_signed_in_marks_the_hidden_show_and_only_it(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    progress = api.progress()
    shows = progress.shows
    assert shows["hidden"].dtype == "boolean"
    assert shows["hidden"].notna().all()  # the signed-in list is complete: False, not NA
    expected = [s.index == HIDDEN_INDEX for s in watched_specs(v2_server.users["ada"])]
    assert shows["hidden"].tolist() == expected
    assert shows.loc[shows["hidden"], "title"].tolist() == [HIDDEN_TITLE]
    # One paged request, for shows only (the contract's type=show).
    assert hidden_requests(v2_server) == [{"type": ["show"], "page": ["1"], "limit": ["250"]}]
    # Counted apart: 6 of 51 watched, so it would be in progress if not hidden.
    totals = ta.totals(progress)
    assert totals.hidden == 1
    assert HIDDEN_TITLE not in set(ta.watch_next(progress)["title"])


def test_a_long_hidden_list_is_read_page_by_page(v2_server, tmp_path):
    v2_server.page_size = 1
    v2_server.hide("ada", 3)  # Battlestar Galactica (finished: stays finished)
    v2_server.hide("ada", 6)  # Doctor Who (index 6), in progress 6/23
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    shows = api.progress().shows
    specs = watched_specs(v2_server.users["ada"])
    assert shows["hidden"].tolist() == [s.index in {3, 6, HIDDEN_INDEX} for s in specs]
    pages = [q["page"][0] for q in hidden_requests(v2_server)]
    assert pages[:3] == ["1", "2", "3"]  # three items, one a page (the reader may check a 4th)
    assert all(q["type"] == ["show"] for q in hidden_requests(v2_server))


def test_a_public_profile_cannot_tell_hidden_shows(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    progress = api.progress("ada")  # not signed in: ada's public profile
    assert progress.shows["hidden"].dtype == "boolean"
    assert progress.shows["hidden"].isna().all()  # unknown, not "not hidden"
    assert hidden_requests(v2_server) == []
    assert ta.totals(progress).hidden is None
    assert pd.isna(progress.summary().loc["ada", "hidden"])


def test_the_stand_in_serves_the_contract(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    token = api._current_token(refresh=False, required=True).access_token

    def get(params: dict[str, str], auth: bool = True) -> requests.Response:
        headers = {
            "trakt-api-key": v2_server.client_id,
            "trakt-api-version": "2",
            "User-Agent": "test",
            **({"Authorization": f"Bearer {token}"} if auth else {}),
        }
        return requests.get(v2_server.base_url + HIDDEN_PATH, params=params, headers=headers)

    assert get({}, auth=False).status_code == 401  # OAuth required
    shows = get({"type": "show"}).json()
    assert [(i["type"], i["show"]["title"]) for i in shows] == [("show", HIDDEN_TITLE)]
    seasons = get({"type": "season"}).json()
    # The plan's hidden seasons: Game of Thrones season 1, La casa de papel season 0.
    got = [(i["show"]["title"], i["season"]["number"]) for i in seasons]
    assert got == [("Game of Thrones", 1), ("La casa de papel", 0)]
    both = get({}).json()
    assert [i["type"] for i in both] == ["show", "season", "season"]


def test_hiding_a_show_is_seen_on_the_next_cached_run(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path, cache=tmp_path / "cache")
    sign_in(v2_server, api)
    api.progress()
    warm_before = len(hidden_requests(v2_server))
    api.progress()
    assert len(hidden_requests(v2_server)) == warm_before  # warm: from the cache
    v2_server.hide("ada", HIDDEN_INDEX, hidden=False)  # hidden_at moves on
    shows = api.progress().shows
    assert len(hidden_requests(v2_server)) == warm_before + 1
    assert not shows["hidden"].any()
    assert shows["hidden"].notna().all()


def test_offline_without_the_hidden_list_in_the_cache_is_unknown(v2_server, tmp_path):
    # A cache written before the hidden list was read: offline, the list is a miss.
    api = make_api(v2_server, tmp_path, cache=tmp_path / "cache")
    sign_in(v2_server, api)
    online = api.progress()
    offline = make_api(v2_server, tmp_path, cache=tmp_path / "cache", offline=True)
    real = offline._get_pages

    def no_hidden_list(path, *args, **kwargs):
        if path == HIDDEN_PATH:
            raise TraktCacheMissError(f"GET {path}: not in the cache (offline)")
        return real(path, *args, **kwargs)

    offline._get_pages = no_hidden_list  # type: ignore[method-assign]
    progress = offline.progress()
    assert progress.shows["hidden"].isna().all()
    assert any("hidden column is NA" in note for note in progress.provenance.notes)
    assert progress.shows["completed"].tolist() == online.shows["completed"].tolist()
    assert ta.totals(progress).hidden is None
