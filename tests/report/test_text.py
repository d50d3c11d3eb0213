import trakt_analysis as ta
from tests.helpers.report_expect import demo_specs, expected_totals
from trakt_analysis.demo.generate import make_specs, render
from trakt_analysis.report.text import format_summary, terminal_safe


def test_format_summary_text():
    text = format_summary(ta.load_demo("casual"), top=2)
    want = expected_totals(demo_specs("casual"))
    assert "Watched progress of 'casual'" in text
    assert f"{want['episodes_watched']:,}  watched of {want['episodes_aired']:,} aired" in text
    assert f"({want['scrobbles']:,} scrobbles, {want['checkins']:,} check-ins" in text
    assert f"Watch next (the first 2 of {want['up_next']} shows" in text
    assert "Shows (8)" in text


def test_terminal_safe_removes_escape_sequences():
    assert terminal_safe("a\x1b[31mred\x07") == "a\ufffd[31mred\ufffd"
    assert terminal_safe("<Tales> & =SUM(A1)") == "<Tales> & =SUM(A1)"
    specs = make_specs(2, seed=0, profile="minimal")
    specs[0].title = "Evil\x1b]0;owned\x07"
    text = format_summary(ta.load_progress(render(specs)))
    assert "\x1b" not in text
    assert "\x07" not in text


def test_columns_line_up_in_a_terminal_whatever_the_script():
    # A CJK or Hangul character takes two terminal columns, a combining mark none:
    # every row's year must start in the same terminal column.
    import unicodedata

    def cols(text):
        return sum(
            0
            if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
            else 2
            if unicodedata.east_asian_width(c) in ("W", "F")
            else 1
            for c in text
        )

    # The last column is right-aligned, so every row ends in the same terminal column.
    table = format_summary(ta.load_demo()).split("Shows (40)\n")[1].splitlines()
    assert any(cols(line) != len(line) for line in table)  # wide and combining titles are there
    assert len({cols(line) for line in table}) == 1
