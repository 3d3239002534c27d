"""The short list in Chromium: add and remove from results and provider pages, compare up to four side by side,
the client's handout (print and text), referral links, escaping, and nothing sent anywhere."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.site.conftest import TEST_SLUG
from tests.site.test_browser import INTAKE_URL, open_search

pytestmark = pytest.mark.browser

KEY = "referral-directory:shortlist"


def stored(page) -> list[dict]:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}') || '[]'"))


def add_from_results(page, name: str) -> None:
    page.locator(".result-card", has=page.get_by_role("link", name=name, exact=True)) \
        .get_by_role("button", name="Add to short list").click()


def test_add_compare_and_hand_out(page, site_url, catalog, axe):
    requests, dialogs = [], []
    page.on("request", lambda request: requests.append((request.method, request.url)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = catalog.get(TEST_SLUG)
    first, second, third = [p for p in catalog.listed if p.slug != TEST_SLUG and p.locations][:3]

    open_search(page, site_url)
    for profile in (first, second, third):
        add_from_results(page, profile.name)
    card = page.locator(".result-card", has=page.get_by_role("link", name=third.name, exact=True))
    card.get_by_role("button", name="Remove from short list").click()
    expect(card.get_by_role("button", name="Add to short list")).to_be_visible()
    assert [entry["slug"] for entry in stored(page)] == [first.slug, second.slug]

    page.goto(f"{site_url}providers/{TEST_SLUG}/")
    page.get_by_role("button", name="Add to short list").click()
    expect(page.get_by_role("link", name="Short list (3)")).to_be_visible()
    page.get_by_role("link", name="Short list (3)").click()

    page.wait_for_url("**/shortlist/")
    items = page.locator(".shortlist-items li")
    expect(items).to_have_count(3)
    table = page.locator("table.compare")
    expect(table.locator("thead th")).to_have_count(3)
    assert table.locator("thead th").all_inner_texts() == [first.name, second.name, hostile.name]
    rows = table.locator("tbody th").all_inner_texts()
    for row in ("Mandate", "Strengths", "Limitations to consider", "Typical wait", "Fees", "Languages",
                "How to refer", "Next step"):
        assert row in rows, row
    text = table.inner_text()
    assert all(item in text for item in (*hostile.strengths, *hostile.weaknesses, hostile.referral.how_to_refer.split()[0]))
    referral = table.locator(f'a[href="{INTAKE_URL}/refer/{TEST_SLUG}"]')
    assert referral.inner_text().startswith("Request a referral")
    assert referral.text_content() == f"Request a referral: {hostile.name}"

    # Profile text is inserted as text: the hostile profile's markup shows, and runs nothing.
    assert hostile.name in table.locator("thead").inner_text() and "<b>" in hostile.name
    assert page.locator(".shortlist script, .shortlist b, .shortlist img").count() == 0
    assert page.evaluate("window.pwned") is None and dialogs == []

    handout = page.locator(".handout-body")
    place = first.locations[0]
    assert place.address in handout.inner_text() and first.contact.phone in handout.inner_text()
    assert axe(page) == [], "compare view and handout"

    page.emulate_media(media="print")
    assert handout.is_visible() and table.is_hidden() and page.locator(".quick-exit").is_hidden()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download as a text file").click()
    saved = download.value.path().read_text(encoding="utf-8")
    assert first.name in saved and place.address in saved and "988" in saved

    # Nothing about the list leaves the browser: only GETs of the site's own files.
    assert {method for method, _ in requests} == {"GET"}
    assert [url for _, url in requests if not url.startswith(site_url)] == []


def test_compare_at_most_four(page, site_url, catalog):
    five = [p for p in catalog.listed if p.slug != TEST_SLUG][:5]
    page.goto(site_url + "shortlist/")
    page.evaluate(f"entries => localStorage.setItem('{KEY}', JSON.stringify(entries))",
                  [{"slug": p.slug, "name": p.name} for p in five])
    page.reload()
    boxes = page.locator(".shortlist-items input[type=checkbox]")
    expect(boxes).to_have_count(5)
    expect(page.locator("table.compare thead th")).to_have_count(4)
    assert [boxes.nth(i).is_checked() for i in range(5)] == [True] * 4 + [False]
    assert boxes.nth(4).is_disabled()
    boxes.nth(0).uncheck()
    expect(boxes.nth(4)).to_be_enabled()
    boxes.nth(4).check()
    expect(page.locator("table.compare thead th")).to_have_count(4)
    assert page.locator("table.compare thead th").all_inner_texts() == [p.name for p in five[1:]]

    page.get_by_role("button", name=f"Remove {five[1].name} from the short list").click()
    expect(boxes).to_have_count(4)
    page.get_by_role("button", name="Remove all from the short list").click()
    expect(page.locator(".shortlist-empty")).to_be_visible()
    assert stored(page) == []


def test_a_stored_entry_cannot_inject_markup(page, site_url):
    page.goto(site_url + "shortlist/")
    page.evaluate(f"""localStorage.setItem('{KEY}', JSON.stringify([
        {{slug: "../../evil", name: "x"}}, {{slug: "no-such-provider", name: "<img src=x onerror=window.pwned=1>"}}]))""")
    page.reload()
    expect(page.locator(".shortlist-items li")).to_have_count(1)
    expect(page.locator("table.compare tbody td").first).to_have_text("No longer listed in the directory.")
    assert page.locator(".shortlist img").count() == 0 and page.evaluate("window.pwned") is None
