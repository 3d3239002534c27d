"""The outbox against a real SMTP server (aiosmtpd) and real databases (SQLite and PostgreSQL)."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from intake_app.infrastructure.db import database, utcnow
from intake_app.infrastructure.mail import settings
from intake_app.referrals import outbox, sender, submissions
from intake_app.referrals.outbox import FAILED, PENDING, SENDING, SENT, OutboxMessage
from tests.app.fixtures import make_referral
from tests.outbox.conftest import STAFF


def enqueue_links(app, count: int) -> None:
    with app.app_context():
        session = database(app).sessions()
        for n in range(count):
            outbox.enqueue_provider_link(session, f"provider{n}@example.org", f"https://intake.example/p/{n}/",
                                         date(2027, 1, 1), key=f"test:{n}")
        session.commit()
        session.close()


def run_sender(app, batch: int = 100, sender_id: str | None = None) -> sender.Report:
    with app.app_context():
        session = database(app).sessions()
        try:
            return sender.send_all(session, settings(), batch, sender_id)
        finally:
            session.close()


def rows(app) -> list[OutboxMessage]:
    with app.app_context():
        session = database(app).sessions()
        found = list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        session.close()
        return found


def links_received(smtp) -> list[str]:
    return [line for text in smtp.inbox.texts() for line in text.splitlines() if "https://intake.example/p/" in line]


def test_an_urgent_request_alerts_staff_and_the_client_gets_a_copy_without_health_details(app, smtp):
    referral, consent = make_referral(urgent=True)
    referral.contact_method, referral.email = "email", "alex@example.org"
    with app.app_context():
        session = database(app).sessions()
        receipt = submissions.store(session, referral, consent)
        session.close()
    assert sorted(m.kind for m in rows(app)) == ["client_confirmation", "staff_urgent_alert"]
    assert run_sender(app).sent == 2
    texts = smtp.inbox.texts()
    assert len(texts) == 2
    alert = next(t for t in texts if f"To: {STAFF}" in t)
    copy = next(t for t in texts if "To: alex@example.org" in t)
    assert "https://intake.example/staff/" in alert and receipt.reference not in alert
    assert receipt.reference in copy and receipt.secret not in copy
    assert "https://intake.example/revoke" in copy and "https://intake.example/check-in" in copy
    for text in texts:
        for detail in ("Alex", "Testperson", "Cedar", "cedar-falls", "mood", "sleeping", "+1 613-555-0142"):
            assert detail not in text
    assert all(m.status == SENT and m.recipient is None and m.body is None for m in rows(app))  # erased


def test_no_messages_for_a_calm_phone_request_or_without_staff_alert_address(app, smtp):
    with app.app_context():
        session = database(app).sessions()
        submissions.store(session, *make_referral(urgent=False))
        app.extensions["intake_mail"] = settings().__class__(**{**settings().__dict__, "staff_alert_email": None})
        submissions.store(session, *make_referral(urgent=True))
        session.close()
    assert rows(app) == []


def test_the_alert_is_written_in_the_referrals_transaction(app, smtp):
    """The message row is inserted inside the referral's transaction; when that commit fails (here the
    referral's reference collides with a stored one), the message goes with it."""
    with app.app_context():
        session = database(app).sessions()
        taken = submissions.store(session, *make_referral(urgent=True)).reference
        referral, consent = make_referral(urgent=True)
        referral.consent, referral.reference, referral.revocation_secret_hash = consent, taken, "0" * 64
        session.add(referral)
        with session.no_autoflush:  # the message first, so it is in the transaction when the referral fails
            assert outbox.enqueue_new_request(session, referral) == ["staff_urgent_alert"]
            assert len(session.scalars(select(OutboxMessage)).all()) == 2
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        session.close()
    assert len(rows(app)) == 1


def test_the_same_event_cannot_enqueue_twice(app, smtp):
    enqueue_links(app, 3)
    enqueue_links(app, 3)
    assert len(rows(app)) == 3


def test_server_down_loses_nothing_and_each_is_delivered_once_when_back(app, smtp):
    enqueue_links(app, 25)
    smtp.stop()
    report = run_sender(app, batch=10)
    assert report.sent == 0 and smtp.inbox.messages == []
    stored = rows(app)
    assert len(stored) == 25 and all(m.status == PENDING and m.recipient for m in stored)
    tried = [m for m in stored if m.attempts]  # the first batch; the sender stops there instead of hammering
    assert len(tried) == 10 and all(m.attempts == 1 and m.last_error == "ConnectionRefusedError" for m in tried)
    smtp.start()
    assert run_sender(app).sent == 15  # the untried ones; the tried ones back off: not due yet
    with app.app_context():
        session = database(app).sessions()
        session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
        session.commit()
        session.close()
    assert run_sender(app, batch=10).sent == 10
    received = links_received(smtp)
    assert sorted(received) == sorted(set(received)) and len(received) == 25
    assert run_sender(app).sent == 0 and len(links_received(smtp)) == 25


def test_two_senders_at_once_do_not_double_send(app, smtp):
    enqueue_links(app, 120)
    reports, errors = [], []

    def work(n):
        try:
            reports.append(run_sender(app, batch=7, sender_id=f"sender-{n}"))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    received = links_received(smtp)
    assert len(received) == 120 and len(set(received)) == 120
    assert sum(r.sent for r in reports) == 120
    assert sum(1 for r in reports if r.sent) >= 2, "only one sender did any work: the race was not tested"
    assert all(m.status == SENT for m in rows(app))


def test_backoff_grows_and_gives_up_after_max_attempts(app, smtp):
    assert [sender.backoff(n).total_seconds() / 60 for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    enqueue_links(app, 1)
    smtp.inbox.refuse = True  # 451: the server is up but says try later
    waits = []
    for attempt in range(1, sender.MAX_ATTEMPTS + 1):
        before = utcnow()
        run_sender(app)
        message = rows(app)[0]
        assert message.attempts == attempt and message.last_error == "SMTPDataError 451"
        if attempt < sender.MAX_ATTEMPTS:
            assert message.status == PENDING
            waits.append(message.next_attempt_at - before)
            with app.app_context():
                session = database(app).sessions()
                session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
                session.commit()
                session.close()
    assert rows(app)[0].status == FAILED and rows(app)[0].recipient  # kept for an admin to retry
    assert all(later > earlier for earlier, later in zip(waits[:6], waits[1:6]))
    smtp.inbox.refuse = False
    with app.app_context():
        session = database(app).sessions()
        assert sender.retry_failed(session) == 1
        session.close()
    assert run_sender(app).sent == 1 and len(links_received(smtp)) == 1


def test_a_crashed_senders_lease_expires_and_the_message_goes_once(app, smtp):
    enqueue_links(app, 2)
    with app.app_context():
        session = database(app).sessions()
        claimed = sender.claim(session, "crashed", 1)  # and then the process died
        assert len(claimed) == 1
        assert run_sender(app).sent == 1  # the other one; the claimed one waits for its lease
        session.execute(update(OutboxMessage).where(OutboxMessage.id == claimed[0])
                        .values(claimed_at=utcnow() - sender.LEASE - timedelta(seconds=1)))
        session.commit()
        session.close()
    assert rows(app)[claimed[0] - rows(app)[0].id].status == SENDING
    assert run_sender(app).sent == 1
    assert len(links_received(smtp)) == 2 and len(set(links_received(smtp))) == 2
