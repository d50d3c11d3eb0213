"""The explorer's logic without widgets: view(), show options, HTML."""

from __future__ import annotations

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.explore_data import RESPONSE
from trakt_analysis.explore import TABLE_COLUMNS, Filters, show_options, view
from trakt_analysis.explore._html import message_html, table_html


@pytest.fixture(scope="module")
def progress() -> ta.Progress:
    return ta.load_progress(RESPONSE, user="alice")


def keys(table: pd.DataFrame) -> list[tuple[str, int]]:
    return list(zip(table["title"], table["year"].astype(int), strict=True))


TITLE_ORDER = [("Alpha", 2010), ("beta", 2015), ("Gamma", 2001), ("Gamma", 2020)]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", TITLE_ORDER),
        ("most-completed", [("beta", 2015), ("Alpha", 2010), ("Gamma", 2020), ("Gamma", 2001)]),
        ("least-completed", [("Gamma", 2001), ("Gamma", 2020), ("Alpha", 2010), ("beta", 2015)]),
        # next episode's air date, newest first; no next episode last
        ("recently-aired", [("Gamma", 2020), ("Alpha", 2010), ("Gamma", 2001), ("beta", 2015)]),
        ("previously-aired", [("Gamma", 2001), ("Alpha", 2010), ("Gamma", 2020), ("beta", 2015)]),
    ],
)
def test_sort_orders_the_table(progress, sort, expected):
    v = view(progress, sort=sort, charts=False)
    assert keys(v.table) == expected
    assert v.sort == sort
    assert v.notes == ()


def test_table_columns_and_values(progress):
    table = view(progress, sort="title", charts=False).table
    assert tuple(table.columns) == TABLE_COLUMNS
    assert list(table.index) == [0, 1, 2, 3]
    alpha = table.iloc[0]
    assert (alpha["completed"], alpha["aired"], alpha["left"], alpha["percentage"]) == (4, 5, 1, 80)
    assert alpha["next"] == "S02E02"
    assert alpha["next_first_aired"] == pd.Timestamp("2020-01-01", tz="UTC")
    beta = table.iloc[1]
    assert pd.isna(beta["next"])
    assert pd.isna(beta["next_first_aired"])


def test_summary_counts_the_shown_shows(progress):
    v = view(progress, charts=False)
    assert (v.summary.shows, v.summary.watched, v.summary.left) == (4, 7, 8)
    assert str(v.summary) == "4 shows · 7 episodes watched · 8 episodes left"
    one = view(progress, selection=[("Alpha", 2010)], charts=False).summary
    assert str(one) == "1 show · 4 episodes watched · 1 episodes left"


def test_filters(progress):
    hidden = view(progress, filters=Filters(hide_completed=True), charts=False)
    assert keys(hidden.table) == [("Alpha", 2010), ("Gamma", 2001), ("Gamma", 2020)]
    started = view(progress, filters=Filters(in_progress=True), charts=False)
    assert keys(started.table) == [("Alpha", 2010), ("Gamma", 2020)]


def test_selection_by_key_and_by_title(progress):
    by_key = view(progress, selection=[("Gamma", 2001)], charts=False)
    assert keys(by_key.table) == [("Gamma", 2001)]
    by_title = view(progress, selection=["Gamma"], charts=False)
    assert keys(by_title.table) == [("Gamma", 2001), ("Gamma", 2020)]
    # the shows frame rows keep their original index (response order 3 and 0)
    assert list(by_title.shows.index) == [3, 0]


def test_search_applies_only_without_a_selection(progress):
    searched = view(progress, filters=Filters(search="AMM"), charts=False)
    assert keys(searched.table) == [("Gamma", 2001), ("Gamma", 2020)]
    selected = view(progress, selection=["Alpha"], filters=Filters(search="amm"), charts=False)
    assert keys(selected.table) == [("Alpha", 2010)]
    nothing = view(progress, filters=Filters(search="zzz"), charts=False)
    assert nothing.table.empty
    assert nothing.focus is None
    assert str(nothing.summary) == "0 shows · 0 episodes watched · 0 episodes left"


def test_focus_defaults_to_first_row_and_keeps_a_choice(progress):
    assert view(progress, sort="most-completed", charts=False).focus == ("beta", 2015)
    kept = view(progress, sort="most-completed", focus=("Gamma", 2001), charts=False)
    assert kept.focus == ("Gamma", 2001)
    gone = view(progress, selection=["Alpha"], focus=("Gamma", 2001), charts=False)
    assert gone.focus == ("Alpha", 2010)
    assert view(progress, focus="Gamma", charts=False).focus == ("Gamma", 2001)


def test_activity_order_is_a_note_not_an_error(progress):
    v = view(progress, sort="activity", charts=False)
    assert keys(v.table) == [("Gamma", 2020), ("Alpha", 2010), ("beta", 2015), ("Gamma", 2001)]
    assert len(v.notes) == 1
    assert "cannot sort by 'activity'" in v.notes[0]


def test_bad_arguments_raise_trakt_errors(progress):
    with pytest.raises(ta.TraktArgumentError, match=r"unknown sort order 'newest'.*title"):
        view(progress, sort="newest", charts=False)
    with pytest.raises(ta.TraktArgumentError, match=r"title or a \(title, year\) pair"):
        view(progress, selection=[42], charts=False)
    with pytest.raises(ta.TraktArgumentError, match="needs a Progress"):
        view(progress.shows, charts=False)  # type: ignore[arg-type]


def test_show_options_are_labelled_and_searchable(progress):
    labels = [label for label, _ in show_options(progress.shows)]
    assert labels == ["Alpha (2010)", "beta (2015)", "Gamma (2001)", "Gamma (2020)"]
    assert show_options(progress.shows, "2020") == [("Gamma (2020)", ("Gamma", 2020))]


def test_charts_draw_completion_and_the_focused_grid(progress):
    v = view(progress, sort="most-completed", top=2)
    completion, grid = v.figure.axes[:2]
    # top=2 of the sorted shows: beta and Alpha are drawn, the Gammas are not
    drawn = " ".join(t.get_text() for t in completion.get_yticklabels())
    assert "beta" in drawn
    assert "Alpha" in drawn
    assert "Gamma (2001)" not in drawn
    assert "beta" in grid.get_title()


def test_charts_of_progress_without_a_user():
    anonymous = ta.load_progress(RESPONSE)  # user NA, as load_progress(path) gives
    v = view(anonymous, sort="least-completed")
    assert v.focus == ("Gamma", 2001)
    assert "Gamma" in v.figure.axes[1].get_title()


def test_charts_of_an_empty_view(progress):
    v = view(progress, filters=Filters(search="zzz"))
    assert v.figure is not None
    assert v.figure.axes[1].texts[0].get_text() == "no show to show"


def test_table_html_escapes_and_draws_bars():
    table = pd.DataFrame(
        {"title": ["<b>x</b> & y", "z"], "year": [2020, 2021], "percentage": [40, pd.NA]}
    ).astype({"percentage": "Int64"})
    html = table_html(table)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html
    assert "<b>x</b>" not in html
    assert "#4c72b0 40%" in html
    assert html.count('class="ta-pct"') == 1  # the NA percentage has no bar


def test_table_html_leaves_missing_values_empty():
    table = pd.DataFrame(
        {
            "next": pd.Series(["S01E02", pd.NA], dtype="str"),
            "next_first_aired": pd.Series(
                [pd.Timestamp("2021-06-01 20:00", tz="UTC"), pd.NaT], dtype="datetime64[ns, UTC]"
            ),
        }
    )
    html = table_html(table)
    assert ">2021-06-01<" in html
    assert "NaT" not in html
    assert "nan" not in html
    assert "&lt;NA&gt;" not in html


def test_table_html_caps_rows_and_says_so():
    table = pd.DataFrame({"title": [f"t{i}" for i in range(7)]})
    html = table_html(table, max_rows=5)
    assert html.count("<tr>") == 1 + 5
    assert "2 more rows" in html


def test_message_html_escapes():
    assert "&lt;script&gt;" in message_html("<script>")
    assert message_html("") == ""
