"""The queue: open referrals, urgent first, then overdue, then new; filtered and paginated.

The page is found in two steps: ids from the covering index `ix_referrals_queue` (migrations 0003, 0005), then
the rows for those ids only, with their consents in one more query (each row marks a revoked or expired consent).
Scanning the rows themselves would read every encrypted field. The provider filter compares blind indexes
(`crypto.blind_index`): the provider itself is encrypted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, selectinload

from intake_app.infrastructure.crypto import blind_index
from intake_app.referrals.models import Consent, Referral
from intake_app.referrals.workflow import AWAITING_CONTACT, FINAL, Status

PAGE_SIZE = 50
OPEN, ANY = "open", "any"
NO_PROVIDER = "none"  # "please help me choose": no provider yet
OPEN_STATUSES = [s.value for s in Status if s not in FINAL]


@dataclass(frozen=True)
class Filters:
    status: str = OPEN      # OPEN, ANY or a Status value
    urgency: str = ANY      # ANY, "urgent" or "routine"
    provider: str = ANY     # ANY, NO_PROVIDER or a provider slug
    page: int = 1

    def describe(self) -> str:
        """For the audit log: which page of which list, never who is on it; a chosen provider by its blind
        index, since the log sits in the same database as the referrals."""
        provider = self.provider if self.provider in (ANY, NO_PROVIDER) else "#" + blind_index(self.provider)[:16]
        return f"page {self.page}; status {self.status}; urgency {self.urgency}; provider {provider}"[:200]


@dataclass(frozen=True)
class QueuePage:
    referrals: list[Referral]
    total: int
    filters: Filters
    consent_marks: dict[int, str] = field(default_factory=dict)  # referral id → "revoked" or "expired"

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def is_overdue(referral: Referral, today: date) -> bool:
    """Past the expected-contact date with no appointment booked."""
    return referral.status in AWAITING_CONTACT and referral.expected_contact_date < today


def overdue_on(today: date):
    """`is_overdue` as a SQL condition, for the queue's order and the follow-up list."""
    return and_(Referral.status.in_([s.value for s in AWAITING_CONTACT]), Referral.expected_contact_date < today)


def priority(today: date):
    """0 urgent, 1 overdue, 2 new, 3 the rest (closed ones are only listed when asked for)."""
    return case(
        (and_(Referral.urgent, Referral.status.in_(OPEN_STATUSES)), 0),
        (overdue_on(today), 1),
        (Referral.status == Status.RECEIVED.value, 2),
        else_=3)


def _conditions(filters: Filters) -> list:
    conditions = []
    if filters.status == OPEN:
        conditions.append(Referral.status.in_(OPEN_STATUSES))
    elif filters.status != ANY:
        conditions.append(Referral.status == filters.status)
    if filters.urgency != ANY:
        conditions.append(Referral.urgent.is_(filters.urgency == "urgent"))
    if filters.provider == NO_PROVIDER:
        conditions.append(Referral.provider_index.is_(None))
    elif filters.provider != ANY:
        conditions.append(Referral.provider_index == blind_index(filters.provider))
    return conditions


def queue_page(session: Session, filters: Filters, today: date) -> QueuePage:
    conditions = _conditions(filters)
    total = session.scalar(select(func.count()).select_from(Referral).where(*conditions))
    ids = session.scalars(
        select(Referral.id).where(*conditions)
        .order_by(priority(today), Referral.created_at, Referral.id)
        .limit(PAGE_SIZE).offset((max(filters.page, 1) - 1) * PAGE_SIZE)).all()
    consents = selectinload(Referral.consents).load_only(  # what `Referral.consent` and `status_on` read
        Consent.recipient_slug, Consent.expires_on, Consent.revoked_at, Consent.signed_at)
    rows = {r.id: r for r in session.scalars(select(Referral).options(consents).where(Referral.id.in_(ids)))}
    return QueuePage([rows[i] for i in ids], total, filters, consent_marks(rows.values(), today))


def consent_marks(referrals, today: date) -> dict[int, str]:
    """The referrals whose consent naming their current provider is revoked or expired: nothing more may be
    shared for them, so the queue says so on their row."""
    marks = {}
    for referral in referrals:
        state = referral.consent.status_on(today) if referral.consent else None
        if state in ("revoked", "expired"):
            marks[referral.id] = state
    return marks
