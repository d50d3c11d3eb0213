"""load_source: the one path from what the user named (the CLI's options) to a Progress."""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

import pytest

import trakt_analysis as ta
from trakt_analysis.sources.catalog import load_source

USERS = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "users"


class FakeProvider:
    """A metadata provider that records its calls and marks the provenance, as TVmaze does."""

    name = "FakeMaze"

    def __init__(self) -> None:
        self.calls = 0

    def complete(self, progress: ta.Progress, *, specials: bool = False) -> ta.Progress:
        self.calls += 1
        provenance = dataclasses.replace(progress.provenance, metadata=self.name)
        return dataclasses.replace(progress, provenance=provenance)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"source": "x.json", "demo": "demo"},
        {"user": "a", "trakt": "me"},
        {"demo": "demo", "trakt": "me"},
    ],
)
def test_more_than_one_source_is_refused_naming_them(kwargs):
    with pytest.raises(ta.TraktArgumentError, match=r"give only one data source, not \w+ and \w+"):
        load_source(**kwargs)


def test_nothing_named_is_the_demo_user():
    progress = load_source()
    assert progress.provenance.kind == "demo"
    assert progress.user == "demo"


def test_a_file_is_labelled_by_its_path_and_says_each_slow_step():
    said: list[str] = []
    path = USERS / "casual.json"
    progress = load_source(path, status=said.append)
    assert progress.provenance.kind == "v1"
    assert progress.provenance.label == str(path)
    assert said == [f"loading {path}"]


def test_standard_input_is_labelled_so(monkeypatch):
    payload = (USERS / "casual.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    progress = load_source("-")
    assert progress.provenance.label == "standard input"
    assert len(progress.shows) == len(load_source(USERS / "casual.json").shows)


def test_metadata_completes_a_source_without_it_once():
    provider = FakeProvider()
    progress = load_source(USERS / "casual.json", metadata=provider)
    assert provider.calls == 1
    assert progress.provenance.metadata == "FakeMaze"


def test_v1_live_needs_a_key_from_the_environment(monkeypatch):
    monkeypatch.delenv("TRAKT_API_KEY", raising=False)
    with pytest.raises(ta.TraktArgumentError, match="TRAKT_API_KEY"):
        load_source(user="justin")
