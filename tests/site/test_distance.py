"""Sorting search results by distance, in Chromium: from one of the directory's own cities or from the browser's
location (granted, refused, unavailable), a provider with several places at its nearest, with filters and words,
no request leaving the site, and axe clean with the sort active."""
from __future__ import annotations

import math
import re

import pytest

from directory.site import SiteContext, SiteSettings, facets
from tests.site.test_browser import all_result_titles, filter_option, open_search, search, wait_for_count

pytestmark = pytest.mark.browser

EARTH_KM = 6371.0088


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (map(math.radians, a)), (map(math.radians, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest(profile, origin) -> float | None:
    """The nearest of a provider's places, from the coordinates as the facet index publishes them (3 decimals)."""
    places = [(round(p.latitude, 3), round(p.longitude, 3)) for p in profile.locations if p.latitude is not None]
    return min((haversine(origin, place) for place in places), default=None)


def by_distance(profiles, origin, catalog) -> list[str]:
    """Names nearest first, providers without coordinates last, ties in the listing's order."""
    order = {p.slug: i for i, p in enumerate(catalog.listed)}
    return [p.name for p in sorted(profiles, key=lambda p: (nearest(p, origin) is None,
                                                             nearest(p, origin) or 0, order[p.slug]))]


def described(km: float | None) -> str:
    if km is None:
        return "Not known (no mapped address)"
    if km < 1:
        return "Less than 1 km"
    return f"About {km:.1f} km" if km < 10 else f"About {round(km):,} km"


def city_centre(catalog, city: str) -> tuple[float, float]:
    index = facets.facet_index(SiteContext(catalog, SiteSettings()))
    return tuple(index["city_coordinates"][index["cities"].index(city)])


def distances_shown(page) -> dict[str, str]:
    cards = page.locator(".search-results .result-card")
    return {card.locator(".result-card__title a").inner_text():
            card.locator(".result-card__fact", has=page.locator("dt", has_text="Distance")).locator("dd").inner_text()
            for card in cards.all()}


def sorted_from(page, where: str) -> None:
    page.locator(".search-summary").filter(has_text=re.compile(rf", nearest to {re.escape(where)} first$")).wait_for()
    page.locator('#directory-search[aria-busy="false"]').wait_for()


def test_the_place_list_is_the_directorys_own_cities(page, site_url, catalog):
    open_search(page, site_url)
    index = facets.facet_index(SiteContext(catalog, SiteSettings()))
    located = sorted(city for city, point in zip(index["cities"], index["city_coordinates"]) if point)
    options = page.locator("#search-near option").all_inner_texts()
    assert options[0].startswith("None") and options[1:] == located
    assert page.get_by_label("Sort by distance from").is_visible()


def test_sorting_from_a_city_lists_nearest_first_with_the_distance_on_each_card(page, site_url, catalog):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_search(page, site_url)
    page.get_by_label("Sort by distance from").select_option(label="Fernhollow")
    sorted_from(page, "Fernhollow")
    origin = city_centre(catalog, "Fernhollow")
    expected = by_distance(catalog.listed, origin, catalog)
    titles = all_result_titles(page)
    assert titles == expected
    assert titles[0] != sorted(titles)[0], "the sample data no longer tells distance order from A–Z"
    shown = distances_shown(page)
    for profile in catalog.listed:
        assert shown[profile.name] == described(nearest(profile, origin)), profile.slug
    assert shown[titles[-1]].startswith("Not known"), "providers without an address come last"
    assert re.fullmatch(r"About \d{1,3}(,\d{3})* km", shown[titles[len(titles) // 2]])
    assert all(url.startswith(site_url) for url in requests), "a request left the site"

    page.get_by_label("Sort by distance from").select_option(value="")
    wait_for_count(page, len(catalog.listed))
    assert "nearest" not in page.locator(".search-summary").inner_text()
    assert page.locator(".result-card__fact dt", has_text="Distance").count() == 0


def test_my_location_sorts_from_the_browser_position_and_uses_a_providers_nearest_place(browser, site_url, catalog):
    sprout = catalog.get("sprout-child-and-family-mental-health")
    far, near = sprout.locations  # Red Aspen, then Willowbend
    here = {"latitude": near.latitude, "longitude": near.longitude}
    context = browser.new_context(geolocation=here, permissions=["geolocation"])
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        open_search(page, site_url)
        page.get_by_role("button", name="Use my location").click()
        sorted_from(page, "your location")
        first = page.locator(".search-results .result-card").first
        assert first.locator(".result-card__title a").inner_text() == sprout.name
        assert distances_shown(page)[sprout.name] == "Less than 1 km", "measured from its nearer place"
        assert haversine((far.latitude, far.longitude), (near.latitude, near.longitude)) > 10
        titles = all_result_titles(page)
        assert titles == by_distance(catalog.listed, (near.latitude, near.longitude), catalog)
        assert page.get_by_label("Sort by distance from").evaluate("s => s.selectedOptions[0].text") == "My location"
        assert "not sent anywhere" in page.locator(".search-sort__status").inner_text()
        assert all(url.startswith(site_url) for url in requests), "the location or a request left the site"
    finally:
        context.close()


def test_a_refused_location_says_so_and_keeps_the_list(browser, site_url, catalog):
    context = browser.new_context()  # no permission granted: Chromium refuses
    try:
        page = context.new_page()
        open_search(page, site_url)
        before = page.locator(".search-results .result-card__title a").all_inner_texts()
        page.get_by_role("button", name="Use my location").click()
        status = page.locator(".search-sort__status")
        status.filter(has_text="not shared").wait_for()
        assert "Choose a city" in status.inner_text()
        assert page.get_by_role("button", name="Use my location").is_enabled()
        assert "nearest" not in page.locator(".search-summary").inner_text()
        assert page.locator(".search-results .result-card__title a").all_inner_texts() == before
    finally:
        context.close()


def test_a_browser_without_geolocation_is_told_to_choose_a_city(page, site_url):
    page.add_init_script("Object.defineProperty(navigator, 'geolocation', {value: undefined})")
    open_search(page, site_url)
    page.get_by_role("button", name="Use my location").click()
    page.locator(".search-sort__status").filter(has_text="cannot share its location").wait_for()


def test_distance_sorting_keeps_words_and_filters(page, site_url, catalog):
    total = search(page, site_url, "counselling")
    filter_option(page, "Category", "Counselling").check()
    page.wait_for_function("n => parseInt(document.querySelector('.search-summary').innerText"
                           ".replaceAll(',', '')) !== n", arg=total)
    page.locator('#directory-search[aria-busy="false"]').wait_for()
    unsorted = set(all_result_titles(page))
    assert len(unsorted) > 2
    page.get_by_label("Sort by distance from").select_option(label="Lakeside")
    sorted_from(page, "Lakeside")
    assert page.locator(".search-summary").inner_text().endswith(" for counselling, nearest to Lakeside first")
    titles = all_result_titles(page)
    assert set(titles) == unsorted, "sorting changed which providers match"
    matched = [p for p in catalog.listed if p.name in unsorted]
    assert titles == by_distance(matched, city_centre(catalog, "Lakeside"), catalog)
    # Ticking another filter keeps the sort.
    filter_option(page, "Accepting new clients", "Yes").check()
    accepting = [p for p in matched if p.accepting_new_clients]
    assert 0 < len(accepting) < len(matched)
    wait_for_count(page, len(accepting))
    sorted_from(page, "Lakeside")
    assert all_result_titles(page) == by_distance(accepting, city_centre(catalog, "Lakeside"), catalog)


def test_search_sorted_by_distance_with_filters_has_no_axe_violations(page, site_url, axe):
    open_search(page, site_url)
    filter_option(page, "Accepting new clients", "Yes").check()
    page.get_by_label("Sort by distance from").select_option(label="Millbrook")
    sorted_from(page, "Millbrook")
    page.locator(".result-card__fact dt", has_text="Distance").first.wait_for()
    assert axe(page) == []
