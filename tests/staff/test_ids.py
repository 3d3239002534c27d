"""Numbers from a URL never reach the database out of its range: an impossible id is a 404, a huge page a page.
Routes are found by walking the URL map, so a new route is covered without editing this file."""
from __future__ import annotations

import re

import pytest
from werkzeug.routing.converters import NumberConverter

from intake_app.infrastructure.routing import MAX_ID
from tests.staff.test_access import call

HUGE = "9" * 30


def numeric_routes(app) -> list[tuple[str, str, list[str]]]:
    """(method, rule, numeric argument names) for every rule with a number in its path."""
    routes = []
    for rule in app.url_map.iter_rules():
        numbers = [name for name, converter in rule._converters.items() if isinstance(converter, NumberConverter)]
        if numbers:
            routes.extend((method, rule.rule, numbers) for method in sorted(rule.methods - {"HEAD", "OPTIONS"}))
    return routes


def fill(rule: str, value: str) -> str:
    return re.sub(r"<[^>]+>", value, rule)


def test_every_number_in_a_path_is_bounded(app):
    for rule in app.url_map.iter_rules():
        for name, converter in rule._converters.items():
            if isinstance(converter, NumberConverter):
                assert converter.max is not None and converter.max <= MAX_ID, f"{rule.rule}: use <id:{name}>"
    assert len(numeric_routes(app)) >= 7  # referral record, its forms and letter; unlock and disable


@pytest.mark.parametrize("value", [HUGE, str(MAX_ID + 1), "0", str(MAX_ID)])
def test_an_id_out_of_range_or_unknown_is_a_404(app, admin_client, value):
    for method, rule, _names in numeric_routes(app):
        response = call(admin_client, method, fill(rule, value))
        assert response.status_code == 404, (method, rule, value, response.status_code)


def test_a_huge_id_is_a_404_even_signed_out(app, client):
    for method, rule, _names in numeric_routes(app):
        assert call(client, method, fill(rule, HUGE)).status_code == 404, (method, rule)


@pytest.mark.parametrize("page", [HUGE, "-" + HUGE, "1e999", "abc", "0", "", "9" * 5000])
def test_any_page_number_gives_a_page(app, admin_client, page):
    pages = [rule.rule for rule in app.url_map.iter_rules()
             if rule.rule.startswith("/staff") and "GET" in rule.methods and not rule.arguments]
    assert "/staff/" in pages and "/staff/audit" in pages
    for url in pages:
        response = admin_client.get(f"{url}?page={page}")
        assert response.status_code == 200, (url, page, response.status_code)
