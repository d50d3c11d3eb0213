"""A report card's value wraps at its slashes, and reads the same as text."""

from bs4 import BeautifulSoup

from trakt_analysis.report._html import stat_card


def test_a_time_zone_wraps_at_its_slash_and_reads_whole():
    html = stat_card("zone", "America/Argentina/Buenos_Aires", "time zone")
    assert "America/<wbr>Argentina/<wbr>Buenos_Aires" in html
    value = BeautifulSoup(html, "html.parser").select_one(".value")
    assert value is not None
    assert value.get_text() == "America/Argentina/Buenos_Aires"


def test_a_value_is_escaped_before_the_wrap_points_go_in():
    html = stat_card("x", "<b>1/2</b>", "label")
    assert "&lt;b&gt;1/<wbr>2&lt;/<wbr>b&gt;" in html
