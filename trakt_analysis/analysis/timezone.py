"""Which time zone the history statistics use, and the plays in it.

The history's ``watched_at`` is UTC. People ask "which hour do I watch", so the
statistics bucket plays in a local zone: the one the caller names, else the
profile's (:attr:`Provenance.timezone <trakt_analysis.Provenance>`, where the
source has it), else the machine's. The chosen zone is returned with every
result (``frame.attrs["timezone"]``) so charts and the report print it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from .._advice import advice
from .._warnings import warn
from ..errors import TraktArgumentError, TraktDataWarning
from ..progress import Progress
from ._rails_zones import RAILS_ZONES

__all__ = ["history_of", "local_timezone", "resolve_timezone"]

_ZONEINFO_MARK = "zoneinfo/"


def _valid(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def local_timezone() -> str:
    """The machine's IANA time zone name; ``"UTC"`` when it cannot be told.

    Looks at ``$TZ``, then where ``/etc/localtime`` links to, then
    ``/etc/timezone`` (Debian). A fixed offset such as the one
    :meth:`datetime.astimezone` gives is not a zone (it knows no DST), so it is
    not used.
    """
    candidates: list[str] = []
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        candidates.append(env)
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    if _ZONEINFO_MARK in target:
        candidates.append(target.split(_ZONEINFO_MARK, 1)[1])
    with contextlib.suppress(OSError, UnicodeDecodeError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name and _valid(name):
            return name
    return "UTC"


def resolve_timezone(tz: object = None, progress: Progress | None = None) -> str:
    """The IANA zone name the statistics use: `tz`, else the profile's, else the machine's.

    Parameters
    ----------
    tz : str or zoneinfo.ZoneInfo, optional
        An IANA name such as ``"Europe/Berlin"`` or ``"Asia/Kolkata"``, or one
        of Rails' names that trakt.tv uses (``"Eastern Time (US & Canada)"``).
    progress : Progress, optional
        Its ``provenance.timezone`` (the user's profile zone) is used when
        `tz` is None. A Rails name is mapped to its IANA zone; a profile zone
        that is neither (``"UTC+1"``) falls back to the machine's zone with a
        :class:`~trakt_analysis.TraktDataWarning` naming the profile.

    Raises
    ------
    TraktArgumentError
        `tz` (given by the caller) is not a known IANA or Rails zone.
    """
    if tz is None and progress is not None and progress.provenance is not None:
        profile = progress.provenance.timezone
        if profile is not None:
            zone = _known(profile)
            if zone is not None:
                return zone
            fallback = local_timezone()
            owner = f"{progress.user!r}" if progress.user else progress.provenance.label
            choose = advice(python="pass tz=... to choose", cli="give --tz to choose")
            warn(
                f"the profile of {owner} names the time zone {profile!r}, which is neither an "
                f"IANA nor a Rails zone name; using {fallback!r} instead ({choose})",
                TraktDataWarning,
            )
            return fallback
    if tz is None:
        return local_timezone()
    if isinstance(tz, ZoneInfo):
        return tz.key
    zone = _known(tz)
    if zone is None:
        raise TraktArgumentError(
            f"tz must be an IANA time zone name such as 'Europe/Berlin', got {tz!r}"
        )
    return zone


def _known(name: object) -> str | None:
    """`name` when it is an IANA zone, its IANA zone when it is a Rails name, else None."""
    if not isinstance(name, str):
        return None
    if _valid(name):
        return name
    mapped = RAILS_ZONES.get(name.strip())
    return mapped if mapped is not None and _valid(mapped) else None


def history_of(data: object, func: str) -> tuple[pd.DataFrame, Progress | None]:
    """The history frame of `data` (a history frame or a :class:`Progress`).

    Raises
    ------
    TraktArgumentError
        `data` is neither, the progress has no history (v1), or the frame
        lacks ``watched_at``.
    """
    progress = data if isinstance(data, Progress) else None
    if progress is not None:
        if progress.history is None:
            raise TraktArgumentError(
                f"{func}: this progress has no watch history (API v1 sends none); "
                "load the account export or use API v2"
            )
        data = progress.history
    if not isinstance(data, pd.DataFrame):
        raise TraktArgumentError(
            f"{func}: expected the history frame (Progress.history) or a Progress, "
            f"got {type(data).__name__}"
        )
    if "watched_at" not in data.columns:
        raise TraktArgumentError(
            f"{func}: the frame lacks column watched_at; pass the history frame (Progress.history)"
        )
    # Positions, not labels: pd.concat without ignore_index repeats index labels.
    return data.reset_index(drop=True), progress
