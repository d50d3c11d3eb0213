"""Write files atomically: a failed write never leaves a partial file behind."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import TraktError, TraktFileError

__all__ = ["atomic_path", "write_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`.

    The temporary file lives in the same directory, so :func:`os.replace` is
    atomic. If the block raises, the temporary file is removed and `path` is
    left as it was. The parent directory is created if needed.

    A file that exists keeps its permission bits (a report made private, 0600,
    stays private); a new one gets the usual ``0666 & ~umask``.
    A symlink is written through (its target is replaced, the link kept); a path
    that is not a regular file (a directory, a device such as ``/dev/full``, a
    FIFO) is refused rather than swapped for a file.

    Raises
    ------
    TraktFileError
        The directory cannot be created or written, or `path` is not a regular file.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    if target.exists() and not target.is_file():
        raise TraktFileError(f"cannot write {Path(path)}: it exists and is not a regular file")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise TraktFileError(f"cannot write {target}: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        # mkstemp makes the file private (0600); give it the old file's mode, or the usual.
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, TraktError):
            raise TraktFileError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise


def write_atomic(path: str | os.PathLike[str], write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary path, then move it to `path`."""
    with atomic_path(path) as tmp:
        write(tmp)
    return Path(path)
