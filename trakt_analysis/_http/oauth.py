"""OAuth for API v2: the device-code flow, the token, and where the token is kept.

The token lives in the user's config directory (platformdirs), in a file only
the user can read (mode 0600), never in the repository or the working
directory. Its lifetime comes from the server (``created_at + expires_in``):
trakt.tv has changed it from 3 months to 24 hours to 7 days, so none is assumed.
Every secret (access and refresh token, device code) is registered for redaction
the moment it is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._advice import sign_in_again
from ..errors import (
    TraktAPIError,
    TraktDeviceCodeError,
    TraktFileError,
    TraktLoginDeniedError,
    TraktLoginError,
    TraktLoginExpiredError,
)
from .limits import DEFAULT_LIMITS, HTTPLimits
from .private import keep_private, private_folder
from .redact import REDACTED, redact, register_secret
from .untrusted import printable

__all__ = [
    "REFRESH_MARGIN",
    "DeviceCode",
    "Token",
    "TokenStore",
    "default_token_path",
    "poll_device_token",
]

# Refresh when less than this is left (or a tenth of the lifetime, if shorter).
REFRESH_MARGIN = 3600.0
_MAX_TOKEN_FILE = 64 * 1024


def _secret_str(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise TraktAPIError(f"{where}: the answer has no {key}")
    register_secret(value)
    return value


def _number(data: dict[str, Any], key: str, where: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise TraktAPIError(f"{where}: {key} must be a number of seconds, got {value!r}")
    return float(value)


@dataclass(frozen=True, repr=False)
class DeviceCode:
    """The answer of ``POST /oauth/device/code``; `device_code` is a secret."""

    device_code: str
    user_code: str
    verification_url: str
    expires_in: float
    interval: float

    @classmethod
    def from_json(cls, data: Any, where: str) -> DeviceCode:
        if not isinstance(data, dict):
            raise TraktAPIError(f"{where}: expected an object")
        url = data.get("verification_url")
        code = data.get("user_code")
        if not isinstance(url, str) or not isinstance(code, str):
            raise TraktAPIError(f"{where}: the answer has no user_code or verification_url")
        return cls(
            device_code=_secret_str(data, "device_code", where),
            # Shown to the user: no control or bidi characters from the server.
            user_code=printable(code),
            verification_url=printable(url),
            expires_in=_number(data, "expires_in", where),
            interval=max(1.0, _number(data, "interval", where)),
        )

    def __repr__(self) -> str:
        return (
            f"DeviceCode(user_code={self.user_code!r}, verification_url="
            f"{self.verification_url!r}, device_code={REDACTED})"
        )


@dataclass(frozen=True, repr=False)
class Token:
    """An access token with its refresh token and lifetime (unix seconds)."""

    access_token: str
    refresh_token: str
    created_at: float
    expires_in: float
    scope: str = "public"
    user: str | None = None  # the username, filled after sign-in (not a secret)

    @classmethod
    def from_json(cls, data: Any, where: str, *, user: str | None = None) -> Token:
        if not isinstance(data, dict):
            raise TraktAPIError(f"{where}: expected an object")
        return cls(
            access_token=_secret_str(data, "access_token", where),
            refresh_token=_secret_str(data, "refresh_token", where),
            created_at=_number(data, "created_at", where),
            expires_in=_number(data, "expires_in", where),
            scope=str(data.get("scope") or "public"),
            user=data.get("user") if isinstance(data.get("user"), str) else user,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "created_at": self.created_at,
            "expires_in": self.expires_in,
            "scope": self.scope,
            "user": self.user,
        }

    @property
    def expires_at(self) -> float:
        return self.created_at + self.expires_in

    def needs_refresh(self, now: float) -> bool:
        """True when the token expires within the refresh margin (or has expired)."""
        margin = min(REFRESH_MARGIN, self.expires_in / 10)
        return now >= self.expires_at - margin

    def __repr__(self) -> str:
        return (
            f"Token(user={self.user!r}, access_token={REDACTED}, refresh_token={REDACTED}, "
            f"expires_at={self.expires_at:.0f})"
        )

    def __reduce__(self) -> Any:
        raise TypeError("Token holds a secret and cannot be pickled")


def default_token_path(client_id: str) -> Path:
    """``<user config dir>/trakt_analysis/tokens/<hash of the client id>.json``."""
    import platformdirs

    base = Path(platformdirs.user_config_dir("trakt_analysis", appauthor=False))
    digest = hashlib.sha256(client_id.encode()).hexdigest()[:16]
    return base / "tokens" / f"{digest}.json"


class TokenStore:
    """Reads and writes one token file, mode 0600, atomically; :meth:`lock` between processes.

    Trakt's refresh tokens are single-use: whoever refreshes must store the new
    pair before using it, and another client (or process) sharing the file must
    re-read it under the lock before refreshing, or it would spend a dead token.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"TokenStore({str(self.path)!r})"

    def load(self) -> Token | None:
        """The stored token, or None when there is none.

        A token file that others may read (group or world bits set) is first
        narrowed to 0600, with a :class:`~trakt_analysis.TraktWarning`; one that
        cannot be narrowed (not the user's own file) is refused.
        """
        try:
            with open(self.path, "rb") as fh:
                keep_private(
                    fh.fileno(),
                    f"the token file {self.path}",
                    "If others had access, sign out on trakt.tv and sign in again.",
                )
                raw = fh.read(_MAX_TOKEN_FILE + 1)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise TraktFileError(
                f"cannot read the token file {self.path}: {exc.strerror}"
            ) from None
        if len(raw) > _MAX_TOKEN_FILE:
            raise TraktFileError(f"the token file {self.path} is too large to be a token")
        problem = None
        try:
            return Token.from_json(json.loads(raw), f"token file {self.path}")
        except (ValueError, TraktAPIError) as exc:
            problem = redact(str(exc))
        raise TraktFileError(f"the token file {self.path} is damaged ({problem}); sign in again")

    def check_writable(self) -> None:
        """Raise :class:`TraktFileError` unless a token can be saved at :attr:`path`.

        Called before a sign-in starts, so an approval is never lost to an
        unwritable folder.
        """
        directory = self.path.parent
        try:
            private_folder(directory)
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".token-", suffix=".tmp")
            os.close(fd)
            os.unlink(tmp)
        except OSError as exc:
            raise TraktFileError(
                f"cannot save a token in {directory}: {exc.strerror}; pass token_path=... "
                "to a folder you can write to"
            ) from None

    def save(self, token: Token) -> None:
        """Write `token` (0600; the directory 0700), replacing the file in one step."""
        directory = self.path.parent
        try:
            private_folder(directory)
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".token-", suffix=".tmp")
            try:
                os.fchmod(fd, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(token.to_json(), fh)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise TraktFileError(
                f"cannot write the token file {self.path}: {exc.strerror}"
            ) from None

    @property
    def lock_path(self) -> Path:
        """``<token file>.lock``, the file :meth:`lock` holds."""
        return self.path.with_name(self.path.name + ".lock")

    def delete(self) -> None:
        """Delete the token file and its lock file (called under :meth:`lock`, on sign-out).

        The lock file goes too, so a sign-out leaves nothing behind; a process
        waiting on the lock then holds the deleted file's lock, finds no token
        and asks for a sign-in.
        """
        self.path.unlink(missing_ok=True)
        self.lock_path.unlink(missing_ok=True)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold an exclusive lock on ``<token file>.lock`` (a no-op where ``fcntl`` is missing)."""
        try:
            import fcntl
        except ImportError:  # Windows: one process at a time is the user's to keep
            yield
            return
        lock_path = self.lock_path
        try:
            private_folder(self.path.parent)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise TraktFileError(
                f"cannot lock the token file {self.path}: {exc.strerror}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock


# Device-token polling: status -> (error class, message); 400 (pending) and 429
# (slow down) keep polling.
_POLL_FAILURES: dict[int, tuple[type[TraktLoginError], str]] = {
    401: (
        TraktLoginError,
        "the client id or secret was refused: check TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET "
        "(your app at https://app.trakt.tv/settings/apps)",
    ),
    403: (
        TraktLoginError,
        "the client id was refused (an invalid or deleted API app; creating apps needs VIP): "
        "check TRAKT_CLIENT_ID (your app at https://app.trakt.tv/settings/apps)",
    ),
    404: (TraktDeviceCodeError, "the device code is invalid; sign in again"),
    409: (TraktDeviceCodeError, "the device code was already used; sign in again"),
    410: (TraktLoginExpiredError, "the code expired before it was approved; sign in again"),
    418: (TraktLoginDeniedError, "the sign-in was denied on trakt.tv"),
}


def poll_device_token(
    post: Callable[[dict[str, Any]], Any],
    device: DeviceCode,
    *,
    client_id: str,
    client_secret: str,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    http_limits: HTTPLimits = DEFAULT_LIMITS,
) -> dict[str, Any]:
    """Poll ``POST /oauth/device/token`` every `interval` until approved; return the token JSON.

    `post(body)` sends the request and returns the response (status_code, json()).
    400 means "pending" and 429 "slow down" (the interval grows by 1 s); 404,
    409, 410 and 418 end the sign-in with their own error, and so does
    `expires_in` passing. The server controls neither wait: the interval is at
    most ``http_limits.max_poll_interval`` (also after "slow down") and the wait for
    approval at most ``http_limits.max_login_seconds``.
    """
    body = {"code": device.device_code, "client_id": client_id, "client_secret": client_secret}
    wait = min(device.expires_in, http_limits.max_login_seconds)
    deadline = clock() + wait
    interval = min(device.interval, http_limits.max_poll_interval)
    while True:
        sleep(min(interval, max(0.0, deadline - clock())))
        if clock() >= deadline:
            raise TraktLoginExpiredError(
                f"no approval within {wait:.0f} s; sign in again ({sign_in_again()})"
            )
        response = post(body)
        status = response.status_code
        if status == 200:
            try:
                return response.json()
            except ValueError:
                raise TraktLoginError("the token answer is not JSON") from None
        if status == 400:
            continue
        if status == 429:
            interval = min(interval + 1.0, http_limits.max_poll_interval)
            continue
        failure = _POLL_FAILURES.get(status)
        if failure is not None:
            cls, message = failure
            if message.endswith("sign in again"):
                message += f" ({sign_in_again()})"
            raise cls(f"POST /oauth/device/token (HTTP {status}): {message}", status=status)
        raise TraktLoginError(
            f"POST /oauth/device/token (HTTP {status}): unexpected answer", status=status
        )
