"""The search page in Chromium: filters that combine, counts that stay right, result cards, filters alone
without Pagefind's word index, and words and filters together."""
from __future__ import annotations

import pytest

from tests.site.conftest import TEST_SLUG
from tests.site.test_browser import (all_result_titles, filter_count, filter_option, open_search, result_count,
                                     search, wait_for_count)

pytestmark = pytest.mark.browser

LEVELS_BY_INTENSITY = ["Self-help", "Peer support", "Outpatient", "Group therapy", "Intensive outpatient",
                       "Partial hospitalization", "Residential", "Inpatient"]


def names(profiles) -> list[str]:
    return sorted(p.name for p in profiles)


def test_options_in_a_group_widen_and_groups_narrow(page, site_url, catalog):
    """"Inpatient or residential" can be asked, and each ticked option keeps a true count."""
    listed = catalog.listed
    inpatient = [p for p in listed if "inpatient" in p.levels_of_care]
    residential = [p for p in listed if "residential" in p.levels_of_care]
    either = [p for p in listed if {"inpatient", "residential"} & set(p.levels_of_care)]
    assert inpatient and residential and len(either) > max(len(inpatient), len(residential)), \
        "the sample data no longer tests OR within a group"

    open_search(page, site_url)
    assert filter_count(page, "Level of care", "Residential") == len(residential)
    filter_option(page, "Level of care", "Inpatient").check()
    wait_for_count(page, len(inpatient))
    assert filter_count(page, "Level of care", "Inpatient") == len(inpatient), "a ticked option counts 0"
    # Unticked: what the list would show with it ticked too.
    assert filter_count(page, "Level of care", "Residential") == len(either)

    filter_option(page, "Level of care", "Residential").check()
    wait_for_count(page, len(either))
    assert sorted(all_result_titles(page)) == names(either)
    assert filter_count(page, "Level of care", "Inpatient") == len(inpatient)
    assert filter_count(page, "Level of care", "Residential") == len(residential)

    # Another group narrows; its counts are taken within "inpatient or residential".
    accepting = [p for p in either if p.accepting_new_clients]
    assert filter_count(page, "Accepting new clients", "Yes") == len(accepting)
    filter_option(page, "Accepting new clients", "Yes").check()
    wait_for_count(page, len(accepting))
    assert sorted(all_result_titles(page)) == names(accepting)
    # Within Level of care, counts now respect the other group's choice.
    assert filter_count(page, "Level of care", "Inpatient") == len([p for p in accepting
                                                                    if "inpatient" in p.levels_of_care])

    page.get_by_role("button", name="Clear all filters").click()
    wait_for_count(page, len(listed))


def test_level_of_care_is_near_the_top_in_order_of_intensity(page, site_url):
    open_search(page, site_url)
    groups = page.locator(".search-filters summary").all_inner_texts()
    assert groups.index("Level of care") <= 1, groups
    levels = page.locator('.search-filters input[name="Level of care"]').evaluate_all(
        "boxes => boxes.map(box => box.value)")
    assert [level for level in levels if level in LEVELS_BY_INTENSITY] == LEVELS_BY_INTENSITY


def test_result_cards_show_the_facts_a_decision_needs(page, site_url, catalog):
    profile = catalog.get(TEST_SLUG)
    assert search(page, site_url, "quillwort") >= 1
    card = page.locator(".result-card", has=page.get_by_role("link", name=profile.name, exact=True))
    facts = dict(zip(card.locator("dt").all_inner_texts(), card.locator("dd").all_inner_texts()))
    assert facts == {"City": profile.locations[0].city, "Accepting new clients": "Yes",
                     "Typical wait": "About 70 days (10 weeks)", "Fees": "Sliding scale, Private insurance",
                     "Delivery": "In person, Video (telehealth)"}
    assert "quillwort" in card.locator("mark").first.inner_text().lower()
    assert card.get_by_role("link", name=profile.name).get_attribute("href").endswith(f"/providers/{TEST_SLUG}/")
    # Profile text shows as text: the hostile name is not markup.
    assert card.locator("b").count() == 0 and "<b>Partners</b>" in profile.name


def test_filters_alone_never_download_the_word_index(page, site_url, catalog):
    """Listing and filtering without words reads only the facet index, so it costs the same at any size."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_search(page, site_url)
    filter_option(page, "Language", "French").check()
    wait_for_count(page, len([p for p in catalog.listed if "fr" in p.languages]))
    assert any(url.endswith("/search/facets.json.gz") for url in requests)
    assert [url for url in requests if "/pagefind/" in url] == []


def test_words_and_filters_combine(page, site_url, catalog):
    counselling = [p for p in catalog.listed if "counselling" in p.categories]
    total = search(page, site_url, "counselling")
    filter_option(page, "Category", "Counselling").check()
    narrowed = result_count(page, "counselling")
    assert 0 < narrowed < total
    titles = all_result_titles(page)
    assert set(titles) <= {p.name for p in counselling}
    page.locator("#search-words").fill("")
    wait_for_count(page, len(counselling))
