"""What staff add to a referral: its outcome and the letter's clinical sections; and what a purge keeps."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake_app.crypto import EncryptedText
from intake_app.db import Base, UTCDateTime, utcnow
from intake_app.models import Referral


class Outcome(Base):
    """How the referral turned out, as the client and the provider's report tell it."""

    __tablename__ = "outcomes"
    __table_args__ = (CheckConstraint("helpfulness BETWEEN 1 AND 5", name="outcome_helpfulness_1_to_5"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), unique=True)
    first_appointment_on: Mapped[date | None] = mapped_column(Date)
    helpfulness: Mapped[int | None] = mapped_column(Integer)
    report_summary: Mapped[str | None] = mapped_column(EncryptedText)
    plan_fit: Mapped[str | None] = mapped_column(EncryptedText)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    recorded_by: Mapped[int | None] = mapped_column(Integer)

    referral: Mapped[Referral] = relationship()


class LetterNotes(Base):
    """Staff-written sections of the letter; each is printed only if its category was consented to."""

    __tablename__ = "letter_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), unique=True)
    history: Mapped[str | None] = mapped_column(EncryptedText)
    assessments: Mapped[str | None] = mapped_column(EncryptedText)
    substance_use: Mapped[str | None] = mapped_column("part2_records", EncryptedText)  # column named by its rule

    referral: Mapped[Referral] = relationship()


class PurgedReferral(Base):
    """What is left of a closed referral after `purge`: enough for the network report, nothing about the client."""

    __tablename__ = "purged_referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_index: Mapped[str | None] = mapped_column(String(64), index=True)  # the referral's blind index
    final_status: Mapped[str] = mapped_column(String(32))
    booked: Mapped[bool] = mapped_column(Boolean)
    seen: Mapped[bool] = mapped_column(Boolean)
    days_to_first_appointment: Mapped[int | None] = mapped_column(Integer)
    helpfulness: Mapped[int | None] = mapped_column(Integer)
    purged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# The queue's covering indexes (migrations 0003, 0005), declared here so autogenerate keeps them.
_r = Referral.__table__.c
Index("ix_referrals_queue", _r.status, _r.urgent, _r.expected_contact_date, _r.created_at, _r.provider_index, _r.id)
Index("ix_referrals_provider_queue", _r.provider_index, _r.status, _r.urgent, _r.expected_contact_date,
      _r.created_at, _r.id)
