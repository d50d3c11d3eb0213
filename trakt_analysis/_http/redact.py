"""Keep secrets (the API key, the password digest) out of messages and log records.

v1 puts the API key in the URL path, and urllib3 logs URLs (at DEBUG, and at
WARNING when it retries a broken connection). Every secret a client holds is
registered here; :func:`redact` replaces it, in any encoding it may take in a
URL or a header, with ``<redacted>``, and :class:`SecretFilter` does the same
to the log records of the loggers that may see a URL.
"""

from __future__ import annotations

import base64
import logging
import re
import threading
from typing import Any
from urllib.parse import quote, quote_plus

__all__ = [
    "REDACTED",
    "Secret",
    "SecretFilter",
    "install_log_filter",
    "redact",
    "register_secret",
]

REDACTED = "<redacted>"

# Loggers (and their children) that may format a request URL or header.
_WATCHED_LOGGERS = ("trakt_analysis", "urllib3", "requests", "requests_cache")

_lock = threading.Lock()
_secrets: tuple[str, ...] = ()  # replaced wherever they stand, longest first
_short: tuple[str, ...] = ()  # replaced only where they stand as a whole token
_short_pattern: re.Pattern[str] | None = None


#: Secrets at least this long are replaced wherever they stand; shorter ones
#: (a hand-made v1 key) only as a whole token, so that a two-letter "secret"
#: does not garble every word of a message that holds its letters.
MIN_SECRET_LENGTH = 8


def _whole(form: str) -> str:
    """A pattern of `form` not inside a longer word (no letter or digit beside it)."""
    before = r"(?<!\w)" if re.match(r"\w", form[0]) else ""
    after = r"(?!\w)" if re.match(r"\w", form[-1]) else ""
    return before + re.escape(form) + after


def register_secret(secret: str) -> None:
    """Redact `secret`, and its URL-encoded forms, from now on (for this process).

    A `secret` of :data:`MIN_SECRET_LENGTH` characters or more is replaced
    wherever it stands; a shorter one only where it stands as a whole token
    (``/abc1/`` or ``key=abc1``, not inside ``xabc12``).
    """
    global _secrets, _short, _short_pattern
    if not secret:
        return
    forms = {secret, quote(secret, safe=""), quote_plus(secret), quote(secret)}
    with _lock:
        if len(secret) >= MIN_SECRET_LENGTH:
            # Longest first, so a secret that contains another is replaced whole.
            _secrets = tuple(sorted(set(_secrets) | forms, key=len, reverse=True))
        else:
            _short = tuple(sorted(set(_short) | forms, key=len, reverse=True))
            _short_pattern = re.compile("|".join(_whole(form) for form in _short))


class Secret:
    """A secret value that shows as ``<redacted>`` in every repr and refuses to be pickled.

    A client keeps its secrets in these, so ``vars(client)`` and a debugger's
    view show none; :meth:`reveal` gives the value to the code that puts it on the wire.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        register_secret(value)
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return REDACTED

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[Any, ...]:
        raise TypeError("a secret cannot be pickled")


def register_basic_auth(username: str, password: str) -> None:
    """Redact the password and the ``Authorization: Basic`` token built from it."""
    register_secret(password)
    token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
    register_secret(token)


def redact(text: str) -> str:
    """Return `text` with every registered secret replaced by ``<redacted>``."""
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    if _short_pattern is not None:
        text = _short_pattern.sub(REDACTED, text)
    return text


class SecretFilter(logging.Filter):
    """Rewrite a log record's message (and traceback text) with the secrets redacted.

    The record is formatted here, once, so handlers see only the redacted text.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not _secrets and _short_pattern is None:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error path
            return True
        record.msg = redact(message)
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = SecretFilter()


def install_log_filter() -> None:
    """Attach the filter to every existing logger under the watched names.

    A logger's filters apply only to records logged on that very logger, not to
    those propagated from its children, so each module's logger gets it. Called
    before every request, which also covers loggers created since.
    """
    manager = logging.Logger.manager
    names = [name for name in list(manager.loggerDict) if name.split(".", 1)[0] in _WATCHED_LOGGERS]
    for name in (*_WATCHED_LOGGERS, *names):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
