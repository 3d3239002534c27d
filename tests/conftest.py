"""Fixtures shared by every part of the suite: a real headless Chromium, axe-core, PostgreSQL."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; a missing browser fails the run instead of skipping (it means a missing install step)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make system-deps` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    import axe_playwright_python

    return next(Path(axe_playwright_python.__file__).parent.rglob("axe.min.js")).read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source):
    """axe(page) → WCAG 2.0/2.1 A and AA violations, each summarised as 'rule: target…' for readable failures."""

    def check(page) -> list[str]:
        page.evaluate(axe_source)
        violations = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)", WCAG_AA)
        return [f"{v['id']}: {', '.join(str(n['target']) for n in v['nodes'][:5])} — {v['help']}"
                for v in violations]

    return check


@pytest.fixture(scope="session")
def postgres_url():
    from tests.postgres_server import postgres_server

    with postgres_server() as url:
        yield url
