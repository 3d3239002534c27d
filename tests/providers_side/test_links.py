"""Sending a referral issues the provider's link: emailed to the profile's referral address (a message with no
client name or health detail), else shown once to staff; a new one replaces it. Only the token's hash is stored,
and the link dies at once with the consent, the referral or a change of provider."""
from __future__ import annotations

from datetime import timedelta
from email import message_from_string
from email.policy import default

import pytest
from sqlalchemy import select, text, update

from intake_app.infrastructure import mail
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.referrals.answer_links import AnswerLink
from intake_app.referrals.models import Referral
from intake_app.referrals.sender import send_all
from tests.app.fixtures import csrf_token
from tests.providers_side.conftest import EMAILED, EMAILED_TO, RECORD, add_referral, link_in, outbox, send

GONE = "This link no longer works"


def test_sending_emails_the_link_with_no_name_or_health_detail(app, logged_in, smtp):
    referral_id, link = send(app, logged_in, EMAILED, client_name="Morgan Example-Hale")
    [message] = outbox(app, "provider_link")
    assert message.recipient == EMAILED_TO
    for secret in ("Morgan", "Hale", "Low mood", "sleeping", "Fernhollow", "physio", f"referrals/{referral_id}"):
        assert secret.lower() not in (message.subject + message.body).lower(), secret
    page = logged_in.get(RECORD.format(referral_id)).text
    assert "emailed to its referral address" in page and link not in page  # not shown: it went by email
    with app.app_context():
        assert send_all(get_session(), mail.settings(), 10, "test").sent >= 1
    [delivered] = [message_from_string(m, policy=default).get_content() for m in smtp.inbox.texts()
                   if EMAILED_TO in m]
    assert link in delivered and "Morgan" not in delivered and "Low mood" not in delivered


def test_without_an_email_the_link_is_shown_once_to_staff(app, logged_in):
    referral_id, link = send(app, logged_in)
    assert outbox(app, "provider_link") == []
    again = logged_in.get(RECORD.format(referral_id))
    assert link not in again.text and again.headers["Cache-Control"] == "no-store"
    assert logged_in.get(link).status_code == 200


def test_a_new_link_replaces_the_old_one(app, logged_in):
    referral_id, old = send(app, logged_in)
    page = logged_in.get(RECORD.format(referral_id)).text
    response = logged_in.post(f"{RECORD.format(referral_id)}/provider-link", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    new = link_in(logged_in.get(RECORD.format(referral_id)).text)
    assert new != old
    assert logged_in.get(old).status_code == 404 and logged_in.get(new).status_code == 200


def test_a_refused_send_issues_no_link_and_sends_nothing(app, logged_in):
    referral_id = add_referral(app, status="consent_checked", provider=EMAILED)
    page = logged_in.get(RECORD.format(referral_id)).text  # offers "sent to provider"
    with app.app_context():
        session = get_session()
        session.get(Referral, referral_id).consent.revoked_at = utcnow()  # revoked while the page was open
        session.commit()
    refused = logged_in.post(f"{RECORD.format(referral_id)}/move", data={
        "csrf_token": csrf_token(page), "move-seen": "consent_checked", "move-target": "sent_to_provider"})
    assert refused.status_code == 409
    with app.app_context():
        assert get_session().scalars(select(AnswerLink)).all() == []
    assert outbox(app, "provider_link") == []
    assert logged_in.post(f"{RECORD.format(referral_id)}/provider-link",
                          data={"csrf_token": csrf_token(page)}).status_code == 302  # refused: back to the record
    with app.app_context():
        assert get_session().scalars(select(AnswerLink)).all() == []


def test_only_the_tokens_hash_is_stored(app, logged_in):
    _referral_id, link = send(app, logged_in)
    token = link.rsplit("/", 1)[1]
    with app.app_context():
        session = get_session()
        for table in ("answer_links", "audit_events", "status_events", "outbox"):
            rows = session.execute(text(f"SELECT * FROM {table}")).all()
            assert token not in repr(rows), table
        assert session.scalar(select(AnswerLink.token_hash)) != token


@pytest.mark.parametrize("spoil", ["consent revoked", "consent expired", "closed", "provider changed", "expired",
                                   "revoked link"])
def test_the_link_dies_at_once(app, logged_in, client, spoil):
    referral_id, link = send(app, logged_in)
    page = client.get(link)
    assert page.status_code == 200
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, referral_id)
        if spoil == "consent revoked":
            referral.consent.revoked_at = utcnow()
        elif spoil == "consent expired":
            referral.consent.signed_on -= timedelta(days=30)
            referral.consent.expires_on = referral.consent.signed_on + timedelta(days=29)  # yesterday
        elif spoil == "closed":
            referral.status = "client_withdrew"
        elif spoil == "provider changed":
            referral.provider_slug, referral.provider_name = EMAILED, "Fernhollow Physiotherapy and Rehab"
        elif spoil == "expired":
            session.execute(update(AnswerLink).values(expires_at=utcnow() - timedelta(seconds=1)))
        else:
            session.execute(update(AnswerLink).values(revoked_at=utcnow()))
        session.commit()
    for response in (client.get(link), client.post(link, data={"answer": "accepted", "seen": "sent_to_provider",
                                                                  "csrf_token": csrf_token(page.text)})):
        assert response.status_code == 404 and GONE in response.text
        assert "Alex" not in response.text and "Cedar" not in response.text and "Low mood" not in response.text
        assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("token", ["x", "A" * 43, "A" * 101, "Z" * 5000])
def test_a_guessed_or_huge_token_is_the_same_neutral_page(client, token):
    response = client.get(f"/provider/{token}")
    assert response.status_code == 404 and GONE in response.text


def test_the_staff_history_names_each_actor(app, logged_in, client):
    referral_id, link = send(app, logged_in)
    page = client.get(link).text
    client.post(link, data={"csrf_token": csrf_token(page), "seen": "sent_to_provider", "answer": "accepted"})
    record = logged_in.get(RECORD.format(referral_id)).text
    history = record.split('id="history-heading"')[1].split("</table>")[0]
    assert "Client (online request)" in history and "Staff (sam.staff)" in history and "Provider" in history
    assert history.index("Accepted by provider") < history.rindex("Provider")
