"""The network report's provider figures (acceptance, first answer, decline reasons, could-not-contact, reports
returned, helpfulness with comments) on crafted status histories, before and after a purge; and the profile
updates `flask network suggestions` draws from them."""
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


def history(app, steps: list[tuple[str, float]], start: datetime = T0, **kwargs) -> int:
    """A referral made at `start` that went through `steps` (status, days after it); its status is the last."""
    referral_id = add_referral(app, created=start, **kwargs)
    with app.app_context():
        session = get_session()
        for status, days in steps:
            session.add(StatusEvent(referral_id=referral_id, status=status, at=start + timedelta(days=days)))
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


WAITING = "fernhollow-physiotherapy-and-rehab"  # typical_days 14, accepting new clients
FULL = "open-door-peer-support-centre"  # accepting new clients


def suggestions(app, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=["network", "suggestions", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_suggestions_from_the_evidence_carry_counts_and_dates_only(app):
    start = datetime.now(timezone.utc) - timedelta(days=60)
    for _ in range(5):  # seen 40 days after the referral, against a profile's 14
        referral_id = history(app, [("sent_to_provider", 1), ("appointment_booked", 3), ("seen", 40)], start=start,
                              provider=WAITING)
        with app.app_context():
            session = get_session()
            session.add(Outcome(referral_id=referral_id, first_appointment_on=(start + timedelta(days=40)).date(),
                                helpfulness=4, comment=COMMENT))
            session.commit()
    for number in range(4):
        history(app, [("sent_to_provider", 1), ("no_capacity", 3 + number)], start=start, provider=FULL)
    history(app, [("sent_to_provider", 1), ("accepted", 2)], start=start, provider=FULL)
    output = suggestions(app)
    assert f"# providers/{WAITING}.yaml — evidence: 5 referrals (0 purged), made {start.date()} to {start.date()}" \
        in output
    assert ("wait_time:\n  typical_days: 40  # profile says 14; median observed wait to the first appointment "
            "40.0 days") in output
    assert f"# providers/{FULL}.yaml" in output
    assert ("accepting_new_clients: false  # profile says true; 4 declines for no capacity and 1 acceptance in the "
            "last 90 days") in output
    assert "Testperson" not in output and "Okafor" not in output and "Alex" not in output
    assert all(line.startswith(("#", "wait_time:", "  typical_days:", "accepting_new_clients:")) or not line
               for line in output.splitlines())
    fewer = suggestions(app, "--min-referrals", "6")
    assert "No suggestions" in fewer and "providers/" not in fewer


def test_a_busy_provider_that_accepts_more_than_it_declines_is_still_accepting(app):
    start = datetime.now(timezone.utc) - timedelta(days=30)
    for number in range(8):
        outcome = "no_capacity" if number < 3 else "accepted"
        history(app, [("sent_to_provider", 1), (outcome, 2)], start=start, provider=FULL)
    assert "accepting_new_clients" not in suggestions(app)


def test_no_evidence_no_suggestions(app, histories):
    output = suggestions(app)  # cedar falls: 6 referrals, no wait observed against its profile, not accepting
    assert output.startswith("# No suggestions on ") and "5 or more referrals" in output
