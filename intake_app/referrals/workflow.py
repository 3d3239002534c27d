"""The referral status machine: which moves make sense, and the consent gate on sending.

Kept free of Flask and SQLAlchemy so every allowed and forbidden move can be tested as plain data.
"""
from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"
    CONSENT_CHECKED = "consent_checked"
    SENT_TO_PROVIDER = "sent_to_provider"
    ACCEPTED = "accepted"
    APPOINTMENT_BOOKED = "appointment_booked"
    SEEN = "seen"
    REPORT_RECEIVED = "report_received"
    CLOSED = "closed"
    CLIENT_WITHDREW = "client_withdrew"
    COULD_NOT_CONTACT = "could_not_contact"
    NOT_ELIGIBLE = "not_eligible"
    NO_CAPACITY = "no_capacity"
    REFERRED_ELSEWHERE = "referred_elsewhere"
    DECLINED = "declined"  # by the provider, for a reason other than eligibility or capacity (in the event's note)

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def is_final(self) -> bool:
        return not TRANSITIONS[self]


LABELS = {
    Status.RECEIVED: "Received",
    Status.CONSENT_CHECKED: "Consent checked",
    Status.SENT_TO_PROVIDER: "Sent to provider",
    Status.ACCEPTED: "Accepted by provider",
    Status.APPOINTMENT_BOOKED: "Appointment booked",
    Status.SEEN: "Seen",
    Status.REPORT_RECEIVED: "Report received",
    Status.CLOSED: "Closed",
    Status.CLIENT_WITHDREW: "Client withdrew",
    Status.COULD_NOT_CONTACT: "Could not contact",
    Status.NOT_ELIGIBLE: "Not eligible",
    Status.NO_CAPACITY: "No capacity",
    Status.REFERRED_ELSEWHERE: "Referred elsewhere",
    Status.DECLINED: "Declined by provider",
}

S = Status
# The client may withdraw at any point before the loop is closed; the provider's answers
# (not eligible, no capacity) only exist once it has the referral.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.RECEIVED: frozenset({S.CONSENT_CHECKED, S.CLIENT_WITHDREW, S.COULD_NOT_CONTACT, S.REFERRED_ELSEWHERE}),
    S.CONSENT_CHECKED: frozenset({S.SENT_TO_PROVIDER, S.CLIENT_WITHDREW, S.COULD_NOT_CONTACT,
                                  S.REFERRED_ELSEWHERE}),
    S.SENT_TO_PROVIDER: frozenset({S.ACCEPTED, S.APPOINTMENT_BOOKED, S.CLIENT_WITHDREW, S.COULD_NOT_CONTACT,
                                   S.NOT_ELIGIBLE, S.NO_CAPACITY, S.REFERRED_ELSEWHERE, S.DECLINED}),
    S.ACCEPTED: frozenset({S.APPOINTMENT_BOOKED, S.CLIENT_WITHDREW, S.COULD_NOT_CONTACT, S.NOT_ELIGIBLE,
                           S.NO_CAPACITY, S.REFERRED_ELSEWHERE, S.DECLINED}),
    S.APPOINTMENT_BOOKED: frozenset({S.SEEN, S.CLIENT_WITHDREW, S.COULD_NOT_CONTACT, S.NOT_ELIGIBLE}),
    S.SEEN: frozenset({S.REPORT_RECEIVED, S.CLOSED, S.CLIENT_WITHDREW}),
    S.REPORT_RECEIVED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.CLIENT_WITHDREW: frozenset(),
    S.COULD_NOT_CONTACT: frozenset(),
    S.NOT_ELIGIBLE: frozenset(),
    S.NO_CAPACITY: frozenset(),
    S.REFERRED_ELSEWHERE: frozenset(),
    S.DECLINED: frozenset(),
}

FINAL = frozenset(s for s in Status if s.is_final)
# Moves that act on the client's information with the consent they gave: checking it and sending it.
NEEDS_VALID_CONSENT = frozenset({S.CONSENT_CHECKED, S.SENT_TO_PROVIDER})
# Before an appointment is booked, a passed expected-contact date means someone must chase it.
AWAITING_CONTACT = frozenset({S.RECEIVED, S.CONSENT_CHECKED, S.SENT_TO_PROVIDER, S.ACCEPTED})


class Actor(StrEnum):
    """Who moved a referral or said something about it (StatusEvent.actor)."""

    STAFF = "staff"        # a signed-in staff member
    CLIENT = "client"      # the client: their request, their check-ins
    PROVIDER = "provider"  # the receiving provider, on its referral link
    SYSTEM = "system"      # the app itself (a command or job)

    @property
    def label(self) -> str:
        return self.value.capitalize()  # as the record's history names them: Staff, Client, Provider, System


class Signal(StrEnum):
    """Something said that moves no status (StatusEvent.signal): the event keeps the status the referral had."""

    NOT_HEARD = "not_heard"    # the client has not heard from the provider yet: on the follow-up list at once
    BOOKED = "booked"          # the client booked, where the workflow could not move to Appointment booked
    SEEN = "seen"              # the client went, where the workflow could not move to Seen
    WITHDREW = "withdrew"      # the client no longer needs it, where the referral can no longer be withdrawn
    CHECKED_IN = "checked_in"  # staff checked in with the client or provider

    @property
    def label(self) -> str:
        return SIGNAL_LABELS[self]


SIGNAL_LABELS = {
    Signal.NOT_HEARD: "Has not heard yet",
    Signal.BOOKED: "Says they booked",
    Signal.SEEN: "Says they went",
    Signal.WITHDREW: "Says they no longer need this",
    Signal.CHECKED_IN: "Checked in",
}


class ConsentState(StrEnum):
    """What `Consent.status_on(day)` returns."""

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    MISSING = "missing"  # a referral staff started: no consent signed yet (referrals/intake.py)


class TransitionRefused(ValueError):
    """A move the workflow does not allow; its message is written for the staff member who tried it."""


def allowed_moves(current: Status, consent: ConsentState) -> list[Status]:
    """The moves to offer on the record page, in the order of the workflow."""
    return [s for s in Status if s in TRANSITIONS[current] and (consent is ConsentState.VALID
                                                                 or s not in NEEDS_VALID_CONSENT)]


NO_RECIPIENT = ("The client asked for help choosing a provider and none has been chosen yet, so there is no one to "
                "send it to. Complete the needs assessment, choose the provider with the client, then get their "
                "consent for it (in person or by one-time link).")


def check_move(current: Status, target: Status, consent: ConsentState, *, recipient: bool = True) -> None:
    """`consent` is the state of the consent naming the referral's current provider; `recipient` says whether
    the referral names a provider at all (a "help me choose" request does not until one is chosen)."""
    if target not in TRANSITIONS[current]:
        if current.is_final:
            raise TransitionRefused(f"This referral is already {current.label.lower()}; it cannot change.")
        raise TransitionRefused(f"A referral cannot go from “{current.label}” to “{target.label}”.")
    if target in NEEDS_VALID_CONSENT and consent is not ConsentState.VALID:
        raise TransitionRefused(_refusal(consent, "nothing can be sent or checked on it"))
    if target is S.SENT_TO_PROVIDER and not recipient:
        raise TransitionRefused(NO_RECIPIENT)


def _refusal(consent: ConsentState, what: str) -> str:
    if consent is ConsentState.MISSING:
        return (f"The client has not signed a consent naming this provider: {what}. Record their consent in "
                "person or send them a one-time consent link.")
    return f"The client's consent is {consent.value}: {what}. Ask the client for a new consent."


def check_can_send(consent: ConsentState, *, recipient: bool = True) -> None:
    """The letter is the sending itself, so it obeys the same gate as the move to “sent to provider”."""
    if not recipient:
        raise TransitionRefused(NO_RECIPIENT)
    if consent is not ConsentState.VALID:
        raise TransitionRefused(f"The client's consent is {consent.value}: the referral letter cannot be "
                                f"produced. Ask the client for a new consent.")
