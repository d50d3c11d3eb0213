"""Read a paged API v2 list to its last page, or fail: never a silent truncation.

Trakt pages with ``?page=N&limit=M`` and says how many pages there are in
``X-Pagination-Page-Count`` (and ``-Page``, ``-Limit``, ``-Item-Count``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import TraktPagingError

__all__ = ["MAX_PAGES", "PAGE_LIMIT", "read_all_pages"]

PAGE_LIMIT = 1000  # items asked per page (the server may send fewer per page)
MAX_PAGES = 10_000  # a bound on an untrusted page count


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
    on_page: Callable[[int, int], None] | None = None,
) -> list[Any]:
    """Fetch pages 1, 2, ... until ``X-Pagination-Page-Count``; return all items in order.

    Parameters
    ----------
    fetch : callable
        ``fetch(page) -> (items, headers)``: one page's parsed JSON list and headers.
    label : str
        Names the list in messages.
    on_page : callable, optional
        ``on_page(page, page_count)`` after each page (a progress bar).

    Raises
    ------
    TraktPagingError
        A page is not a list; the page count changed between pages; a page
        before the last came back with fewer items than the page size; the
        items add up to another number than ``X-Pagination-Item-Count``; or
        more than :data:`MAX_PAGES` pages.
    """
    items: list[Any] = []
    page, page_count = 1, 1  # the count is read from the first page
    limit: int | None = None
    item_count: int | None = None
    while True:
        data, headers = fetch(page)
        where = f"{label}, page {page}"
        if not isinstance(data, list):
            raise TraktPagingError(f"{where}: expected a list, got {type(data).__name__}")
        count = _header_int(headers, "X-Pagination-Page-Count", where)
        if page == 1:
            page_count = count if count is not None else 1
            limit = _header_int(headers, "X-Pagination-Limit", where)
            item_count = _header_int(headers, "X-Pagination-Item-Count", where)
            if page_count > MAX_PAGES:
                raise TraktPagingError(f"{where}: {page_count} pages is more than {MAX_PAGES}")
        elif count != page_count:
            raise TraktPagingError(
                f"{where}: the list changed while it was read (page count {page_count}, "
                f"now {count}); read it again"
            )
        if page < page_count and limit is not None and len(data) < limit:
            raise TraktPagingError(
                f"{where}: {len(data)} items on a page of {limit}, before the last page "
                f"({page_count}): the list is incomplete"
            )
        items.extend(data)
        if on_page is not None:
            on_page(page, page_count)
        if page >= page_count:
            break
        page += 1
    if item_count is not None and len(items) != item_count:
        raise TraktPagingError(
            f"{label}: {len(items)} items on {page_count} pages, but the server counts "
            f"{item_count}: the list is incomplete or changed; read it again"
        )
    return items
