"""Quick exit in Chromium on the site: the button and Shift pressed three times replace the page with the neutral
one set in mkdocs.yml (extra.quick_exit.url). The neutral site is answered by the test, so nothing leaves."""
from __future__ import annotations

import pytest
import yaml

from directory.paths import REPO_ROOT
from tests.site.conftest import TEST_SLUG

pytestmark = pytest.mark.browser

NEUTRAL = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["quick_exit"]["url"]


def neutral_site(page) -> list[tuple[str, str | None]]:
    """Answers the neutral address in the browser itself; returns the requests that reached it (url, referer)."""
    reached: list[tuple[str, str | None]] = []

    def answer(route):
        reached.append((route.request.url, route.request.headers.get("referer")))
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><p>Sunny</p>")
    page.route(NEUTRAL + "**", answer)
    return reached


@pytest.mark.parametrize("path", ["", "search/", f"providers/{TEST_SLUG}/", "shortlist/", "categories/counselling/"])
def test_button_replaces_the_page(page, site_url, path):
    reached = neutral_site(page)
    page.goto(site_url + "a-z/")
    page.goto(site_url + path)
    button = page.get_by_role("link", name="Exit this page")
    assert button.is_visible() and button.get_attribute("href") == NEUTRAL
    assert "history" in page.locator(".quick-exit-note").inner_text()
    button.click()
    page.wait_for_url(NEUTRAL)
    assert reached == [(NEUTRAL, None)], "the neutral site must not learn where the visitor was"
    page.go_back()
    assert page.url == site_url + "a-z/", "the page left is not in the back button"


def test_shift_three_times_leaves_but_capitals_do_not(page, site_url):
    reached = neutral_site(page)
    page.goto(site_url + "search/")
    field = page.locator("#search-words")
    field.click()
    for letter in "ABC":  # capitals typed with Shift held are not a request to leave
        page.keyboard.down("Shift")
        page.keyboard.press(letter)
        page.keyboard.up("Shift")
    page.wait_for_timeout(300)
    assert reached == [] and page.url.startswith(site_url)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    assert len(reached) == 1


def test_site_and_intake_app_share_one_script():
    assert (REPO_ROOT / "docs/assets/quick-exit.js").read_bytes() == \
        (REPO_ROOT / "intake_app/static/quick-exit.js").read_bytes()
