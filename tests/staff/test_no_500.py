"""No input in a URL, query string or header produces a 500: every route, found by walking the URL map, gets
hostile values signed out and signed in as an admin."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.app.fixtures import csrf_token

VALUES = ["9" * 30, "-1", "0", "%00", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "x" * 3000, quote("é\u202e漢"),
          "%0D%0ASet-Cookie:%20x=1", "1e999", "NaN"]
QUERY_KEYS = ["page", "next", "status", "urgency", "provider", "target", "code", "reference"]
HEADERS = [{"Cookie": "session=garbage"}, {"Cookie": "session=" + "a" * 5000}, {"Accept-Language": "\x7f;q=x"},
           {"X-Forwarded-For": "not an address, 999.1.1.1"}, {"User-Agent": "é" * 500},
           {"If-Modified-Since": "yesterday"}, {"Range": "bytes=99999999999999999999-"},
           {"Content-Type": "multipart/form-data; boundary="}]


def urls(app) -> list[tuple[str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for value in VALUES:
                found.append((method, re.sub(r"<[^>]+>", value, rule.rule)))
    return found


def request(client, method: str, url: str, **kwargs):
    if method == "GET":
        return client.get(url, **kwargs)
    return client.post(url, data={"csrf_token": csrf_token(client.get("/account/login").text), "x": "\x00"},
                       **kwargs)


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_hostile_paths_and_queries_never_give_a_500(app, client, admin_user, who):
    if who == "admin":
        from tests.staff.conftest import sign_in
        assert sign_in(client, admin_user).status_code == 302
    for method, url in urls(app):
        if who == "admin" and url == "/account/logout":
            continue  # it would end the admin's session for the rest of the walk
        for query in ["", "?" + "&".join(f"{key}={VALUES[len(url) % len(VALUES)]}" for key in QUERY_KEYS)]:
            response = request(client, method, url + query)
            assert response.status_code < 500, (method, url[:80], query[:80], response.status_code)
    assert client.get("/staff/users").status_code == (200 if who == "admin" else 302)  # as whom it walked


@pytest.mark.parametrize("headers", HEADERS, ids=lambda h: next(iter(h)))
def test_hostile_headers_never_give_a_500(app, client, headers):
    for url in ["/", "/staff/", "/account/login", "/staff/referrals/1", "/static/app.css"]:
        response = client.get(url, headers=headers)
        assert response.status_code < 500, (url, headers, response.status_code)
