"""Every allowed and every forbidden status move, and the consent gate on sending."""
from __future__ import annotations

from itertools import product

import pytest

from intake_app.referrals.workflow import ConsentState, Status, TransitionRefused, allowed_moves, check_can_send, \
    check_move

# Written out by hand, independently of workflow.TRANSITIONS, so a slip in either shows up here.
ALLOWED = {
    ("received", "consent_checked"), ("received", "client_withdrew"), ("received", "could_not_contact"),
    ("received", "referred_elsewhere"),
    ("consent_checked", "sent_to_provider"), ("consent_checked", "client_withdrew"),
    ("consent_checked", "could_not_contact"), ("consent_checked", "referred_elsewhere"),
    ("sent_to_provider", "appointment_booked"), ("sent_to_provider", "client_withdrew"),
    ("sent_to_provider", "could_not_contact"), ("sent_to_provider", "not_eligible"),
    ("sent_to_provider", "no_capacity"), ("sent_to_provider", "referred_elsewhere"),
    ("sent_to_provider", "accepted"), ("sent_to_provider", "declined"),
    ("accepted", "appointment_booked"), ("accepted", "client_withdrew"), ("accepted", "could_not_contact"),
    ("accepted", "not_eligible"), ("accepted", "no_capacity"), ("accepted", "referred_elsewhere"),
    ("accepted", "declined"),
    ("appointment_booked", "seen"), ("appointment_booked", "client_withdrew"),
    ("appointment_booked", "could_not_contact"), ("appointment_booked", "not_eligible"),
    ("seen", "report_received"), ("seen", "closed"), ("seen", "client_withdrew"),
    ("report_received", "closed"),
}
ALL_PAIRS = list(product(Status, Status))


def test_the_statuses_of_the_issues():
    """The twelve of the first workflow, and the provider's own yes and no (closing the loop)."""
    assert [s.label for s in Status] == [
        "Received", "Consent checked", "Sent to provider", "Accepted by provider", "Appointment booked", "Seen",
        "Report received", "Closed", "Client withdrew", "Could not contact", "Not eligible", "No capacity",
        "Referred elsewhere", "Declined by provider"]


@pytest.mark.parametrize(("current", "target"), [p for p in ALL_PAIRS if (p[0].value, p[1].value) in ALLOWED],
                         ids=str)
def test_allowed_move(current, target):
    check_move(current, target, ConsentState.VALID)
    assert target in allowed_moves(current, ConsentState.VALID)


@pytest.mark.parametrize(("current", "target"),
                         [p for p in ALL_PAIRS if (p[0].value, p[1].value) not in ALLOWED], ids=str)
def test_forbidden_move(current, target):
    with pytest.raises(TransitionRefused, match="cannot"):
        check_move(current, target, ConsentState.VALID)
    assert target not in allowed_moves(current, ConsentState.VALID)


def test_endings_are_final_and_closed_is_one_of_them():
    assert {s.value for s in Status if s.is_final} == {
        "closed", "client_withdrew", "could_not_contact", "not_eligible", "no_capacity", "referred_elsewhere",
        "declined"}


@pytest.mark.parametrize("consent", [ConsentState.REVOKED, ConsentState.EXPIRED])
@pytest.mark.parametrize(("current", "target"), [(Status.RECEIVED, Status.CONSENT_CHECKED),
                                                 (Status.CONSENT_CHECKED, Status.SENT_TO_PROVIDER)])
def test_nothing_is_checked_or_sent_without_valid_consent(current, target, consent):
    with pytest.raises(TransitionRefused, match=f"consent is {consent.value}"):
        check_move(current, target, consent)
    assert target not in allowed_moves(current, consent)
    with pytest.raises(TransitionRefused, match="letter cannot be produced"):
        check_can_send(consent)


@pytest.mark.parametrize("consent", [ConsentState.REVOKED, ConsentState.EXPIRED])
def test_a_lapsed_consent_still_lets_staff_record_how_it_ended(consent):
    check_move(Status.CONSENT_CHECKED, Status.CLIENT_WITHDREW, consent)
    check_move(Status.SENT_TO_PROVIDER, Status.APPOINTMENT_BOOKED, consent)
    assert Status.CLIENT_WITHDREW in allowed_moves(Status.RECEIVED, consent)
