"""No redirect to another origin: neither secrets nor answers travel between hosts.

requests follows a 307/308 with the method and the body, so a redirected
``POST /oauth/device/token`` would carry the client secret and the device code
to whatever host the ``Location`` names; and headers such as ``trakt-api-key``
go along on every redirect. A redirect to another origin (scheme, host, port) is
therefore refused before it is followed; so is a GET's, whose answer would come
from a host the user never named. Only an upgrade from ``http`` to ``https`` on
the same host counts as the same origin.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import requests

from ..errors import TraktHTTPError

__all__ = ["origin", "refuse_cross_origin_redirect"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> tuple[str, str, int | None]:
    """``(scheme, host, port)`` of `url`, the port filled in for http and https."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or _DEFAULT_PORTS.get(scheme)


def _same_origin(source: str, target: str) -> bool:
    a, b = origin(source), origin(target)
    if a == b:
        return True
    # http -> https on the same host (default ports) is an upgrade, not another host.
    return a == ("http", b[1], 80) and b == ("https", a[1], 443)


def refuse_cross_origin_redirect(response: requests.Response, label: str) -> None:
    """Raise :class:`TraktHTTPError` when `response` redirects to another origin.

    Parameters
    ----------
    response : requests.Response
        An answer, its headers read (its body not yet).
    label : str
        Names the request (secrets already redacted).
    """
    location = response.headers.get("Location")
    if location is None or not response.is_redirect:
        return
    source = response.request.url if response.request is not None else None
    target = urljoin(source or "", location.strip())
    if source is not None and _same_origin(source, target):
        return
    scheme, host, port = origin(target)
    response.close()
    raise TraktHTTPError(
        f"{label} (HTTP {response.status_code}): redirected to another host "
        f"({scheme}://{host}:{port}); not followed, so no key, token or answer goes "
        "between hosts. Check the base URL.",
        status=response.status_code,
    )
