"""The editors' and open-data pages: right content, working downloads, escaped text, no axe violations."""
from __future__ import annotations

import csv
import gzip
import io
import json
import urllib.request
from datetime import date

import pytest

from directory.hsds.export import services
from directory.hsds.files import expand
from directory.exports.plain_csv import directory_csv
from directory.hsds.schemas import schema_errors
from directory.review import due_for_review
from directory.site import SiteContext, build_pages
from tests.site.conftest import TEST_SLUG, built_site, catalog, providers_dir, site_url  # noqa: F401 (fixtures)

TODAY = date(2026, 11, 22)
PAGES = ["editors/review-due/", "downloads/"]


@pytest.fixture(scope="module")
def pages(catalog):
    return {page.path: page.content for page in build_pages(SiteContext(catalog, today=TODAY))}


def test_review_page_lists_due_providers_oldest_first(pages, catalog):
    html = pages["editors/review-due.md"]
    due = due_for_review(catalog.profiles, TODAY)
    assert len(due) >= 2 and due[0].slug == TEST_SLUG
    positions = [html.index(f"../../providers/{p.slug}/") for p in due]
    assert positions == sorted(positions)
    assert f"{len(due)} providers due." in html
    assert "Saltmarsh &quot;Test&quot; Clinic &amp; &lt;b&gt;Partners&lt;/b&gt;" in html and "<b>" not in html
    fresh = next(p for p in catalog.listed if p not in due)
    assert f"providers/{fresh.slug}/" not in html
    assert "before 2025-11-22" in html and "built on 2026-11-22" in html


def test_downloads_are_the_exports(pages, catalog):
    """Published compactly (terms and organizations once, by id; bulk files gzipped), re-nested it is the export."""
    published = json.loads(gzip.decompress(pages["downloads/hsds/services.json.gz"]))["contents"]
    terms = json.loads(pages["downloads/hsds/taxonomy_terms.json"])["contents"]
    organizations = json.loads(gzip.decompress(pages["downloads/hsds/organizations.json.gz"]))["contents"]
    full = services(catalog.profiles, catalog.taxonomy)
    assert expand(published, terms, organizations) == full
    assert all(schema_errors("service", s) == [] for s in published)
    assert all(schema_errors("taxonomy_term", term) == [] for term in terms)
    assert all(schema_errors("organization", org) == [] for org in organizations)
    assert len(terms) == len({term["id"] for term in terms})
    text = pages["downloads/hsds/services.json.gz"]
    assert b"taxonomy_detail" not in gzip.decompress(text) and len(text) * 4 < len(json.dumps(full))
    assert pages["downloads/referral-directory.csv"].decode() == directory_csv(catalog.profiles, catalog.taxonomy)
    assert not any("/tabular/" in path for path in pages), "the tabular form is left to the CLI"


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read()


@pytest.mark.browser
def test_every_download_link_works(site_url, page):
    page.goto(site_url + "downloads/")
    hrefs = page.eval_on_selector_all("a[download]", "links => links.map(a => a.href)")
    assert len(hrefs) == 4
    for href in hrefs:
        body = _get(href)
        if href.endswith(".json.gz"):
            assert json.loads(gzip.decompress(body))["contents"]
        elif href.endswith(".json"):
            assert json.loads(body)["contents"]
        else:
            assert next(csv.reader(io.StringIO(body.decode("utf-8"))))
    rows = list(csv.DictReader(io.StringIO(_get(site_url + "downloads/referral-directory.csv").decode())))
    assert any(row["slug"] == "harbourview-counselling" for row in rows)


@pytest.mark.browser
def test_pages_are_in_the_navigation(site_url, page):
    page.goto(site_url)
    links = page.eval_on_selector_all("nav.md-nav--primary a[href]",
                                      "links => links.map(a => [a.textContent.trim(), a.href])")
    for name, path in (("Due for review", "editors/review-due/"), ("Open data", "downloads/")):
        assert (name, site_url + path) in [tuple(link) for link in links], name


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_pages_pass_axe(site_url, page, axe, path):
    page.goto(site_url + path)
    assert page.locator("h1").first.is_visible()
    assert axe(page) == []
