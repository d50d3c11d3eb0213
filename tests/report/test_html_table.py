"""``report._html.table``: the exact HTML of small frames, worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from trakt_analysis._format import fmt_date, fmt_int, fmt_pct, fmt_year
from trakt_analysis.report._html import Column, number, table

DASH = "\N{EM DASH}"
HEAD = '<table class="data"><thead><tr>'


def test_three_rows_with_na_markup_and_thousands():
    frame = pd.DataFrame(
        {
            "title": pd.array(["<b>Dark</b>", None, 'Tom & Jerry\'s "show"'], dtype="str"),
            "year": pd.array([2017, 2017, None], dtype="Int64"),
            "plays": pd.array([1234567, None, 0], dtype="Int64"),
            "completion": [0.5, np.nan, 1.0],
        }
    )
    html = table(
        frame,
        [
            Column("show", "title"),
            number("year", fmt=fmt_year),
            number("plays"),
            number("completion", "done", fmt_pct),
        ],
        caption="3 <shows>",
        table_id="t1",
    )
    assert html == (
        '<table class="data" id="t1"><caption>3 &lt;shows&gt;</caption><thead><tr>'
        '<th scope="col">show</th><th scope="col" class=num>year</th>'
        '<th scope="col" class=num>plays</th><th scope="col" class=num>done</th>'
        "</tr></thead><tbody>"
        "<tr><td>&lt;b&gt;Dark&lt;/b&gt;</td><td class=num>2017</td>"
        "<td class=num>1,234,567</td><td class=num>50.0%</td></tr>"
        f"<tr><td></td><td class=num>2017</td><td class=num>{DASH}</td>"
        f"<td class=num>{DASH}</td></tr>"
        "<tr><td>Tom &amp; Jerry&#x27;s &quot;show&quot;</td><td class=num></td>"
        "<td class=num>0</td><td class=num>100.0%</td></tr>"
        "</tbody></table>"
    )


def test_a_formatter_cannot_inject_markup_and_sees_none_for_na():
    seen = []

    def shout(value):
        seen.append(value)
        return "<i>none</i>" if value is None else f"<i>{value}</i>"

    frame = pd.DataFrame({"x": pd.array([1, None, 1], dtype="Int64")})
    html = table(frame, [Column("x", "x", shout)])
    body = html.split("<tbody>")[1]
    assert body == (
        "<tr><td>&lt;i&gt;1&lt;/i&gt;</td></tr>"
        "<tr><td>&lt;i&gt;none&lt;/i&gt;</td></tr>"
        "<tr><td>&lt;i&gt;1&lt;/i&gt;</td></tr></tbody></table>"
    )
    assert None in seen
    assert 1 in seen
    assert all(v is None or type(v) is int for v in seen)  # plain Python values


def test_values_that_compare_equal_but_print_apart_keep_their_own_text():
    # 0.0 == -0.0 and 1 == 1.0 == True, but each is written as it is.
    frame = pd.DataFrame(
        {
            "f": [0.0, -0.0, 0.0],
            "o": pd.Series([1, True, 1.0], dtype=object),
        }
    )
    html = table(frame, [Column("f", "f"), Column("o", "o")])
    assert html.split("<tbody>")[1] == (
        "<tr><td>0.0</td><td>1</td></tr>"
        "<tr><td>-0.0</td><td>True</td></tr>"
        "<tr><td>0.0</td><td>1.0</td></tr></tbody></table>"
    )


def test_categorical_dates_and_lists():
    frame = pd.DataFrame(
        {
            "show": pd.Categorical(["B&B", None, "B&B"]),
            # 23:30 UTC on 31 December is 1 January in Berlin: the local day is written.
            "when": pd.to_datetime(
                ["2024-12-31 23:30", None, "2024-06-01 12:00"], utc=True
            ).tz_convert("Europe/Berlin"),
            "genres": pd.Series([["a", "<b>"], None, []], dtype=object),
        }
    )
    html = table(
        frame,
        [Column("show", "show"), number("when", fmt=fmt_date), Column("genres", "genres")],
    )
    assert html.split("<tbody>")[1] == (
        "<tr><td>B&amp;B</td><td class=num>2025-01-01</td>"
        "<td>[&#x27;a&#x27;, &#x27;&lt;b&gt;&#x27;]</td></tr>"
        "<tr><td></td><td class=num></td><td></td></tr>"
        "<tr><td>B&amp;B</td><td class=num>2024-06-01</td><td>[]</td></tr></tbody></table>"
    )


@pytest.mark.parametrize("rows", [0, 1])
def test_columns_missing_from_the_frame_are_left_out(rows):
    frame = pd.DataFrame({"n": pd.array([1000] * rows, dtype="Int64")})
    html = table(frame, [Column("gone", "gone"), number("n", fmt=fmt_int)])
    assert html.startswith(HEAD + '<th scope="col" class=num>n</th></tr></thead><tbody>')
    assert html.endswith(
        "<tbody>" + "<tr><td class=num>1,000</td></tr>" * rows + "</tbody></table>"
    )


def test_no_column_present_gives_no_rows():
    frame = pd.DataFrame({"n": [1, 2]})
    assert table(frame, [Column("gone", "gone")]) == (HEAD + "</tr></thead><tbody></tbody></table>")


def test_many_rows_in_order():
    n = 2_000
    frame = pd.DataFrame({"i": np.arange(n) % 7, "s": [f"s{i % 3}" for i in range(n)]})
    html = table(frame, [number("i"), Column("s", "s")])
    want = "".join(f"<tr><td class=num>{i % 7}</td><td>s{i % 3}</td></tr>" for i in range(n))
    assert html.split("<tbody>")[1] == want + "</tbody></table>"


def test_the_callers_markup_goes_around_the_table_unescaped():
    frame = pd.DataFrame({"n": [5]})
    html = table(frame, [number("n")], table_id="t", before='<div class="scroll">', after="</div>")
    assert html == (
        '<div class="scroll"><table class="data" id="t"><thead><tr>'
        '<th scope="col" class=num>n</th></tr></thead><tbody>'
        "<tr><td class=num>5</td></tr></tbody></table></div>"
    )
