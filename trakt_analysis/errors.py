"""The toolkit's exception and warning family.

Every error the toolkit raises derives from :class:`TraktError`, so callers can
catch one type. Subclasses also derive from the matching builtin where one fits
(``ValueError`` for bad data, ``OSError`` for files), so generic handlers work too.
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
    "TraktError",
    "TraktFileError",
    "TraktHTTPError",
    "TraktNotFoundError",
    "TraktRateLimitError",
    "TraktSortWarning",
    "TraktSourceError",
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


class TraktConnectionError(TraktError, ConnectionError):
    """The server could not be reached: timeout, refused or reset connection."""


class TraktCacheMissError(TraktError):
    """Offline mode was requested and the response is not in the cache."""


class TraktDependencyError(TraktError, ImportError):
    """An optional feature was asked for but its extra is not installed (named in the message)."""


class TraktDataWarning(UserWarning):
    """The data loaded, but something in it is inconsistent (named in the message)."""


class TraktSortWarning(UserWarning):
    """A requested order cannot be applied to this data; the input order was kept."""
