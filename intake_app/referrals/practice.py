"""The practice's follow-up steps on a referral, as checkable items with dates: what a good referral does after
the letter goes (read it to the client, explain the timeframe) and once the report is back (review it with the
client, and say how its recommendations fit the plan)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from intake_app.infrastructure.crypto import EncryptedText
from intake_app.infrastructure.db import Base, UTCDateTime, utcnow

STEPS = {
    "letter_read": "Letter read to the client",
    "timeframe_explained": "Address, contact and timeframe explained; told to call if they have not heard",
    "report_reviewed": "Provider's report reviewed with the client",
    "plan_fit": "How the report's recommendations fit the plan",
}


class PracticeStep(Base):
    """One step done (a row) or not yet (no row); its note (e.g. how the recommendations fit) is encrypted."""

    __tablename__ = "practice_steps"
    __table_args__ = (UniqueConstraint("referral_id", "step", name="uq_practice_steps_referral_step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(24))  # a STEPS key
    done_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(EncryptedText)
    by_user_id: Mapped[int | None] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


def steps_of(session: Session, referral_id: int) -> dict[str, PracticeStep]:
    """The steps done on a referral, by STEPS key."""
    rows = session.scalars(select(PracticeStep).where(PracticeStep.referral_id == referral_id))
    return {row.step: row for row in rows}


def save(session: Session, referral_id: int, done: dict[str, tuple[date, str | None]], *, by) -> str:
    """Makes the referral's steps exactly `done` (STEPS key → (date, note)): each done step upserted on its
    unique (referral_id, step), so two people saving at once leave one row per step; a step no longer ticked
    is removed. Returns the audit detail (step keys only, never a note); the caller audits and commits."""
    unknown = set(done) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown steps {sorted(unknown)}")
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    for step, (done_on, note) in done.items():
        statement = insert(PracticeStep).values(referral_id=referral_id, step=step, done_on=done_on, note=note,
                                                by_user_id=by.id, recorded_at=utcnow())
        session.execute(statement.on_conflict_do_update(
            index_elements=["referral_id", "step"],
            set_={name: statement.excluded[name] for name in ("done_on", "note", "by_user_id", "recorded_at")}))
    session.execute(delete(PracticeStep).where(PracticeStep.referral_id == referral_id,
                                               PracticeStep.step.not_in(list(done) or [""])))
    session.expire_all()  # rows read before now show the new values
    return ("done: " + ", ".join(s for s in STEPS if s in done)) if done else "none done"
