"""The history joined to the watched shows in bulk gives what a play-by-play join gives.

``parsers.v2._history_episodes`` matches each episode play to a show (its Trakt id,
else its title and year; a show only the history names is added at its first
play) and counts plays, actions and episodes per distinct show and episode.
The reference here does it one play at a time, as the parser did before; on
generated histories whose shows share ids and titles in every way, both must
leave the same shows, in the same order, with the same counts.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from hypothesis import example, given
from hypothesis import strategies as st

from tests.helpers.problems import issued
from tests.helpers.strategies import SETTINGS
from trakt_analysis.parsers.history import parse_history
from trakt_analysis.parsers.v2 import _IDENTITY, _history_episodes, _Show


def _bulk_join(history: dict[str, Any], by_trakt: dict, by_title: dict, register) -> None:
    """The parser's bulk join (``_history_episodes``), its episodes added to each show's
    ``episodes`` dict: the per-show form (a summary's episodes, entries ``[summary's plays,
    summary's last watch, runtime, history plays, last watch]``) the reference below makes."""
    joined = _history_episodes(history, by_trakt, by_title, register)
    if joined is None:
        return
    stamps = pd.DatetimeIndex(joined.latest, tz="UTC")
    for slot, season, number, plays, stamp, runtime in zip(
        joined.slot.tolist(),
        joined.season.tolist(),
        joined.number.tolist(),
        joined.plays.tolist(),
        stamps,
        joined.runtime.tolist(),
        strict=True,
    ):
        entry = joined.shows[slot].episodes.setdefault(
            (season, number), [None, None, None, 0, None]
        )
        entry[3] += plays
        if entry[2] is None and runtime >= 0:
            entry[2] = runtime
        if stamp is not pd.NaT and (entry[4] is None or stamp > entry[4]):
            entry[4] = stamp


def _play_by_play(history: dict[str, Any], by_trakt: dict, by_title: dict, register) -> None:
    """The join one play at a time: each play matched against the shows known so far."""
    get = {
        name: pd.array(values).to_numpy(dtype=object, na_value=None)
        for name, values in history.items()
    }
    for i in range(len(get["type"])):
        if get["type"][i] != "episode":
            continue
        trakt = get["trakt_id"][i]
        show = by_trakt.get(trakt) if trakt is not None else None
        if show is None:
            show = by_title.get((get["title"][i], get["year"][i]))
        if show is None:
            show = _Show({name: get[name][i] for name in _IDENTITY})
            register(show)
        show.history_plays += 1
        if get["action"][i] is not None:
            show.actions[get["action"][i]] = show.actions.get(get["action"][i], 0) + 1
        entry = show.episodes.setdefault(
            (get["season"][i], get["episode"][i]), [None, None, None, 0, None]
        )
        entry[3] += 1
        if entry[2] is None:
            entry[2] = get["runtime"][i]
        when = get["watched_at"][i]
        if when is not None and (entry[4] is None or when > entry[4]):
            entry[4] = when


def _joined(join, summaries: list[dict[str, Any]], history: dict[str, Any]) -> list[Any]:
    shows: list[_Show] = []
    by_trakt: dict = {}
    by_title: dict = {}

    def register(show: _Show) -> None:
        shows.append(show)
        if show.identity["trakt_id"] is not None:
            by_trakt.setdefault(show.identity["trakt_id"], show)
        by_title.setdefault((show.identity["title"], show.identity["year"]), show)

    for identity in summaries:
        register(_Show(dict(identity)))
    join(history, by_trakt, by_title, register)
    return [
        (
            show.identity,
            show.history_plays,
            show.actions,
            {
                key: (e[2], e[3], None if e[4] is None else pd.Timestamp(e[4]))
                for key, e in show.episodes.items()
            },
        )
        for show in shows
    ]


SHOW = st.fixed_dictionaries(
    {
        "title": st.sampled_from(["Dark", "Dunkel", "Loki"]),
        "year": st.sampled_from([2017, 2021, None]),
        "ids": st.fixed_dictionaries(
            {
                "trakt": st.sampled_from([1, 2, 3, None]),
                "slug": st.sampled_from(["dark", "loki", None]),
            }
        ),
    }
)
PLAY = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["episode", "episode", "episode", "movie"]),
        "show": SHOW,
        "action": st.sampled_from(["scrobble", "checkin", "watch", None]),
        "watched_at": st.sampled_from(
            [None, "2023-10-20T20:00:00.000Z", "2023-10-21T20:00:00.000Z", "2024-01-01T00:00:00Z"]
        ),
        "episode": st.fixed_dictionaries(
            {
                "season": st.integers(0, 2),
                "number": st.integers(1, 3),
                "runtime": st.sampled_from([None, 30, 45]),
            }
        ),
    }
)


def _item(play: dict[str, Any], index: int) -> dict[str, Any]:
    item = {"id": index + 1, **play}
    if play["type"] == "movie":
        item["movie"] = {"title": "Arrival", "year": 2016, "ids": {"trakt": 9}}
        del item["show"], item["episode"]
    return item


def _play(title: str, trakt: int, number: int) -> dict[str, Any]:
    return {
        "type": "episode",
        "show": {"title": title, "year": 2017, "ids": {"trakt": trakt, "slug": None}},
        "action": "scrobble",
        "watched_at": None,
        "episode": {"season": 1, "number": number, "runtime": None},
    }


@SETTINGS
@example(  # one Trakt id under a summary's title, then under a new one: the later plays move
    plays=[_play("Dark", 3, 1), _play("Dunkel", 3, 2), _play("Dark", 3, 3)],
    summaries=[{"title": "Dark", "year": 2017, "trakt_id": 1}],
)
@given(
    plays=st.lists(PLAY, max_size=25),
    summaries=st.lists(
        st.fixed_dictionaries(
            {
                "title": st.sampled_from(["Dark", "Loki"]),
                "year": st.sampled_from([2017, 2021, None]),
                "trakt_id": st.sampled_from([1, 2, None]),
            }
        ),
        max_size=3,
    ),
)
def test_the_bulk_join_is_the_play_by_play_join(plays, summaries):
    history = issued(parse_history, [_item(p, i) for i, p in enumerate(plays)], label="h")
    identities = [dict.fromkeys(_IDENTITY) | s for s in summaries]
    assert _joined(_bulk_join, identities, history) == _joined(_play_by_play, identities, history)
