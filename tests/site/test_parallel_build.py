"""`mkdocs build` runs the open-data downloads in a forked process beside the other page builders: the pages must
be the same as a sequential build's, in the same order, and a failure there must fail the build."""
from __future__ import annotations

from datetime import date

import pytest

from directory.site import SiteContext, SiteSettings, build_pages, downloads, provider
from directory.site.builders import PAGE_BUILDERS, PARALLEL


def context(catalog) -> SiteContext:
    return SiteContext(catalog, SiteSettings(), date(2026, 11, 22))


def test_forked_builders_give_the_same_pages_in_the_same_order(catalog):
    assert downloads.pages in PARALLEL
    timings: dict[str, float] = {}
    forked = build_pages(context(catalog), parallel=PARALLEL, timings=timings)
    assert forked == build_pages(context(catalog))
    assert any(page.path.startswith(downloads.FOLDER + "/") for page in forked)
    assert len(timings) == len(PAGE_BUILDERS)


def broken(_context):
    raise ValueError("export failed: unknown term `x`")


def test_an_error_in_a_forked_builder_fails_the_build(catalog):
    with pytest.raises(ValueError, match="unknown term"):
        build_pages(context(catalog), builders=[provider.pages, broken], parallel=(broken,))
