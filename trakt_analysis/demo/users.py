"""Bundled demo data: example users, one call away after a plain install.

The data is not shipped as files: :mod:`.generate` builds it from a fixed seed,
so ``ta.load_demo()`` works from any install. ``data/fixtures/users/`` in the
repository holds the same responses as JSON (a test keeps them identical);
``python -m trakt_analysis.datasets DIR`` writes them again.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

from ..errors import TraktArgumentError
from ..frames import history_frame
from ..parsers._problems import Problems
from ..parsers.history import parse_history_items
from ..progress import Progress, Provenance
from ..sources._issue import issue
from ..sources.files import load_progress
from ..sources.history_fill import fill_last_watched
from .generate import Profile, ShowSpec, generate_progress, make_specs
from .history import PlannedPlay, history_items, plan_history

__all__ = [
    "DEMO_TIMEZONES",
    "DEMO_USERS",
    "demo_history",
    "demo_payload",
    "demo_plan",
    "demo_users",
    "load_demo",
    "write_demo_fixtures",
]

#: name -> (shows, seed, profile) of each bundled user.
DEMO_USERS: dict[str, tuple[int, int, Profile]] = {
    "demo": (40, 0, "full"),
    "casual": (8, 1, "minimal"),
    "binger": (25, 2, "binger"),
}


#: name -> the IANA time zone of each bundled user's profile (their local evenings).
DEMO_TIMEZONES: dict[str, str] = {
    "demo": "Europe/Berlin",
    "casual": "America/New_York",
    "binger": "Asia/Tokyo",
}


def demo_users() -> list[str]:
    """Names of the bundled demo users, for :func:`load_demo`."""
    return list(DEMO_USERS)


def _user(user: str) -> tuple[int, int, Profile]:
    try:
        return DEMO_USERS[user]
    except KeyError:
        names = ", ".join(DEMO_USERS)
        raise TraktArgumentError(f"no demo user {user!r}; choose one of: {names}") from None


def demo_payload(user: str = "demo") -> bytes:
    """The JSON response of a demo user, as the API would send it."""
    n_shows, seed, profile = _user(user)
    return generate_progress(n_shows, seed=seed, profile=profile)


def demo_plan(user: str = "demo") -> tuple[list[ShowSpec], list[PlannedPlay]]:
    """A demo user's show plans and planned plays (newest first): what tests expect."""
    n_shows, seed, profile = _user(user)
    specs = make_specs(n_shows, seed=seed, profile=profile)
    return specs, plan_history(specs, seed=user, timezone=DEMO_TIMEZONES[user])


def demo_history(user: str = "demo") -> list[dict[str, Any]]:
    """A demo user's watch history as API v2 history items, newest first.

    The same items fill the demo export's ``watched-history-N.json`` files.
    """
    specs, plays = demo_plan(user)
    return history_items(specs, plays)


def load_demo(user: str = "demo") -> Progress:
    """Load a bundled demo user's watched progress.

    Parameters
    ----------
    user : str
        One of :func:`demo_users`: ``"demo"`` (40 shows, every field that
        ``extended=full`` and auth add), ``"casual"`` (8 shows, the minimal
        fields of the API's example) or ``"binger"`` (25 shows, many finished
        and rewatched).

    Returns
    -------
    Progress
        The three frames of the user's v1 progress and ``.history``, one row
        per planned play (:mod:`trakt_analysis.demo.history`), newest first.
        ``.provenance`` is kind ``"demo"`` with the user's time zone;
        ``shows.last_watched_at`` is each show's latest play in the history.

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> shows, seasons, episodes = ta.load_demo()
    >>> len(shows)
    40
    """
    progress = load_progress(demo_payload(user), user=user)
    problems = Problems(f"demo:{user}")
    columns = parse_history_items(demo_history(user), label=problems.label, problems=problems)
    issue(problems)
    history = history_frame(columns, user=user)
    provenance = Provenance("demo", user, timezone=DEMO_TIMEZONES[user])
    # v1 sends no last_watched_at; the history says when each show was last played.
    return fill_last_watched(dataclasses.replace(progress, history=history, provenance=provenance))


def write_demo_fixtures(directory: str | Path) -> list[Path]:
    """Write every demo user's response to ``DIRECTORY/<user>.json``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for user in DEMO_USERS:
        path = directory / f"{user}.json"
        path.write_bytes(demo_payload(user))
        paths.append(path)
    return paths


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    for written in write_demo_fixtures(sys.argv[1] if len(sys.argv) > 1 else "data/fixtures/users"):
        print(written)
