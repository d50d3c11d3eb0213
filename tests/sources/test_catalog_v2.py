"""API v2 as an explorer source."""

from __future__ import annotations

from tests.helpers.v2_expect import make_api, sign_in, watched_specs
from trakt_analysis.sources.catalog import TraktAPISource, as_source


def test_the_api_is_a_source_offering_me_once_signed_in(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    source = as_source(api)
    assert isinstance(source, TraktAPISource)
    assert source.users() == []
    public = source.load("ada")
    assert len(public.shows) == len(watched_specs(v2_server.users["ada"]))
    sign_in(v2_server, api)
    assert source.users() == ["me", "ada"]
    mine = source.load("me")
    assert mine.user == "ada"
    assert mine.provenance.kind == "v2"
