"""Read a data source into parsed JSON: the first step of every load.

A source is a path (``str`` or :class:`os.PathLike`), the JSON text as
``bytes``, a binary file object, or JSON that is already parsed. Nothing here
knows what the JSON means; that is the parser's job.

:func:`read_parquet` reads back the Parquet files :meth:`Progress.to_parquet`
wrote.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeAlias

from ..errors import (
    TraktDataError,
    TraktDependencyError,
    TraktFileError,
    TraktSourceError,
)
from ..frames import frames_from_parsed
from ..parsers._json import parse_json
from ..parsers.detect import is_zip, wrong_format_message
from ..parsers.v1 import parse_progress, parse_progress_json
from ..progress import Progress, Provenance
from ._issue import issue

__all__ = [
    "Source",
    "describe_source",
    "load_progress",
    "need_pyarrow",
    "read_bytes",
    "read_json",
    "read_parquet",
    "user_of_file",
]

Source: TypeAlias = (
    "str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes] | list[Any]"
)


def describe_source(source: object) -> str:
    """A short, safe label for error messages: the file name, never the content."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    if isinstance(name, str):
        return name
    if isinstance(source, bytes | bytearray | memoryview):
        return "<bytes>"
    return f"<{type(source).__name__}>"


def user_of_file(path: str | os.PathLike[str]) -> str | None:
    """The user a saved v1 response file belongs to: ``<username>.json`` is `username`'s.

    A v1 response does not name its user; its file name does, as the saved
    ``data/fixtures/users/demo.json`` is the demo user's. The one rule of
    :func:`load_progress`, :class:`~trakt_analysis.sources.catalog.FileSource` and
    :class:`~trakt_analysis.sources.catalog.DirectorySource` (the explorer's user
    list). None when the name does not end in ``.json`` (any case) or nothing
    is before it.

    Examples
    --------
    >>> user_of_file("data/fixtures/users/demo.json")
    'demo'
    >>> user_of_file("notes.txt") is None
    True
    """
    name = Path(path).name
    if not name.casefold().endswith(".json"):
        return None
    stem = name[: -len(".json")]
    return stem if stem.strip() and not stem.startswith(".") else None


def read_json(source: Source) -> Any:
    """Return the parsed JSON of `source`.

    Parameters
    ----------
    source : str, os.PathLike, bytes, binary file object or list
        Where the JSON is. A ``str`` is always a path, never JSON text.
        An already parsed list is returned as it is.

    Raises
    ------
    TraktFileError
        The file cannot be read.
    TraktDataError
        The bytes are not valid UTF-8 JSON, or are a ZIP archive (the message
        points to ``ta.load_export``).
    TraktSourceError
        `source` is none of the accepted kinds.
    """
    data = read_bytes(source)
    if isinstance(data, bytes):
        return parse_json(data, label=describe_source(source))
    return data


def read_bytes(source: Source) -> bytes | list[Any] | dict[str, Any]:
    """The bytes of `source` (not parsed yet); parsed JSON is returned as it is.

    Raises
    ------
    TraktFileError, TraktDataError, TraktSourceError
        As :func:`read_json`; a ZIP archive is refused here, before parsing.
    """
    if isinstance(source, list | dict):
        return source
    label = describe_source(source)
    if isinstance(source, str | os.PathLike):
        try:
            with open(source, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise TraktFileError(f"cannot read {label}: {reason}") from exc
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif hasattr(source, "read"):
        try:
            data = source.read()
        except OSError as exc:
            raise TraktFileError(f"cannot read {label}: {exc}") from exc
        if isinstance(data, str):
            raise TraktSourceError(
                f"{label} is a text-mode file; open it in binary mode ('rb') so the "
                "loader can check the encoding"
            )
    else:
        raise TraktSourceError(
            f"cannot load progress from a {type(source).__name__}: pass a path, bytes, "
            "a binary file object or a parsed list"
        )
    if is_zip(data):
        raise TraktDataError(wrong_format_message("zip", label))
    return data


def load_progress(source: Source, *, user: str | None = None) -> Progress:
    """Load a saved API v1 ``user/progress/watched`` response into three typed frames.

    Parameters
    ----------
    source : str, os.PathLike, bytes, binary file object or list
        The response: a path to a JSON file (a ``str`` is always a path), the
        JSON as bytes, an open binary file, or the already parsed list.
    user : str, optional
        The username the response belongs to. It fills the ``user`` column of
        every frame, so several users' frames concatenate. When not given: a
        file named ``<username>.json`` (a path, or a file opened from one) is
        `username`'s (:func:`user_of_file`); anything else (another name, bytes,
        an unnamed file object, a list) NA.

    Returns
    -------
    Progress
        ``.shows``, ``.seasons`` and ``.episodes``; unpacks as a 3-tuple.

    Raises
    ------
    TraktDataError
        The input's structure is not a progress response's. The message says
        where: the line and column of invalid JSON, or the item, show and
        field. Another Trakt document (an API v2 response, an account-export
        member or ZIP, a v1 library file) is named, with what to call instead.
    TraktAPIError
        The input is an API error body: v1's ``{"status": "failure" | "error",
        ...}`` or v2's ``{"error": ...}``; the message is the API's, whole.
    TraktFileError
        A path cannot be read.

    Warns
    -----
    TraktDataWarning
        One odd value in a show loaded as NA (a negative count, a string where
        a number belongs, an unparsable date), or counts disagree (a
        percentage with its counts, a show's totals with its seasons). The
        warning names the shows and fields; the other shows load as usual.
        ``docs/data-rules.md`` lists the rule of every field.

    Notes
    -----
    ``next_first_aired`` is the next episode's true air instant when the
    response carries ``first_aired_utc`` or ``first_aired_iso``; otherwise it
    is v1's ``first_aired``: the show's local air time read as US Pacific time
    (the date is right; the hour may be off by the network's time zone).

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> shows, seasons, episodes = ta.load_demo()
    >>> shows[["title", "completed", "aired"]].head(2)  # doctest: +SKIP
    """
    if user is not None and not isinstance(user, str):
        raise TraktSourceError(f"user must be a string or None, got {type(user).__name__}")
    if user is None and isinstance(source, str | os.PathLike):
        user = user_of_file(source)
    elif user is None and isinstance(getattr(source, "name", None), str):
        user = user_of_file(source.name)  # type: ignore[union-attr]  # a file open()ed
    label = describe_source(source)
    data = read_bytes(source)
    try:
        with _gc_paused():
            if isinstance(data, bytes):
                parsed = parse_progress_json(data, label=label)
            else:
                parsed = parse_progress(data, label=label)
    except TraktDataError as exc:
        if str(exc).startswith(label):  # it names the file already: say it once
            raise
        error: TraktDataError | None = TraktDataError(f"{label}: {exc}")  # say which file
    else:
        error = None
    if error is not None:
        raise error
    issue(parsed.problems)
    with _gc_paused():
        return frames_from_parsed(parsed, user=user, provenance=Provenance("v1", label))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a response is parsed.

    Parsing allocates hundreds of thousands of small objects and no cycles;
    without this, the collector rescans them over and over, while parsing and
    again while the frames are built from them (about 15% of the load time of
    a large response).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- the Parquet files of to_parquet -----------------------------------------------------

_PARQUET_NAMES = ("shows", "seasons", "episodes")


def need_pyarrow(what: str) -> None:
    """Raise :class:`TraktDependencyError` naming the extra where pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise TraktDependencyError(
            f"{what} Parquet needs pyarrow; install it with: pip install 'trakt_analysis[parquet]'"
        ) from None


def read_parquet(directory: str | os.PathLike[str]) -> Progress:
    """Read the files of :meth:`Progress.to_parquet` back into a Progress, as it was saved.

    Every frame (shows, seasons, episodes, the history and any other), the
    user and the provenance (source kind, time zone, notes) come back with
    their dtypes, as ``progress.json`` beside the frames records them.
    :func:`pandas.read_parquet` alone gives the same values, but a
    categorical column without any value comes back with ``object``
    categories. A folder written before ``progress.json`` existed (the three
    frames only) is read with the schema's dtypes
    (:func:`trakt_analysis.schema.frame_dtypes`), without history or provenance.

    Raises
    ------
    TraktDependencyError
        pyarrow is not installed.
    TraktFileError
        A file is missing or unreadable, or ``progress.json`` is damaged.
    """
    import json

    import pandas as pd

    from .._stored import MANIFEST, progress_from, restore_dtypes

    need_pyarrow("reading")
    directory = Path(directory)
    manifest_path = directory / MANIFEST
    if not manifest_path.exists():
        return _read_parquet_frames_only(directory)
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise TraktFileError(f"cannot read {manifest_path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("frames"), dict):
        raise TraktFileError(f"{manifest_path} is not a saved progress (no 'frames')")
    frames = {}
    for name, entry in data["frames"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise TraktFileError(f"{manifest_path}: frame {name!r} names no file")
        path = directory / Path(entry["file"]).name  # a name beside the manifest, nothing else
        try:
            frame = pd.read_parquet(path, engine="pyarrow")
        except (OSError, ValueError) as exc:
            raise TraktFileError(f"cannot read {path}: {exc}") from exc
        frames[str(name)] = restore_dtypes(frame, entry.get("dtypes") or {}, where=str(path))
    return progress_from(frames, data, where=str(manifest_path))


def _read_parquet_frames_only(directory: Path) -> Progress:
    """The three frames of a folder without ``progress.json``, dtypes from the schema."""
    import pandas as pd

    from .. import schema

    layouts = (schema.SHOWS, schema.SEASONS, schema.EPISODES)
    frames = []
    for name, layout, long in zip(_PARQUET_NAMES, layouts, (False, True, True), strict=True):
        path = directory / f"{name}.parquet"
        try:
            frame = pd.read_parquet(path, engine="pyarrow")
        except OSError as exc:
            raise TraktFileError(f"cannot read {path}: {exc}") from exc
        for column, dtype in schema.frame_dtypes(layout, long=long).items():
            if column not in frame.columns:
                continue
            values = frame[column]
            if dtype == "category":
                kind = schema.categories_dtype(column)
                if isinstance(values.dtype, pd.CategoricalDtype):
                    categories = values.cat.categories.astype(kind)
                    frame[column] = values.cat.set_categories(categories)
                else:
                    frame[column] = values.astype(kind).astype("category")
            elif dtype == "object" and column in schema.SHOW_METADATA:
                # pyarrow reads a list column back as arrays: lists again, as loaded
                frame[column] = [
                    v.tolist() if hasattr(v, "tolist") else v for v in values.astype(object)
                ]
                frame[column] = frame[column].astype(object)
            elif values.dtype != dtype:
                frame[column] = values.astype(dtype)
        frames.append(frame)
    users = frames[0]["user"].dropna().unique() if "user" in frames[0] else []
    user = str(users[0]) if len(users) == 1 else None
    shows, seasons, episodes = frames
    return Progress(shows, seasons, episodes, user)
