"""The network report per provider, its CSV export, and the purge that keeps its totals."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from intake_app.infrastructure.db import get_session
from intake_app.referrals.audit import AuditEvent
from intake_app.referrals.models import Consent, Referral, StatusEvent
from intake_app.referrals.models import Outcome, PurgedReferral
from tests.app.fixtures import PROVIDER
from tests.staff.conftest import add_referral, days_ago, sign_in

OTHER = "open-door-peer-support-centre"


def with_outcome(app, referral_id: int, days: int | None, helpfulness: int | None) -> None:
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, referral_id)
        first = referral.created_at.date() + timedelta(days=days) if days is not None else None
        session.add(Outcome(referral_id=referral_id, first_appointment_on=first, helpfulness=helpfulness,
                            report_summary="Seen twice; discharged to GP."))
        session.commit()


@pytest.fixture
def network(app):
    """Cedar Falls (profile: 14 days): waits 10, 30, 40 → median 30, flagged. Open Door: no typical wait."""
    seen = add_referral(app, status="seen", created=days_ago(90))
    with_outcome(app, seen, 10, 4)
    booked = add_referral(app, status="appointment_booked", created=days_ago(80))
    with_outcome(app, booked, 30, None)
    closed = add_referral(app, status="closed", created=days_ago(70))
    with_outcome(app, closed, 40, 2)
    add_referral(app, status="no_capacity", created=days_ago(60))
    add_referral(app, provider=OTHER, status="could_not_contact", created=days_ago(50))
    add_referral(app, provider=None)  # help choosing: no provider, not in the report


def rows(csv_text: str) -> dict[str, dict[str, str]]:
    return {row["provider_slug"]: row for row in csv.DictReader(io.StringIO(csv_text))}


def test_report_figures_and_flag(app, admin_client, network):
    page = admin_client.get("/staff/report").text
    assert page.index("Cedar Falls") < page.index("Open Door")  # flagged first
    report = rows(admin_client.get("/staff/report.csv").text)
    assert report[PROVIDER] == {
        "provider_slug": PROVIDER, "provider_name": "Cedar Falls Family Health Team", "referrals": "4",
        # booked: seen, booked, closed-with-a-first-appointment; seen: only the one that reached "seen"
        "booked_share": "0.750", "seen_share": "0.250", "median_days_to_first_appointment": "30.0",
        "profile_typical_days": "14", "wait_flagged": "yes", "average_helpfulness": "3.00",
        "helpfulness_answers": "2",
        # none was sent in this fixture, so its no-capacity is no decline and no answer time (test_network.py)
        "accepted": "2", "declined": "0", "acceptance_rate": "1.000", "median_days_to_first_answer": "",
        "declined_not_eligible": "0", "declined_no_capacity": "0", "declined_referred_elsewhere": "0",
        "declined_other": "0", "could_not_contact": "0", "seen": "1", "reports_returned": "0"}
    assert report[OTHER]["referrals"] == "1" and report[OTHER]["wait_flagged"] == "no"
    assert report[OTHER]["median_days_to_first_appointment"] == "" and report[OTHER]["booked_share"] == "0.000"
    assert len(report) == 2


def test_a_wait_within_half_of_the_profile_is_not_flagged(app, admin_client):
    for days in (10, 20, 21):  # median 20 vs 14: 43 % longer
        with_outcome(app, add_referral(app, status="seen", created=days_ago(60)), days, None)
    assert rows(admin_client.get("/staff/report.csv").text)[PROVIDER]["wait_flagged"] == "no"


def test_csv_is_for_admins_and_is_audited(app, admin_client, staff_user, network):
    staff = app.test_client()
    assert sign_in(staff, staff_user).status_code == 302
    assert "Download as CSV" not in staff.get("/staff/report").text
    assert staff.get("/staff/report.csv").status_code == 403
    response = admin_client.get("/staff/report.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    with app.app_context():
        events = get_session().scalars(select(AuditEvent).where(AuditEvent.action == "exported report")).all()
        assert [e.username for e in events] == ["ada.admin"]


def report_csv(app) -> str:
    from intake_app.infrastructure.directory import catalog
    from intake_app.referrals.report import all_facts, network_report, report_csv as to_csv
    with app.app_context():
        return to_csv(network_report(all_facts(get_session()), catalog()))


def purge(app, day: date):
    return app.test_cli_runner().invoke(args=["purge", "--closed-before", day.isoformat()])


def counts(app) -> dict[str, int]:
    with app.app_context():
        session = get_session()
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Referral, Consent, StatusEvent, Outcome, PurgedReferral)}


def test_purge_keeps_the_report_totals_and_deletes_the_personal_data(app, network):
    before = report_csv(app)
    assert counts(app)["referrals"] == 6
    assert purge(app, date.today() - timedelta(days=1)).output.startswith("Purged 0 ")  # all ended today
    dry = app.test_cli_runner().invoke(args=["purge", "--closed-before", (date.today() + timedelta(days=1)).isoformat(),
                                             "--dry-run"])
    assert "3 referrals" in dry.output and counts(app)["referrals"] == 6
    result = purge(app, date.today() + timedelta(days=1))
    assert result.exit_code == 0 and "Purged 3 referrals" in result.output
    assert report_csv(app) == before
    after = counts(app)
    assert after["referrals"] == 3 and after["purged_referrals"] == 3
    assert after["consents"] == 3 and after["outcomes"] == 2  # the purged ones' went with them
    with app.app_context():
        session = get_session()
        assert {r.status for r in session.scalars(select(Referral))} == {"seen", "appointment_booked", "received"}
        assert session.scalar(select(func.count()).where(AuditEvent.action == "purged")) == 3
    assert purge(app, date.today() + timedelta(days=1)).output.startswith("Purged 0 ")
    assert report_csv(app) == before


def test_purge_needs_a_real_date(app):
    result = app.test_cli_runner().invoke(args=["purge", "--closed-before", "last year"])
    assert result.exit_code != 0 and "is not a date written YYYY-MM-DD" in result.output


def test_csv_cells_cannot_become_spreadsheet_formulas():
    from intake_app.referrals.report import ProviderRow, report_csv as to_csv
    row = ProviderRow("x", "=HYPERLINK(\"http://evil.example\")", 1, 1.0, 0.0, None, None, None, 0)
    assert "'=HYPERLINK" in to_csv([row])


def test_purged_rows_keep_only_the_blind_index_and_a_vanished_provider_stays_anonymous(app, admin_client):
    from intake_app.infrastructure.crypto import blind_index
    referral_id = add_referral(app, status="closed", created=days_ago(30))
    assert purge(app, date.today() + timedelta(days=1)).exit_code == 0
    with app.app_context():
        session = get_session()
        assert session.get(Referral, referral_id) is None
        assert session.scalar(select(PurgedReferral.provider_index)) == blind_index(PROVIDER)
        session.add(PurgedReferral(provider_index=blind_index("closed-clinic"), final_status="closed", booked=True,
                                   seen=False))
        session.commit()
        gone = blind_index("closed-clinic")
    report = admin_client.get("/staff/report.csv").text
    assert rows(report)[PROVIDER]["referrals"] == "1"
    assert rows(report)[""]["provider_name"] == f"A provider no longer in the directory (#{gone[:8]})"
    assert "closed-clinic" not in report
