"""A small hand-built progress response for the explorer's tests.

Every expected value in the tests is worked out by hand from this plan.
"""

from __future__ import annotations

from typing import Any

import orjson

DAY_2019 = 1_546_300_800  # 2019-01-01T00:00:00Z
DAY_2020 = 1_577_836_800  # 2020-01-01T00:00:00Z
DAY_2021 = 1_622_505_600  # 2021-06-01T00:00:00Z


def show(
    title: str, year: int, seasons: list[list[bool]], next_episode: tuple[int, int, int] | None
) -> dict[str, Any]:
    season_items = []
    for number, watched in enumerate(seasons, start=1):
        aired, completed = len(watched), sum(watched)
        season_items.append(
            {
                "season": number,
                "percentage": completed * 100 // aired,
                "aired": aired,
                "completed": completed,
                "left": aired - completed,
                "episodes": {str(i): w for i, w in enumerate(watched, start=1)},
            }
        )
    aired = sum(len(s) for s in seasons)
    completed = sum(sum(s) for s in seasons)
    item: dict[str, Any] = {
        "show": {"title": title, "year": year, "imdb_id": "", "tvdb_id": 0, "tvrage_id": 0},
        "progress": {
            "percentage": completed * 100 // aired,
            "aired": aired,
            "completed": completed,
            "left": aired - completed,
        },
        "seasons": season_items,
        "hidden_seasons": [],
        "stats": {"plays": completed, "scrobbles": completed, "checkins": 0, "seen": 0},
        "next_episode": False,
    }
    if next_episode is not None:
        s, n, aired_at = next_episode
        item["next_episode"] = {"season": s, "number": n, "title": f"E{n}", "first_aired": aired_at}
    return item


# Response order: Gamma (2020), Alpha, beta, Gamma (2001).
#   title            aired completed left  %   next
#   Gamma (2020)       4      1       3   25  S01E02 2021-06-01
#   Alpha (2010)       5      4       1   80  S02E02 2020-01-01
#   beta (2015)        2      2       0  100  -
#   Gamma (2001)       4      0       4    0  S01E01 2019-01-01
RESPONSE = [
    show("Gamma", 2020, [[True, False, False, False]], (1, 2, DAY_2021)),
    show("Alpha", 2010, [[True, True, True], [True, False]], (2, 2, DAY_2020)),
    show("beta", 2015, [[True, True]], None),
    show("Gamma", 2001, [[False, False, False, False]], (1, 1, DAY_2019)),
]

# A second user: one show, half watched.
OTHER = [show("Delta", 1999, [[True, False]], (1, 2, DAY_2019))]


def payload(items: list[dict[str, Any]]) -> bytes:
    return orjson.dumps(items)


def write_users(directory: Any) -> None:
    """alice (RESPONSE), bob (OTHER) and broken (truncated JSON) in `directory`."""
    (directory / "alice.json").write_bytes(payload(RESPONSE))
    (directory / "bob.json").write_bytes(payload(OTHER))
    (directory / "broken.json").write_bytes(payload(RESPONSE)[:200])
