"""Where the explorer's data comes from: demo users, a directory, a client."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import trakt_analysis as ta
from tests.helpers.explore_data import OTHER, RESPONSE, payload, write_users
from trakt_analysis.sources.catalog import (
    ClientSource,
    DemoSource,
    DirectorySource,
    ExportSource,
    FileSource,
    LiveSource,
    as_source,
)
from trakt_analysis.sources.files import user_of_file

FIXTURE_USERS = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "users"


class FakeClient:
    """Answers progress_watched like TraktClient, from a dict of responses."""

    def __init__(self, responses, key=None):
        self.responses = responses
        self.key = key
        self.calls: list[str] = []

    def progress_watched(self, username, titles=None, sort="title", extended=None):
        self.calls.append(username)
        if username not in self.responses:
            raise ta.TraktNotFoundError(f"no user {username!r} (HTTP 404)", status=404)
        return self.responses[username]


def test_demo_source_lists_and_loads_the_bundled_users():
    source = DemoSource()
    assert source.users() == ["demo", "casual", "binger"]
    progress = source.load("casual")
    assert progress.user == "casual"
    assert len(progress.shows) == 8  # DEMO_USERS: casual has 8 shows
    with pytest.raises(ta.TraktArgumentError, match="no demo user 'zed'; choose one of: demo"):
        source.load("zed")
    with pytest.raises(ta.TraktArgumentError, match="enter a username"):
        source.load("  ")


def test_directory_source(tmp_path):
    write_users(tmp_path)
    (tmp_path / "notes.txt").write_text("not a user")
    source = DirectorySource(tmp_path)
    assert source.users() == ["alice", "bob", "broken"]
    alice = source.load("alice")
    assert alice.user == "alice"
    assert list(alice.shows["title"]) == ["Gamma", "Alpha", "beta", "Gamma"]
    with pytest.raises(ta.TraktArgumentError, match=r"no user 'carol' in .*alice, bob, broken"):
        source.load("carol")
    with pytest.raises(ta.TraktDataError, match=r"broken\.json.*invalid JSON"):
        source.load("broken")


@pytest.mark.parametrize("name", ["../alice", "sub/alice", ".hidden"])
def test_directory_source_rejects_paths_as_names(tmp_path, name):
    write_users(tmp_path)
    with pytest.raises(ta.TraktArgumentError, match="not a valid username"):
        DirectorySource(tmp_path).load(name)


def test_directory_source_needs_a_directory_with_users(tmp_path):
    with pytest.raises(ta.TraktFileError, match="is not a directory"):
        DirectorySource(tmp_path / "missing")
    with pytest.raises(ta.TraktFileError, match=r"nor <username>\.json files"):
        DirectorySource(tmp_path)


def test_a_folder_holding_the_export_zip_names_it(tmp_path, capsys):
    import shutil

    from trakt_analysis.cli import main

    export = Path(__file__).resolve().parents[2] / "data/fixtures/export/demo-export.zip"
    shutil.copy(export, tmp_path / "my-export.zip")
    zip_path = tmp_path / "my-export.zip"
    with pytest.raises(ta.TraktFileError, match=r"pass the ZIP's path") as info:
        DirectorySource(tmp_path)
    assert str(zip_path) in str(info.value)
    assert main(["summary", str(tmp_path), "-q"]) == 1
    assert f"holds 'my-export.zip': pass the ZIP's path ({zip_path})" in capsys.readouterr().err
    with (
        pytest.warns(ta.TraktDataWarning, match="skipped"),
        pytest.raises(ta.TraktDataError, match=rf"to load it, pass its path {zip_path}"),
    ):
        ta.load_export(tmp_path)


def test_repository_fixtures_are_the_demo_users():
    assert sorted(DirectorySource(FIXTURE_USERS).users()) == sorted(ta.demo_users())


def test_client_source_loads_any_name_and_remembers_it():
    client = FakeClient({"alice": RESPONSE, "bob": OTHER})
    source = ClientSource(client)
    assert source.users() == []
    assert source.load("bob").user == "bob"
    assert len(source.load("alice").shows) == 4
    assert source.users() == ["bob", "alice"]
    with pytest.raises(ta.TraktNotFoundError, match="no user 'carol'"):
        source.load("carol")
    assert client.calls == ["bob", "alice", "carol"]


def test_live_source_waits_for_a_key(monkeypatch):
    monkeypatch.delenv("TRAKT_API_KEY", raising=False)
    made: list[str | None] = []

    def make_client(key):
        made.append(key)
        return FakeClient({"alice": RESPONSE}, key)

    source = LiveSource(make_client)
    assert source.needs_key
    with pytest.raises(ta.TraktArgumentError, match="no API key"):
        source.load("alice")
    source.set_key(" fake-key-123 ")
    assert not source.needs_key
    assert source.load("alice").user == "alice"
    assert made == ["fake-key-123"]
    assert "fake-key-123" not in repr(source)
    assert (
        source.redact("GET /watched.json/fake-key-123/alice")
        == "GET /watched.json/<redacted>/alice"
    )


def test_live_source_takes_the_key_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRAKT_API_KEY", "fake-env-key")
    source = LiveSource(lambda key: FakeClient({}, key))
    assert not source.needs_key
    assert "fake-env-key" not in repr(source)


def test_as_source(tmp_path):
    write_users(tmp_path)
    assert isinstance(as_source(None), DemoSource)
    assert isinstance(as_source(tmp_path), DirectorySource)
    assert isinstance(as_source(str(tmp_path)), DirectorySource)
    assert isinstance(as_source(FakeClient({})), ClientSource)
    demo = DemoSource()
    assert as_source(demo) is demo
    with pytest.raises(ta.TraktSourceError, match="cannot explore a int"):
        as_source(42)


def test_a_single_file_is_the_user_of_its_name_until_named_otherwise(tmp_path):
    write_users(tmp_path)
    path = tmp_path / "alice.json"
    source = as_source(path)
    assert isinstance(source, FileSource)
    assert source.users() == ["alice"]
    assert set(source.load(None).shows["user"]) == {"alice"}
    named = source.load("someone")
    assert set(named.shows["user"]) == {"someone"}
    assert len(named.shows) == len(json.loads(path.read_bytes()))


def test_a_file_not_named_dot_json_has_an_unknown_user(tmp_path):
    path = tmp_path / "progress.txt"
    path.write_bytes(payload(RESPONSE))
    source = FileSource(path)
    assert source.users() == []
    assert source.load(None).shows["user"].isna().all()


@pytest.mark.parametrize(
    ("name", "user"),
    [
        ("demo.json", "demo"),
        ("Ada.Lovelace.JSON", "Ada.Lovelace"),
        ("sean-ward_2.json", "sean-ward_2"),
        (".json", None),
        (".hidden.json", None),
        (" .json", None),
        ("demo.json.txt", None),
        ("demo", None),
    ],
)
def test_user_of_file(name, user):
    assert user_of_file(Path("some/dir") / name) == user


def test_the_saved_v1_fixture_loads_as_its_users_everywhere():
    # Finding 9: data/fixtures/users/demo.json is the demo user's, whichever way it is read.
    path = FIXTURE_USERS / "demo.json"
    by_function = ta.load_progress(path)
    by_source = FileSource(path).load(None)
    by_directory = DirectorySource(path.parent).load("demo")
    for progress in (by_function, by_source, by_directory):
        assert progress.user == "demo"
        for frame in (progress.shows, progress.seasons, progress.episodes):
            assert set(frame["user"]) == {"demo"}
    assert DirectorySource(path.parent).users() == ["binger", "casual", "demo"]
    assert ta.load_progress(path, user="ada").user == "ada"  # a name given wins


def test_a_path_source_repr_names_its_class_and_path():
    assert repr(FileSource("saved/me.json")) == "FileSource('saved/me.json')"
    assert repr(ExportSource("export.zip")) == "ExportSource('export.zip')"
