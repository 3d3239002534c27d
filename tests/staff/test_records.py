"""The referral record over HTTP: what staff see, status moves with history, and the consent gate."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select, update

from intake_app.infrastructure.db import get_session
from intake_app.referrals.models import Consent, Referral, StatusEvent
from tests.app.test_revoke import receipt, revoke
from tests.staff.conftest import add_referral, post_form

RECORD = "/staff/referrals/{}"


def move(client, referral_id: int, target: str, note: str = "", **seen):
    """Choose a move on the record page as it is now (or as it was: `move-seen="..."`)."""
    return post_form(client, RECORD.format(referral_id), f"{RECORD.format(referral_id)}/move",
                     {"move-target": target, "move-note": note, **{k.replace("_", "-"): v for k, v in seen.items()}})


def history(app, referral_id: int) -> list[tuple[str, int | None, str | None]]:
    with app.app_context():
        referral = get_session().get(Referral, referral_id)
        return [(e.status, e.by_user_id, e.note) for e in referral.events]


def test_record_shows_client_needs_and_consent(app, logged_in):
    referral_id = add_referral(app, client_name="Morgan Example-Hale", shared=("contact_details", "reason", "history"))
    page = logged_in.get(RECORD.format(referral_id)).text
    for expected in ("Morgan Example-Hale", "+1 613-555-0142", "Low mood for months and trouble sleeping",
                     "In the next few weeks", "My name and contact details", "Relevant health and social history",
                     "tag--consent-valid", "Received", "Client (online request)"):
        assert expected in page, expected
    assert "Assessments and test results" not in page  # not consented, so not listed as shared


def test_a_move_records_who_when_and_the_note(app, logged_in):
    referral_id = add_referral(app)
    response = move(logged_in, referral_id, "consent_checked", "Signature matches; called to confirm.")
    assert response.status_code == 302
    response = move(logged_in, referral_id, "sent_to_provider")
    events = history(app, referral_id)
    assert [e[0] for e in events] == ["received", "consent_checked", "sent_to_provider"]
    assert events[1][1] is not None and events[1][2] == "Signature matches; called to confirm."
    assert events[2][2] is None
    page = logged_in.get(RECORD.format(referral_id)).text
    assert "Signature matches; called to confirm." in page and "sam.staff" in page
    assert "Status: <strong>Sent to provider</strong>" in page


def test_a_forbidden_move_changes_nothing_and_says_why(app, logged_in):
    referral_id = add_referral(app)
    response = move(logged_in, referral_id, "seen")
    assert response.status_code == 409
    assert "A referral cannot go from “Received” to “Seen”." in response.text
    assert [e[0] for e in history(app, referral_id)] == ["received"]


def test_the_record_offers_only_allowed_moves(app, logged_in):
    referral_id = add_referral(app, status="seen")
    page = logged_in.get(RECORD.format(referral_id)).text
    assert 'value="report_received"' in page and 'value="closed"' in page
    assert 'value="sent_to_provider"' not in page and 'value="received"' not in page


def test_an_ended_referral_offers_no_moves(app, logged_in):
    referral_id = add_referral(app, status="no_capacity")
    assert "its status can no longer change" in logged_in.get(RECORD.format(referral_id)).text
    assert move(logged_in, referral_id, "closed", move_seen="no_capacity").status_code == 409


def test_a_move_chosen_on_a_stale_page_is_refused(app, logged_in):
    referral_id = add_referral(app)
    assert move(logged_in, referral_id, "consent_checked").status_code == 302  # someone else, meanwhile
    stale = move(logged_in, referral_id, "client_withdrew", move_seen="received")
    assert stale.status_code == 409 and "changed while you were looking at it" in stale.text
    assert [e[0] for e in history(app, referral_id)] == ["received", "consent_checked"]
    assert 'name="move-seen" type="hidden" value="consent_checked"' in stale.text  # ready for a fresh try


def test_an_unknown_status_is_a_form_error(app, logged_in):
    referral_id = add_referral(app)
    assert move(logged_in, referral_id, "teleported").status_code == 400
    assert [e[0] for e in history(app, referral_id)] == ["received"]


def test_sending_is_blocked_after_the_client_revokes_online(app, client, logged_in):
    reference, secret = receipt(client)  # a real request through the public form
    with app.app_context():
        referral_id = get_session().scalar(select(Referral.id).where(Referral.reference == reference.replace("-", "")))
    assert move(logged_in, referral_id, "consent_checked").status_code == 302
    assert "Your permission has been taken back" in revoke(client, reference, secret).text
    page = logged_in.get(RECORD.format(referral_id)).text
    assert "tag--consent-revoked" in page and 'value="sent_to_provider"' not in page
    refused = move(logged_in, referral_id, "sent_to_provider")
    assert refused.status_code == 409 and "consent is revoked" in refused.text
    assert logged_in.get(f"{RECORD.format(referral_id)}/letter").status_code == 409
    assert [e[0] for e in history(app, referral_id)] == ["received", "consent_checked"]
    assert move(logged_in, referral_id, "client_withdrew").status_code == 302  # how it ended can be recorded


def test_sending_is_blocked_once_the_consent_expires(app, logged_in):
    referral_id = add_referral(app, status="consent_checked")
    with app.app_context():
        session = get_session()
        session.execute(update(Consent).where(Consent.referral_id == referral_id)
                        .values(signed_on=date.today() - timedelta(days=400),
                                expires_on=date.today() - timedelta(days=1)))
        session.commit()
    refused = move(logged_in, referral_id, "sent_to_provider")
    assert refused.status_code == 409 and "consent is expired" in refused.text
    assert logged_in.get(f"{RECORD.format(referral_id)}/letter").status_code == 409


def test_help_me_choose_requests_cannot_be_sent(app, logged_in):
    referral_id = add_referral(app, provider=None, status="consent_checked")
    refused = move(logged_in, referral_id, "sent_to_provider")
    assert refused.status_code == 409 and "help choosing a provider" in refused.text


def test_unknown_referral_is_404(app, logged_in):
    assert logged_in.get(RECORD.format(999999)).status_code == 404


def test_a_revocation_arriving_mid_move_still_stops_the_sending(app):
    from intake_app.infrastructure.db import database, utcnow
    from intake_app.accounts.models import User
    from intake_app.referrals.moves import CHANGED_MEANWHILE, move as do_move
    from intake_app.referrals.workflow import Status, TransitionRefused
    referral_id = add_referral(app, status="consent_checked")
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, referral_id)
        assert referral.consent.revoked_at is None  # loaded as valid ...
        with database(app).engine.begin() as other:  # ... then the client revokes, on another connection
            other.execute(update(Consent).where(Consent.referral_id == referral_id).values(revoked_at=utcnow()))
        try:
            do_move(session, referral, Status.SENT_TO_PROVIDER, seen="consent_checked",
                    by=User(id=1, username="staff"), note=None, today=date.today())
        except TransitionRefused as refused:
            assert str(refused) == CHANGED_MEANWHILE
        else:
            raise AssertionError("the move went through after the revocation")
    assert [e[0] for e in history(app, referral_id)] == ["received", "consent_checked"]


def test_the_history_says_what_a_check_in_said_and_that_the_status_stayed(app, logged_in):
    referral_id = add_referral(app)
    with app.app_context():
        session = get_session()
        session.add(StatusEvent(referral_id=referral_id, status="received", signal="not_heard", actor="client"))
        session.commit()
    page = logged_in.get(RECORD.format(referral_id)).text
    history_table = page[page.index('id="history-heading"'):page.index("</table>", page.index('id="history-heading"'))]
    assert "Has not heard yet" in history_table and "(still received)" in history_table
    assert history_table.count("<tr>") == 3  # the header, the request, the check-in


def test_an_urgent_record_shows_the_call_back_date_the_client_was_told(app, logged_in):
    friday = datetime(2026, 12, 4, 15, 0, tzinfo=timezone.utc)  # TIMEZONE is UTC in the tests
    urgent, routine = add_referral(app, urgent=True, created=friday), add_referral(app, created=friday)
    page = logged_in.get(RECORD.format(urgent)).text
    notice = page[page.index('id="callback"'):page.index("</div>", page.index('id="callback"'))]
    assert "Monday 7 December 2026" in notice  # one business day after a Friday, as on the confirmation
    assert 'id="callback"' not in logged_in.get(RECORD.format(routine)).text
