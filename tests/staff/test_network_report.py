"""The network report's provider figures (acceptance, first answer, decline reasons, could-not-contact, reports
returned, helpfulness with comments) on crafted status histories, before and after a purge."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from intake_app.infrastructure.db import get_session
from intake_app.referrals.models import Outcome, PurgedReferral, Referral, StatusEvent
from tests.app.fixtures import PROVIDER
from tests.staff.conftest import add_referral

T0 = datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc)
COMMENT = "Dr. Okafor listened; Alex Testperson felt better after two visits"


def history(app, steps: list[tuple[str, float]], **kwargs) -> int:
    """A referral made at T0 that went through `steps` (status, days after T0); its status is the last."""
    referral_id = add_referral(app, created=T0, **kwargs)
    with app.app_context():
        session = get_session()
        for status, days in steps:
            session.add(StatusEvent(referral_id=referral_id, status=status, at=T0 + timedelta(days=days)))
        session.execute(update(Referral).where(Referral.id == referral_id).values(status=steps[-1][0]))
        session.commit()
    return referral_id


@pytest.fixture
def histories(app):
    seen = history(app, [("consent_checked", 0), ("sent_to_provider", 1), ("appointment_booked", 3),
                         ("seen", 10), ("report_received", 20)])
    with app.app_context():
        session = get_session()
        session.add(Outcome(referral_id=seen, helpfulness=5, comment=COMMENT))
        session.commit()
    history(app, [("sent_to_provider", 1), ("no_capacity", 2)])          # answered in 1 day
    history(app, [("sent_to_provider", 1), ("not_eligible", 5)])         # 4 days
    history(app, [("sent_to_provider", 1), ("could_not_contact", 4)])    # 3 days, no yes or no
    history(app, [("referred_elsewhere", 1)])                            # never sent: no decline
    history(app, [("sent_to_provider", 1), ("sent_to_provider", 1.5)])   # any next event counts: 0.5 days
    return seen


def report(client) -> dict[str, str]:
    return {r["provider_slug"]: r for r in csv.DictReader(io.StringIO(client.get("/staff/report.csv").text))}[PROVIDER]


def test_figures_from_the_status_history(app, admin_client, histories):
    row = report(admin_client)
    assert row["referrals"] == "6"
    assert (row["accepted"], row["declined"], row["acceptance_rate"]) == ("1", "2", "0.333")
    assert (row["declined_no_capacity"], row["declined_not_eligible"], row["declined_referred_elsewhere"]) == \
        ("1", "1", "0")
    # first answers: 2, 1, 4, 3 days, and 0.5 for the repeated sending → median 2.0
    assert row["median_days_to_first_answer"] == "2.0"
    assert (row["could_not_contact"], row["seen"], row["reports_returned"]) == ("1", "1", "1")
    assert (row["average_helpfulness"], row["helpfulness_answers"]) == ("5.00", "1")


def test_comments_are_on_the_page_for_staff_but_never_in_the_csv(app, admin_client, histories):
    assert "Alex Testperson" not in admin_client.get("/staff/report.csv").text
    page = admin_client.get("/staff/report").text
    assert "33% (1 of 3 answered)" in page and "not eligible: 1; no capacity: 1" in page
    assert "1 comment</a>" in page and COMMENT not in page  # the comment itself is on the provider's page


def test_purge_keeps_every_new_figure(app, admin_client, histories):
    before = admin_client.get("/staff/report.csv").text
    result = app.test_cli_runner().invoke(args=["purge", "--closed-before",
                                                (date.today() + timedelta(days=1)).isoformat()])
    assert result.exit_code == 0 and "Purged 4 referrals" in result.output, result.output
    assert admin_client.get("/staff/report.csv").text == before
    with app.app_context():
        purged = get_session().scalars(select(PurgedReferral)).all()
        kept = {p.final_status: (p.decline_reason, p.days_to_first_answer, p.could_not_contact, p.accepted)
                for p in purged}
        assert kept == {"no_capacity": ("no_capacity", 1.0, False, False),
                        "not_eligible": ("not_eligible", 4.0, False, False),
                        "could_not_contact": (None, 3.0, True, False), "referred_elsewhere": (None, None, False, False)}


def test_a_declined_status_before_sending_is_no_decline(app, admin_client):
    history(app, [("consent_checked", 0), ("referred_elsewhere", 2)])
    row = report(admin_client)
    assert (row["declined"], row["acceptance_rate"], row["median_days_to_first_answer"]) == ("0", "", "")
