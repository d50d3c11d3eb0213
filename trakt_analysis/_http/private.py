"""Files only the user can read: the token file and the HTTP caches (0600 in a 0700 folder).

The token and the cached answers (watch history, ratings, settings) are the
user's own: a folder we create is 0700 and a file 0600; a file found readable
by others is narrowed to 0600 with a :class:`~trakt_analysis.TraktWarning`.
Where POSIX modes do not exist (Windows) the calls change nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .._warnings import warn
from ..errors import TraktFileError, TraktWarning

__all__ = ["keep_private", "private_file", "private_folder"]


def private_folder(directory: Path) -> None:
    """Create `directory` (and its parents) 0700 if missing; an existing one is left as it is."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)


def keep_private(fd: int, what: str, advice: str) -> None:
    """Narrow the open file `fd` to 0600 when others may read it, with a warning.

    `what` names the file ("the token file ~/…/x.json"); `advice` says what to
    do if others had access (after the warning, and after the error's "delete it").

    Raises
    ------
    TraktFileError
        The file cannot be narrowed (not the user's own file).
    """
    mode = stat.S_IMODE(os.fstat(fd).st_mode)
    if os.name != "posix" or not mode & 0o077:
        return
    try:
        os.fchmod(fd, 0o600)
    except OSError as exc:
        raise TraktFileError(
            f"{what} can be read by others (mode {mode:o}) and cannot be made private "
            f"({exc.strerror}); delete it. {advice}"
        ) from None
    warn(f"{what} could be read by others (mode {mode:o}); it is now 0600. {advice}", TraktWarning)


def private_file(path: Path, what: str, advice: str) -> None:
    """Create `path` empty with mode 0600 if missing, else narrow it as :func:`keep_private`.

    Raises
    ------
    TraktFileError
        The file cannot be created or narrowed.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o600)
    except OSError as exc:
        raise TraktFileError(f"cannot create {what}: {exc.strerror}") from None
    try:
        keep_private(fd, what, advice)
    finally:
        os.close(fd)
