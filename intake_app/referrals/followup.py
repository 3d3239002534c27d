"""Who needs chasing: overdue referrals, and referrals seen whose outcome nobody has recorded yet."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake_app.referrals.models import Outcome, Referral
from intake_app.referrals.queue import overdue_on
from intake_app.referrals.report import SEEN

SHOWN = 100


@dataclass(frozen=True)
class Listing:
    referrals: list[Referral]
    total: int


def _listing(session: Session, query) -> Listing:
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    return Listing(list(session.scalars(query.limit(SHOWN))), total)


def overdue(session: Session, today: date) -> Listing:
    return _listing(session, select(Referral).where(overdue_on(today))
                    .order_by(Referral.expected_contact_date, Referral.id))


def seen_without_outcome(session: Session) -> Listing:
    return _listing(session, select(Referral).outerjoin(Outcome, Outcome.referral_id == Referral.id).where(
        Referral.status.in_(SEEN), Outcome.id.is_(None)).order_by(Referral.created_at, Referral.id))
