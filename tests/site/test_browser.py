"""The built site in headless Chromium: search, filters, provider pages, crisis notice, accessibility, print."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from directory.site.facets import GROUPS
from tests.site.conftest import TEST_SLUG

pytestmark = pytest.mark.browser

INTAKE_URL = "http://127.0.0.1:5000"  # mkdocs.yml extra.intake_url


def open_search(page, site_url: str) -> None:
    """Opens the search page once it lists providers: with no words typed, every listed provider."""
    page.goto(site_url + "search/")
    result_count(page)


def search(page, site_url: str, query: str) -> int:
    """Types `query` on the search page like a person would; returns the result count the page announces."""
    open_search(page, site_url)
    page.locator("#search-words").press_sequentially(query, delay=20)
    return result_count(page, query)


def result_count(page, query: str = "") -> int:
    """The count in the summary line: "N results for query", or "N results" for filters alone."""
    summary = page.locator(".search-summary")
    ending = rf" for {re.escape(query)}$" if query else "$"
    summary.filter(has_text=re.compile(rf"^[\d,]+ results?{ending}")).wait_for()
    page.locator('#directory-search[aria-busy="false"]').wait_for()
    return announced(page)


def announced(page) -> int:
    """The number the summary line starts with ("1,234 results…")."""
    return int(page.locator(".search-summary").inner_text().split()[0].replace(",", ""))


def wait_for_count(page, count: int) -> None:
    """Waits until the summary line announces `count` results, whatever the words, and the cards are drawn."""
    page.wait_for_function("n => parseInt(document.querySelector('.search-summary').innerText"
                           ".replaceAll(',', '')) === n", arg=count)
    page.locator('#directory-search[aria-busy="false"]').wait_for()


def filter_option(page, name: str, value: str):
    """One filter checkbox, by filter name and value as the search page shows them."""
    return page.locator(f'.search-filters input[name="{name}"][value="{value}"]')


def filter_count(page, name: str, value: str) -> int:
    """The count beside a filter value: how many providers the list would show with it ticked."""
    label = page.locator(".search-filters label.filter-option",
                         has=page.locator(f'input[name="{name}"][value="{value}"]'))
    return int(label.locator(".filter-option__count").inner_text().replace(",", ""))


def all_result_titles(page) -> list[str]:
    """Every result's title, pressing "Show more" until every announced result has its card."""
    cards = page.locator(".search-results .result-card")
    more = page.locator(".search-more")
    while more.is_visible():
        before = cards.count()
        more.click()
        expect(cards).not_to_have_count(before)
    expect(cards).to_have_count(announced(page))
    return page.locator(".search-results .result-card__title a").all_inner_texts()


def test_typing_part_of_a_mandate_finds_the_provider(page, site_url, catalog):
    search(page, site_url, "saltmarsh orienteering")
    assert page.locator(".search-results .result-card__title a").first.inner_text() == catalog.get(TEST_SLUG).name

    real = [p for p in catalog.listed if p.slug != TEST_SLUG]
    profile = real[len(real) // 2]
    words = profile.mandate.split()
    phrase = " ".join(words[len(words) // 3: len(words) // 3 + 4]).strip(",.;:")
    assert search(page, site_url, phrase) >= 1
    assert profile.name in all_result_titles(page)


def test_two_filters_narrow_the_results(page, site_url, catalog):
    listed = catalog.listed
    # Every provider page has a "Strengths" heading, and only provider pages are indexed.
    assert search(page, site_url, "strengths") == len(listed)

    counselling = [p for p in listed if "counselling" in p.categories]
    french = [p for p in counselling if "fr" in p.languages]
    assert 0 < len(french) < len(counselling) < len(listed), "the sample data no longer tests narrowing"

    assert filter_count(page, "Category", "Counselling") == len(counselling)
    filter_option(page, "Category", "Counselling").check()
    wait_for_count(page, len(counselling))
    assert result_count(page, "strengths") == len(counselling)

    filter_option(page, "Language", "French").check()
    wait_for_count(page, len(french))
    assert sorted(all_result_titles(page)) == sorted(p.name for p in french)


def test_filters_alone_list_the_matching_providers(page, site_url, catalog):
    """A clinician browses with no words at all: every listed provider first, then only those matching both."""
    listed = catalog.listed
    french = [p for p in listed if "fr" in p.languages]
    both = [p for p in french if "telehealth" in p.delivery]
    assert 0 < len(both) < len(french) < len(listed), "the sample data no longer tests narrowing"

    open_search(page, site_url)
    assert result_count(page) == len(listed)
    filter_option(page, "Language", "French").check()
    wait_for_count(page, len(french))
    assert result_count(page) == len(french)
    # The counts beside the other filters now count French-speaking providers only.
    assert filter_count(page, "Delivery", "Video (telehealth)") == len(both)

    filter_option(page, "Delivery", "Video (telehealth)").check()
    wait_for_count(page, len(both))
    assert page.locator("#search-words").input_value() == ""
    assert sorted(all_result_titles(page)) == sorted(p.name for p in both)

    filter_option(page, "Language", "French").uncheck()
    telehealth = [p for p in listed if "telehealth" in p.delivery]
    wait_for_count(page, len(telehealth))
    assert sorted(all_result_titles(page)) == sorted(p.name for p in telehealth)


def test_filters_start_closed_on_a_phone(browser, site_url, catalog, axe):
    """On a narrow screen the results come within reach: filter groups start closed, and still work."""
    page = browser.new_page(viewport={"width": 400, "height": 800})
    try:
        open_search(page, site_url)
        assert page.locator(".search-filters details").count() == len(GROUPS)
        assert page.locator(".search-filters details[open]").count() == 0
        first = page.locator(".search-results .result-card__title a").first
        first.wait_for()
        assert first.bounding_box()["y"] < 2 * 800
        page.locator(".search-filters summary", has_text="Language").click()
        filter_option(page, "Language", "French").check()
        wait_for_count(page, len([p for p in catalog.listed if "fr" in p.languages]))
        assert axe(page) == []
    finally:
        page.close()


def test_search_placeholder_is_readable(page, site_url):
    """The placeholder carries the only hint of what to type: it needs 4.5:1 against the field (WCAG 1.4.3)."""
    open_search(page, site_url)
    field = page.locator("#search-words")
    assert field.get_attribute("placeholder").startswith("Search providers")
    placeholder, background = field.evaluate(
        "e => [getComputedStyle(e, '::placeholder').color, getComputedStyle(e).backgroundColor]")
    assert contrast(placeholder, background) >= 4.5, (placeholder, background)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two opaque `rgb(r, g, b)` colours."""
    def luminance(colour: str) -> float:
        red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", colour)[:3])
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_provider_page_shows_every_field(page, site_url, catalog):
    profile = catalog.get(TEST_SLUG)
    page.goto(f"{site_url}providers/{TEST_SLUG}/")
    article = page.locator("article.provider")
    text = article.inner_text()
    assert page.locator("h1").inner_text() == profile.name
    for heading in ["Mandate", "Strengths", "Limitations to consider", "Services", "Eligibility", "How to refer",
                    "Accessibility", "Locations and hours", "Contact"]:
        assert article.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    expected = [profile.summary, "Offers saltmarsh orienteering therapy", *profile.strengths, *profile.weaknesses,
                *profile.services, "Adults, Older adults", "Adults living in the Saltmarsh region.", "18 to 99",
                "Self-referral", "No: a referral is needed.", "Physician referral", *profile.referral.documents,
                "About 70 days (10 weeks)", "Sliding scale, Private insurance", "English, French, Portuguese",
                "In person, Video (telehealth)", "Quiet waiting room", "Harbour office", "12 Estuary Lane",
                "Mon–Thu 09:00–20:00", "United States", "+1 613-555-0177", "intake@saltmarsh.example",
                "https://saltmarsh.example", "Last reviewed: 15 January 2020 by Test editor",
                "Not reviewed for over 12 months", "Accepting new clients"]
    assert [item for item in expected if item not in text] == []
    edit = page.get_by_role("link", name="Suggest an edit")
    assert edit.get_attribute("href").endswith(f"/providers/{TEST_SLUG}.yaml")


def test_referral_button_carries_the_right_url(page, site_url, catalog):
    for profile in (catalog.get(TEST_SLUG), catalog.listed[0]):
        page.goto(f"{site_url}providers/{profile.slug}/")
        button = page.get_by_role("link", name="Request a referral")
        assert button.get_attribute("href") == f"{INTAKE_URL}/refer/{profile.slug}"


def test_script_in_a_profile_shows_as_text(page, site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site_url}providers/{TEST_SLUG}/")
    assert "<script>window.pwned = 2</script> must show as text" in page.locator("article.provider").inner_text()
    assert page.evaluate("window.pwned") is None
    assert dialogs == []


@pytest.mark.parametrize("path", ["", "search/", "categories/counselling/", "levels/", "a-z/",
                                  f"providers/{TEST_SLUG}/", "making-a-good-referral/", "privacy/"])
def test_crisis_notice_on_every_page(page, site_url, path):
    page.goto(site_url + path)
    notice = page.locator(".crisis-notice")
    assert notice.is_visible()
    assert "emergency" in notice.inner_text().lower()
    assert notice.get_by_role("link", name="911").get_attribute("href") == "tel:911"
    assert notice.get_by_role("link", name="988").get_attribute("href") == "tel:988"


def test_home_page_starts_the_search(page, site_url, catalog):
    page.goto(site_url)
    page.get_by_label("Search providers by need, service or mandate").fill("quillwort")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q=quillwort"))
    assert result_count(page, "quillwort") >= 1
    assert page.locator("#search-words").input_value() == "quillwort"
    assert catalog.get(TEST_SLUG).name in all_result_titles(page)


def test_no_third_party_requests(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url)
    search(page, site_url, "counselling")
    page.goto(f"{site_url}providers/{TEST_SLUG}/")
    assert requests and [url for url in requests if not url.startswith(site_url)] == []


@pytest.mark.parametrize("path", ["", "categories/counselling/", f"providers/{TEST_SLUG}/"])
def test_pages_have_no_axe_violations(page, site_url, axe, path):
    page.goto(site_url + path)
    assert axe(page) == []


def test_search_with_results_and_filters_open_has_no_axe_violations(page, site_url, axe, catalog):
    open_search(page, site_url)
    assert page.locator(".search-filters details[open]").count() == len(GROUPS)
    assert axe(page) == [], "filters alone"
    search(page, site_url, "counselling")
    filter_option(page, "Category", "Counselling").check()
    page.locator(".search-filters input:checked").wait_for()
    result_count(page, "counselling")
    page.locator(".search-results .result-card").first.wait_for()
    assert axe(page) == []


def test_longest_provider_page_prints_on_two_sheets_at_most(page, site_url, built_site):
    longest = max((built_site / "providers").glob("*/index.html"), key=lambda p: p.stat().st_size)
    page.goto(f"{site_url}providers/{longest.parent.name}/")
    pdf = page.pdf(format="A4")
    sheets = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= sheets <= 2, f"{longest.parent.name} prints on {sheets} sheets"
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".provider-contact").is_visible() and page.locator(".crisis-notice").is_visible()
