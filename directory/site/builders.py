"""The registry of page builders. To add pages, write `pages(context) -> Iterable[Page]` in a module and
add one line below naming it ("module:function")."""
from __future__ import annotations

import importlib
import time

from directory.site.pages import Page, SiteContext

PAGE_BUILDERS = [
    "directory.site.provider:pages",
    "directory.site.browse:term_pages",
    "directory.site.browse:a_to_z",
    "directory.site.search:pages",
    "directory.site.review_page:pages",
    "directory.site.downloads:pages",
]


def build_pages(context: SiteContext, builders: list[str] = PAGE_BUILDERS,
                timings: dict[str, float] | None = None) -> list[Page]:
    """Every builder's pages, in registry order; `timings` (if given) receives seconds per builder."""
    pages: list[Page] = []
    for name in builders:
        started = time.perf_counter()
        module, _, function = name.partition(":")
        pages.extend(getattr(importlib.import_module(module), function)(context))
        if timings is not None:
            timings[name] = time.perf_counter() - started
    return pages
