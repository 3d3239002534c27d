"""The practice's steps on the record page: ticked with their dates, notes encrypted, one row per step however
often saved, errors that say what to fix, audited with step names only."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, text

from intake_app.infrastructure.db import database, get_session
from intake_app.referrals.audit import AuditEvent
from intake_app.referrals.practice import PracticeStep
from tests.staff.conftest import add_referral, days_ago, post_form

NOTE = "Physio plan fits the goal of returning to work; Jo Example agrees"


def save_steps(client, referral_id: int, **fields):
    record = f"/staff/referrals/{referral_id}"
    return post_form(client, record, f"{record}/steps", {f"steps-{k}": v for k, v in fields.items()})


def stored(app) -> dict[str, tuple]:
    with app.app_context():
        return {s.step: (s.done_on, s.note) for s in get_session().scalars(select(PracticeStep))}


def test_ticked_steps_are_saved_with_dates_and_shown_with_who_and_when(app, logged_in):
    referral_id = add_referral(app, status="seen", created=days_ago(30))
    read_on = date.today() - timedelta(days=20)
    response = save_steps(logged_in, referral_id, letter_read="y", letter_read_on=read_on.isoformat(),
                          plan_fit="y", plan_fit_on=date.today().isoformat(), plan_fit_note=f" {NOTE} ",
                          timeframe_explained_on="not a date")  # unticked: its date is not read
    assert response.status_code == 302
    assert response.location.endswith(f"/staff/referrals/{referral_id}#practice-heading")
    assert stored(app) == {"letter_read": (read_on, None), "plan_fit": (date.today(), NOTE)}
    page = logged_in.get(f"/staff/referrals/{referral_id}").text
    assert page.count("Recorded by sam.staff on") == 2 and NOTE in page
    assert 'checked id="steps-letter_read"' in page and f'value="{read_on}"' in page
    with database(app).engine.connect() as connection:
        raw = connection.execute(text("SELECT note FROM practice_steps WHERE step = 'plan_fit'")).scalar()
    assert "Jo Example" not in raw
    with app.app_context():
        details = get_session().scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "recorded practice steps")).all()
    assert details == ["done: letter_read, plan_fit"]


def test_saving_again_updates_each_step_in_place_and_unticking_removes_it(app, logged_in):
    referral_id = add_referral(app, status="seen", created=days_ago(30))
    today = date.today().isoformat()
    save_steps(logged_in, referral_id, letter_read="y", letter_read_on=today, report_reviewed="y",
               report_reviewed_on=today, report_reviewed_note="First note")
    earlier = (date.today() - timedelta(days=2)).isoformat()
    assert save_steps(logged_in, referral_id, report_reviewed="y", report_reviewed_on=earlier,
                      report_reviewed_note="Second note").status_code == 302
    assert stored(app) == {"report_reviewed": (date.fromisoformat(earlier), "Second note")}
    with app.app_context():
        assert len(get_session().scalars(select(PracticeStep)).all()) == 1


def test_errors_say_what_to_fix_and_store_nothing(app, logged_in):
    referral_id = add_referral(app, status="seen", created=days_ago(10))
    cases = [
        ({"letter_read": "y", "letter_read_on": ""}, "Enter the date the letter was read"),
        ({"letter_read": "y", "letter_read_on": "31/12/2026"}, "Date the letter was read must be a real date"),
        ({"timeframe_explained": "y", "timeframe_explained_on": (date.today() + timedelta(days=1)).isoformat()},
         "The date the timeframe was explained cannot be in the future"),
        ({"letter_read": "y", "letter_read_on": (date.today() - timedelta(days=40)).isoformat()},
         "cannot be before the referral was made"),
        ({"plan_fit_note": "A note without the tick"}, "to save this note, or clear it"),
        ({"plan_fit": "y", "plan_fit_on": date.today().isoformat(), "plan_fit_note": "x" * 2001},
         "The note must be 2000 characters or fewer"),
    ]
    for fields, message in cases:
        response = save_steps(logged_in, referral_id, **fields)
        assert response.status_code == 400 and message in response.text, (fields, response.status_code)
        assert "There is a problem" in response.text and 'aria-invalid="true"' in response.text
    assert stored(app) == {}


def test_steps_of_another_referral_are_not_shown(app, logged_in):
    first = add_referral(app, status="seen", created=days_ago(5))
    second = add_referral(app, status="seen", created=days_ago(5))
    save_steps(logged_in, first, letter_read="y", letter_read_on=date.today().isoformat())
    assert "Recorded by" not in logged_in.get(f"/staff/referrals/{second}").text
