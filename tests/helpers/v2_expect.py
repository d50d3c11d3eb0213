"""Expected v2 frames, worked out from the generator's plans (never from the code under test)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from trakt_analysis.demo.generate import ShowSpec
from trakt_analysis.demo.v2_server import FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, V2Server
from trakt_analysis.sources.v2_api import TraktAPI


def make_api(server: V2Server, tmp_path: Path, **kwargs: Any) -> TraktAPI:
    """A client for the stand-in: its own token file and cache under tmp_path, no real sleeps."""
    kwargs.setdefault("token_path", tmp_path / "token.json")
    kwargs.setdefault("retry_after_margin", 0.01)
    kwargs.setdefault("sleep", lambda seconds: None)
    kwargs.setdefault("progress_bar", False)
    secret = kwargs.pop("client_secret", FAKE_CLIENT_SECRET)
    kwargs.setdefault("auth_url", server.auth_url)
    return TraktAPI(FAKE_CLIENT_ID, secret, base_url=server.base_url, **kwargs)


def sign_in(server: V2Server, api: TraktAPI) -> None:
    """Sign in through the device flow (the server approves at the second poll)."""
    api.login(display=lambda device: None)


def watched_specs(specs: list[ShowSpec]) -> list[ShowSpec]:
    """Shows on a v2 watched list: at least one episode watched, in any season."""
    return [s for s in specs if any(any(season.watched) for season in s.seasons)]


def planned_plays(spec: ShowSpec) -> int:
    """Every watched episode once, and the first `rewatches` of them once more."""
    watched = sum(sum(season.watched) for season in spec.seasons)
    return watched + min(spec.rewatches, watched)
