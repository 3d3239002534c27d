"""The provider's answers on its link: each becomes a status event by the provider (with the outcome's date or
report summary), alerts staff, and only what the workflow allows from the current status is offered or taken.
The letter behind the link holds only the consented categories, and each view is audited."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from intake_app import create_app
from intake_app.infrastructure.db import database, get_session, utcnow
from intake_app.referrals import answer_links, audit, provider_answers
from intake_app.referrals.models import Consent, Outcome, Referral
from intake_app.referrals.workflow import Status, TransitionRefused
from tests.app.fixtures import csrf_token
from tests.outbox.conftest import STAFF
from tests.providers_side.conftest import outbox, send

DAY = date.today() + timedelta(days=10)


def answer(client, link: str, **data):
    page = client.get(link).text
    seen = re.search(r'name="seen" type="hidden" value="([^"]*)"', page).group(1)
    return client.post(link, data={"csrf_token": csrf_token(page), "seen": seen, **data})


def state(app, referral_id: int):
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, referral_id)
        outcome = session.scalar(select(Outcome).where(Outcome.referral_id == referral_id))
        last = referral.events[-1]
        return (referral.status, last.actor, last.by_user_id, last.note,
                outcome and outcome.first_appointment_on, outcome and outcome.report_summary)


@pytest.mark.parametrize("given, expected, note", [
    ({"answer": "accepted"}, "accepted", None),
    ({"answer": "no_capacity"}, "no_capacity", None),
    ({"answer": "not_eligible", "note": "Outside our catchment"}, "not_eligible", "Outside our catchment"),
    ({"answer": "referred_elsewhere"}, "referred_elsewhere", None),
    ({"answer": "declined", "note": "The client asked for a female clinician; we have none."}, "declined",
     "The client asked for a female clinician; we have none."),
])
def test_an_answer_becomes_a_status_event_by_the_provider(app, logged_in, client, given, expected, note):
    referral_id, link = send(app, logged_in)
    response = answer(client, link, **given)
    assert response.status_code in (200, 303), response.text
    assert state(app, referral_id)[:4] == (expected, "provider", None, note)
    [alert] = outbox(app, "staff_answer_alert")
    assert alert.recipient == STAFF and "Alex" not in alert.body and "Low mood" not in alert.body
    if response.status_code == 200:  # a final answer: thanked, and the link is closed with the referral
        assert "your answer is recorded" in response.text and client.get(link).status_code == 404


def test_accepted_then_booked_then_seen_then_report(app, logged_in, client):
    referral_id, link = send(app, logged_in)
    assert answer(client, link, answer="accepted").status_code == 303
    assert "your answer “Accepted by provider” is recorded" in client.get(link).text
    assert answer(client, link, answer="appointment_booked", appointment_on=DAY.isoformat()).status_code == 303
    assert state(app, referral_id)[:2] == ("appointment_booked", "provider") and state(app, referral_id)[4] == DAY
    assert answer(client, link, answer="seen").status_code == 303
    summary = "Assessed; six sessions of therapy recommended."
    assert answer(client, link, answer="report_received", report_summary=summary).status_code == 303
    assert state(app, referral_id) == ("report_received", "provider", None, None, DAY, summary)
    assert len(outbox(app, "staff_answer_alert")) == 4
    page = client.get(link).text
    assert "There is nothing more to answer on this link" in page  # report received → only staff close it


@pytest.mark.parametrize("given, message", [
    ({}, "Choose your answer"),
    ({"answer": "declined"}, "Say briefly why you decline the referral"),
    ({"answer": "appointment_booked"}, "Enter the date of the appointment"),
    ({"answer": "appointment_booked", "appointment_on": "next tuesday"}, "must be a real date written YYYY-MM-DD"),
    ({"answer": "appointment_booked", "appointment_on": "2001-01-01"}, "cannot be before the referral was made"),
    ({"answer": "seen"}, "That answer is not possible now"),          # not from "sent to provider"
    ({"answer": "report_received"}, "That answer is not possible now"),
    ({"answer": "closed"}, "Not a valid choice"),                     # staff's, never the provider's
    ({"answer": "accepted", "note": "x" * 501}, "The note must be 500 characters or fewer"),
])
def test_bad_or_forbidden_answers_change_nothing_and_say_why(app, logged_in, client, given, message):
    referral_id, link = send(app, logged_in)
    response = answer(client, link, **given)
    assert response.status_code == 400 and message in response.text
    assert 'class="error-summary"' in response.text
    assert state(app, referral_id)[:2] == ("sent_to_provider", "staff")
    assert outbox(app, "staff_answer_alert") == []


def test_only_the_answers_the_workflow_allows_are_offered(app, logged_in, client):
    _referral_id, link = send(app, logged_in)
    page = client.get(link).text
    assert 'value="accepted"' in page and 'value="appointment_booked"' in page and 'value="seen"' not in page
    answer(client, link, answer="appointment_booked", appointment_on=DAY.isoformat())
    page = client.get(link).text
    assert 'value="seen"' in page and 'value="accepted"' not in page and 'value="no_capacity"' not in page
    assert answer(client, link, answer="accepted").status_code == 400


def test_a_stale_answer_is_refused(app, logged_in, client):
    referral_id, link = send(app, logged_in)
    page = client.get(link).text
    answer(client, link, answer="accepted")
    stale = client.post(link, data={"csrf_token": csrf_token(page), "seen": "sent_to_provider",
                                    "answer": "appointment_booked", "appointment_on": DAY.isoformat()})
    assert stale.status_code == 409 and "changed while you were looking" in stale.text
    assert state(app, referral_id)[0] == "accepted"


def test_the_letter_shows_only_consented_categories_and_each_view_is_audited(app, logged_in, client):
    referral_id, link = send(app, logged_in, client_name="Jordan Notshared", shared=("reason",))
    page = client.get(link).text
    client.get(link)
    assert "Low mood for months" in page and "Reason for referral" in page
    assert "Jordan" not in page and "555-0142" not in page  # contact details were not consented
    assert 'data-category="contact_details"' not in page
    with app.app_context():
        views = get_session().scalars(select(audit.AuditEvent).where(
            audit.AuditEvent.referral_id == referral_id, audit.AuditEvent.action == audit.VIEWED_LETTER)).all()
    assert [(v.username, v.user_id) for v in views] == [("provider", None)] * 2


def test_the_pages_send_no_store_and_the_security_headers(app, logged_in, client):
    _referral_id, link = send(app, logged_in)
    response = client.get(link)
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert client.post(link, data={"answer": "accepted"}).status_code == 400  # no CSRF token


def test_the_provider_pages_leave_out_what_is_there_for_clients(app, logged_in, client):
    """No quick exit, crisis strip or "take back a consent": a provider reads these, not the client."""
    _referral_id, link = send(app, logged_in)
    for page in (client.get(link).text, client.get("/provider/" + "x" * 43).text):
        assert "Exit this page" not in page and "Take back a consent" not in page and "crisis-strip" not in page
        assert "Back to the directory" in page
    public = client.get("/revoke").text
    assert "Exit this page" in public and "Take back a consent" in public


def test_the_answer_post_is_rate_limited(app, app_config, logged_in):
    _referral_id, link = send(app, logged_in)
    limited = create_app({**app_config, "RATELIMIT_ENABLED": True, "PUBLIC_POST_LIMIT": "2 per minute"})
    try:
        client = limited.test_client()
        assert [answer(client, link).status_code for _ in range(3)] == [400, 400, 429]
    finally:
        database(limited).engine.dispose()


def test_a_revocation_arriving_while_the_provider_answers_wins(app, logged_in):
    referral_id, link = send(app, logged_in)
    with app.app_context():
        session = get_session()
        found = answer_links.find(session, link.rsplit("/", 1)[1], answer_links.PROVIDER, now=utcnow(),
                                  today=date.today())
        assert found is not None  # the link worked when the request began...
        session.execute(update(Consent).where(Consent.referral_id == referral_id).values(revoked_at=utcnow()))
        with pytest.raises(TransitionRefused):  # ...and the consent was revoked before the answer was stored
            provider_answers.answer(session, found, Status.ACCEPTED, seen="sent_to_provider", today=date.today())
    assert state(app, referral_id)[:2] == ("sent_to_provider", "staff")
    assert outbox(app, "staff_answer_alert") == []
