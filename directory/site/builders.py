"""The registry of page builders. To add pages, write `pages(context) -> Iterable[Page]` in a module,
import it here and add it to the list."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from directory.site import browse, downloads, provider, review_page, search, shortlist
from directory.site.pages import Page, SiteContext

PageBuilder = Callable[[SiteContext], Iterable[Page]]

PAGE_BUILDERS: list[PageBuilder] = [
    provider.pages,
    browse.term_pages,
    browse.a_to_z,
    search.pages,
    shortlist.pages,
    review_page.pages,
    downloads.pages,
]


def build_pages(context: SiteContext, builders: list[PageBuilder] = PAGE_BUILDERS,
                timings: dict[str, float] | None = None) -> list[Page]:
    """Every builder's pages, in registry order; `timings` (if given) receives seconds per builder."""
    pages: list[Page] = []
    for builder in builders:
        started = time.perf_counter()
        pages.extend(builder(context))
        if timings is not None:
            timings[f"{builder.__module__}:{builder.__name__}"] = time.perf_counter() - started
    return pages
