"""The HTTP caches and the token folder are the user's own (0600 files in 0700 folders)."""

from __future__ import annotations

import os
import stat

import pytest

from tests.helpers.v2_expect import make_api, sign_in
from trakt_analysis.errors import TraktWarning

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_the_v2_cache_is_created_private(v2_server, tmp_path):
    cache = tmp_path / "cache" / "nested"
    api = make_api(v2_server, tmp_path, cache=cache)
    sign_in(v2_server, api)
    api.progress()
    api.close()
    assert mode(cache) == 0o700
    files = sorted(cache.iterdir())
    assert [f.name for f in files if f.name.endswith(".sqlite")] == ["api_v2_cache.sqlite"]
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}


def test_the_tvmaze_cache_is_created_private(tvmaze_server, tmp_path):
    import trakt_analysis as ta

    cache = tmp_path / "cache"
    client = ta.TVmaze(base_url=tvmaze_server.base_url, cache=cache, progress_bar=False)
    client.close()
    assert mode(cache) == 0o700
    assert mode(cache / "tvmaze_cache.sqlite") == 0o600


def test_a_cache_others_can_read_is_narrowed_with_a_warning(v2_server, tmp_path):
    cache = tmp_path / "cache"
    make_api(v2_server, tmp_path, cache=cache).close()
    db = cache / "api_v2_cache.sqlite"
    db.chmod(0o644)
    with pytest.warns(
        TraktWarning, match=r"api_v2_cache.sqlite could be read by others \(mode 644\)"
    ):
        make_api(v2_server, tmp_path, cache=cache).close()
    assert mode(db) == 0o600


def test_sign_out_leaves_nothing_in_the_token_folder(v2_server, tmp_path):
    folder = tmp_path / "tokens"
    api = make_api(v2_server, tmp_path, token_path=folder / "token.json")
    sign_in(v2_server, api)
    assert mode(folder) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == ["token.json", "token.json.lock"]
    api.logout()
    assert list(folder.iterdir()) == []
