"""Pick one show out of a frame by title or (title, year)."""

from __future__ import annotations

import pandas as pd

from ..errors import TraktArgumentError

ShowKey = str | tuple[str, int]


def select_show(frame: pd.DataFrame, show: object, func: str) -> tuple[pd.Series, str, object]:
    """The row mask of `show` in `frame`, its title and year.

    Raises TraktArgumentError, listing the candidates, when the title is
    unknown or names several shows (remakes) and no year was given.
    """
    if isinstance(show, tuple) and len(show) == 2:
        title, year = show
    elif isinstance(show, str):
        title, year = show, None
    else:
        raise TraktArgumentError(
            f"{func}: show must be a title (str) or a (title, year) tuple, got {show!r}"
        )
    titles = frame["title"].astype(object)
    pairs = (
        pd.DataFrame({"title": titles.to_numpy(), "year": frame["year"].to_numpy()})
        .dropna(subset=["title"])
        .drop_duplicates()
    )
    matches = pairs[pairs["title"] == title]
    if year is not None:
        matches = matches[matches["year"] == year]
    if len(matches) == 1:
        year = matches["year"].iloc[0]
        return rows_of(frame, title, year), str(title), year
    if len(matches) > 1:
        options = ", ".join(f"({title!r}, {y})" for y in matches["year"])
        raise TraktArgumentError(
            f"{func}: {title!r} names {len(matches)} shows; pass one of {options}"
        )
    near = pairs[pairs["title"].str.casefold().str.contains(str(title).casefold(), regex=False)]
    listed = near if len(near) else pairs
    shown = [f"({t!r}, {y})" for t, y in listed.head(10).itertuples(index=False)]
    more = f" and {len(listed) - 10} more" if len(listed) > 10 else ""
    what = f"{title!r}" if year is None else f"({title!r}, {year})"
    hint = "similar titles" if len(near) else "shows in the data"
    raise TraktArgumentError(f"{func}: no show {what}; {hint}: {', '.join(shown) or 'none'}{more}")


def rows_of(frame: pd.DataFrame, title: str, year: object) -> pd.Series:
    """Boolean mask of the rows of show (title, year) in `frame` (NA year matches NA)."""
    same_title = frame["title"].astype(object) == title
    if pd.isna(year):
        return (same_title & frame["year"].isna()).astype(bool)
    return (same_title & (frame["year"] == year).fillna(False)).astype(bool)
