"""Purging ended referrals: their personal data goes, one anonymous row each stays for the network report."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from intake_app.referrals import audit
from intake_app.referrals.models import PurgedReferral, Referral, StatusEvent
from intake_app.referrals.report import live_facts
from intake_app.referrals.workflow import FINAL

BATCH = 500


def closed_before(session: Session, day: date) -> list[int]:
    """Referrals in a final status whose last change happened before `day` (UTC)."""
    cutoff = datetime.combine(day, time.min, tzinfo=timezone.utc)
    last_change = (select(StatusEvent.referral_id, func.max(StatusEvent.at).label("at"))
                   .group_by(StatusEvent.referral_id).subquery())
    return list(session.scalars(
        select(Referral.id).join(last_change, last_change.c.referral_id == Referral.id)
        .where(Referral.status.in_([s.value for s in FINAL]), last_change.c.at < cutoff).order_by(Referral.id)))


def purge(session: Session, day: date) -> int:
    """Deletes closed referrals with all their personal data; keeps one anonymous row each for the report."""
    ids = closed_before(session, day)
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")  # overwrite, not just unlink, the pages
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        for _id, facts in live_facts(session, Referral.id.in_(chunk)):
            session.add(PurgedReferral(**asdict(facts)))
        for referral_id in chunk:
            audit.record(session, audit.PURGED, referral_id, username="purge")
        # Consents, history, outcomes and letter notes go with it (ON DELETE CASCADE).
        session.execute(delete(Referral).where(Referral.id.in_(chunk)))
        session.commit()
    return len(ids)
