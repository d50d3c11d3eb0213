"""Written files against hostile text and a private report (#23 item 6)."""

from __future__ import annotations

import stat

import pandas as pd
import pytest

import trakt_analysis as ta
from trakt_analysis.report.tables import guard_formulas


@pytest.mark.parametrize(
    "text",
    [
        ' =HYPERLINK("http://evil")',
        "\u00a0+1+cmd",
        "\u200b=SUM(A1)",  # zero-width space
        "\ufeff-2+3",  # byte-order mark
        "\u2028@SUM(A1)",  # line separator
        "\n=1+1",
        "  \u200e\u200f=1",  # direction marks
        "\uff1dSUM(A1)",  # full-width equals sign
    ],
)
def test_the_formula_guard_sees_past_spaces_and_invisible_characters(text):
    out = guard_formulas(pd.DataFrame({"title": pd.array([text], dtype="str")}))
    assert out["title"].tolist() == ["'" + text]


@pytest.mark.parametrize("text", ["Plain", " Leading space", "\u200bInvisible then text", "1-2"])
def test_the_formula_guard_leaves_other_text(text):
    out = guard_formulas(pd.DataFrame({"title": pd.array([text], dtype="str")}))
    assert out["title"].tolist() == [text]


def test_rewriting_a_private_report_keeps_it_private(tmp_path):
    path = tmp_path / "report.html"
    progress = ta.load_demo()
    ta.write_report(progress, path)
    path.chmod(0o600)
    ta.write_report(progress, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    csv_dir = tmp_path / "csv"
    first = progress.to_csv(csv_dir)
    first[0].chmod(0o640)
    progress.to_csv(csv_dir)
    assert stat.S_IMODE(first[0].stat().st_mode) == 0o640
