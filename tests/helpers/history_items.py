"""Shared test builders: history entries as Trakt sends them.

Here, not in a test module: no test imports another test module.
"""

from __future__ import annotations

LOKI = {
    "title": "Loki",
    "year": 2021,
    "ids": {
        "trakt": 146535,
        "slug": "loki",
        "tvdb": 362472,
        "imdb": "tt9140554",
        "tmdb": 84958,
        "tvrage": None,
    },
}
