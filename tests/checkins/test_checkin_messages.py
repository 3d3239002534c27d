"""The check-in emails (`flask --app intake_app outbox checkins`): before and after the expected date, to
clients who chose email with a valid consent and nothing booked; once each however often the job runs; a fresh
link each, which kills the previous one; delivered by the in-process SMTP server with no health detail."""
from __future__ import annotations

import email
import email.policy
import re
from datetime import date, timedelta

from intake_app.infrastructure.db import database, get_session, utcnow
from intake_app.infrastructure.mail import settings
from intake_app.referrals import checkins, sender
from intake_app.referrals.models import Referral
from tests.checkins.conftest import EMAIL, add_referral, kinds

TODAY = date.today()
LINK = re.compile(r"https://intake\.example/check-in/[A-Za-z0-9_-]{43}")


def run_checkins(app) -> str:
    result = app.test_cli_runner().invoke(args=["outbox", "checkins"])
    assert result.exit_code == 0, result.output
    return result.output


def send_outbox(app) -> int:
    with app.app_context():
        session = database(app).sessions()
        try:
            return sender.send_all(session, settings(), 100).sent
        finally:
            session.close()


def delivered(smtp) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(raw, policy=email.policy.default) for raw in smtp.inbox.messages]


def test_checkins_are_enqueued_once_and_delivered_without_health_details(app, client, smtp):
    before = add_referral(app, "sent_to_provider", expected=TODAY + timedelta(days=2), client_name="Quinn Before")
    after = add_referral(app, "accepted", expected=TODAY - timedelta(days=8), client_name="Rory After",
                         email="rory@example.org")
    # Not due: booked already, phone contact, a revoked consent, final, too early, too late.
    add_referral(app, "appointment_booked", expected=TODAY - timedelta(days=8))
    add_referral(app, "sent_to_provider", expected=TODAY + timedelta(days=2), email=None)
    revoked = add_referral(app, "sent_to_provider", expected=TODAY + timedelta(days=2))
    add_referral(app, "no_capacity", expected=TODAY + timedelta(days=2))
    add_referral(app, "sent_to_provider", expected=TODAY + timedelta(days=4))
    add_referral(app, "sent_to_provider", expected=TODAY - timedelta(days=checkins.AFTER_DAYS + checkins.LATE_DAYS))
    with app.app_context():
        for consent in get_session().get(Referral, revoked.id).consents:
            consent.revoked_at = utcnow()
        get_session().commit()
    assert send_outbox(app) == 7  # the emailing clients' copies of their requests, out of the way
    smtp.inbox.messages.clear()

    assert "1 before the expected date, 1 after it" in run_checkins(app)
    assert "0 before the expected date, 0 after it" in run_checkins(app)  # run twice: nothing new
    assert kinds(app).count("client_checkin") == 2
    assert send_outbox(app) == 2 and send_outbox(app) == 0
    messages = delivered(smtp)
    assert sorted(m["To"] for m in messages) == sorted([EMAIL, "rory@example.org"])
    for message in messages:
        text = message["Subject"] + message.get_content()
        for detail in ("Quinn", "Rory", "Before", "After", "Testperson", "Cedar", "cedar-falls", "mood",
                       "sleeping", "+1 613-555-0142", before.reference, after.reference):
            assert detail not in text, detail
        [link] = LINK.findall(text)
        assert client.get(link.removeprefix("https://intake.example")).status_code == 200
    expected = {before.id: TODAY + timedelta(days=2), after.id: TODAY - timedelta(days=8)}
    for message in messages:
        day = expected[before.id if message["To"] == EMAIL else after.id]
        assert f"{day:%B} {day.day}, {day.year}" in message.get_content()


def test_each_checkin_brings_a_fresh_link_and_kills_the_one_before(app, client, smtp):
    add_referral(app, "sent_to_provider", expected=TODAY + timedelta(days=3))
    runs = []
    for today in (TODAY, TODAY + timedelta(days=10)):  # before, then after: still not booked
        with app.app_context():
            runs.append(checkins.send_due(get_session(), today=today, now=utcnow(), days=180,
                                          link_for=lambda token: f"https://intake.example/check-in/{token}"))
    assert runs == [{"before": 1, "after": 0}, {"before": 0, "after": 1}]
    send_outbox(app)
    first, second = [found[0] for m in delivered(smtp) if (found := LINK.findall(m.get_content()))]
    assert client.get(first.removeprefix("https://intake.example")).status_code == 404
    assert client.get(second.removeprefix("https://intake.example")).status_code == 200
    assert kinds(app).count("client_checkin") == 2
