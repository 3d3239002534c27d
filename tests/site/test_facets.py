"""The search page's facet index and the short list's per-provider data, as the build writes them."""
from __future__ import annotations

import gzip
import json

from directory.catalog import Catalog
from directory.site import SiteContext, SiteSettings, build_pages, facets, search, shortlist
from directory.site.facets import LEVEL

from tests.site.conftest import TEST_SLUG

SETTINGS = SiteSettings(intake_url="https://intake.example/")


def index_of(catalog) -> dict:
    (page,) = facets.pages(SiteContext(catalog, SETTINGS))
    assert page.path == "search/facets.json.gz"
    return json.loads(gzip.decompress(page.content))


def test_every_provider_row_decodes_to_its_filter_values(catalog):
    index = index_of(catalog)
    options = [(group["key"], label) for group in index["groups"] for label in group["options"]]
    rows = {row[0]: row for row in index["providers"]}
    assert list(rows) == [p.slug for p in catalog.listed]
    for profile in catalog.listed:
        slug, name, city, wait, codes = rows[profile.slug]
        chosen = [options[code] for code in codes]
        levels = [label for key, label in chosen if key == "level"]
        assert levels == catalog.taxonomy.labels("levels_of_care", [
            term for term in catalog.taxonomy["levels_of_care"] if term in profile.levels_of_care])
        assert ("accepting", "Yes" if profile.accepting_new_clients else "No") in chosen
        assert name == profile.name
        assert wait == (profile.typical_days if profile.typical_days is not None else -1)
        assert (index["cities"][city] if city >= 0 else None) == (profile.locations[0].city if profile.locations
                                                                   else None)


def test_levels_of_care_come_near_the_top_in_order_of_intensity(catalog):
    groups = index_of(catalog)["groups"]
    assert [g["name"] for g in groups].index(LEVEL) <= 1
    levels = next(g["options"] for g in groups if g["name"] == LEVEL)
    assert levels[0] == "Self-help" and levels.index("Outpatient") < levels.index("Residential") \
        < levels.index("Inpatient")


def test_filters_alone_stay_small_at_ten_thousand_providers(catalog):
    """The page is the same at any size, and at 10,000 providers its facet index stays far under 500 KB."""
    base = catalog.get(TEST_SLUG)
    profiles = tuple(base.model_copy(update={"slug": f"provider-{i:05d}", "name": f"Provider {i:05d}",
                                             "languages": [["en"], ["fr"], ["en", "pt"]][i % 3]})
                     for i in range(10_000))
    context = SiteContext(Catalog(profiles, catalog.taxonomy), SETTINGS)
    (data,) = facets.pages(context)
    assert len(data.content) < 250 * 1024, len(data.content)
    small = [p.content for p in search.pages(SiteContext(catalog, SETTINGS)) if p.path == search.PATH]
    large = [p.content for p in search.pages(context) if p.path == search.PATH]
    assert small == large and "the filters alone list" in large[0]


def test_short_list_data_is_plain_text_for_the_page_to_escape(catalog):
    pages = {page.path: page for page in build_pages(SiteContext(catalog, SETTINGS))}
    data = json.loads(gzip.decompress(pages[f"shortlist/data/{TEST_SLUG}.json.gz"].content))
    profile = catalog.get(TEST_SLUG)
    assert data["name"] == profile.name and "<b>" in data["name"], "kept raw: the page inserts it as text"
    assert data["strengths"] == list(profile.strengths) and data["weaknesses"] == list(profile.weaknesses)
    assert data["wait"].startswith("About 70 days (10 weeks)")
    assert data["contact"]["phone"] == profile.contact.phone
    assert any("United States" in place["lines"] for place in data["locations"])
    assert shortlist.PATH in pages and 'data-intake-url="https://intake.example"' in pages[shortlist.PATH].content
    inactive = [p for p in catalog.profiles if not p.listed]
    assert all(f"shortlist/data/{p.slug}.json.gz" not in pages for p in inactive)
