"""TVmaze's JSON -> plain columns: the show lookup and the episode list (pure, no I/O).

Two documents of TVmaze's public API (https://www.tvmaze.com/api, CC BY-SA):

- ``GET /lookup/shows?thetvdb=ID`` (or ``?imdb=tt...``) answers with a redirect
  to ``/shows/{id}``, whose body is the show object: ``{"id", "name",
  "premiered", "externals": {"tvrage", "thetvdb", "imdb"}, ...}``.
- ``GET /shows/{id}/episodes?specials=1``: a list of episode objects ``{"id",
  "name", "season", "number", "type", "airdate", "airtime", "airstamp",
  "runtime", ...}``. ``airstamp`` is ISO 8601 with an offset (UTC in practice)
  or null when the air date is not known yet; ``runtime`` is minutes or null.

Specials
--------
TVmaze keeps a special in the season it aired in, with ``number: null`` and
``type`` ``"significant_special"`` or ``"insignificant_special"``. Trakt (like
TheTVDB, where its numbering comes from) puts every special in season 0,
numbered 1, 2, ... in air order. :func:`parse_episode_list` does the same: an
episode is a special when its type ends in ``special``, its number is null, or
its season is 0; specials are sorted by air stamp (unknown ones last, then in
TVmaze's order) and numbered from 1 in season 0. This is an approximation:
TheTVDB's season 0 may hold extras TVmaze does not list, or order them
otherwise, so specials are the most common numbering mismatch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import TraktDataError
from ._checks import short, utc_times
from ._problems import Problems

__all__ = ["EPISODE_COLUMNS", "parse_episode_list", "parse_show_lookup"]

#: The largest season, episode number or id taken from TVmaze (its numbers are 32-bit).
MAX_NUMBER = 2**31 - 1

#: The columns :func:`parse_episode_list` returns (season and episode in Trakt's
#: numbering, see the module docstring).
EPISODE_COLUMNS = ("season", "episode", "title", "first_aired", "runtime", "tvmaze_episode_id")

# An episode list longer than this is not a TV show's (the longest daily shows
# have some 15,000 episodes); it is refused rather than loaded.
MAX_EPISODES = 100_000


def parse_show_lookup(data: Any, *, label: str) -> dict[str, Any]:
    """The fields of a TVmaze show object that identify it.

    Parameters
    ----------
    data : dict
        The parsed JSON of ``/lookup/shows?...`` (after its redirect) or ``/shows/{id}``.
    label : str
        Names the document in messages, e.g. the request.

    Returns
    -------
    dict
        ``tvmaze_id`` (int), ``name`` (str or None), ``tvdb_id`` (int or None),
        ``imdb_id`` (str or None).

    Raises
    ------
    TraktDataError
        Not an object, or no integer ``id``.
    """
    if not isinstance(data, dict):
        raise TraktDataError(f"{label}: expected a TVmaze show object, got {type(data).__name__}")
    show_id = data.get("id")
    if type(show_id) is not int or show_id <= 0:
        raise TraktDataError(f"{label}: the show has no valid 'id' (got {short(show_id)})")
    externals = data.get("externals")
    externals = externals if isinstance(externals, dict) else {}
    tvdb = externals.get("thetvdb")
    imdb = externals.get("imdb")
    name = data.get("name")
    return {
        "tvmaze_id": show_id,
        "name": name if isinstance(name, str) else None,
        "tvdb_id": tvdb if type(tvdb) is int else None,
        "imdb_id": imdb if isinstance(imdb, str) else None,
    }


def parse_episode_list(data: Any, *, label: str, problems: Problems) -> dict[str, Any]:
    """The episodes of a TVmaze episode list as columns, in Trakt's numbering.

    Parameters
    ----------
    data : list of dict
        The parsed JSON of ``/shows/{id}/episodes?specials=1``.
    label : str
        Names the show in error messages.
    problems : Problems
        Where odd values that loaded as NA, and dropped repeats, are recorded
        (by episode position); the source issues them as warnings.

    Returns
    -------
    dict
        :data:`EPISODE_COLUMNS`: ``season`` and ``episode`` (int64 numpy arrays;
        specials in season 0, see the module docstring), ``title`` (object,
        None where missing), ``first_aired`` (datetime64[ns, UTC], NaT when
        unknown), ``runtime`` (Int64 minutes, NA when unknown),
        ``tvmaze_episode_id`` (Int64). Rows are by season, then episode; a
        repeated (season, episode) keeps the first. And ``partial`` (bool):
        True when a regular episode was left out (a season or number that is
        not a whole number up to 2**31 - 1, recorded in `problems`): the
        show's counts from this list are then unknown, never a lower number.

    Raises
    ------
    TraktDataError
        Not a list, too long, or an entry that is not an object.
    """
    if not isinstance(data, list):
        raise TraktDataError(f"{label}: expected a list of episodes, got {type(data).__name__}")
    if len(data) > MAX_EPISODES:
        raise TraktDataError(f"{label}: {len(data)} episodes is more than {MAX_EPISODES}")
    partial = False  # a regular episode was left out: the counts are not complete
    regular: list[tuple[int, int, int]] = []  # (season, number, position)
    specials: list[int] = []
    stamps: list[object] = []
    details: list[tuple[str | None, int | None, int | None]] = []  # title, runtime, id
    for i, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise TraktDataError(
                f"{label}: episode {i}: expected an object, got {type(entry).__name__}"
            )
        season, number, kind = entry.get("season"), entry.get("number"), entry.get("type")
        is_special = (
            number is None or season == 0 or (isinstance(kind, str) and kind.endswith("special"))
        )
        if not is_special:
            if (
                type(season) is int
                and type(number) is int
                and 0 <= season <= MAX_NUMBER
                and 0 < number <= MAX_NUMBER
            ):
                regular.append((season, number, i))
            else:
                # Not a whole number, or beyond 32 bits (an int32 elsewhere would wrap
                # 2**32 to 0): the episode cannot be placed. The show's counts from this
                # list are partial, and say so (never a lower count shown as exact).
                problems.odd(
                    f"episode {i}",
                    f"season {short(season)}, number {short(number)} is not a whole "
                    "number up to 2**31 - 1",
                    then="the episode is left out; the show's counts from TVmaze are unknown",
                )
                partial = True
        else:
            specials.append(i)
        stamps.append(entry.get("airstamp"))
        details.append(_details(entry, i, problems))

    first_aired = _air_stamps(stamps, problems)
    # Specials: season 0, numbered in air order (unknown stamps last, then list order).
    special_order = sorted(
        specials,
        key=lambda i: (pd.isna(first_aired[i]), first_aired[i] if pd.notna(first_aired[i]) else 0),
    )
    rows = [(s, n, i) for s, n, i in regular] + [
        (0, k, i) for k, i in enumerate(special_order, start=1)
    ]
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    seen: set[tuple[int, int]] = set()
    kept: list[tuple[int, int, int]] = []
    for season, number, i in rows:
        if (season, number) in seen:
            problems.odd(
                f"episode {i}",
                f"S{season:02d}E{number:02d} is listed twice",
                then="the first one is used",
            )
            continue
        seen.add((season, number))
        kept.append((season, number, i))
    order = [i for _, _, i in kept]
    columns = {
        "season": np.array([s for s, _, _ in kept], dtype=np.int64),
        "episode": np.array([n for _, n, _ in kept], dtype=np.int64),
        "title": [details[i][0] for i in order],
        "first_aired": first_aired[order] if order else first_aired[:0],
        "runtime": pd.array([details[i][1] for i in order], dtype="Int64"),
        "tvmaze_episode_id": pd.array([details[i][2] for i in order], dtype="Int64"),
        "partial": partial,
    }
    return columns


def _details(
    entry: dict[str, Any], i: int, problems: Problems
) -> tuple[str | None, int | None, int | None]:
    """An episode's title, runtime (minutes) and TVmaze id; an odd runtime or id is None
    (recorded in `problems`)."""
    name = entry.get("name")
    runtime = entry.get("runtime")
    if runtime is not None and (type(runtime) is not int or runtime <= 0 or runtime > 10_000):
        problems.odd(f"episode {i}", f"runtime {short(runtime)}")
        runtime = None
    episode_id = entry.get("id")
    if type(episode_id) is int and not 0 < episode_id <= MAX_NUMBER:
        problems.odd(f"episode {i}", f"id {short(episode_id)}")
        episode_id = None
    return (
        name if isinstance(name, str) else None,
        runtime,
        episode_id if type(episode_id) is int else None,
    )


def _air_stamps(stamps: list[object], problems: Problems) -> pd.DatetimeIndex:
    """ISO 8601 air stamps -> UTC datetimes; null and unparsable ones are NaT (with a warning)."""
    texts = [s if isinstance(s, str) and s.strip() else None for s in stamps]
    for i, (raw, text) in enumerate(zip(stamps, texts, strict=True)):
        if raw is not None and text is None and raw != "":
            problems.odd(f"episode {i}", f"airstamp {short(raw)}")
    parsed, bad = utc_times(texts)  # the one conversion of every source's times
    for i, why in bad:
        problems.odd(f"episode {i}", f"airstamp {short(texts[i])} {why}")
    return pd.DatetimeIndex(parsed).as_unit("ns")
