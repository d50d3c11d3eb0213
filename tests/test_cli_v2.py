"""The command line with API v2: login, report --trakt, --cache and --offline."""

from __future__ import annotations

import pytest

from tests.helpers.v2_expect import watched_specs
from trakt_analysis.cli import main
from trakt_analysis.demo.v2_server import FAKE_CLIENT_ID, FAKE_CLIENT_SECRET


@pytest.fixture
def v2_env(v2_server, monkeypatch, tmp_path):
    monkeypatch.setenv("TRAKT_CLIENT_ID", FAKE_CLIENT_ID)
    monkeypatch.setenv("TRAKT_CLIENT_SECRET", FAKE_CLIENT_SECRET)
    monkeypatch.setenv("TRAKT_API_URL", v2_server.base_url)
    monkeypatch.setenv("TRAKT_AUTH_URL", v2_server.auth_url)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    v2_server.device_interval = 1
    return v2_server


def test_login_then_summary_of_me_cached_then_offline(v2_env, capsys):
    assert main(["login"]) == 0
    out = capsys.readouterr().out
    assert "F4K3C0DE" in out
    assert "Signed in as ada" in out
    assert "acc3ss" not in out
    assert main(["summary", "--trakt", "me", "--cache", "-q"]) == 0
    first = capsys.readouterr().out
    for spec in watched_specs(v2_env.users["ada"])[:3]:
        assert spec.title in first
    before = len(v2_env.requests)
    assert main(["summary", "--trakt", "me", "--offline", "-q"]) == 0
    assert capsys.readouterr().out == first
    assert len(v2_env.requests) == before


def test_report_of_a_public_profile(v2_env, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", "--trakt", "ada", "--no-charts", "-q", "-o", str(out)]) == 0
    assert out.exists()


def test_private_profile_is_one_line_on_stderr(v2_env, capsys):
    assert main(["summary", "--trakt", "hermit", "-q"]) == 1
    err = capsys.readouterr().err
    assert "private" in err
    assert len(err.strip().splitlines()) == 1


def test_cache_needs_a_networked_source(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["summary", "--cache"])
    assert exc.value.code == 2
    assert "--cache applies to a networked source" in capsys.readouterr().err


def test_report_of_me_for_a_year_reads_the_history(v2_env, tmp_path, capsys):
    assert main(["login"]) == 0
    out = tmp_path / "r.html"
    code = main(["report", "--trakt", "me", "--year", "2025", "--no-charts", "-q", "-o", str(out)])
    assert code == 0
    err = capsys.readouterr().err
    assert "no watch history" not in err
    assert any(p.startswith("/users/me/history/episodes") for p in v2_env.paths)


def test_no_history_reads_none_and_year_says_why(v2_env, tmp_path, capsys):
    assert main(["login"]) == 0
    out = tmp_path / "r.html"
    args = ["report", "--trakt", "me", "--no-history", "--year", "2025", "--no-charts", "-q"]
    assert main([*args, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "--year 2025: --no-history was given" in err
    assert not any("/history/" in p for p in v2_env.paths)


def test_history_flag_needs_trakt(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["summary", "--no-history"])
    assert exc.value.code == 2
    assert "apply to --trakt" in capsys.readouterr().err


def test_cli_errors_give_command_line_advice(v2_env, capsys):
    assert main(["login"]) == 0
    capsys.readouterr()
    v2_env.revoke_tokens()
    assert main(["summary", "--trakt", "me", "-q"]) == 1
    err = capsys.readouterr().err
    assert "`trakt-analysis login`" in err
    assert "api.login()" not in err


def planned_ratings(v2_server, user="ada"):
    """The stand-in's plan: a show with index % 3 == 0 is rated 6 + index % 5; one with
    index % 3 == 1 has its first watched episode rated 5 + index % 6 (all in January 2025)."""
    specs = v2_server.users[user]
    shows = [6 + s.index % 5 for s in specs if s.index % 3 == 0]
    episodes = [5 + s.index % 6 for s in watched_specs(specs) if s.index % 3 == 1]
    return shows + episodes


def test_review_of_me_reads_the_ratings_in_one_request(v2_env, capsys):
    assert main(["login"]) == 0
    capsys.readouterr()
    assert main(["review", "--trakt", "me", "--year", "2025", "-q"]) == 0
    out = capsys.readouterr().out
    scores = planned_ratings(v2_env)
    assert f"ratings given          {len(scores)}, mean {sum(scores) / len(scores):.1f}" in out
    assert "no ratings" not in out
    assert [p for p in v2_env.paths if "ratings" in p] == ["/sync/ratings?page=1&limit=250"]


def test_review_of_a_public_profile_says_where_ratings_come_from(v2_env, capsys):
    assert main(["review", "--trakt", "ada", "--year", "2025", "-q"]) == 0
    out = capsys.readouterr().out
    assert "ratings given          unknown" in out
    assert "no ratings: none were read" in out
    assert "API v2: --trakt me, signed in" in out  # the command line's words
    assert not [p for p in v2_env.paths if "ratings" in p]


def test_a_public_profile_note_names_the_tz_option(v2_env, capsys):
    assert main(["summary", "--trakt", "ada", "-q"]) == 0
    out = capsys.readouterr().out
    assert "this machine's time zone (give --tz to choose one)" in out
    assert "tz=..." not in out


def test_upcoming_of_me_says_the_schedule_is_unknown(v2_env, capsys):
    assert main(["login"]) == 0
    capsys.readouterr()
    assert main(["upcoming", "--trakt", "me", "--days", "30", "-q"]) == 0
    out = capsys.readouterr().out
    assert "unknown: this source has no air dates" in out
    assert "--metadata tvmaze" in out
    assert "nothing announced" not in out


def test_report_without_history_says_the_split_needs_it(v2_env, tmp_path, capsys):
    assert main(["login"]) == 0
    out = tmp_path / "r.html"
    assert (
        main(["report", "--trakt", "me", "--no-history", "--no-charts", "-q", "-o", str(out)]) == 0
    )
    page = out.read_text(encoding="utf-8")
    assert "The split needs the watch history" in page
    assert "read API v2&#x27;s with --history" in page or "read API v2's with --history" in page
    assert "only API v1" not in page


def test_help_names_every_source_not_only_api_v1(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    head = capsys.readouterr().out.split("Without a SOURCE")[0]
    for source in ("account export", "API v2", "--trakt me", "API v1"):
        assert source in head
    assert "watched progress (the user/progress/watched response)" not in head
