"""The practice's follow-up steps on a referral, as checkable items with dates: what a good referral does after
the letter goes (read it to the client, explain the timeframe) and once the report is back (review it with the
client, and say how its recommendations fit the plan)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

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
