"""What the intake app stores: a referral request, the client's consent to it, and its status history; what
staff add to it (its outcome and the letter's clinical sections); and what a purge keeps.

Every personal field (identity, contact details, needs, notes, signature) is an `EncryptedText` column, and so
is what care was asked for (the provider, which may be an addiction service; what may be shared; the consent's
recipient and purpose). Plain columns hold only what staff must sort and filter on and what identifies no one;
the provider is filtered on through its keyed blind index. No column, constraint or index is named after a
sensitive category either (`part2_records`, not the category's key), since names are stored in the schema.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Boolean, CheckConstraint, Date, Float, ForeignKey, Index, Integer, String, event, false,
                        inspect, select)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from intake_app.infrastructure.crypto import EncryptedBoolean, EncryptedJSON, EncryptedText, blind_index
from intake_app.infrastructure.db import Base, UTCDateTime, utcnow
from intake_app.referrals.consent import POLICY

RECEIVED = "received"

CONTACT_METHODS = {"phone": "Phone call", "text": "Text message", "email": "Email"}
HOW_SOON = {
    "urgent": "As soon as possible",
    "weeks": "In the next few weeks",
    "months": "In the next few months",
    "unsure": "I am not sure",
}
# What a client may agree to share. `substance_use` brings in 42 CFR Part 2's extra acknowledgement.
SHARED_INFORMATION = {
    "contact_details": "My name and contact details",
    "reason": "The reason for this referral, in my own words",
    "history": "Relevant health and social history",
    "assessments": "Assessments and test results",
    "substance_use": "Records about substance use (alcohol or drug) treatment",
}


class Referral(Base):
    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    # Random key carried by the form, so a double-clicked or resent submission is stored once.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    revocation_secret_hash: Mapped[str] = mapped_column(String(64))
    provider_slug: Mapped[str | None] = mapped_column(EncryptedText)  # None: "please help me choose"
    provider_name: Mapped[str | None] = mapped_column(EncryptedText)  # as shown to the client when they asked
    # blind_index(provider_slug), set on every write (below): what the queue filters on (indexes at the end).
    provider_index: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32), default=RECEIVED, index=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    expected_contact_date: Mapped[date] = mapped_column(Date, index=True)

    client_name: Mapped[str] = mapped_column(EncryptedText)
    date_of_birth: Mapped[str | None] = mapped_column(EncryptedText)  # ISO date, encrypted like the rest
    contact_method: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(EncryptedText)
    email: Mapped[str | None] = mapped_column(EncryptedText)
    preferred_language: Mapped[str | None] = mapped_column(EncryptedText)
    accessibility_needs: Mapped[str | None] = mapped_column(EncryptedText)
    best_times: Mapped[str | None] = mapped_column(EncryptedText)
    reason: Mapped[str] = mapped_column(EncryptedText)
    hopes: Mapped[str | None] = mapped_column(EncryptedText)
    how_soon: Mapped[str] = mapped_column(String(10))
    suggested_by: Mapped[str | None] = mapped_column(EncryptedText)

    # Every consent over time, oldest first: the public request's, then one per provider chosen with the client.
    consents: Mapped[list[Consent]] = relationship(back_populates="referral", cascade="all, delete-orphan",
                                                   order_by="Consent.signed_at, Consent.id")
    events: Mapped[list[StatusEvent]] = relationship(back_populates="referral", cascade="all, delete-orphan",
                                                     order_by="StatusEvent.at, StatusEvent.id")


    @property
    def consent(self) -> Consent | None:
        """The consent that gates sending: the latest one naming the referral's current provider (None, for a
        "help me choose" request, names no provider); whether it is still valid is `status_on`'s answer."""
        naming = [c for c in self.consents if c.recipient_slug == self.provider_slug]
        return naming[-1] if naming else None

    @consent.setter
    def consent(self, consent: Consent) -> None:
        """Adds a consent for the current provider (as the public form and older callers store one)."""
        if consent.recipient_slug is None:
            consent.recipient_slug = self.provider_slug
        if consent not in self.consents:
            self.consents.append(consent)


@event.listens_for(Referral, "before_insert")
@event.listens_for(Referral, "before_update")
def _index_provider(_mapper, _connection, referral: Referral) -> None:
    """At flush (in the app's context, where the key is), so a Referral can be built anywhere."""
    if inspect(referral).attrs.provider_slug.history.has_changes() or referral.provider_index is None:
        referral.provider_index = blind_index(referral.provider_slug)


class Consent(Base):
    """One written authorisation (45 CFR 164.508(c); 42 CFR 2.31), with the exact text the client saw."""

    __tablename__ = "consents"
    __table_args__ = (
        CheckConstraint(" AND ".join(POLICY.acknowledgements), name="consent_statements_acknowledged"),
        CheckConstraint("expires_on > signed_on", name="consent_expires_after_signing"),
        CheckConstraint("signed_by IN ('client', 'representative')", name="consent_signed_by_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    # Which provider it names (None: "help me choose"), encrypted, with its blind index for SQL (set at flush).
    recipient_slug: Mapped[str | None] = mapped_column(EncryptedText)
    recipient_index: Mapped[str | None] = mapped_column(String(64))
    signed_via: Mapped[str] = mapped_column(String(16), default="online")  # "online", "in_person" or "link"
    witness_user_id: Mapped[int | None] = mapped_column(Integer)  # the staff member present, in person
    text_version: Mapped[str] = mapped_column(String(32))
    text_sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(EncryptedText)  # exactly what was shown; hashes to text_sha256
    shared_information: Mapped[list[str]] = mapped_column(EncryptedJSON)  # keys of SHARED_INFORMATION
    discloser: Mapped[str] = mapped_column(String(200))
    recipient: Mapped[str] = mapped_column(EncryptedText)
    purpose: Mapped[str] = mapped_column(EncryptedText)
    expires_on: Mapped[date] = mapped_column(Date)
    acknowledged_revocation: Mapped[bool] = mapped_column(Boolean)
    acknowledged_not_conditional: Mapped[bool] = mapped_column(Boolean)
    acknowledged_redisclosure: Mapped[bool] = mapped_column(Boolean)
    # Encrypted, so no CHECK can read them: submissions.missing_consent_elements requires the acknowledgement.
    substance_use_records: Mapped[bool] = mapped_column("part2_records", EncryptedBoolean, default=False)
    acknowledged_substance_use: Mapped[bool] = mapped_column("acknowledged_part2", EncryptedBoolean, default=False)
    signed_by: Mapped[str] = mapped_column(String(16))  # "client" or "representative"
    signature_name: Mapped[str] = mapped_column(EncryptedText)  # the typed full name
    representative_relationship: Mapped[str | None] = mapped_column(EncryptedText)
    representative_authority: Mapped[str | None] = mapped_column(EncryptedText)
    signed_on: Mapped[date] = mapped_column(Date)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    referral: Mapped[Referral] = relationship(back_populates="consents")

    def status_on(self, day: date) -> str:
        """"revoked", "expired" or "valid" on that day."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if day > self.expires_on else "valid"  # valid through its expiry date


@event.listens_for(Consent, "before_insert")
@event.listens_for(Consent, "before_update")
def _index_recipient(_mapper, _connection, consent: Consent) -> None:
    consent.recipient_index = blind_index(consent.recipient_slug)


class ConsentLink(Base):
    """A one-time link on which the client signs (or declines) the consent naming one provider, remotely.

    Only the token's hash is stored, and the provider only as its blind index: the row says nothing about
    anyone. It works once, until `expires_at`, and only while the referral still names that provider."""

    __tablename__ = "consent_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    recipient_index: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))  # "signed" or "declined" once used

    referral: Mapped[Referral] = relationship()


class StatusEvent(Base):
    """One step in a referral's history: who moved it to which status, when, and why."""

    __tablename__ = "status_events"
    __table_args__ = (Index("ix_status_events_referral_at", "referral_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(Integer)  # the staff account, when staff moved it
    # A workflow.Actor value (0010); None on older rows: staff when by_user_id is set, else the client.
    actor: Mapped[str | None] = mapped_column(String(16))
    # Something said that does not move the status (e.g. "not_heard" from the client); `status` stays as it was.
    signal: Mapped[str | None] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(EncryptedText)

    referral: Mapped[Referral] = relationship(back_populates="events")


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
    comment: Mapped[str | None] = mapped_column(EncryptedText)  # the client's own words, for staff only (0009)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    recorded_by: Mapped[int | None] = mapped_column(Integer)

    referral: Mapped[Referral] = relationship()


def outcome_of(session: Session, referral: Referral) -> Outcome:
    """The referral's outcome, or a new one added to the session: staff, the provider and the client all fill
    in parts of the same row."""
    outcome = session.scalar(select(Outcome).where(Outcome.referral_id == referral.id))
    if outcome is None:
        outcome = Outcome(referral_id=referral.id)
        session.add(outcome)
    return outcome


class LetterNotes(Base):
    """Staff-written sections of the letter; each is printed only if its category was consented to."""

    __tablename__ = "letter_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), unique=True)
    history: Mapped[str | None] = mapped_column(EncryptedText)
    assessments: Mapped[str | None] = mapped_column(EncryptedText)
    substance_use: Mapped[str | None] = mapped_column("part2_records", EncryptedText)  # column named by its rule

    referral: Mapped[Referral] = relationship()


class NeedsAssessment(Base):
    """A clinician's needs assessment of the client (referrals/assessments.py says what `answers` holds) and,
    once made, the choice of provider with the alternatives considered; both encrypted, one JSON value each."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), unique=True)
    answers: Mapped[dict] = mapped_column(EncryptedJSON)
    choice: Mapped[dict | None] = mapped_column(EncryptedJSON)  # {"chosen": slug, "considered": [...], ...}
    assessed_by: Mapped[int | None] = mapped_column(Integer)
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    chosen_by: Mapped[int | None] = mapped_column(Integer)
    chosen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

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
    # Added by 0009 for the network report (referrals/report.py says what each means).
    accepted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    decline_reason: Mapped[str | None] = mapped_column(String(32))
    could_not_contact: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    report_returned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    days_to_first_answer: Mapped[float | None] = mapped_column(Float)
    purged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# The queue's covering indexes (migrations 0003, 0005), declared here so autogenerate keeps them.
_r = Referral.__table__.c
Index("ix_referrals_queue", _r.status, _r.urgent, _r.expected_contact_date, _r.created_at, _r.provider_index, _r.id)
Index("ix_referrals_provider_queue", _r.provider_index, _r.status, _r.urgent, _r.expected_contact_date,
      _r.created_at, _r.id)
