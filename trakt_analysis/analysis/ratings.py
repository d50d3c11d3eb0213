"""How you rate: the distribution of your ratings, means by genre and decade, your top rated.

Reads ``Progress.ratings`` (:data:`~trakt_analysis.schema.RATINGS`: the
export's ``ratings-*.json`` or API v2's ``/sync/ratings``) with the shows frame
(for genres and premiere years) and the history (for what you never watched).
A rating outside 1-10 loaded as NA: it is left out of every count and mean,
and ``attrs["ratings_without_value"]`` says how many there were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import schema
from ..errors import TraktArgumentError
from ..progress import Progress
from .breakdown import UNKNOWN, _id_numbers, _keys, _progresses, show_positions, show_values
from .timezone import resolve_timezone

__all__ = ["RATINGS_SCALE", "RatingStats", "rating_stats"]

#: Trakt's rating scale: 1 (weak sauce) to 10 (totally ninja).
RATINGS_SCALE: tuple[int, ...] = tuple(range(1, 11))


@dataclass(frozen=True)
class RatingStats:
    """What :func:`rating_stats` computes; each frame has a ``user`` column.

    Attributes
    ----------
    distribution : pandas.DataFrame
        ``user``, ``type`` (show, season, episode, movie), ``rating`` (1-10),
        ``ratings`` (how many): every rating of the scale for every type, 0
        where none.
    by_genre : pandas.DataFrame
        Show ratings by the show's genre: ``user``, ``genre``, ``ratings``,
        ``mean_rating``; a show in three genres counts in each; shows without
        genres (or not in the shows frame) are ``"unknown"``, last.
    by_decade : pandas.DataFrame
        Show and movie ratings by the decade of the premiere (else the year):
        ``user``, ``type``, ``decade`` (``"1990s"``), ``ratings``, ``mean_rating``.
    top_rated : pandas.DataFrame
        Shows and movies rated highest, up to `top` of each per user: ``user``,
        ``type``, ``title``, ``year``, ``trakt_id``, ``rating``, ``rated_at``,
        ``rank``; ties by the latest rating first.
    per_year : pandas.DataFrame
        Ratings given per year (local time): ``user``, ``year``, ``ratings``,
        ``mean_rating``; ``attrs["timezone"]``.
    unwatched : pandas.DataFrame
        What you rated but never played (a show, or a season or episode of a
        show, none of whose episodes is in the history; a movie not in it):
        ``user``, ``type``, ``title``, ``year``, ``trakt_id``, ``rating``,
        ``rated_at``. Empty when the source has no history to tell (attrs
        ``known`` False).
    """

    distribution: pd.DataFrame
    by_genre: pd.DataFrame
    by_decade: pd.DataFrame
    top_rated: pd.DataFrame
    per_year: pd.DataFrame
    unwatched: pd.DataFrame


def _mean(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = frame.groupby(keys, sort=False, dropna=False)["rating"]
    out = pd.DataFrame({"ratings": grouped.size(), "mean_rating": grouped.mean()}).reset_index()
    out["ratings"] = out["ratings"].astype("int64")
    out["mean_rating"] = out["mean_rating"].astype("Float64")
    return out


def _unknown_last(frame: pd.DataFrame, column: str, *, by_value: bool = False) -> pd.DataFrame:
    unknown = frame[column] == UNKNOWN
    known = frame[~unknown]
    if by_value:
        known = known.sort_values(column, kind="stable")
    else:
        known = known.sort_values(
            ["ratings", "mean_rating", column], ascending=[False, False, True], kind="stable"
        )
    return pd.concat([known, frame[unknown]], ignore_index=True)


def _one(progress: Progress, top: int, tz: object) -> dict[str, pd.DataFrame]:
    ratings = progress.ratings
    if ratings is None:
        raise TraktArgumentError(
            "rating_stats: this progress has no ratings (not read from the source); load "
            "the account export, or TraktAPI.progress(ratings=True)"
        )
    user = progress.user
    rated = ratings[ratings["rating"].notna().to_numpy(dtype=bool)].reset_index(drop=True)
    rated = rated.assign(rating=rated["rating"].astype("int64"))
    kinds = rated["type"].astype(object)

    counts = rated.groupby([kinds, rated["rating"]]).size()
    index = pd.MultiIndex.from_product(
        [schema.RATING_TYPES, RATINGS_SCALE], names=["type", "rating"]
    )
    distribution = counts.reindex(index, fill_value=0).rename("ratings").reset_index()
    distribution["ratings"] = distribution["ratings"].astype("int64")

    shows_rated = rated[(kinds == "show").to_numpy()].reset_index(drop=True)
    position = show_positions(shows_rated, progress.shows)
    genres = show_values(progress.shows, "genre")
    per_rating = pd.DataFrame({"show": position, "rating": shows_rated["rating"].to_numpy()})
    per_rating["_row"] = np.arange(len(per_rating))
    joined = per_rating.merge(genres, on="show", how="left")
    joined["value"] = joined["value"].where(joined["value"].notna(), UNKNOWN)
    by_genre = _unknown_last(_mean(joined.rename(columns={"value": "genre"}), ["genre"]), "genre")

    decades = show_values(progress.shows, "decade").set_index("show")["value"]
    show_decade = pd.Series(position).map(decades).fillna(UNKNOWN)
    movies = rated[(kinds == "movie").to_numpy()].reset_index(drop=True)
    movie_year = pd.to_numeric(movies["year"], errors="coerce").astype("Float64")
    movie_decade = (movie_year // 10 * 10).astype("Int64").astype(object)
    movie_decade = movie_decade.map(lambda d: UNKNOWN if pd.isna(d) else f"{d}s")
    decade_rows = pd.DataFrame(
        {
            "type": ["show"] * len(shows_rated) + ["movie"] * len(movies),
            "decade": list(show_decade) + list(movie_decade),
            "rating": list(shows_rated["rating"]) + list(movies["rating"]),
        }
    )
    by_decade = _mean(decade_rows, ["type", "decade"])
    by_decade = pd.concat(
        [
            _unknown_last(by_decade[by_decade["type"] == kind], "decade", by_value=True)
            for kind in ("show", "movie")
        ],
        ignore_index=True,
    )

    best = rated[kinds.isin(["show", "movie"]).to_numpy()]
    best = best.sort_values(["rating", "rated_at"], ascending=[False, False], kind="stable")
    best = best.assign(rank=best.groupby("type").cumcount().astype("int64") + 1)
    best = best[best["rank"] <= top]
    top_rated = best[["type", "title", "year", "trakt_id", "rating", "rated_at", "rank"]]
    top_rated = top_rated.sort_values(["type", "rank"], ascending=[False, True], kind="stable")

    zone = resolve_timezone(tz, progress)
    local_year = rated["rated_at"].dt.tz_convert(zone).dt.year.astype("Int64")
    per_year = _mean(rated.assign(year=local_year)[["year", "rating"]], ["year"])
    per_year = per_year.sort_values("year", kind="stable", na_position="last")
    per_year.attrs["timezone"] = zone

    unwatched = _unwatched(progress, rated)
    frames = {
        "distribution": distribution,
        "by_genre": by_genre,
        "by_decade": by_decade,
        "top_rated": top_rated.reset_index(drop=True),
        "per_year": per_year.reset_index(drop=True),
        "unwatched": unwatched,
    }
    for name, frame in frames.items():
        frame.insert(0, "user", pd.Series([user] * len(frame), dtype=schema.STR))
        frame.attrs["ratings_without_value"] = int(ratings["rating"].isna().sum())
        if name == "per_year":
            frame.attrs["timezone"] = zone
    return frames


def _unwatched(progress: Progress, rated: pd.DataFrame) -> pd.DataFrame:
    columns = ["type", "title", "year", "trakt_id", "rating", "rated_at"]
    history = progress.history
    if history is None:
        out = rated.iloc[:0][columns].reset_index(drop=True)
        out.attrs["known"] = False
        return out
    kinds = history["type"].astype(object) if "type" in history.columns else None
    is_movie = (
        (kinds == "movie").to_numpy(dtype=bool)
        if kinds is not None
        else np.zeros(len(history), dtype=bool)
    )
    trakt = _id_numbers(history["trakt_id"])
    rated_ids = _id_numbers(rated["trakt_id"])
    rated_movie = (rated["type"].astype(object) == "movie").to_numpy(dtype=bool)
    seen = np.zeros(len(rated), dtype=bool)
    for movie in (False, True):  # a movie's play is no play of a show of its name, and back
        mine = rated_movie == movie
        plays = is_movie == movie
        seen |= mine & np.isin(rated_ids, trakt[plays & ~np.isnan(trakt)])
        # Without a Trakt id on either side: by title and year.
        unsure = mine & ~seen & (np.isnan(rated_ids) | bool(np.isnan(trakt[plays]).any()))
        if unsure.any():
            names = pd.unique(_keys(history[plays]))
            seen[unsure] = _keys(rated[unsure]).isin(names).to_numpy(dtype=bool)
    keep = ~seen
    out = rated[np.array(keep, dtype=bool)][columns].reset_index(drop=True)
    out.attrs["known"] = True
    return out


def rating_stats(
    data: Progress | Iterable[Progress], *, top: int = 10, tz: object = None
) -> RatingStats:
    """How you rate shows, seasons, episodes and movies on trakt.tv.

    Parameters
    ----------
    data : Progress or list of Progress
        With ``ratings`` (the account export, or ``TraktAPI.progress(ratings=True)``);
        one user or several.
    top : int
        Shows and movies kept in :attr:`RatingStats.top_rated`, per user and type.
    tz : str, optional
        IANA time zone of :attr:`RatingStats.per_year`: the profile's, else the machine's.

    Returns
    -------
    RatingStats
        The distribution 1-10 per type, the mean rating by genre and by decade,
        the top rated shows and movies, the ratings given per year, and what was
        rated but never watched (see :class:`RatingStats`).

    Raises
    ------
    TraktArgumentError
        A progress without ratings (v1, or v2 without ``ratings=True``), or a bad `top`.
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise TraktArgumentError(f"rating_stats: top must be a positive integer, got {top!r}")
    parts = [_one(p, top, tz) for p in _progresses(data, "rating_stats")]
    frames = {}
    for name in parts[0]:
        frame = pd.concat([p[name] for p in parts], ignore_index=True)
        frame.attrs = dict(parts[0][name].attrs)
        frame.attrs["ratings_without_value"] = sum(
            p[name].attrs.get("ratings_without_value", 0) for p in parts
        )
        frames[name] = frame
    return RatingStats(**frames)
