"""Consent for the provider chosen with the client: in person (witnessed) or on a one-time link; declining is
recorded; nothing is sent without a signed consent naming the referral's current recipient."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update

from intake_app.infrastructure.db import get_session, utcnow
from intake_app.referrals import audit, consent_links
from intake_app.referrals.models import Consent, ConsentLink, Referral
from intake_app.referrals.outbox import OutboxMessage
from intake_app.referrals.moves import move
from intake_app.referrals.workflow import Status, TransitionRefused
from tests.app.fixtures import PROVIDER, csrf_token
from tests.staff.conftest import add_referral

OTHER = "open-door-peer-support-centre"
RECORD = "/staff/referrals/{}"


def choose(app, referral_id: int, slug: str = OTHER) -> None:
    """As part A's choice does: the referral now names the provider chosen with the client."""
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, referral_id)
        referral.provider_slug, referral.provider_name = slug, slug.replace("-", " ").title()
        session.commit()


def signature(page: str, name: str = "Alex Testperson") -> dict:
    return {"csrf_token": csrf_token(page), "consent_sha256": re.search(
        r'name="consent_sha256" type="hidden" value="([0-9a-f]{64})"', page).group(1),
        "shared_information": ["contact_details", "reason"],
        "expires_on": re.search(r'name="expires_on"[^>]*value="([0-9-]+)"', page).group(1),
        "acknowledged_revocation": "y", "acknowledged_not_conditional": "y", "acknowledged_redisclosure": "y",
        "signed_by": "client", "signature_name": name}


def issue_link(logged_in, referral_id: int) -> str:
    page = logged_in.get(f"{RECORD.format(referral_id)}/consent").text
    shown = logged_in.post(f"{RECORD.format(referral_id)}/consent/link", data={"csrf_token": csrf_token(page)})
    assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store"
    return re.search(r'id="consent-link" href="http://[^/]+(/consent/[^"]+)"', shown.text).group(1)


def sent(app, referral_id: int, by) -> None:
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, referral_id)
        for target in (Status.CONSENT_CHECKED, Status.SENT_TO_PROVIDER):
            if referral.status != target.value:
                move(session, referral, target, seen=referral.status, by=by, note=None, today=utcnow().date())


class Staff:
    id, username = None, "test"


def test_help_me_choose_is_not_sent_until_the_chosen_provider_is_consented_on_a_link(app, client, logged_in):
    referral_id = add_referral(app, provider=None)
    choose(app, referral_id)
    with pytest.raises(TransitionRefused, match="has not signed a consent naming this provider"):
        sent(app, referral_id, Staff)  # the request's consent names no provider: it does not count
    assert logged_in.get(f"{RECORD.format(referral_id)}/letter").status_code == 409
    link = issue_link(logged_in, referral_id)
    logged_in.post("/account/logout", data={"csrf_token": csrf_token(logged_in.get("/staff/").text)})
    page = client.get(link)
    assert page.status_code == 200 and "Open Door Peer Support Centre" in page.text
    # Nothing but a random token in the URL (token_urlsafe(32)): no name, no id, no provider.
    assert re.fullmatch(r"/consent/[A-Za-z0-9_-]{43}", link), link
    signed = client.post(link, data=signature(page.text))
    assert signed.status_code == 200 and "your permission is signed" in signed.text
    assert 'id="secret"' not in signed.text  # a public request: the client keeps the secret they have
    assert client.get(link).status_code == 404  # single use
    assert client.post(link, data=signature(page.text)).status_code == 404
    sent(app, referral_id, Staff)
    with app.app_context():
        referral = get_session().get(Referral, referral_id)
        assert referral.status == "sent_to_provider" and len(referral.consents) == 2
        assert referral.consent.recipient_slug == OTHER and referral.consent.signed_via == "link"


def test_a_consent_for_another_provider_does_not_let_it_be_sent(app):
    referral_id = add_referral(app)  # consented for PROVIDER
    choose(app, referral_id)          # then changed
    with pytest.raises(TransitionRefused, match="has not signed"):
        sent(app, referral_id, Staff)
    choose(app, referral_id, PROVIDER)
    sent(app, referral_id, Staff)


def test_in_person_consent_is_witnessed_and_declining_is_recorded(app, logged_in):
    referral_id = add_referral(app, provider=None)
    choose(app, referral_id)
    url = f"{RECORD.format(referral_id)}/consent"
    page = logged_in.get(url).text
    declined = logged_in.post(f"{url}/decline", data={"csrf_token": csrf_token(page)})
    assert declined.status_code == 302
    wrong = logged_in.post(f"{url}/in-person", data={**signature(page), "signature_name": ""})
    assert wrong.status_code == 400 and "Type your full name to sign" in wrong.text
    assert logged_in.post(f"{url}/in-person", data=signature(page)).status_code == 302
    record = logged_in.get(RECORD.format(referral_id)).text
    assert "declined to sign the consent for Open Door Peer Support Centre in person" in record
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, referral_id)
        assert referral.consent.signed_via == "in_person" and referral.consent.witness_user_id is not None
        actions = session.scalars(select(audit.AuditEvent.action).where(
            audit.AuditEvent.referral_id == referral_id)).all()
        assert consent_links.DECLINED_CONSENT in actions and consent_links.RECORDED_CONSENT in actions


@pytest.mark.parametrize("spoil", ["expired", "revoked", "closed", "provider changed", "declined"])
def test_a_link_shows_nothing_once_it_cannot_be_used(app, client, logged_in, spoil):
    referral_id = add_referral(app, provider=None)
    choose(app, referral_id)
    link = issue_link(logged_in, referral_id)
    assert client.get(link).status_code == 200
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, referral_id)
        if spoil == "expired":
            session.execute(update(ConsentLink).values(expires_at=utcnow() - timedelta(seconds=1)))
        elif spoil == "revoked":
            referral.consents[0].revoked_at = utcnow()
        elif spoil == "closed":
            referral.status = "client_withdrew"
        elif spoil == "provider changed":
            referral.provider_slug, referral.provider_name = PROVIDER, "Cedar Falls Family Health Team"
        session.commit()
    if spoil == "declined":
        page = client.get(link).text
        assert client.post(f"{link}/decline", data={"csrf_token": csrf_token(page)}).status_code == 200
    gone = client.get(link)
    assert gone.status_code == 404 and "This link does not work" in gone.text
    assert "Open Door" not in gone.text and "Alex" not in gone.text


def test_a_staff_started_referral_gives_the_client_a_secret_on_signing(app, logged_in):
    referral_id = add_referral(app, provider=None)
    with app.app_context():  # as if started by staff: no consent at all
        session = get_session()
        session.execute(delete(Consent).where(Consent.referral_id == referral_id))
        session.commit()
    choose(app, referral_id)
    url = f"{RECORD.format(referral_id)}/consent"
    signed = logged_in.post(f"{url}/in-person", data=signature(logged_in.get(url).text))
    assert signed.status_code == 200 and 'id="secret"' in signed.text


def test_the_chosen_provider_and_the_link_token_are_not_in_the_raw_database(app, client, logged_in):
    """tests/staff/test_privacy.py's grep, for what this adds: a consent naming the chosen provider (signed
    in person and on a link), the link's token, the declined note."""
    from tests.staff.test_privacy import raw_database
    referral_id = add_referral(app, provider=None)
    choose(app, referral_id)
    link = issue_link(logged_in, referral_id)
    page = client.get(link).text
    assert client.post(link, data=signature(page, "Quillon Zephyrine")).status_code == 200
    with app.app_context():
        assert get_session().get(Referral, referral_id).consent.signature_name == "Quillon Zephyrine"
    raw = raw_database(app)
    token = link.rsplit("/", 1)[1]
    assert consent_links.token_hash(token).encode() in raw  # the check can fail
    for plain in (OTHER, "Open Door Peer Support Centre", token, "Zephyrine"):
        assert plain.encode() not in raw, plain


def test_a_client_who_chose_email_also_gets_the_link_by_email_and_no_one_else_does(app, logged_in):
    by_email, by_phone = add_referral(app, provider=None), add_referral(app, provider=None)
    with app.app_context():
        session = get_session()
        client = session.get(Referral, by_email)
        client.contact_method, client.email = "email", "robin@example.org"
        session.get(Referral, by_phone).email = "kept@example.org"  # given, but they asked for phone calls
        session.commit()
    for referral_id in (by_email, by_phone):
        choose(app, referral_id)
    link = issue_link(logged_in, by_email)
    issue_link(logged_in, by_phone)
    with app.app_context():
        sent_messages = get_session().scalars(select(OutboxMessage)).all()
        assert [(m.kind, m.recipient) for m in sent_messages] == [("consent_link", "robin@example.org")]
        body = sent_messages[0].subject + sent_messages[0].body
    assert link in body
    assert "Alex" not in body and OTHER not in body and OTHER.replace("-", " ").title() not in body
