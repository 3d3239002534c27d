"""Changing a referral's status: the workflow decides, the history and the audit log remember."""
from __future__ import annotations

from datetime import date

from sqlalchemy import exists, update
from sqlalchemy.orm import Session

from intake_app.referrals import audit
from intake_app.referrals.models import Consent, Referral, StatusEvent
from intake_app.referrals.workflow import (NEEDS_VALID_CONSENT, Actor, ConsentState, Status, TransitionRefused,
                                          check_move)

CHANGED_MEANWHILE = ("This referral changed while you were looking at it (its status, or the client revoked the "
                     "consent). Look at it again before changing it.")


def consent_of(referral: Referral, today: date) -> ConsentState:
    return ConsentState.MISSING if referral.consent is None else ConsentState(referral.consent.status_on(today))


def move(session: Session, referral: Referral, target: Status, *, seen: str, by, note: str | None,
         today: date, actor: Actor = Actor.STAFF) -> None:
    """Raises TransitionRefused (nothing written) or commits the new status, its history line and audit line.

    `by` is the staff account that moves it (anything with `id` and `username`), or None when the provider or
    the client does (`actor`; the audit line then names them).
    `seen` is the status the staff member saw when choosing the move. The update only applies if the status
    is still that one (and the consent still unrevoked, when it matters), so two people, or a revocation
    arriving mid-request, cannot slip a move past the workflow.
    """
    current = Status(referral.status)
    if seen != current.value:
        raise TransitionRefused(CHANGED_MEANWHILE)
    check_move(current, target, consent_of(referral, today), recipient=referral.provider_slug is not None)
    unchanged = [Referral.id == referral.id, Referral.status == current.value]
    if target in NEEDS_VALID_CONSENT or actor is Actor.PROVIDER:  # the provider acts on the consent too
        # Still an unrevoked consent naming the provider the referral names now (both None: "help me choose").
        unchanged.append(exists().where(Consent.referral_id == Referral.id, Consent.revoked_at.is_(None),
                                        Consent.recipient_index.is_not_distinct_from(Referral.provider_index)))
    if session.execute(update(Referral).where(*unchanged).values(status=target.value)).rowcount != 1:
        session.rollback()
        raise TransitionRefused(CHANGED_MEANWHILE)
    session.add(StatusEvent(referral_id=referral.id, status=target.value, by_user_id=by.id if by else None,
                            actor=actor.value, note=note or None))
    audit.record(session, audit.CHANGED_STATUS, referral.id, f"{current.label} → {target.label}", by=by,
                 username=actor.value)
    session.commit()
    session.refresh(referral)
