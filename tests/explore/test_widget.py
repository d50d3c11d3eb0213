"""ProgressExplorer driven headlessly: set .value on controls, check the exposed state."""

from __future__ import annotations

import subprocess
import sys

import pytest

import trakt_analysis as ta
from tests.helpers.explore_data import RESPONSE, write_users
from trakt_analysis.explore import LiveSource
from trakt_analysis.explore import _widget as widget_module


@pytest.fixture
def users_dir(tmp_path):
    write_users(tmp_path)
    return tmp_path


@pytest.fixture
def explorer(users_dir):
    return ta.ProgressExplorer(users_dir, user="alice")


def titles(explorer):
    return list(zip(explorer.table["title"], explorer.table["year"].astype(int), strict=True))


def test_default_explorer_opens_the_bundled_demo_users():
    explorer = ta.ProgressExplorer()
    assert list(explorer.controls.user.options) == ["demo", "casual", "binger"]
    assert explorer.controls.user.value == "demo"
    assert explorer.user == "demo"
    assert len(explorer.table) == 40  # DEMO_USERS: demo has 40 shows
    assert explorer.error is None
    assert repr(explorer) == "<ProgressExplorer: user 'demo', 40 of 40 shows, sort 'title'>"


def test_opens_on_the_first_user_of_a_directory(users_dir):
    explorer = ta.ProgressExplorer(users_dir)
    assert list(explorer.controls.user.options) == ["alice", "bob", "broken"]
    assert explorer.user == "alice"


def test_sort_control_reorders_the_table(explorer):
    assert titles(explorer) == [("Alpha", 2010), ("beta", 2015), ("Gamma", 2001), ("Gamma", 2020)]
    explorer.controls.sort.value = "most-completed"
    assert titles(explorer) == [("beta", 2015), ("Alpha", 2010), ("Gamma", 2020), ("Gamma", 2001)]
    assert explorer.error is None
    assert "most-completed" in repr(explorer)


def test_filter_checkboxes(explorer):
    explorer.controls.hide_completed.value = True
    assert ("beta", 2015) not in titles(explorer)
    assert len(explorer.table) == 3
    explorer.controls.in_progress.value = True
    assert titles(explorer) == [("Alpha", 2010), ("Gamma", 2020)]
    explorer.controls.hide_completed.value = False
    explorer.controls.in_progress.value = False
    assert len(explorer.table) == 4


def test_show_selection_and_search(explorer):
    c = explorer.controls
    assert [label for label, _ in c.shows.options] == [
        "Alpha (2010)",
        "beta (2015)",
        "Gamma (2001)",
        "Gamma (2020)",
    ]
    c.search.value = "gam"
    assert [label for label, _ in c.shows.options] == ["Gamma (2001)", "Gamma (2020)"]
    assert titles(explorer) == [("Gamma", 2001), ("Gamma", 2020)]  # search narrows the table
    c.shows.value = (("Gamma", 2020),)
    assert titles(explorer) == [("Gamma", 2020)]
    assert explorer.selection == [("Gamma", 2020)]
    # the selected show stays listed (and selected) when the search no longer matches it
    c.search.value = "alp"
    assert [label for label, _ in c.shows.options] == ["Alpha (2010)", "Gamma (2020)"]
    assert explorer.selection == [("Gamma", 2020)]
    c.shows.value = ()
    assert titles(explorer) == [("Alpha", 2010)]


def test_focus_follows_the_first_row_until_chosen(explorer):
    c = explorer.controls
    assert c.focus.value == ("Alpha", 2010)
    c.sort.value = "least-completed"
    assert c.focus.value == ("Gamma", 2001)
    c.focus.value = ("beta", 2015)
    assert explorer.view.focus == ("beta", 2015)
    c.sort.value = "title"
    assert c.focus.value == ("beta", 2015)


def test_changing_user_loads_new_data(explorer):
    explorer.controls.sort.value = "most-completed"
    explorer.controls.user.value = "bob"
    assert explorer.user == "bob"
    assert titles(explorer) == [("Delta", 1999)]
    assert explorer.controls.sort.value == "most-completed"  # choices survive a new user
    assert [label for label, _ in explorer.controls.shows.options] == ["Delta (1999)"]


def test_a_broken_fixture_shows_its_error_and_controls_keep_working(explorer):
    explorer.controls.user.value = "broken"
    assert explorer.error is not None
    assert "broken.json" in explorer.error
    assert "invalid JSON" in explorer.error
    assert "broken.json" in explorer._message.value
    assert explorer.progress is None
    assert explorer.table.empty  # the previous user's rows are not left on screen
    assert explorer.figure is None
    assert list(explorer.controls.shows.options) == []
    explorer.controls.sort.value = "least-completed"  # no data: nothing to do, no crash
    explorer.controls.user.value = "bob"
    assert explorer.error is None
    assert explorer._message.value == ""
    assert titles(explorer) == [("Delta", 1999)]


def test_unknown_user_lists_the_known_ones(explorer):
    explorer.controls.user.value = "carol"
    assert explorer.error == (
        f"no user 'carol' in {explorer.source.directory}; known users: alice, bob, broken"
    )


def test_reload_reads_the_file_again(explorer, users_dir):
    (users_dir / "alice.json").write_bytes((users_dir / "bob.json").read_bytes())
    assert len(explorer.table) == 4
    explorer.controls.reload.click()
    assert titles(explorer) == [("Delta", 1999)]


def test_unexpected_errors_in_callbacks_are_shown_not_swallowed(explorer, monkeypatch):
    def broken_view(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(widget_module, "compute_view", broken_view)
    explorer.controls.sort.value = "most-completed"  # must not raise into ipywidgets
    assert explorer.error == "unexpected error (please report it): RuntimeError: boom"
    assert isinstance(explorer.exception, RuntimeError)
    assert "boom" in explorer._message.value


def test_activity_order_shows_a_note(explorer):
    explorer.controls.sort.value = "activity"
    assert explorer.error is None
    assert "cannot sort by &#x27;activity&#x27;" in explorer._message.value


def test_state_is_exposed_and_shown(explorer):
    assert explorer.shows is not None
    assert list(explorer.shows.index) == [1, 2, 3, 0]  # rows of the shows frame, title order
    assert "<b>alice</b>: 4 shows · 7 episodes watched · 8 episodes left" in (
        explorer._summary.value
    )
    assert explorer._table.value.count("<tr>") == 1 + 4
    if explorer.figure is not None:  # charts drawn (plotting available)
        assert explorer._chart.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_display_bundle_has_a_short_text_and_the_widget(explorer):
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == repr(explorer)
    model = bundle["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert model == explorer.widget.model_id


def test_bad_arguments_raise_at_once(tmp_path):
    with pytest.raises(ta.TraktArgumentError, match="unknown sort order 'best'"):
        ta.ProgressExplorer(sort="best")
    with pytest.raises(ta.TraktArgumentError, match="top must be a positive integer, got 0"):
        ta.ProgressExplorer(top=0)
    with pytest.raises(ta.TraktArgumentError, match="max_rows must be a positive integer"):
        ta.ProgressExplorer(max_rows=2.5)
    with pytest.raises(ta.TraktArgumentError, match="user must be a string, got int"):
        ta.ProgressExplorer(user=7)
    with pytest.raises(ta.TraktFileError, match="missing: no such file or directory"):
        ta.ProgressExplorer(tmp_path / "missing")
    with pytest.raises(ta.TraktSourceError, match="cannot explore a dict"):
        ta.ProgressExplorer({"alice": []})


def test_missing_ipywidgets_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # makes `import ipywidgets` fail
    with pytest.raises(ta.TraktDependencyError, match="pip install ipywidgets") as info:
        ta.ProgressExplorer()
    assert isinstance(info.value, ImportError)


class KeyedClient:
    def __init__(self, key):
        self.key = key

    def progress_watched(self, username, titles=None, sort="title", extended=None):
        if self.key != "fake-good-key":
            # a careless error that quotes the URL: the explorer must still redact it
            raise ta.TraktAuthError(f"HTTP 401 for /watched.json/{self.key}/{username}")
        return RESPONSE


def test_live_source_key_from_password_field_is_never_shown(monkeypatch):
    monkeypatch.delenv("TRAKT_API_KEY", raising=False)
    explorer = ta.ProgressExplorer(LiveSource(KeyedClient), user="alice")
    c = explorer.controls
    assert c.api_key.layout.display == "flex"
    assert "no API key" in explorer.error
    c.api_key.value = "fake-bad-key"
    assert c.api_key.value == ""  # not kept in the widget's state
    assert explorer.error == "HTTP 401 for /watched.json/<redacted>/alice"
    assert "fake-bad-key" not in explorer._message.value
    c.api_key.value = "fake-good-key"
    assert explorer.error is None
    assert len(explorer.table) == 4
    assert "fake-good-key" not in repr(explorer)
    assert list(c.user.options) == ["alice"]


def test_the_package_imports_without_ipywidgets():
    code = (
        "import sys; sys.modules['ipywidgets'] = None\n"
        "import trakt_analysis as ta\n"
        "from trakt_analysis.explore import view\n"
        "print(len(view(ta.load_demo(), charts=False).table))\n"
        "try:\n"
        "    ta.ProgressExplorer()\n"
        "except ta.TraktDependencyError as exc:\n"
        "    print(type(exc).__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["40", "TraktDependencyError"]


def test_max_rows_limits_the_display_not_the_table():
    explorer = ta.ProgressExplorer(max_rows=5)
    assert len(explorer.table) == 40
    assert explorer._table.value.count("<tr>") == 1 + 5
    assert "35 more rows" in explorer._table.value
    assert len(explorer.controls.focus.options) == 5
