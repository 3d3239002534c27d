"""Quick exit on the intake app in Chromium: under its strict CSP (script-src 'self'), the button and Shift
pressed three times replace the page with QUICK_EXIT_URL, answered here so no request leaves the machine."""
from __future__ import annotations

import pytest

from intake_app.infrastructure.config import from_environment
from tests.app.test_browser import live_app  # noqa: F401 - the fixture: the app served on 127.0.0.1

pytestmark = pytest.mark.browser

NEUTRAL = "https://neutral.example/"


@pytest.fixture
def app_page(live_app, page):  # noqa: F811
    live_app.config["QUICK_EXIT_URL"] = NEUTRAL
    reached: list[tuple[str, str | None]] = []
    problems: list[str] = []

    def answer(route):
        reached.append((route.request.url, route.request.headers.get("referer")))
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><p>Sunny</p>")
    page.route(NEUTRAL + "**", answer)
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return live_app.config["TEST_URL"], page, reached, problems


def test_button_replaces_the_page(app_page, axe):
    base, page, reached, problems = app_page
    page.goto(base + "/refer")
    page.goto(base + "/revoke")
    button = page.get_by_role("link", name="Exit this page")
    assert button.is_visible() and button.get_attribute("href") == NEUTRAL
    assert "history" in page.locator(".quick-exit-note").inner_text()
    assert axe(page) == []
    button.click()
    page.wait_for_url(NEUTRAL)
    assert reached == [(NEUTRAL, None)]
    page.go_back()
    assert page.url == base + "/refer", "the page left is not in the back button"
    assert problems == [], "the script and styles load under the CSP"


def test_shift_three_times_leaves_but_capitals_do_not(app_page):
    base, page, reached, problems = app_page
    page.goto(base + "/revoke")
    page.get_by_role("textbox").first.click()
    for letter in "ABC":
        page.keyboard.down("Shift")
        page.keyboard.press(letter)
        page.keyboard.up("Shift")
    page.wait_for_timeout(300)
    assert reached == []
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    assert len(reached) == 1 and problems == []


def test_the_neutral_address_is_a_setting():
    assert from_environment({"QUICK_EXIT_URL": "https://weather.example/"})["QUICK_EXIT_URL"] == \
        "https://weather.example/"
