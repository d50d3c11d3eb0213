"""Shared test builders: API v2 documents (progress, history) as Trakt sends them.

Here, not in a test module: no test imports another test module.
"""

from __future__ import annotations

SHOW_V2 = {
    "title": "Game of Thrones",
    "year": 2011,
    "ids": {"trakt": 1390, "slug": "game-of-thrones", "tvdb": 121361, "imdb": "tt0944947"},
}


EPISODE_V2 = {"season": 1, "number": 7, "title": "You Win or You Die", "ids": {"trakt": 73646}}


# The example: a saved API v2 /sync/progress/watched response.
V2_PROGRESS = [
    {
        "show": SHOW_V2,
        "progress": {
            "aired": 10,
            "completed": 6,
            "last_watched_at": "2015-03-21T19:03:58.000Z",
            "reset_at": None,
            "next_episode": EPISODE_V2,
            "last_episode": None,
        },
    }
]


V2_HISTORY = [
    {
        "id": 1982346,
        "watched_at": "2014-03-31T09:28:53.000Z",
        "action": "scrobble",
        "type": "episode",
        "episode": EPISODE_V2,
        "show": SHOW_V2,
    }
]
