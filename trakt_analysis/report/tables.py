"""Write the three frames to files: CSV for spreadsheets, Parquet for data tools.

CSV cells that a spreadsheet would run as a formula (text starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or their full-width
forms, also after leading spaces or invisible characters such as a zero-width
space) get a leading single quote, as OWASP advises against CSV injection: a
show titled ``=SUM(A1)`` is written ``'=SUM(A1)``. Only text columns are
touched; numbers stay numbers.
"""

from __future__ import annotations

import json
import os
import unicodedata
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .._stored import MANIFEST, manifest, progress_frames
from ..sources.files import need_pyarrow
from ._files import write_atomic

if TYPE_CHECKING:
    from ..progress import Progress

__all__ = ["FORMULA_PREFIXES", "guard_formulas", "to_csv", "to_parquet"]

#: Leading characters that make a spreadsheet treat a cell as a formula.
FORMULA_PREFIXES: tuple[str, ...] = (
    *("=", "+", "-", "@", "\t", "\r"),
    *("\uff1d", "\uff0b", "\uff0d", "\uff20"),  # full-width = + - @
)


def _skippable(ch: str) -> bool:
    """A character a spreadsheet may skip before reading a formula: space or invisible."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _is_text(column: pd.Series) -> bool:
    dtype = column.dtype
    return (
        isinstance(dtype, pd.StringDtype | pd.CategoricalDtype)
        or pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
    )


def _guard_value(value: object) -> object:
    if not isinstance(value, str):
        return value
    start = 0
    while start < len(value) and _skippable(value[start]) and value[start] not in "\t\r":
        start += 1
    if value.startswith(FORMULA_PREFIXES, start):
        return "'" + value
    return value


def _listlike_to_json(value: object) -> object:
    # List fields (genres) as JSON text: unambiguous, and it reads back with json.loads.
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` ready for CSV: text cells cannot start a formula.

    Text columns (``str``, categorical, object) become plain text columns in
    which every cell that starts with one of :data:`FORMULA_PREFIXES` is
    prefixed with ``'``; list cells become JSON text. Other columns are kept.
    """
    out = {}
    for name, column in frame.items():
        if _is_text(column):
            values = column.astype(object).map(_listlike_to_json).map(_guard_value)
            column = values.where(column.notna(), None)
        out[name] = column
    return pd.DataFrame(out, index=frame.index)


def _frames(progress: Progress) -> dict[str, pd.DataFrame]:
    """Every frame of the Progress: shows, seasons, episodes, the history, any other."""
    return progress_frames(progress)


def _write_manifest(progress: Progress, directory: Path, suffix: str) -> Path:
    files = {name: f"{name}{suffix}" for name in _frames(progress)}
    text = json.dumps(manifest(progress, files), ensure_ascii=False, indent=1)
    return write_atomic(
        directory / MANIFEST, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8")
    )


def to_csv(progress: Progress, directory: str | os.PathLike[str]) -> list[Path]:
    """Write every frame as CSV into `directory`: ``shows.csv``, ``seasons.csv``,
    ``episodes.csv``, ``history.csv`` (when the source has a history) and any
    other frame of the Progress, with ``progress.json`` (the user, the
    provenance and each frame's dtypes).

    UTF-8, CRLF line ends (RFC 4180), a header row, no index. Formula-like
    text is prefixed with ``'`` (see :func:`guard_formulas`); dates are ISO
    8601 in UTC; missing values are empty cells; list cells (``genres``) are
    JSON. Each file is written to a temporary file first, so an error leaves
    no partial file.

    Returns
    -------
    list of pathlib.Path
        The files written, the frames first, ``progress.json`` last.
    """
    directory = Path(directory)
    paths = []
    for name, frame in _frames(progress).items():
        safe = guard_formulas(frame)
        paths.append(
            write_atomic(
                directory / f"{name}.csv",
                # CRLF as RFC 4180 says; it also makes the writer quote a lone
                # "\r" inside a cell, which "\n" line ends would leave bare.
                partial(safe.to_csv, index=False, encoding="utf-8", lineterminator="\r\n"),
            )
        )
    paths.append(_write_manifest(progress, directory, ".csv"))
    return paths


def to_parquet(progress: Progress, directory: str | os.PathLike[str]) -> list[Path]:
    """Write every frame of the Progress as Parquet into `directory`, and ``progress.json``.

    ``shows.parquet``, ``seasons.parquet``, ``episodes.parquet``,
    ``history.parquet`` (when the source has a history) and any other frame;
    ``progress.json`` records the user, the provenance (source kind, time
    zone, notes) and each frame's dtypes, so :func:`trakt_analysis.read_parquet`
    gives back the same Progress (categoricals, nullable integers, UTC
    dates). Needs pyarrow: ``pip install 'trakt_analysis[parquet]'``.

    Returns
    -------
    list of pathlib.Path
        The files written, the frames first, ``progress.json`` last.

    Raises
    ------
    TraktDependencyError
        pyarrow is not installed.
    """
    need_pyarrow("writing")
    directory = Path(directory)
    paths = []
    for name, frame in _frames(progress).items():
        paths.append(
            write_atomic(
                directory / f"{name}.parquet",
                partial(frame.to_parquet, index=False, engine="pyarrow"),
            )
        )
    paths.append(_write_manifest(progress, directory, ".parquet"))
    return paths
