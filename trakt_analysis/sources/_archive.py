"""Read an account export's members from its ZIP or folder, untrusted, within caps.

Nothing is extracted to disk or written next to the archive; members are read
in memory with a cap on each member's and on the total uncompressed size
(checked on the declared sizes, on the compression ratio, and while reading),
and member names with ``..`` or an absolute path are ignored. What the members
mean is :mod:`trakt_analysis.sources.export`'s business.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from .._warnings import warn
from ..errors import TraktDataError, TraktDataWarning, TraktFileError
from ..parsers._json import parse_json
from ..parsers.detect import FORMATS, detect_format

__all__ = ["MAX_MEMBER_BYTES", "MAX_RATIO", "MAX_TOTAL_BYTES"]

#: Largest uncompressed member read (bytes). A heavy user's history is tens of MiB.
MAX_MEMBER_BYTES = 256 * 2**20
#: Largest total uncompressed size read from one archive or folder (bytes).
MAX_TOTAL_BYTES = 1024 * 2**20
#: Largest compression ratio accepted for a member over 1 MiB: JSON deflates
#: about 5 to 20 times; a zip bomb, a thousand times.
MAX_RATIO = 100
_RATIO_FLOOR = 2**20
_MAX_MEMBERS = 10_000
_CHUNK = 2**20


def _safe_name(name: str) -> bool:
    """A member name we read: relative, no ``..``, no drive, no backslash tricks."""
    if not name or name.startswith(("/", "\\")) or "\x00" in name:
        return False
    parts = name.replace("\\", "/").split("/")
    return ".." not in parts and not re.match(r"^[A-Za-z]:", name)


# Base names of the export's files that may hold watch data or the profile: one of
# these over the size cap is an error; any other large file is skipped with a note.
_EXPORT_PREFIXES = ("watched", "history", "user", "prof")


class Members(list[tuple[str, bytes]]):
    """(member name, bytes) of the JSON members read, and a note per member skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: list[str] = []

    def found(self) -> str:
        """What the archive held, for a "no watch data" message."""
        names = [name for name, _ in self]
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        parts = [f"found {len(names)} JSON file(s): {shown}" if names else "found no JSON file"]
        if self.skipped:
            parts.append("skipped " + "; ".join(self.skipped[:8]))
        return "; ".join(parts)


def _read_files(path: Path, label: str) -> Members:
    """(member name, bytes) of every JSON member, in archive order, within the caps.

    Names use ``/`` (a folder zipped with ``\\`` separators reads as well). A
    symlink member, a ZIP inside the ZIP, and a large JSON file that is not one
    of the export's are skipped, each with a note in one
    :class:`~trakt_analysis.TraktDataWarning` and in ``Members.skipped``.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise TraktFileError(f"cannot read {label}: {exc.strerror or type(exc).__name__}") from exc
    members = Members()
    reader = _read_folder if stat.S_ISDIR(mode) else _read_zip
    members.extend(reader(path, label, members.skipped))
    if members.skipped:
        warn(
            f"{label}: skipped {len(members.skipped)} member(s) that are not the export's "
            "data: " + "; ".join(members.skipped[:8]),
            TraktDataWarning,
        )
    return members


def _is_export_name(name: str) -> bool:
    return PurePosixPath(name).name.lower().startswith(_EXPORT_PREFIXES)


def _too_large(where: str, size: int, name: str, skipped: list[str]) -> bool:
    """True (and a note) for a large file that is not the export's; an error for one that is."""
    if size <= MAX_MEMBER_BYTES:
        return False
    if not _is_export_name(name):
        skipped.append(f"{name!r} ({size:,} bytes, not an export file)")
        return True
    raise TraktDataError(
        f"{where}: {size:,} bytes uncompressed, more than the "
        f"{MAX_MEMBER_BYTES // 2**20} MiB a member may have"
    )


def _not_a_zip(path: Path, label: str) -> TraktDataError:
    """Say what a file that is no ZIP is: a cut-off download, or another Trakt document."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(MAX_MEMBER_BYTES + 1)
    except OSError:
        head = b""
    if head[:2] == b"PK" or len(head) > MAX_MEMBER_BYTES:
        return TraktDataError(
            f"{label}: not a complete ZIP archive (a partial download? download the export again)"
        )
    try:
        fmt = detect_format(parse_json(head, label=label))
    except TraktDataError:
        fmt = None
    if fmt is None:
        return TraktDataError(
            f"{label}: not a ZIP archive; load_export reads the account export, the ZIP from "
            "trakt.tv (Settings, Data, Export) or the folder it unpacks to"
        )
    what, instead = FORMATS[fmt]
    if instead.startswith("ta.load_export"):
        instead = "the whole export: the ZIP, or the folder it unpacks to"
    return TraktDataError(
        f"{label}: not a ZIP archive but {what}; load_export reads the account export "
        f"(the ZIP or its folder); for this file use {instead}"
    )


def _read_zip(path: Path, label: str, skipped: list[str]) -> Iterator[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise _not_a_zip(path, label) from None
    except OSError as exc:
        raise TraktFileError(f"cannot read {label}: {exc.strerror or type(exc).__name__}") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > _MAX_MEMBERS:
            raise TraktDataError(f"{label}: {len(infos)} members, more than an export has")
        _refuse_repeated_members(infos, label)
        total = 0
        for info in infos:
            if info.is_dir() or not _safe_name(info.filename):
                continue  # directories and unsafe names are ignored
            name = info.filename.replace("\\", "/")
            lower = name.lower()
            if lower.endswith(".zip"):
                skipped.append(f"{name!r} (a ZIP inside the ZIP: unpack it and load that one)")
                continue
            if not lower.endswith(".json"):
                continue  # other files (images, CSV...) are not the export's data
            if stat.S_ISLNK(info.external_attr >> 16):
                skipped.append(f"{name!r} (a symbolic link, not a file)")
                continue
            where = f"{label}: member {name!r}"
            if _too_large(where, info.file_size, name, skipped):
                continue
            _check_declared(info, where)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise TraktDataError(
                    f"{where}: the archive holds more than {MAX_TOTAL_BYTES // 2**20} MiB of JSON"
                )
            yield name, _read_member(archive, info, where)


def _refuse_repeated_members(infos: list[zipfile.ZipInfo], label: str) -> None:
    """A member listed twice, or two entries over the same bytes, would be read twice: refused.

    trakt.tv's exporter writes each file once; an archive that lists one twice was
    made by something else (and one member's data under many names is a zip bomb).
    """
    names: set[str] = set()
    offsets: dict[int, str] = {}
    for info in infos:
        if info.is_dir():
            continue
        name = info.filename.replace("\\", "/").lower()
        if name in names:
            raise TraktDataError(
                f"{label}: member {info.filename!r} is listed twice; an export lists each "
                "file once (re-create the ZIP from the unpacked folder, or load the folder)"
            )
        names.add(name)
        other = offsets.setdefault(info.header_offset, info.filename)
        if other != info.filename:
            raise TraktDataError(
                f"{label}: members {other!r} and {info.filename!r} share their data; refused "
                "as a damaged or crafted archive"
            )


def _check_declared(info: zipfile.ZipInfo, where: str) -> None:
    if info.flag_bits & 0x1:
        raise TraktDataError(f"{where}: is encrypted; export the data again without a password")
    if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
        raise TraktDataError(
            f"{where}: compressed {info.file_size // max(1, info.compress_size):,} to 1, "
            "more than a JSON file compresses: refused as a possible zip bomb"
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> bytes:
    """The member's bytes, read in chunks and never beyond its declared size or the cap."""
    limit = min(info.file_size, MAX_MEMBER_BYTES)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while True:
                chunk = member.read(min(_CHUNK, limit + 1 - size))
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise TraktDataError(f"{where}: holds more than its declared size")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise TraktDataError(
            f"{where}: the archive is damaged or truncated ({exc}); download the export again"
        ) from None
    except NotImplementedError as exc:
        raise TraktDataError(f"{where}: {exc}") from None
    except OSError as exc:
        raise TraktFileError(f"{where}: cannot read: {exc}") from exc
    return b"".join(chunks)


def _read_folder(path: Path, label: str, skipped: list[str]) -> Iterator[tuple[str, bytes]]:
    total = 0
    root = path.resolve()
    for file in sorted(path.rglob("*")):
        name = file.relative_to(path).as_posix()
        lower = name.lower()
        if lower.endswith(".zip") and file.is_file():
            skipped.append(f"{name!r} (a ZIP in the folder: to load it, pass its path {file})")
            continue
        if not lower.endswith(".json"):
            continue
        if file.is_symlink() or not file.resolve().is_relative_to(root):
            # A link may point anywhere: not part of an unpacked export.
            skipped.append(f"{name!r} (a symbolic link, not a file)")
            continue
        if not file.is_file():
            continue
        where = f"{label}: file {name!r}"
        size = file.stat().st_size
        if _too_large(where, size, name, skipped):
            continue
        total += size
        if total > MAX_TOTAL_BYTES:
            raise TraktDataError(f"{where}: more than {MAX_TOTAL_BYTES // 2**20} MiB of JSON")
        try:
            with open(file, "rb") as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)
        except OSError as exc:
            raise TraktFileError(f"{where}: cannot read: {exc.strerror}") from exc
        if len(data) > MAX_MEMBER_BYTES:
            raise TraktDataError(f"{where}: grew beyond the size cap while it was read")
        yield name, data


#: Members smaller than this are read together, in runs of up to MERGE_BYTES: a part of
#: 1,000 entries (some 300 KiB) is read on its own, one of a few entries is not.
SMALL_MEMBER_BYTES = 64 * 2**10
MERGE_BYTES = 4 * 2**20


def merge_small_lists(members: list[tuple[str, bytes]]) -> Iterator[tuple[list[str], bytes]]:
    """Runs of small JSON-list members, each joined into one JSON list, in the order given.

    An export split into thousands of one-entry parts is then parsed a few
    times, not once per part. Each member is first checked to be one whole JSON
    list (msgspec, without building its items), so parts that are damaged or
    not lists are never joined into something valid: they are left out of every
    run, for the caller to read (and name) one by one, as are members of
    :data:`SMALL_MEMBER_BYTES` or more and runs of one member. Runs are made as
    they are asked for, so only one joined copy is held at a time.

    Yields
    ------
    (names, bytes)
        The members' names in a run and the run's entries as one JSON list.
    """
    import msgspec  # a core dependency, loaded here only when there is an export

    decoder = msgspec.json.Decoder(list[msgspec.Raw])
    names: list[str] = []
    items: list[bytes] = []
    size = 0
    for name, raw in members:
        entries = None
        if len(raw) < SMALL_MEMBER_BYTES:
            try:
                entries = decoder.decode(raw)
            except msgspec.DecodeError:
                entries = None
        if entries is None or size + len(raw) > MERGE_BYTES:
            # A run never spans a member read on its own.
            if len(names) > 1:
                yield list(names), b"[" + b",".join(items) + b"]"
            names.clear()
            items.clear()
            size = 0
            if entries is None:
                continue
        names.append(name)
        items.extend(bytes(entry) for entry in entries)
        size += len(raw)
    if len(names) > 1:
        yield list(names), b"[" + b",".join(items) + b"]"
