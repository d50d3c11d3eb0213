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

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from .._http.redact import REDACTED
from ..demo.users import demo_users, load_demo
from ..errors import TraktArgumentError, TraktFileError, TraktSourceError
from ..progress import Progress
from ..sources.export import is_export, load_export
from ..sources.files import load_progress

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
        The directory does not exist or holds no ``.json`` file.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise TraktFileError(f"{self.directory} is not a directory of <username>.json files")
        if not self.users():
            raise TraktFileError(f"{self.directory} holds no <username>.json files")

    def users(self) -> list[str]:
        return sorted(
            (p.stem for p in self.directory.glob("*.json") if p.is_file()), key=str.casefold
        )

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


class FileSource:
    """One saved response file: a v1 ``user/progress/watched`` JSON file.

    Parameters
    ----------
    path : str or os.PathLike
        The file. A response does not name its user: ``load(None)`` leaves the
        ``user`` column NA, ``load("name")`` fills it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def users(self) -> list[str]:
        return []

    def load(self, user: str | None = None) -> Progress:
        return load_progress(self.path, user=user)

    def __repr__(self) -> str:
        return f"FileSource({os.fspath(self.path)!r})"


class ExportSource:
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

    def __repr__(self) -> str:
        return f"ExportSource({os.fspath(self.path)!r})"


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
