"""Issue the toolkit's warnings at the line of the code that called it, not the toolkit's.

A warning names a file and a line; Python shows it once per place. Each call
site counting its own ``stacklevel`` pointed some warnings inside this package
(a TVmaze warning three calls deep, a frame's warning four deep). :func:`warn`
finds the first frame outside the package instead, as pandas finds its own.
"""

from __future__ import annotations

import inspect
import os
import warnings

__all__ = ["warn"]

# As the package's modules' code names their files (unresolved, as imported).
_PACKAGE = os.path.dirname(__file__) + os.sep


def warn(message: str, category: type[Warning]) -> None:
    """:func:`warnings.warn` `message` as `category`, at the caller's line outside the package."""
    warnings.warn(message, category, stacklevel=_stack_level())


def _stack_level() -> int:
    # Counted from this frame: it, warn(), the package's frames, then the caller's.
    frame = inspect.currentframe()
    level = 0
    try:
        while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
            frame = frame.f_back
            level += 1
    finally:
        del frame
    return level
