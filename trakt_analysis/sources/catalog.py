"""The one source protocol: where the CLI, the explorer and the report get a user's progress.

Every source has the same two methods: ``users()`` (the names it knows, for
the user control; may be empty when any name can be asked for) and
``load(user) -> Progress``. :func:`as_source` turns what a user typed or passed
(nothing, a path, a client) into one, so a new kind of source is added here
once and the CLI, the explorer and the report all accept it. Failures are
:class:`~trakt_analysis.TraktError` subclasses whose message is shown as it is,
so each says what to do.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from .._http.redact import REDACTED
from ..demo.users import demo_users, load_demo
from ..errors import TraktArgumentError, TraktFileError, TraktSourceError
from ..progress import Progress, Provenance
from .export import is_export, load_export
from .files import load_progress, user_of_file
from .metadata import MetadataProvider

__all__ = [
    "ClientSource",
    "DemoSource",
    "DirectorySource",
    "ExplorerSource",
    "ExportSource",
    "FileSource",
    "LiveSource",
    "ProgressSource",
    "TraktAPISource",
    "as_source",
    "load_source",
]


@runtime_checkable
class ProgressSource(Protocol):
    """What the CLI, :class:`ProgressExplorer` and the report need from a data source."""

    def users(self) -> list[str]:
        """Usernames to offer in the user control (empty: any name may be typed)."""
        ...

    def load(self, user: str) -> Progress:
        """The watched progress of `user`; raises a TraktError on failure."""
        ...


#: The explorer's name for the protocol, kept for code written against it.
ExplorerSource = ProgressSource


def _check_user(user: object) -> str:
    if not isinstance(user, str) or not user.strip():
        raise TraktArgumentError(f"enter a username (got {user!r})")
    return user.strip()


class DemoSource:
    """The bundled demo users (:func:`trakt_analysis.demo_users`); needs no files."""

    def users(self) -> list[str]:
        return demo_users()

    def load(self, user: str) -> Progress:
        user = _check_user(user)
        known = demo_users()
        if user not in known:
            raise TraktArgumentError(f"no demo user {user!r}; choose one of: {', '.join(known)}")
        return load_demo(user)

    def __repr__(self) -> str:
        return "DemoSource()"


class DirectorySource:
    """A directory of saved responses, one ``<username>.json`` file per user.

    Parameters
    ----------
    directory : str or os.PathLike
        For example ``data/fixtures/users`` in the repository.

    Raises
    ------
    TraktFileError
        The directory does not exist or holds no ``.json`` file (the message
        names an export ZIP it holds, to be passed by its path).
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise TraktFileError(f"{self.directory} is not a directory of <username>.json files")
        if not self.users():
            zips = sorted(p for p in self.directory.glob("*") if _looks_like_zip(p))
            if zips:  # e.g. the folder the export was downloaded to
                raise TraktFileError(
                    f"{self.directory} is no unpacked account export and holds no "
                    f"<username>.json files, but it holds {zips[0].name!r}: pass the ZIP's "
                    f"path ({zips[0]}), which loads as it is"
                )
            raise TraktFileError(
                f"{self.directory} holds neither an account export (the folder a ZIP unpacks "
                "to) nor <username>.json files"
            )

    def users(self) -> list[str]:
        names = (user_of_file(p) for p in self.directory.glob("*.json") if p.is_file())
        return sorted((name for name in names if name), key=str.casefold)

    def load(self, user: str) -> Progress:
        user = _check_user(user)
        # A username is a file name here, never a path: no way out of the directory.
        if any(sep in user for sep in ("/", "\\", os.sep)) or user.startswith("."):
            raise TraktArgumentError(f"{user!r} is not a valid username")
        path = self.directory / f"{user}.json"
        if not path.is_file():
            known = ", ".join(self.users()) or "none"
            raise TraktArgumentError(f"no user {user!r} in {self.directory}; known users: {known}")
        return load_progress(path, user=user)

    def __repr__(self) -> str:
        return f"DirectorySource({os.fspath(self.directory)!r})"


class _OnePath:
    """A source read from one file or export at ``self.path``; its repr names both."""

    path: Path

    def __repr__(self) -> str:
        return f"{type(self).__name__}({os.fspath(self.path)!r})"


class FileSource(_OnePath):
    """One saved response file: a v1 ``user/progress/watched`` JSON file.

    Parameters
    ----------
    path : str or os.PathLike
        The file. A response does not name its user, its file name does:
        ``<username>.json`` is `username`'s (:func:`~trakt_analysis.sources.files.user_of_file`),
        as in a :class:`DirectorySource`; another name leaves the ``user`` column
        NA. ``load("name")`` names it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def users(self) -> list[str]:
        user = user_of_file(self.path)
        return [user] if user else []

    def load(self, user: str | None = None) -> Progress:
        return load_progress(self.path, user=user)


class ExportSource(_OnePath):
    """A trakt.tv account export (the ZIP or the folder it unpacks to): one user.

    Parameters
    ----------
    path : str or os.PathLike
        The export.
    metadata : MetadataProvider, optional
        Passed to :func:`~trakt_analysis.load_export` (e.g. ``ta.TVmaze()``).

    The export is read once, on first use; its user is the name its settings
    file gives, else ``"me"``.
    """

    def __init__(self, path: str | os.PathLike[str], *, metadata: Any = None) -> None:
        self.path = Path(path)
        self.metadata = metadata
        self._progress: Progress | None = None

    def _load(self) -> Progress:
        if self._progress is None:
            self._progress = load_export(self.path, metadata=self.metadata)
        return self._progress

    def users(self) -> list[str]:
        return [self._load().user or "me"]

    def load(self, user: str | None = None) -> Progress:
        known = self.users()
        if user is not None and _check_user(user) not in known:
            raise TraktArgumentError(f"the export {self.path.name} holds only user {known[0]!r}")
        return self._load()


class ClientSource:
    """Live data through a :class:`TraktClient` (or any object with ``progress_watched``).

    Any username may be asked for; the ones loaded so far are offered again.
    """

    def __init__(self, client: Any) -> None:
        if not callable(getattr(client, "progress_watched", None)):
            raise TraktSourceError(
                f"a client source needs a progress_watched() method; got {type(client).__name__}"
            )
        self.client = client
        self._seen: list[str] = []

    def users(self) -> list[str]:
        return list(self._seen)

    def load(self, user: str) -> Progress:
        user = _check_user(user)
        progress = load_progress(self.client.progress_watched(user), user=user)
        if user not in self._seen:
            self._seen.append(user)
        return progress

    def __repr__(self) -> str:
        return f"ClientSource({type(self.client).__name__})"


class LiveSource:
    """The API, with a key from the environment or entered later (a password field).

    Parameters
    ----------
    make_client : callable
        ``make_client(api_key)`` returns a client; ``api_key`` is None to let
        the client read ``TRAKT_API_KEY`` itself.
    api_key : str, optional
        The key; when None, ``TRAKT_API_KEY`` is used if it is set.

    The key is kept only to build the client and to redact it from messages;
    it is never part of a repr.
    """

    def __init__(self, make_client: Callable[[str | None], Any], api_key: str | None = None):
        self._make_client = make_client
        self._key = api_key or os.environ.get("TRAKT_API_KEY") or None
        self._source: ClientSource | None = None

    @property
    def needs_key(self) -> bool:
        """True until a key is known."""
        return self._key is None

    def set_key(self, api_key: str) -> None:
        """Use `api_key` from now on (a new client is built on the next load)."""
        api_key = api_key.strip()
        if not api_key:
            raise TraktArgumentError("the API key is empty")
        self._key = api_key
        self._source = None

    def users(self) -> list[str]:
        return self._source.users() if self._source is not None else []

    def load(self, user: str) -> Progress:
        user = _check_user(user)
        if self._key is None:
            raise TraktArgumentError(
                "no API key: set TRAKT_API_KEY or enter the key in the API key field"
            )
        if self._source is None:
            self._source = ClientSource(self._make_client(self._key))
        return self._source.load(user)

    def redact(self, text: str) -> str:
        """`text` with the key replaced, for anything shown to the user."""
        return text.replace(self._key, REDACTED) if self._key else text

    def __repr__(self) -> str:
        return f"LiveSource(key {'missing' if self._key is None else 'set'})"


class TraktAPISource:
    """API v2 (:class:`~trakt_analysis.TraktAPI`): ``"me"`` when signed in, or a public profile.

    Any username may be asked for; ``"me"`` is offered when a token is stored,
    and the ones loaded so far are offered again.
    """

    def __init__(self, api: Any, **progress_options: Any) -> None:
        if not callable(getattr(api, "progress", None)):
            raise TraktSourceError(f"an API source needs a TraktAPI, got {type(api).__name__}")
        self.api = api
        self.options = progress_options
        self._seen: list[str] = []

    def users(self) -> list[str]:
        me = ["me"] if getattr(self.api, "signed_in", False) else []
        return me + [u for u in self._seen if u != "me"]

    def load(self, user: str) -> Progress:
        user = _check_user(user)
        progress = self.api.progress(user, **self.options)
        if user not in self._seen:
            self._seen.append(user)
        return progress

    def __repr__(self) -> str:
        return f"TraktAPISource({self.api!r})"


def _looks_like_zip(path: Path) -> bool:
    """A ``.zip`` name or a ZIP's first bytes: what the user meant as an export."""
    if not path.is_file():
        return False
    if path.suffix.lower() == ".zip":
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def as_source(source: object) -> ProgressSource:
    """Turn what the CLI or :class:`ProgressExplorer` was given into a source.

    None: the demo users. An account export (a ZIP, or a folder holding
    ``watched-*.json`` files): that export. A directory: ``<username>.json``
    files. A file: one saved response. An object with ``progress_watched``: a
    client. A source is returned as is.
    """
    if source is None:
        return DemoSource()
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.exists():
            raise TraktFileError(f"cannot read {path}: no such file or directory")
        if is_export(path) or _looks_like_zip(path):
            return ExportSource(source)  # a broken ZIP gets load_export's own message
        if path.is_file():
            return FileSource(source)
        return DirectorySource(source)
    if isinstance(
        source,
        DemoSource
        | DirectorySource
        | ExportSource
        | FileSource
        | ClientSource
        | LiveSource
        | TraktAPISource,
    ):
        return source
    from .v2_api import TraktAPI

    if isinstance(source, TraktAPI):
        return TraktAPISource(source)
    if callable(getattr(source, "progress_watched", None)):
        return ClientSource(source)
    if isinstance(source, ProgressSource):
        return source
    raise TraktSourceError(
        f"cannot explore a {type(source).__name__}: pass None (demo users), an account "
        "export (ZIP or folder), a directory of <username>.json files, a TraktClient "
        "or a TraktAPI"
    )


def _quiet(message: str) -> None:
    """A status callback that says nothing."""


def load_source(
    source: str | os.PathLike[str] | None = None,
    *,
    user: str | None = None,
    trakt: str | None = None,
    demo: str | None = None,
    sort: str | None = None,
    extended: str | None = None,
    cache: bool = False,
    offline: bool = False,
    metadata: MetadataProvider | None = None,
    history: bool = True,
    status: Callable[[str], None] = _quiet,
) -> Progress:
    """The one path from what the user named to a :class:`Progress` (the CLI's options).

    Give at most one of `source`, `user`, `trakt` and `demo`; with none, the
    bundled demo user ``"demo"``. The result's ``provenance.label`` says where
    the data came from, for reports and messages (never a secret).

    Parameters
    ----------
    source : str or os.PathLike, optional
        A saved v1 response (``"-"``: standard input), an account export (ZIP
        or folder), or a directory holding one ``<username>.json``
        (:func:`as_source` decides).
    user : str, optional
        Fetch this user's progress live from API v1 (the key from
        ``TRAKT_API_KEY``, the server from ``TRAKT_BASE_URL``); the API sorts
        by `sort` (default ``"title"``).
    trakt : str, optional
        Fetch from API v2: ``"me"`` (signed in) or a public profile.
    demo : str, optional
        A bundled demo user.
    sort : str, optional
        Only for `user` (the API's order); other sources come in their own
        order and the caller sorts (:func:`~trakt_analysis.sort_shows`).
    extended, cache, offline
        For the live sources: the v1 ``extended`` level, keep answers in the
        user's cache, use only the cache.
    metadata : MetadataProvider, optional
        Fills the aired counts a source lacks (e.g. ``ta.TVmaze()``), unless
        the source has them.
    history : bool
        With `trakt`: also read the watch history (every play), as the report's
        history sections and the year in review need (default True).
        ``trakt="me"`` reads the ratings too (``GET /sync/ratings``, paged); a
        public profile's are not read (``Progress.ratings`` None).
    status : callable, optional
        Called with a short message before each slow step.

    Raises
    ------
    TraktArgumentError
        More than one source, a directory with several users, no API key.
    TraktError
        Whatever the source raises (a file that is not Trakt data, an HTTP
        failure), with its own message.
    """
    options = (("source", source), ("user", user), ("trakt", trakt), ("demo", demo))
    named = [name for name, value in options if value is not None]
    if len(named) > 1:
        raise TraktArgumentError(f"give only one data source, not {' and '.join(named)}")
    if user is not None:
        progress = _fetch_v1(user, sort, extended, cache, offline, status)
    elif trakt is not None:
        from .v2_api import TraktAPI

        status(f"fetching the progress of {trakt!r} from API v2")
        if history:
            status("with the watch history (--no-history skips it)")
        target = trakt.strip()
        # Your own ratings cost one paged request (/sync/ratings); a public profile's are
        # not read, and the review says how to get them.
        with TraktAPI(cache=cache, offline=offline) as api:
            progress = api.progress(target, history=history, ratings=target == "me")
    elif source is not None and os.fspath(source) == "-":
        status("loading standard input")
        progress = _relabel(load_progress(sys.stdin.buffer), "standard input")
    elif source is not None:
        status(f"loading {os.fspath(source)}")
        progress = _load_path(Path(source), metadata, status)
    else:
        name = demo or "demo"
        status(f"loading the bundled demo user {name!r}")
        progress = DemoSource().load(name)
    if metadata is not None and not (progress.provenance and progress.provenance.metadata):
        status(f"asking {metadata.name} for the aired episodes of {len(progress.shows)} shows")
        progress = metadata.complete(progress)
    return progress


def _fetch_v1(
    user: str,
    sort: str | None,
    extended: str | None,
    cache: bool,
    offline: bool,
    status: Callable[[str], None],
) -> Progress:
    """API v1 live: the key from ``TRAKT_API_KEY`` (never an argument), the API sorts."""
    from .v1_api import fetch_progress

    if not offline and not os.environ.get("TRAKT_API_KEY", "").strip():
        raise TraktArgumentError(
            "no API key: set the TRAKT_API_KEY environment variable "
            "(it is never taken from the command line, where others could read it)"
        )
    status(f"fetching the progress of {user!r} from the trakt API")
    progress = fetch_progress(
        user, sort=sort or "title", extended=extended, cache=cache or offline, offline=offline
    )
    return _relabel(progress, f"trakt.tv user {user}")


def _load_path(
    path: Path, metadata: MetadataProvider | None, status: Callable[[str], None]
) -> Progress:
    source = as_source(path)
    if metadata is not None and isinstance(source, ExportSource):
        # load_export asks the provider itself, and drops its "counts are NA" note.
        status(f"loading {path}; the aired counts from {metadata.name}")
        source.metadata = metadata
    users = source.users()  # a single file: the user its name gives, else none (unknown)
    if len(users) > 1:
        raise TraktArgumentError(f"{path} holds several users ({', '.join(users)}); pass one file")
    return source.load(users[0] if users else None)  # type: ignore[arg-type]


def _relabel(progress: Progress, label: str) -> Progress:
    """`progress` with ``provenance.label`` saying where it came from."""
    provenance = progress.provenance or Provenance("v1", label)
    return dataclasses.replace(progress, provenance=dataclasses.replace(provenance, label=label))
