"""Read a paged API v2 list as Trakt's own exporter does: never a silently cut list.

Trakt pages with ``?page=N&limit=M`` and says how many pages there are in
``X-Pagination-Page-Count`` (and ``-Page``, ``-Limit``, ``-Item-Count``). Those
counts come from a cached item count that lags behind the rows, and the API
leaves out rows it cannot resolve, so a page before the last can come back
short and the last rows can lie past the page count (trakt-web #3152, trakt-api
#142, #823). The rule of trakt.tv's exporter
(``trakt-web``: ``settings/export/processEndpoint.ts``): the page count is a
floor; keep reading while pages come back full; stop at the first empty page
past the count. When the rows read and ``X-Pagination-Item-Count`` disagree, a
:class:`~trakt_analysis.TraktDataWarning` says so (and a note, for the provenance).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .._warnings import warn
from ..errors import TraktDataWarning, TraktPagingError

__all__ = ["MAX_PAGES", "MAX_UNREPORTED_PAGES", "PAGE_LIMIT", "read_all_pages"]

PAGE_LIMIT = 250  # items asked per page, as trakt.tv's exporter asks (the server may send fewer)
MAX_PAGES = 1000  # default bound on one list (HTTPLimits.max_pages): 250,000 rows
MAX_UNREPORTED_PAGES = 100  # full pages past the reported count before it is an error


def _header_int(headers: Mapping[str, str], name: str, label: str) -> int | None:
    value = headers.get(name)
    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        raise TraktPagingError(f"{label}: {name} is not a number: {value[:40]!r}") from None
    if number < 0:
        raise TraktPagingError(f"{label}: {name} is negative: {number}")
    return number


def read_all_pages(
    fetch: Callable[[int], tuple[Any, Mapping[str, str]]],
    label: str,
    *,
    limit: int = PAGE_LIMIT,
    on_page: Callable[[int, int], None] | None = None,
    notes: list[str] | None = None,
    max_pages: int = MAX_PAGES,
) -> list[Any]:
    """Fetch pages 1, 2, ... as long as the list goes on; return all items in order.

    A page count is a floor: past it, reading goes on while pages come back
    full (``X-Pagination-Limit`` items, else `limit`) and stops at the first
    short or empty page. A short page before the last is not an error (the
    API leaves out rows it cannot resolve). A list without
    ``X-Pagination-Page-Count`` is not paged: one request.

    Parameters
    ----------
    fetch : callable
        ``fetch(page) -> (items, headers)``: one page's parsed JSON list and headers.
    label : str
        Names the list in messages.
    limit : int
        The page size asked for (used when the server does not say its own).
    on_page : callable, optional
        ``on_page(page, page_count)`` after each page (a progress bar).
    notes : list of str, optional
        Where to append a note when the rows read and the item count disagree.
    max_pages : int
        The most pages read (:attr:`~trakt_analysis.HTTPLimits.max_pages`): a
        list reported or found longer is refused, with how to raise the limit.

    Warns
    -----
    TraktDataWarning
        The rows read are not ``X-Pagination-Item-Count`` (the count lags, or
        the API left rows out): the list may lack rows or hold one twice.

    Raises
    ------
    TraktPagingError
        A page is not a list; a header is not a number; more than
        `max_pages` pages, or :data:`MAX_UNREPORTED_PAGES` full pages past
        the reported count.
    """
    items: list[Any] = []
    item_count: int | None = None
    page_count = 1
    page = 0
    while True:
        page += 1
        if page > max_pages:
            raise TraktPagingError(_too_long(label, f"more than {max_pages}", max_pages))
        data, headers = fetch(page)
        where = f"{label}, page {page}"
        if not isinstance(data, list):
            raise TraktPagingError(f"{where}: expected a list, got {type(data).__name__}")
        count = _header_int(headers, "X-Pagination-Page-Count", where)
        if count is None and page == 1:
            items.extend(data)  # not a paged list
            if on_page is not None:
                on_page(1, 1)
            break
        if count is not None:
            page_count = count
            if count > max_pages:
                raise TraktPagingError(_too_long(where, str(count), max_pages))
        said_limit = _header_int(headers, "X-Pagination-Limit", where)
        said_items = _header_int(headers, "X-Pagination-Item-Count", where)
        if said_items is not None:
            item_count = said_items
        unreported = page - page_count
        if unreported > 0 and not data:
            break  # past the count, the list has ended
        if unreported >= MAX_UNREPORTED_PAGES:
            raise TraktPagingError(
                f"{where}: {unreported} full pages past the reported page count "
                f"({page_count}); not read to its end"
            )
        items.extend(data)
        if on_page is not None:
            on_page(page, max(page, page_count))
        full = bool(data) and len(data) >= (said_limit or limit)
        if not (page < page_count or full):
            break
    if item_count is not None and len(items) != item_count:
        message = (
            f"{label}: read {len(items)} rows on {page} pages, but the server counts "
            f"{item_count} (X-Pagination-Item-Count). Trakt's count lags behind its rows and "
            "it leaves out rows it cannot resolve, so the list may lack rows or hold one twice"
        )
        warn(message, TraktDataWarning)
        if notes is not None:
            notes.append(message)
    return items


def _too_long(where: str, pages: str, max_pages: int) -> str:
    return (
        f"{where}: the list has {pages} pages, more than the limit of {max_pages}; raise it "
        "with http_limits=HTTPLimits(max_pages=...) if the list is really that long"
    )
