"""CSRF, headers, cookies, body size, rate limits, and no personal data in logs."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from intake_app import create_app
from intake_app.infrastructure.db import get_session
from intake_app.infrastructure.security import CONTENT_SECURITY_POLICY
from intake_app.referrals.models import Referral
from tests.app.fixtures import PROVIDER
from tests.app.journey import answers, open_form, submit


def referral_count(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Referral))


@pytest.mark.parametrize("path", ["/refer", f"/refer/{PROVIDER}", "/crisis", "/revoke", "/refer/nobody", "/check-in",
                                  "/check-in/thanks", "/check-in/no-such-link"])
def test_security_headers_on_every_page(client, path):
    headers = client.get(path).headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"  # no-referrer breaks every form over HTTPS (tests/https)
    assert headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script_or_style(client):
    for html in (client.get(f"/refer/{PROVIDER}").text, open_form(client), submit(client).text):
        assert "<script>" not in html and " style=" not in html and " onclick=" not in html


def test_hsts_over_https(client):
    assert "max-age=" in client.get("/refer", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_session_cookie_is_secure_httponly_samesite(client):
    cookies = client.get(f"/refer/{PROVIDER}").headers.getlist("Set-Cookie")
    [cookie] = [c for c in cookies if c.startswith("session=")]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("path,data", [
    (f"/refer/{PROVIDER}/safety", {"in_danger": "no"}),
    ("/revoke", {"reference": "ABCD2345", "secret": "X" * 16, "confirm": "y"}),
    ("/check-in", {"reference": "ABCD2345", "secret": "X" * 16}),
])
def test_post_without_csrf_token_is_rejected(client, path, data):
    client.get(f"/refer/{PROVIDER}")
    response = client.post(path, data=data)
    assert response.status_code == 400
    assert "Please try again" in response.text


def test_request_without_valid_csrf_token_stores_nothing_and_gives_the_answers_back(app, client):
    data = answers(open_form(client), csrf_token="forged")
    response = client.post(f"/refer/{PROVIDER}/request", data=data)
    assert response.status_code == 400
    assert "this form expired before it was sent" in response.text
    assert "Robin Quintero-Vale" in response.text and "I have felt very low" in response.text
    assert referral_count(app) == 0


def test_oversized_body_gets_a_friendly_413(app, client):
    data = answers(open_form(client), reason="x" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    response = client.post(f"/refer/{PROVIDER}/request", data=data)
    assert response.status_code == 413
    assert "too much for us to receive" in response.text and "Back" in response.text
    assert referral_count(app) == 0


@pytest.mark.parametrize("method, path, allowed", [("POST", "/refer", {"GET", "HEAD", "OPTIONS"}),
                                                   ("GET", "/account/logout", {"POST", "OPTIONS"})])
def test_wrong_method_gets_the_app_s_own_405_page_with_its_allow_header(app, client, method, path, allowed):
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == allowed
    assert "This page cannot be used that way" in response.text and "Nothing was saved" in response.text
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_public_posts_are_rate_limited(app_config):
    app = create_app({**app_config, "RATELIMIT_ENABLED": True, "PUBLIC_POST_LIMIT": "3 per minute"})
    from intake_app.infrastructure.migrate import upgrade
    upgrade(app)
    client = app.test_client()
    statuses = [client.post(f"/refer/{PROVIDER}/safety", data={}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    assert "Too many attempts" in client.post(f"/refer/{PROVIDER}/safety", data={}).text


def test_no_personal_data_in_logs(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    personal = dict(full_name="Zebulon Oakhart", phone="+1 613-555-0177", email="zeb@mail.example",
                    reason="Panic attacks on the bus", signature_name="Zebulon Oakhart")
    assert submit(client, in_danger="yes", **personal).status_code == 200
    assert submit(client, **{**personal, "phone": "not a phone"}).status_code == 400
    assert caplog.records, "nothing was logged, so this test could not fail"
    logged = "\n".join(f"{r.getMessage()} {r.args}" for r in caplog.records)
    for value in personal.values():
        assert value not in logged


def test_forged_post_to_an_unknown_provider_is_a_404_not_a_crash(client):
    response = client.post("/refer/no-such-provider/request", data={"full_name": "x"})
    assert response.status_code == 404 and "We could not find that page" in response.text
