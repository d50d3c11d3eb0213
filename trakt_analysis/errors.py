"""The toolkit's exception and warning family, and the policy for using them.

Every error the toolkit raises derives from :class:`TraktError`, so callers can
catch one type. Subclasses also derive from the matching builtin where one fits
(``ValueError`` for bad data, ``OSError`` for files), so generic handlers work too.
Every warning derives from :class:`TraktWarning`.

The policy
----------
Always raise (the user gets nothing rather than something wrong):
    - the document's structure is broken: not JSON, truncated, the wrong top-level
      shape, a show without a title, a list where an object belongs
      (:class:`TraktDataError`, saying where: line and column, or item, show and
      field path);
    - the document is another Trakt format than the one the function reads
      (:class:`TraktDataError` naming the format and the function to call);
    - the API's own error body (:class:`TraktAPIError` with the API's message);
    - transport and HTTP failures (:class:`TraktHTTPError` and its subclasses,
      :class:`TraktConnectionError`), files that cannot be read or written
      (:class:`TraktFileError`), a missing optional extra
      (:class:`TraktDependencyError`).

Load with a :class:`TraktDataWarning` naming the show (the other shows are never
lost):
    - one odd value in one show (a count that is negative or not a number, an
      unparsable date): the value loads as NA, never as 0, true or "finished";
    - counts that disagree with each other (totals against seasons, a percentage
      against its counts, more completed than aired).

Argument errors (:class:`TraktArgumentError`, before any work is done):
    - a value outside a fixed set of choices (the message lists them), a frame
      that is not the one the function takes, a bad option combination.
"""

from __future__ import annotations

__all__ = [
    "TraktAPIError",
    "TraktArgumentError",
    "TraktAuthError",
    "TraktCacheMissError",
    "TraktConnectionError",
    "TraktDataError",
    "TraktDataWarning",
    "TraktDependencyError",
    "TraktDeviceCodeError",
    "TraktError",
    "TraktFileError",
    "TraktHTTPError",
    "TraktLoginDeniedError",
    "TraktLoginError",
    "TraktLoginExpiredError",
    "TraktNotFoundError",
    "TraktPagingError",
    "TraktPrivateProfileError",
    "TraktRateLimitError",
    "TraktSortWarning",
    "TraktSourceError",
    "TraktWarning",
]


class TraktError(Exception):
    """Base class of every error raised by :mod:`trakt_analysis`."""


class TraktDataError(TraktError, ValueError):
    """The data is malformed: invalid JSON, a wrong type, a missing field.

    The message says where (item index, show title, field path, or line and
    column of the JSON text) and what was wrong.
    """


class TraktArgumentError(TraktError, ValueError):
    """A function was called with an argument it cannot use, e.g. an unknown sort order.

    The message lists the valid choices where there is a fixed set.
    """


class TraktSourceError(TraktError, TypeError):
    """The object given as a data source is not one the loader can read."""


class TraktFileError(TraktError, OSError):
    """A source file could not be read (missing, a directory, no permission)."""


class TraktAPIError(TraktError):
    """The API answered with an error, e.g. ``{"status": "failure", "error": "..."}``.

    Parameters
    ----------
    message : str
        What went wrong, including the API's own message where it sent one.
    status : int, optional
        The HTTP status code, when the error came over HTTP.
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class TraktHTTPError(TraktAPIError):
    """An HTTP exchange failed: a server error, or a body that is not JSON."""


class TraktAuthError(TraktHTTPError):
    """HTTP 401: failed authentication or an invalid API key."""


class TraktNotFoundError(TraktHTTPError):
    """HTTP 404: no such user or show."""


class TraktRateLimitError(TraktHTTPError):
    """HTTP 429 persisted after the allowed number of retries."""


class TraktLoginError(TraktAuthError):
    """The device-code sign-in (``api.login()``) did not end with a token."""


class TraktDeviceCodeError(TraktLoginError):
    """The device code is invalid (HTTP 404) or was already used (HTTP 409): start again."""


class TraktLoginExpiredError(TraktLoginError):
    """The device code expired (HTTP 410, or ``expires_in`` passed) before the user approved it."""


class TraktLoginDeniedError(TraktLoginError):
    """The user denied the app on trakt.tv (HTTP 418)."""


class TraktPrivateProfileError(TraktAuthError):
    """The profile is private: only its owner, signed in, can read it."""


class TraktPagingError(TraktHTTPError):
    """A paged list changed while it was read (page count changed, a page came back short).

    Never a silent truncation: read it again.
    """


class TraktConnectionError(TraktError, ConnectionError):
    """The server could not be reached: timeout, refused or reset connection."""


class TraktCacheMissError(TraktError):
    """Offline mode was requested and the response is not in the cache."""


class TraktDependencyError(TraktError, ImportError):
    """An optional feature was asked for but its extra is not installed (named in the message)."""


class TraktWarning(UserWarning):
    """Base class of every warning issued by :mod:`trakt_analysis`."""


class TraktDataWarning(TraktWarning):
    """The data loaded, but something in it is odd or inconsistent (the show is named)."""


class TraktSortWarning(TraktWarning):
    """A requested order cannot be applied to this data; the input order was kept."""
