"""After sign-in, `next` is followed only to a path on this site, judged as the browser reads it."""
from __future__ import annotations

from urllib.parse import quote, urljoin, urlsplit

import pytest

from intake_app.web.accounts.redirects import local_path
from tests.app.fixtures import csrf_token
from tests.staff.conftest import PASSWORD

BAD = ["/\t/evil.example", "//evil.example", "https:evil.example", "/\n/x", "/\\evil.example",
       "%2F%2Fevil.example", " //evil.example", "javascript:alert(1)", "\\\\evil.example", "/\r\n/evil.example",
       "\x00//evil.example", "https://evil.example/", "/\\\t\\evil.example", "\x01/\x1f/evil.example", "/x\x00y",
       "", "   "]
GOOD = ["/staff/?status=received", "/staff/referrals/1"]


@pytest.mark.parametrize("value", BAD)
def test_anything_but_a_local_path_is_refused(value):
    assert local_path(value) is None


@pytest.mark.parametrize("value", GOOD)
def test_a_local_path_is_kept(value):
    assert local_path(value) == value


def test_what_is_kept_is_what_the_browser_would_open():
    assert local_path(" /staff/\t?status=received\n") == "/staff/?status=received"
    assert local_path("/staff/é") == "/staff/%C3%A9"  # a Location header is ASCII


def sign_in_with_next(client, username: str, next_value: str):
    url = "/account/login?next=" + quote(next_value, safe="")
    token = csrf_token(client.get(url).text)
    return client.post(url, data={"csrf_token": token, "username": username, "password": PASSWORD})


@pytest.mark.parametrize("value", BAD)
def test_sign_in_never_leaves_the_site(app, client, staff_user, value):
    response = sign_in_with_next(client, staff_user, value)
    assert response.status_code == 302
    target = urljoin("https://intake.example/account/login", response.location)
    assert urlsplit(target).netloc == "intake.example", response.location
    assert response.location == "/staff/"


@pytest.mark.parametrize("query", ["next=/%09/evil.example", "next=/%0A/x", "next=%2F%2Fevil.example",
                                   "next=/%5Cevil.example", "next=%20//evil.example", "next=%0A//evil.example"])
def test_the_reported_links_are_refused(app, client, staff_user, query):
    url = "/account/login?" + query  # exactly as a phishing link would carry it
    token = csrf_token(client.get(url).text)
    response = client.post(url, data={"csrf_token": token, "username": staff_user, "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/staff/"


@pytest.mark.parametrize("value", GOOD)
def test_sign_in_follows_a_local_next(app, client, staff_user, value):
    response = sign_in_with_next(client, staff_user, value)
    assert response.status_code == 302 and response.location == value


def test_the_login_page_itself_takes_any_next(app, client):
    for value in BAD:
        assert client.get("/account/login?next=" + quote(value, safe="")).status_code == 200


def test_a_newline_cannot_add_a_header(app, client, staff_user):
    url = "/account/login?next=/%0D%0ASet-Cookie:%20x=1"
    token = csrf_token(client.get(url).text)
    response = client.post(url, data={"csrf_token": token, "username": staff_user, "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/Set-Cookie:%20x=1"  # a path on this site
    assert not [c for c in response.headers.getlist("Set-Cookie") if c.startswith("x=")]
