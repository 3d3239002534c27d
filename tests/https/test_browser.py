"""Chromium over https://127.0.0.1, gunicorn serving TLS itself and behind nginx: every form works.

With `Referrer-Policy: no-referrer` the browser sent no Referer and Flask-WTF's HTTPS check refused every POST
("The referrer header is missing."): no request, no revocation, no sign-in. These fail if that comes back.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from intake_app.infrastructure.db import get_session
from intake_app.referrals.models import Referral
from tests.app.fixtures import PROVIDER
from tests.app.test_browser import answer_safety, fill_request
from tests.staff.conftest import add_user
from tests.staff.test_browser import sign_in

pytestmark = pytest.mark.browser


def test_a_client_requests_a_referral_and_takes_back_the_permission(https_url, secure_page, app):
    page = secure_page
    page.goto(f"{https_url}/refer/{PROVIDER}")
    assert page.evaluate("window.isSecureContext")
    answer_safety(page, "No")
    fill_request(page)
    page.get_by_role("button", name="Sign and send my request").click()
    expect(page.get_by_role("heading", name="Your request has been sent")).to_be_visible()
    assert page.url == f"{https_url}/received"
    reference, secret = page.locator("#reference").inner_text(), page.locator("#secret").inner_text()

    # The page's own link: behind the proxy it must still be the public https:// address.
    page.get_by_role("link", name=f"{https_url}/revoke").click()
    assert page.url == f"{https_url}/revoke"
    page.get_by_label("Reference code").fill(reference)
    page.get_by_label("Secret", exact=True).fill(secret)
    page.get_by_label("I want to take back my permission to share my information").check()
    page.get_by_role("button", name="Take back my permission").click()
    expect(page.get_by_role("heading", name="Your permission has been taken back")).to_be_visible()

    with app.app_context():
        referral = get_session().scalar(select(Referral).where(Referral.reference == reference.replace("-", "")))
        assert referral.client_name == "Harper Lindqvist-Oyelaran"
        assert referral.consent.revoked_at is not None


def test_a_staff_member_signs_in(https_url, secure_page, app):
    add_user(app, "sam.staff")
    page = secure_page
    sign_in(page, https_url)
    expect(page.get_by_role("heading", name="Referral queue")).to_be_visible()
    assert page.url.startswith(f"{https_url}/staff")
    [cookie] = [c for c in page.context.cookies() if c["name"] == "session"]
    assert cookie["secure"] and cookie["httpOnly"]
