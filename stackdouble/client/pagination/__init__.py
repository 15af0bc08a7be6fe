"""Pagination: `Pager` over linked, marker and single pages.

Every listing function returns a `Pager`. Walk it with `each_page(handler)` (the handler
returns False to stop early), collect it with `all_pages()`, or iterate its resources lazily
with `items()`. The three page kinds follow gophercloud's stop rules exactly:

- `LinkedPage`: stop on an empty page or when the body has no next link (Nova, Cinder and
  Keystone send a next link whenever a page is full, so an exact multiple costs one empty page).
- `MarkerPage`: the next URL is always this one with `marker=<last>`; stop only on an empty page.
- `SinglePage`: one page.

Two loop guards stop a misbehaving service with `UnexpectedBody` instead of paging forever: a
next URL already fetched, and a page repeating the previous page's items under a new link.
"""

from stackdouble.client.pagination._pager import PAGE_OK_CODES, Pager
from stackdouble.client.pagination._pages import (
    LinkedPage,
    MarkerPage,
    Page,
    SinglePage,
    with_query,
)

__all__ = ["PAGE_OK_CODES", "LinkedPage", "MarkerPage", "Page", "Pager", "SinglePage", "with_query"]
