"""Changing a referral's status: the workflow decides, the history and the audit log remember."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from intake_app import audit
from intake_app.models import Referral, StatusEvent
from intake_app.workflow import ConsentState, Status, TransitionRefused, check_move


def consent_of(referral: Referral, today: date) -> ConsentState:
    return ConsentState(referral.consent.status_on(today))


def move(session: Session, referral: Referral, target: Status, *, by_user_id: int, note: str | None,
         today: date) -> None:
    """Raises TransitionRefused (nothing written) or commits the new status, its history line and audit line."""
    current = Status(referral.status)
    check_move(current, target, consent_of(referral, today))
    if target is Status.SENT_TO_PROVIDER and referral.provider_slug is None:
        # The client's consent names no provider yet; they must consent again for the one chosen with them.
        raise TransitionRefused("This request asked for help choosing a provider, so its consent names none. "
                                "Choose one with the client and ask them to send a request for it.")
    referral.status = target.value
    session.add(StatusEvent(referral=referral, status=target.value, by_user_id=by_user_id, note=note or None))
    audit.record(session, audit.CHANGED_STATUS, referral.id, f"{current.label} → {target.label}")
    session.commit()
