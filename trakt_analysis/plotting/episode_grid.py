"""plot_episode_grid: a Trakt-style grid of season x episode."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from ..progress import Progress
from ._common import (
    check_frame,
    get_ax,
    legend_outside,
    no_data,
    of_user,
    user_color_map,
    user_name,
)
from ._docstrings import fill_doc
from ._select import ShowKey, rows_of, select_show
from .fonts import with_fallback_fonts
from .palette import STATE_COLORS, STATE_ORDER
from .text import shorten

__all__ = ["STATE_CODES", "plot_episode_grid"]

#: state -> the value of its cells in the image (``ax.images[0].get_array()``).
STATE_CODES: dict[str, int] = {state: code for code, state in enumerate(STATE_ORDER)}
#: Seasons longer than this (daily shows) wrap into rows of WRAP episodes.
WRAP = 50
_EPISODE_COLUMNS = ("user", "title", "year", "season", "episode", "watched")
_SEASON_COLUMNS = ("user", "title", "year", "season", "aired", "hidden")


def _season_rows(
    episodes: pd.DataFrame, seasons: pd.DataFrame | None
) -> list[tuple[int, np.ndarray, bool, bool]]:
    """(season, state codes of episodes 1..n, hidden, aired unknown) for one user's show.

    A season the seasons frame lists without an aired count may have episodes
    beyond those drawn: "aired unknown" says so (it is not an aired count of 0).
    """
    numbers = set(episodes["season"].tolist())
    info: dict[int, tuple[int, bool, bool]] = {}
    if seasons is not None:
        for season, aired, hidden in zip(
            seasons["season"], seasons["aired"], seasons["hidden"], strict=True
        ):
            unknown = bool(pd.isna(aired))
            info[int(season)] = (0 if unknown else int(aired), bool(hidden), unknown)
            numbers.add(int(season))
    rows = []
    by_season = dict(tuple(episodes.groupby("season", sort=True)[["episode", "watched"]]))
    for season in sorted(numbers):
        aired, hidden, unknown = info.get(season, (0, False, False))
        eps = by_season.get(season)
        keys = eps["episode"].to_numpy() if eps is not None else np.array([], dtype=int)
        length = max(int(keys.max()) if len(keys) else 0, aired)
        codes = np.full(length, STATE_CODES["missing"], dtype=float)
        if eps is not None and len(keys):
            keys_ok = keys[(keys >= 1) & (keys <= length)]
            watched = eps["watched"].to_numpy()[(keys >= 1) & (keys <= length)]
            codes[keys_ok - 1] = np.where(watched, STATE_CODES["watched"], STATE_CODES["unwatched"])
        if hidden:
            codes[:] = STATE_CODES["hidden"]
            if not length:  # hidden and unlisted: one cell says so
                codes = np.array([float(STATE_CODES["hidden"])])
        rows.append((season, codes, hidden, unknown and not hidden))
    return rows


@with_fallback_fonts
@fill_doc
def plot_episode_grid(
    episodes: pd.DataFrame | Progress,
    show: ShowKey,
    *,
    seasons: pd.DataFrame | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """A grid of one show's episodes: a row per season, a cell per episode.

    Cells are watched, unwatched, missing (aired, or numbered below a listed
    key, but absent from the response) or hidden (the user hid the season).
    A season the seasons frame lists without an aired count is labelled
    "S2 (aired ?)": episodes beyond the last drawn may have aired.
    Seasons longer than 50 episodes (daily shows) wrap into rows of 50.

    Parameters
    ----------
    episodes : pandas.DataFrame or Progress
        The episodes frame of :func:`load_progress`, one user or several
        (one block of rows per user, labelled in the user's colour); a
        Progress gives its episodes and, unless `seasons` is given, its seasons.
    show : str or (str, int)
        The title, or ``(title, year)`` when the title names several shows.
    seasons : pandas.DataFrame, optional
        The seasons frame: marks hidden seasons and counts aired episodes
        without keys as missing.
    %(ax)s
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow`.

    Returns
    -------
    matplotlib.axes.Axes
        The grid is ``ax.images[0]``; its array holds :data:`STATE_CODES`.

    Raises
    ------
    TraktArgumentError
        The show is unknown, or the title is ambiguous (remakes); the message
        lists the candidates.
    """
    if isinstance(episodes, Progress) and seasons is None:
        seasons = episodes.seasons  # a Progress brings its seasons: hidden ones are marked
    episodes = check_frame(episodes, _EPISODE_COLUMNS, "plot_episode_grid", "episodes")
    if seasons is not None:
        seasons = check_frame(seasons, _SEASON_COLUMNS, "plot_episode_grid", "seasons")
    if episodes.empty and (seasons is None or seasons.empty):
        return no_data(get_ax(ax, (8.0, 3.0)), "Episodes")
    # A show may be known from its seasons only (every season hidden and unlisted).
    keys = ["user", "title", "year"]
    parts = [episodes[keys]] + ([seasons[keys]] if seasons is not None else [])
    source = pd.concat([p.astype({"user": object, "title": object}) for p in parts])
    mask, title, year = select_show(source, show, "plot_episode_grid")
    mine = episodes[rows_of(episodes, title, year)]
    mine_seasons = None
    if seasons is not None:
        mine_seasons = seasons[rows_of(seasons, title, year)]

    users = user_color_map(pd.concat([mine[["user"]], source[mask][["user"]]]))
    blocks = []  # (user, season, codes, hidden)
    for user in users:
        u_eps = mine[of_user(mine, user)]
        u_seasons = None
        if mine_seasons is not None:
            u_seasons = mine_seasons[of_user(mine_seasons, user)]
        for season, codes, hidden, unknown in _season_rows(u_eps, u_seasons):
            blocks.append((user, season, codes, hidden, unknown))

    longest = max((len(codes) for _, _, codes, _, _ in blocks), default=1)
    width = WRAP if longest > WRAP + 10 else max(1, longest)
    grid_rows: list[np.ndarray] = []
    labels: list[str] = []
    label_users: list[object] = []
    starts: list[bool] = []
    several = len(users) > 1
    for user, season, codes, hidden, unknown in blocks:
        n = max(1, math.ceil(len(codes) / width))
        for part in range(n):
            chunk = codes[part * width : (part + 1) * width]
            row = np.full(width, np.nan)
            row[: len(chunk)] = chunk
            grid_rows.append(row)
            name = "Specials" if season == 0 else f"S{season}"
            if hidden:
                name += " (hidden)"
            elif unknown:  # more episodes may have aired than are drawn
                name += " (aired ?)"
            if several:
                name = f"{shorten(user_name(user), 12)} · {name}"
            span = f"{part * width + 1}–{min(len(codes), (part + 1) * width)}"
            if part:
                name = span
            elif n > 1:
                name = f"{name} {span}"
            labels.append(name)
            label_users.append(user)
            starts.append(part == 0)
    grid = np.vstack(grid_rows)
    n_rows = len(grid)
    ax = get_ax(ax, (8.0, float(np.clip(1.6 + 0.3 * n_rows, 2.5, 14.0))))
    cmap = ListedColormap([STATE_COLORS[s] for s in STATE_ORDER]).with_extremes(bad=(0, 0, 0, 0))
    options: dict[str, Any] = {"cmap": cmap, "vmin": -0.5, "vmax": len(STATE_ORDER) - 0.5}
    options |= {"aspect": "auto", "interpolation": "nearest"}
    options |= kwargs
    ax.imshow(np.ma.masked_invalid(grid), extent=(0.5, width + 0.5, n_rows - 0.5, -0.5), **options)
    if width <= 60 and n_rows <= 80:  # white gaps between cells
        ax.set_xticks(np.arange(0.5, width + 1), minor=True)
        ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.0)
        ax.tick_params(which="minor", length=0)
    rows = [i for i in range(n_rows) if n_rows <= 60 or starts[i]]
    ax.set_yticks(rows, labels=[labels[i] for i in rows])
    if several:
        for tick, i in zip(ax.get_yticklabels(), rows, strict=True):
            tick.set_color(users[label_users[i]])
    step = 1 if width <= 25 else 5 if width <= 60 else 10
    ax.set_xticks([1, *range(step, width + 1, step)] if step > 1 else range(1, width + 1))
    ax.set_xlabel("episode" if longest <= width else f"episode (seasons wrap every {width})")
    ax.set_ylabel("season")
    year_text = "" if pd.isna(year) else f" ({year})"
    ax.set_title(f"{shorten(title, 48)}{year_text}: episodes")
    handles = [Patch(facecolor=STATE_COLORS[s], label=s) for s in STATE_ORDER]
    if several:
        handles += [Patch(facecolor=c, label=user_name(u)) for u, c in users.items()]
    legend_outside(ax, handles)
    return ax
