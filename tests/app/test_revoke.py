"""Revocation: the reference plus the one-time secret take a consent back; guesses learn nothing."""
from __future__ import annotations

import re

from sqlalchemy import select

from intake_app import create_app
from intake_app.infrastructure.db import get_session
from intake_app.infrastructure.migrate import upgrade
from intake_app.referrals.models import Referral
from tests.app.fixtures import csrf_token
from tests.app.journey import answers, open_form, resend_from_another_browser, send, submit


def shown(page: str, element_id: str) -> str:
    """The text of the confirmation page's element with that id (the reference or the secret)."""
    return re.search(rf'id="{element_id}">([^<]+)<', page).group(1)


def receipt(client) -> tuple[str, str]:
    page = submit(client).text
    return shown(page, "reference"), shown(page, "secret")


def revoke(client, reference: str, secret: str, confirm: str | None = "y"):
    data = {"csrf_token": csrf_token(client.get("/revoke").text), "reference": reference, "secret": secret}
    if confirm:
        data["confirm"] = confirm
    return client.post("/revoke", data=data)


def consent_of(app, reference: str):
    with app.app_context():
        referral = get_session().scalar(select(Referral).where(Referral.reference == reference.replace("-", "")))
        return referral.consent


def test_revoking_records_the_time(app, client):
    reference, secret = receipt(client)
    response = revoke(client, reference.lower(), " " + secret.replace("-", " ").lower())
    assert response.status_code == 200 and "Your permission has been taken back" in response.text
    consent = consent_of(app, reference)
    assert consent.revoked_at is not None and consent.status_on(consent.signed_on) == "revoked"
    assert consent.revoked_at.strftime("%H:%M UTC") in response.text


def test_revoking_twice_keeps_the_first_time(app, client):
    reference, secret = receipt(client)
    revoke(client, reference, secret)
    first = consent_of(app, reference).revoked_at
    assert revoke(client, reference, secret).status_code == 200
    assert consent_of(app, reference).revoked_at == first


def without_token(html: str) -> str:
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "", html)


def test_wrong_secret_and_unknown_reference_get_the_same_answer(app, client):
    reference, secret = receipt(client)
    wrong_secret = revoke(client, reference, "ABCD-EFGH-JKMN-PQRS")
    unknown_reference = revoke(client, "ZZZZ-ZZZZ", "ABCD-EFGH-JKMN-PQRS")
    assert wrong_secret.status_code == unknown_reference.status_code == 400
    assert "could not match that reference code and secret" in wrong_secret.text
    assert without_token(wrong_secret.text.replace(reference, "ZZZZ-ZZZZ")) == without_token(unknown_reference.text)
    assert consent_of(app, reference).revoked_at is None


def test_revocation_needs_every_field(client):
    response = revoke(client, "", "", confirm=None)
    assert response.status_code == 400
    for message in ("Enter your reference code", "Enter the secret shown when you sent your request",
                    "Confirm that you want to take back your permission"):
        assert message in response.text


def test_the_secret_is_not_stored(app, client):
    reference, secret = receipt(client)
    with app.app_context():
        referral = get_session().scalar(select(Referral))
    assert secret.replace("-", "") not in referral.revocation_secret_hash


def test_guessing_is_rate_limited(app_config):
    app = create_app({**app_config, "RATELIMIT_ENABLED": True, "REVOKE_LIMIT": "3 per hour"})
    upgrade(app)
    client = app.test_client()
    statuses = [revoke(client, "ABCD-2345", "ABCD-EFGH-JKMN-PQRS").status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]


def test_a_reloaded_or_resent_confirmation_issues_no_new_secret(app, client):
    data = answers(open_form(client))
    first = send(client, data).text
    reference, secret = shown(first, "reference"), shown(first, "secret")
    with app.app_context():
        stored_hash = get_session().scalar(select(Referral.revocation_secret_hash))
    reloaded, resent, elsewhere = client.get("/received").text, send(client, data).text, \
        resend_from_another_browser(app, data).text
    for page in (reloaded, resent, elsewhere):
        assert "We have already received this request" in page and 'id="secret"' not in page
        assert reference not in page
    with app.app_context():
        assert get_session().scalar(select(Referral.revocation_secret_hash)) == stored_hash
    assert revoke(client, reference, secret).status_code == 200  # the secret the client wrote down still works
