"""The queue: urgent, overdue and new first; filters by status, urgency and provider; pages of 50."""
from __future__ import annotations

import re
from datetime import date, timedelta

from intake_app.referrals.queue import PAGE_SIZE
from tests.staff.conftest import add_referral, days_ago
from tests.staff.counting import statements

OTHER_PROVIDER = "open-door-peer-support-centre"


def listed(page_html: str) -> list[str]:
    """Client names in queue order."""
    return re.findall(r"<td>(Q-[A-Za-z0-9 -]+)</td>", page_html)


def test_urgent_then_overdue_then_new_then_the_rest(app, logged_in):
    today = date.today()
    add_referral(app, client_name="Q-booked-old", status="appointment_booked", created=days_ago(40))
    add_referral(app, client_name="Q-new-later", created=days_ago(1))
    add_referral(app, client_name="Q-new-earlier", created=days_ago(2))
    add_referral(app, client_name="Q-overdue", status="sent_to_provider", created=days_ago(30),
                 expected=today - timedelta(days=3))
    add_referral(app, client_name="Q-urgent", urgent=True, created=days_ago(0))
    add_referral(app, client_name="Q-closed", status="closed", created=days_ago(90))
    add_referral(app, client_name="Q-urgent-but-closed", urgent=True, status="client_withdrew", created=days_ago(5))
    page = logged_in.get("/staff/").text
    assert listed(page) == ["Q-urgent", "Q-overdue", "Q-new-earlier", "Q-new-later", "Q-booked-old"]
    assert "5 referrals" in page and "tag--urgent" in page and "tag--overdue" in page
    everything = listed(logged_in.get("/staff/?status=any").text)
    assert everything[:2] == ["Q-urgent", "Q-overdue"] and set(everything[-3:]) == {
        "Q-booked-old", "Q-closed", "Q-urgent-but-closed"}


def test_filters_by_status_urgency_and_provider(app, logged_in):
    add_referral(app, client_name="Q-a", urgent=True)
    add_referral(app, client_name="Q-b", status="consent_checked")
    add_referral(app, client_name="Q-c", provider=OTHER_PROVIDER)
    add_referral(app, client_name="Q-d", provider=None)
    assert listed(logged_in.get("/staff/?status=consent_checked").text) == ["Q-b"]
    assert listed(logged_in.get("/staff/?urgency=urgent").text) == ["Q-a"]
    assert set(listed(logged_in.get("/staff/?urgency=routine").text)) == {"Q-b", "Q-c", "Q-d"}
    assert listed(logged_in.get(f"/staff/?provider={OTHER_PROVIDER}").text) == ["Q-c"]
    assert listed(logged_in.get("/staff/?provider=none").text) == ["Q-d"]
    assert listed(logged_in.get(f"/staff/?provider={OTHER_PROVIDER}&urgency=urgent").text) == []


def test_unknown_filter_values_are_ignored_not_trusted(app, logged_in):
    add_referral(app, client_name="Q-a")
    response = logged_in.get("/staff/?status=%27%3B+DROP+TABLE&provider=nope&page=-4")
    assert response.status_code == 200 and listed(response.text) == ["Q-a"]


def test_pages_of_fifty_keep_the_filters(app, logged_in):
    for number in range(PAGE_SIZE + 3):
        add_referral(app, client_name=f"Q-{number:03d}", created=days_ago(200 - number))
    first = logged_in.get("/staff/?urgency=routine").text
    assert len(listed(first)) == PAGE_SIZE and listed(first)[0] == "Q-000"
    assert "Page 1 of 2" in first and "urgency=routine" in re.search(r'href="([^"]+)" rel="next"', first).group(1)
    second = logged_in.get("/staff/?urgency=routine&page=2").text
    assert listed(second) == ["Q-050", "Q-051", "Q-052"]


def test_the_provider_filter_compares_blind_indexes_and_the_audit_log_names_no_provider(app, logged_in):
    from sqlalchemy import select, text

    from intake_app.referrals.audit import AuditEvent
    from intake_app.infrastructure.crypto import blind_index
    from intake_app.infrastructure.db import database, get_session
    add_referral(app, client_name="Q-c", provider=OTHER_PROVIDER)
    assert listed(logged_in.get(f"/staff/?provider={OTHER_PROVIDER}").text) == ["Q-c"]
    with app.app_context():
        detail = get_session().scalar(select(AuditEvent.detail).where(AuditEvent.action == "viewed queue"))
        index = blind_index(OTHER_PROVIDER)
    assert detail == f"page 1; status open; urgency any; provider #{index[:16]}"
    with database(app).engine.connect() as connection:
        assert connection.execute(text("SELECT provider_index FROM referrals")).scalar() == index
    assert len(index) == 64 and OTHER_PROVIDER not in index


def test_revoked_and_expired_consents_are_marked_in_words_with_few_queries(app, logged_in):
    from sqlalchemy import update

    from intake_app.infrastructure.db import get_session, utcnow
    from intake_app.referrals.models import Consent
    revoked = add_referral(app, client_name="Q-revoked")
    add_referral(app, client_name="Q-expired", signed_on=date.today() - timedelta(days=800))
    add_referral(app, client_name="Q-valid")
    with app.app_context():
        session = get_session()
        session.execute(update(Consent).where(Consent.referral_id == revoked).values(revoked_at=utcnow()))
        session.commit()
    page = logged_in.get("/staff/").text
    rows = {name: row for row in page.split("<tr>")[2:] for name in listed(row)}
    assert "Consent revoked" in rows["Q-revoked"] and "Consent expired" in rows["Q-expired"]
    assert "Consent" not in rows["Q-valid"]

    def queue() -> None:
        assert logged_in.get("/staff/").status_code == 200
    three = statements(app, queue)
    for number in range(6):
        add_referral(app, client_name=f"Q-more-{number}")
    assert statements(app, queue) == three  # the consents come in one query, not one per row
