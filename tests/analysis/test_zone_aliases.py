"""Profile time zones that are not IANA names (#23 item 3): Rails' names mapped, others warned."""

from __future__ import annotations

import dataclasses
import re
from zoneinfo import ZoneInfo

import pytest

import trakt_analysis as ta
from trakt_analysis.analysis._rails_zones import RAILS_ZONES
from trakt_analysis.errors import TraktArgumentError, TraktDataWarning


def _with_profile_zone(zone: str) -> ta.Progress:
    progress = ta.load_demo()
    provenance = dataclasses.replace(progress.provenance, timezone=zone)
    return dataclasses.replace(progress, provenance=provenance, user="ada")


@pytest.mark.parametrize(
    ("rails", "iana"),
    [
        ("Eastern Time (US & Canada)", "America/New_York"),
        ("Pacific Time (US & Canada)", "America/Los_Angeles"),
        ("Berlin", "Europe/Berlin"),
        ("Mumbai", "Asia/Kolkata"),
        ("International Date Line West", "Etc/GMT+12"),
        ("Nuku'alofa", "Pacific/Tongatapu"),
    ],
)
def test_a_rails_zone_in_the_profile_is_its_iana_zone(rails, iana):
    assert ta.resolve_timezone(None, _with_profile_zone(rails)) == iana
    assert ta.resolve_timezone(rails) == iana  # given by the caller too


def test_every_rails_name_maps_to_a_zone_this_machine_knows():
    assert len(RAILS_ZONES) >= 150
    for name, zone in RAILS_ZONES.items():
        assert ZoneInfo(zone), name


@pytest.mark.parametrize("odd", ["UTC+1", "GMT +02:00", "Mars/Olympus_Mons", ""])
def test_an_unknown_profile_zone_falls_back_with_a_warning_naming_the_profile(odd, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    with pytest.warns(
        TraktDataWarning, match=re.escape(f"profile of 'ada' names the time zone {odd!r}")
    ):
        zone = ta.resolve_timezone(None, _with_profile_zone(odd))
    assert zone == "Asia/Tokyo"


def test_an_unknown_zone_from_the_caller_is_still_an_error():
    with pytest.raises(TraktArgumentError, match="IANA time zone name"):
        ta.resolve_timezone("UTC+1")


def test_the_report_runs_with_a_rails_profile_zone(tmp_path):
    progress = _with_profile_zone("Eastern Time (US & Canada)")
    path = ta.write_report(progress, tmp_path / "r.html")
    assert "America/New_York" in path.read_text(encoding="utf-8")
