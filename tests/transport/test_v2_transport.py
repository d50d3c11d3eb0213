"""API v2 transport: paging, 429/5xx retries, the throttle (fake clock)."""

from __future__ import annotations

import pytest

from tests.helpers.v2_expect import make_api, sign_in, watched_specs
from trakt_analysis._http.throttle import TRAKT_LIMITS, RateLimit, Throttle, peak_in_window
from trakt_analysis.demo.v2_server import Failure
from trakt_analysis.errors import (
    TraktDataWarning,
    TraktHTTPError,
    TraktPagingError,
    TraktRateLimitError,
)


def _signed_in(v2_server, tmp_path, **kwargs):
    api = make_api(v2_server, tmp_path, **kwargs)
    sign_in(v2_server, api)
    return api


def test_every_page_is_read_whatever_the_page_size(v2_server, tmp_path):
    v2_server.page_size = 3
    api = _signed_in(v2_server, tmp_path)
    progress = api.progress()
    n = len(watched_specs(v2_server.users["ada"]))
    pages = [p for p in v2_server.paths if p.startswith("/sync/watched/shows")]
    assert len(progress.shows) == n
    assert len(pages) == -(-n // 3)
    assert all("limit=" in p for p in pages)


def test_a_short_page_before_the_last_is_read_on_and_the_gap_said(v2_server, tmp_path):
    v2_server.page_size = 3
    api = _signed_in(v2_server, tmp_path)
    n = len(watched_specs(v2_server.users["ada"]))
    # last_activities answers normally, then the first page leaves out a row.
    v2_server.fail(Failure("none"), Failure("short_page"))
    with pytest.warns(TraktDataWarning, match=f"read {n - 1} rows .* server counts {n}"):
        progress = api.progress()
    assert len(progress.shows) == n - 1  # every row the server sent, none lost after the gap
    assert any(f"read {n - 1} rows" in note for note in progress.provenance.notes)


def test_a_page_count_that_changes_is_not_an_error(v2_server, tmp_path):
    v2_server.page_size = 3
    api = _signed_in(v2_server, tmp_path)
    v2_server.fail(Failure("none"), Failure("none"), Failure("page_count"))
    progress = api.progress()
    assert len(progress.shows) == len(watched_specs(v2_server.users["ada"]))


@pytest.mark.parametrize("lag", [1, 3, 4])
def test_a_lagging_count_still_reads_every_row(v2_server, tmp_path, lag):
    v2_server.page_size = 3
    v2_server.count_lag = lag  # the counts leave out the newest `lag` rows
    api = _signed_in(v2_server, tmp_path)
    n = len(watched_specs(v2_server.users["ada"]))
    with (
        pytest.warns(TraktDataWarning, match=f"read {n} rows .* server counts {n - lag}"),
        # The hidden list (one show) lags too: its count is 0.
        pytest.warns(TraktDataWarning, match="hidden/progress_watched: read 1 rows .* counts 0"),
    ):
        progress = api.progress()
    assert len(progress.shows) == n
    played = len(v2_server.history_items("ada"))
    with pytest.warns(TraktDataWarning, match=f"read {played} rows"):
        plays = api.history()
    assert len(plays) == played


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b'{"error": "rate limited"}', {"Retry-After": "1", "Content-Type": "application/json"}),
        (b"<html><body>Cloudflare 429</body></html>", {"Retry-After": "0"}),
    ],
)
def test_429_waits_for_retry_after_then_succeeds(v2_server, tmp_path, body, headers):
    api = _signed_in(v2_server, tmp_path, retry_after_margin=0.05)
    v2_server.fail(Failure("status", 429, body, headers))
    progress = api.progress()
    assert len(progress.shows) == len(watched_specs(v2_server.users["ada"]))
    assert v2_server.paths.count("/sync/last_activities") == 2


def test_429_persisting_is_a_rate_limit_error_after_bounded_retries(v2_server, tmp_path):
    api = _signed_in(v2_server, tmp_path, retries=2)
    before = len(v2_server.requests)
    v2_server.fail(Failure("status", 429, b"{}", {"Retry-After": "0"}), times=10)
    with pytest.raises(TraktRateLimitError, match="3 attempts"):
        api.progress()
    assert len(v2_server.requests) - before == 3


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_then_success(v2_server, tmp_path, status):
    api = _signed_in(v2_server, tmp_path)
    v2_server.fail(Failure("status", status, b"<html>oops</html>"))
    assert len(api.progress().shows) > 0


def test_5xx_persisting_raises_after_retries(v2_server, tmp_path):
    api = _signed_in(v2_server, tmp_path, retries=1)
    v2_server.fail(Failure("status", 502, b"<html>bad gateway</html>"), times=5)
    with pytest.raises(TraktHTTPError, match="502"):
        api.progress()


def test_throttle_waits_when_the_window_is_full():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = Throttle({"GET": RateLimit(3, 10.0)}, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        assert throttle.wait("GET") == 0
    now[0] = 4.0
    assert throttle.wait("GET") == pytest.approx(6.0)  # the first request leaves the window
    assert slept == [pytest.approx(6.0)]
    times = [t for _, t in throttle.sent]
    assert peak_in_window(times, 10.0) == 3


def test_throttle_with_a_sleep_that_does_not_pass_time_still_spaces_requests():
    throttle = Throttle({"GET": RateLimit(2, 60.0)}, clock=lambda: 100.0, sleep=lambda s: None)
    for _ in range(6):
        throttle.wait("GET")
    times = [t for _, t in throttle.sent]
    assert peak_in_window(times, 60.0) == 2


def test_the_client_budget_stays_under_the_server_limits():
    from trakt_analysis._http.throttle import CLIENT_BUDGET

    for method, limit in CLIENT_BUDGET.items():
        server = TRAKT_LIMITS[method]
        assert limit.requests / limit.seconds <= server.requests / server.seconds


def test_peak_in_window_counts_the_busiest_window():
    assert peak_in_window([0, 1, 2, 300, 301], 300.0) == 3
    assert peak_in_window([], 300.0) == 0


def test_items_that_do_not_add_up_to_the_item_count_are_a_warning():
    from trakt_analysis._http.paging import read_all_pages

    def fetch(page):
        headers = {
            "X-Pagination-Page-Count": "2",
            "X-Pagination-Limit": "2",
            "X-Pagination-Item-Count": "5",
        }
        return ([page] * 2 if page <= 2 else []), headers

    notes: list[str] = []
    with pytest.warns(TraktDataWarning, match="read 4 rows on 3 pages, but the server counts 5"):
        assert read_all_pages(fetch, "GET /x", notes=notes) == [1, 1, 2, 2]
    assert len(notes) == 1


def test_the_page_count_is_a_floor_full_pages_are_followed():
    from trakt_analysis._http.paging import read_all_pages

    rows = list(range(10))
    asked = []

    def fetch(page):
        asked.append(page)
        headers = {"X-Pagination-Page-Count": "1", "X-Pagination-Limit": "3"}
        return rows[(page - 1) * 3 : page * 3], headers

    assert read_all_pages(fetch, "GET /x") == rows
    assert asked == [1, 2, 3, 4]  # page 4 is short (one row): the end


def test_an_empty_page_past_the_count_ends_the_list():
    from trakt_analysis._http.paging import read_all_pages

    asked = []

    def fetch(page):
        asked.append(page)
        headers = {"X-Pagination-Page-Count": "1", "X-Pagination-Limit": "2"}
        return ([page, page] if page <= 2 else []), headers

    assert read_all_pages(fetch, "GET /x") == [1, 1, 2, 2]
    assert asked == [1, 2, 3]


def test_a_short_page_before_the_last_is_not_the_end():
    from trakt_analysis._http.paging import read_all_pages

    def fetch(page):
        headers = {"X-Pagination-Page-Count": "3", "X-Pagination-Limit": "2"}
        return {1: [1, 1], 2: [2], 3: [3]}[page], headers

    assert read_all_pages(fetch, "GET /x") == [1, 1, 2, 3]


def test_a_list_that_never_ends_is_an_error():
    from trakt_analysis._http.paging import MAX_UNREPORTED_PAGES, read_all_pages

    def fetch(page):
        return [page, page], {"X-Pagination-Page-Count": "1", "X-Pagination-Limit": "2"}

    with pytest.raises(TraktPagingError, match=f"{MAX_UNREPORTED_PAGES} full pages past"):
        read_all_pages(fetch, "GET /x")


def test_a_list_without_paging_headers_is_one_page():
    from trakt_analysis._http.paging import read_all_pages

    calls = []

    def fetch(page):
        calls.append(page)
        return [1, 2, 3], {}

    assert read_all_pages(fetch, "GET /x") == [1, 2, 3]
    assert calls == [1]


def test_a_timeout_is_retried(v2_server, tmp_path):
    api = _signed_in(v2_server, tmp_path, timeout=0.5)
    before = len(v2_server.requests)
    v2_server.fail(Failure("hang", delay=1.5))
    assert len(api.progress().shows) > 0
    assert v2_server.paths[before:][:2] == ["/sync/last_activities"] * 2
