"""Shared test builders: hypothesis strategies for v1 progress responses, valid and damaged.

Here, not in a test module: no test imports another test module.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.helpers.damage import damage

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# 1930-01-01 and 2100-12-31 in unix seconds.
EARLIEST = int(datetime(1930, 1, 1, tzinfo=UTC).timestamp())


LATEST = int(datetime(2100, 12, 31, tzinfo=UTC).timestamp())


TITLES = st.one_of(
    st.sampled_from(["Doctor Who", "The Office", "進撃の巨人", "사랑의 불시착", "เคว้ง"]),
    st.sampled_from(["कौन बनेगा करोड़पति", "NA", "null", "1883", "", "  ", "=SUM(A1)"]),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30),
)


AIR_TIMES = st.one_of(st.just(0), st.none(), st.integers(EARLIEST, LATEST))


EPISODE_COUNTS = st.sampled_from([0, 0, 1, 2, 5, 8, 13, 22, 300])


@st.composite
def seasons_of_a_show(draw: st.DrawFn) -> list[dict[str, Any]]:
    numbers = draw(st.lists(st.integers(0, 30), max_size=4, unique=True))
    seasons = []
    for number in numbers:
        n = draw(EPISODE_COUNTS)
        watched = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        done = sum(watched)
        seasons.append(
            {
                "season": number,
                "percentage": done * 100 // n if n else 0,
                "aired": n,
                "completed": done,
                "left": n - done,
                "episodes": {str(e): w for e, w in enumerate(watched, start=1)},
            }
        )
    return seasons


@st.composite
def show_items(draw: st.DrawFn, index: int) -> dict[str, Any]:
    seasons = draw(seasons_of_a_show())
    listed = [s["season"] for s in seasons]
    hidden = draw(st.lists(st.sampled_from(listed), unique=True)) if listed else []
    counted = [s for s in seasons if s["season"] > 0 and s["season"] not in hidden]
    aired = sum(s["aired"] for s in counted)
    done = sum(s["completed"] for s in counted)
    tvdb = 1000 + index
    item: dict[str, Any] = {
        "show": {
            "title": draw(TITLES),
            "year": draw(st.one_of(st.none(), st.integers(1930, 2100))),
            "imdb_id": draw(st.sampled_from(["", None, f"tt{index:07d}"])),
            "tvdb_id": draw(st.sampled_from([tvdb, str(tvdb)])),
            "tvrage_id": draw(st.sampled_from([0, None, 5000 + index, str(5000 + index)])),
        },
        "progress": {
            "percentage": done * 100 // aired if aired else 0,
            "aired": aired,
            "completed": done,
            "left": aired - done,
        },
        "seasons": seasons,
        "hidden_seasons": hidden,
        "stats": draw(
            st.one_of(
                st.none(),
                st.fixed_dictionaries(
                    {k: st.integers(0, 10**6) for k in ("plays", "scrobbles", "checkins", "seen")}
                ),
            )
        ),
        "next_episode": draw(
            st.one_of(
                st.just(False),
                st.none(),
                st.fixed_dictionaries(
                    {
                        "season": st.integers(0, 30),
                        "number": st.integers(1, 300),
                        "title": st.one_of(st.none(), TITLES),
                        "first_aired": AIR_TIMES,
                    },
                    optional={"first_aired_utc": st.integers(EARLIEST, LATEST)},
                ),
            )
        ),
    }
    return item


@st.composite
def responses(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(0, 6))
    return [draw(show_items(i)) for i in range(n)]


@st.composite
def damaged(draw: st.DrawFn) -> Any:
    return damage(draw, draw(responses().filter(bool)), replace_root=False, delete_one_in=6)
