"""A damaged requests-cache database (#23 item 6): rebuilt with a warning, or named."""

from __future__ import annotations

import pytest

import trakt_analysis as ta
from tests.helpers.export_like import export_like
from tests.helpers.v2_expect import make_api, sign_in
from trakt_analysis.errors import TraktDataWarning, TraktFileError, TraktWarning

GARBAGE = b"this is not a database, a copy cut short\x00" * 200


def test_a_damaged_v2_cache_is_moved_aside_and_rebuilt(v2_server, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "api_v2_cache.sqlite").write_bytes(GARBAGE)
    (cache / "api_v2_cache.sqlite").chmod(0o600)  # private, as the toolkit makes it
    with pytest.warns(TraktWarning, match=r"api_v2_cache.sqlite was damaged.*moved to"):
        api = make_api(v2_server, tmp_path, cache=cache)
    sign_in(v2_server, api)
    assert len(api.progress().shows) > 0
    assert (cache / "api_v2_cache.sqlite.damaged").read_bytes() == GARBAGE  # kept, not deleted
    api.close()
    again = make_api(v2_server, tmp_path, cache=cache)  # the new cache opens without a word
    again.close()


def test_a_cache_damaged_while_open_is_a_file_error_naming_it(v2_server, tmp_path):
    cache = tmp_path / "cache"
    api = make_api(v2_server, tmp_path, cache=cache)
    sign_in(v2_server, api)
    api.progress()
    api._session.cache.responses.close()  # as another process would find it: overwritten
    (cache / "api_v2_cache.sqlite").write_bytes(GARBAGE)
    with pytest.raises(TraktFileError, match=r"api_v2_cache.sqlite is damaged.*delete that file"):
        api.progress()


def test_a_damaged_tvmaze_cache_is_rebuilt(tvmaze_server, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "tvmaze_cache.sqlite").write_bytes(GARBAGE)
    (cache / "tvmaze_cache.sqlite").chmod(0o600)  # private, as the toolkit makes it
    with pytest.warns(TraktWarning, match="was damaged"):
        client = ta.TVmaze(
            base_url=tvmaze_server.base_url,
            cache=cache,
            progress_bar=False,
            rate_limit=(10_000, 1.0),
        )
    with pytest.warns(TraktDataWarning):
        result = client.complete(export_like())
    assert result.shows["aired"].notna().any()
