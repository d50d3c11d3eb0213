"""Bundled demo data: example users, one call away after a plain install.

The data is not shipped as files: :mod:`.generate` builds it from a fixed seed,
so ``ta.load_demo()`` works from any install. ``data/fixtures/users/`` in the
repository holds the same responses as JSON (a test keeps them identical);
``python -m trakt_analysis.datasets DIR`` writes them again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import TraktArgumentError
from ..progress import Progress
from ..sources.files import load_progress
from .generate import Profile, generate_progress

__all__ = ["DEMO_USERS", "demo_payload", "demo_users", "load_demo", "write_demo_fixtures"]

#: name -> (shows, seed, profile) of each bundled user.
DEMO_USERS: dict[str, tuple[int, int, Profile]] = {
    "demo": (40, 0, "full"),
    "casual": (8, 1, "minimal"),
    "binger": (25, 2, "binger"),
}


def demo_users() -> list[str]:
    """Names of the bundled demo users, for :func:`load_demo`."""
    return list(DEMO_USERS)


def demo_payload(user: str = "demo") -> bytes:
    """The JSON response of a demo user, as the API would send it."""
    try:
        n_shows, seed, profile = DEMO_USERS[user]
    except KeyError:
        names = ", ".join(DEMO_USERS)
        raise TraktArgumentError(f"no demo user {user!r}; choose one of: {names}") from None
    return generate_progress(n_shows, seed=seed, profile=profile)


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

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> shows, seasons, episodes = ta.load_demo()
    >>> len(shows)
    40
    """
    return load_progress(demo_payload(user), user=user)


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
