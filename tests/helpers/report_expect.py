"""Expected summary numbers of the demo users, worked out from the generator's specs.

These repeat how the fixture was built (``make_specs``), never the code under
test: the report, the summary and the CLI tests compare against them.
"""

from __future__ import annotations

from trakt_analysis.analysis.summary import COMPLETION_BINS
from trakt_analysis.demo.generate import make_specs
from trakt_analysis.demo.users import DEMO_USERS


def demo_specs(user: str = "demo"):
    n_shows, seed, profile = DEMO_USERS[user]
    return make_specs(n_shows, seed=seed, profile=profile)


def expected_totals(specs) -> dict[str, int]:
    """The totals, from the plan of every show (the generator's own arithmetic)."""
    plays = seen = checkins = 0
    for spec in specs:
        p = spec.plays
        s = round(p * spec.seen_share)
        plays += p
        seen += s
        checkins += min(spec.checkins, p - s)
    return {
        "shows": len(specs),
        "finished": sum(1 for s in specs if s.aired and s.completed == s.aired),
        "in_progress": sum(1 for s in specs if 0 < s.completed < s.aired),
        "not_started": sum(1 for s in specs if s.aired and s.completed == 0),
        "nothing_aired": sum(1 for s in specs if s.aired == 0),
        "episodes_aired": sum(s.aired for s in specs),
        "episodes_watched": sum(s.completed for s in specs),
        "episodes_left": sum(s.aired - s.completed for s in specs),
        "plays": plays,
        "seen": seen,
        "checkins": checkins,
        "scrobbles": plays - seen - checkins,
        "up_next": sum(1 for s in specs if s.next_episode is not None),
    }


def expected_bins(specs, *, hidden: bool = False) -> dict[str, int]:
    """The completion bins; "hidden" only when asked (API v1 cannot tell hidden shows)."""
    counts = dict.fromkeys(COMPLETION_BINS, 0)
    if not hidden:
        del counts["hidden"]
    for s in specs:
        if s.aired == 0:
            counts["nothing aired"] += 1
        elif s.completed == 0:
            counts["not started"] += 1
        elif s.completed == s.aired:
            counts["finished"] += 1
        elif 4 * s.completed < s.aired:
            counts["under 25%"] += 1
        elif 2 * s.completed < s.aired:
            counts["25% to 50%"] += 1
        elif 4 * s.completed < 3 * s.aired:
            counts["50% to 75%"] += 1
        else:
            counts["75% or more"] += 1
    return counts


def card(soup, key: str) -> str:
    """The text of the report's summary card ``data-metric=key`` (it must be there)."""
    node = soup.select_one(f'[data-metric="{key}"]')
    assert node is not None, key
    return node.get_text(" ", strip=True)
