"""What a saved Progress holds: every frame, its dtypes, the user and the provenance.

Written by :meth:`Progress.to_parquet` (and :meth:`Progress.to_csv`) as
``progress.json`` beside the frame files, read back by
:func:`trakt_analysis.read_parquet`. Every field of :class:`Progress` that holds a
DataFrame is a frame here (shows, seasons, episodes, history, and any frame a
later version adds), so nothing a source gave is lost on the way out.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from .errors import TraktFileError
from .progress import Progress, Provenance

__all__ = [
    "MANIFEST",
    "describe_dtypes",
    "manifest",
    "progress_frames",
    "progress_from",
    "restore_dtypes",
]

#: The file beside the frames that says what they are.
MANIFEST = "progress.json"
#: Version of the manifest's layout.
FORMAT = 1


def progress_frames(progress: Progress) -> dict[str, pd.DataFrame]:
    """Every frame of `progress` by field name, in field order; absent (None) frames left out."""
    frames = {}
    for field in dataclasses.fields(progress):
        value = getattr(progress, field.name)
        if isinstance(value, pd.DataFrame):
            frames[field.name] = value
    return frames


def describe_dtypes(frame: pd.DataFrame) -> dict[str, Any]:
    """Each column's dtype as JSON: a name, or a categorical with its categories' dtype."""
    out: dict[str, Any] = {}
    for name, dtype in frame.dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            # The categories in their order: Parquet's dictionary does not keep it.
            values = (
                [
                    None if pd.isna(v) else (v if isinstance(v, str) else int(v))
                    for v in dtype.categories.tolist()
                ]
                if _small(dtype)
                else None
            )
            out[str(name)] = {
                "category": str(dtype.categories.dtype),
                "ordered": bool(dtype.ordered),
                "categories": values,
            }
        else:
            out[str(name)] = str(dtype)
    return out


def _small(dtype: pd.CategoricalDtype) -> bool:
    """Categories worth recording: text or whole numbers, not too many."""
    kind = dtype.categories.dtype
    return len(dtype.categories) <= 100_000 and (
        pd.api.types.is_string_dtype(kind) or pd.api.types.is_integer_dtype(kind)
    )


def restore_dtypes(frame: pd.DataFrame, dtypes: dict[str, Any], *, where: str) -> pd.DataFrame:
    """`frame` with the dtypes :func:`describe_dtypes` recorded (columns it lacks are skipped).

    A categorical column without any value comes back from Parquet with
    ``object`` categories; a nullable integer column of an all-NA frame may
    come back as another dtype: both get their recorded dtype.
    """
    out = frame.copy()
    for column, dtype in dtypes.items():
        if column not in out.columns:
            continue
        values = out[column]
        try:
            if isinstance(dtype, dict):
                kind = dtype["category"]
                recorded = dtype.get("categories")
                if recorded is not None:
                    categories = pd.Index(pd.array(recorded, dtype=kind))
                    plain = values.astype(object).where(values.notna(), None)
                    out[column] = pd.Series(
                        pd.Categorical(
                            plain.astype(kind), categories=categories, ordered=dtype["ordered"]
                        ),
                        index=values.index,
                    )
                elif isinstance(values.dtype, pd.CategoricalDtype):
                    categories = values.cat.categories.astype(kind)
                    out[column] = values.cat.set_categories(categories, ordered=dtype["ordered"])
                else:
                    out[column] = values.astype(kind).astype("category")
            elif dtype == "object" and values.map(lambda v: hasattr(v, "tolist")).any():
                # a list column (genres): pyarrow reads the lists back as arrays
                cells = [v.tolist() if hasattr(v, "tolist") else v for v in values]
                out[column] = pd.Series(cells, index=values.index, dtype=object)
            elif str(values.dtype) != dtype:
                out[column] = values.astype(dtype)
        except (TypeError, ValueError, KeyError) as exc:
            raise TraktFileError(
                f"{where}: column {column!r} cannot take its recorded dtype {dtype!r}: {exc}"
            ) from exc
    return out


def manifest(progress: Progress, files: dict[str, str]) -> dict[str, Any]:
    """The JSON that :func:`progress_from` reads: frames (file, dtypes), user, provenance."""
    frames = progress_frames(progress)
    provenance = progress.provenance
    return {
        "format": FORMAT,
        "user": progress.user,
        "frames": {
            name: {"file": files[name], "dtypes": describe_dtypes(frame)}
            for name, frame in frames.items()
        },
        "provenance": None if provenance is None else dataclasses.asdict(provenance),
    }


def progress_from(frames: dict[str, pd.DataFrame], data: dict[str, Any], *, where: str) -> Progress:
    """A Progress from read frames and the manifest `data` (from :func:`manifest`).

    Fields of the manifest's provenance that this version does not know are
    left out; frames this version's Progress has no field for are left out too.
    """
    known = {field.name for field in dataclasses.fields(Progress)}
    missing = [name for name in ("shows", "seasons", "episodes") if name not in frames]
    if missing:
        raise TraktFileError(f"{where}: the saved progress lacks the {', '.join(missing)} frame(s)")
    stored = data.get("provenance")
    provenance = None
    if isinstance(stored, dict):
        fields = {f.name for f in dataclasses.fields(Provenance)}
        values = {k: v for k, v in stored.items() if k in fields}
        if isinstance(values.get("notes"), list):
            values["notes"] = tuple(values["notes"])
        try:
            provenance = Provenance(**values)
        except TypeError as exc:
            raise TraktFileError(f"{where}: the saved provenance is incomplete: {exc}") from exc
    user = data.get("user")
    return Progress(
        **{name: frame for name, frame in frames.items() if name in known},
        user=None if user is None else str(user),
        provenance=provenance,
    )
