"""Storing a referral request: the referral, its consent and its first "received" event, all or nothing.

The transaction only writes (no read first), so under SQLite's single writer it waits its turn instead of
failing. A duplicate of an already stored form (same submission key) changes nothing and gets no secret: the
secret is shown once, and whoever resends a form must not learn or replace it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake_app.referrals import codes, outbox
from intake_app.referrals.consent import POLICY
from intake_app.referrals.models import RECEIVED, SHARED_INFORMATION, Consent, Referral, StatusEvent


class IncompleteConsent(ValueError):
    """A referral must never be stored without every element of a valid authorisation."""


@dataclass(frozen=True)
class Receipt:
    reference: str
    secret: str | None   # shown to the client once; only its hash is stored; None for a duplicate
    referral_id: int
    duplicate: bool = False


def expected_contact_date(today: date, typical_days: int | None, processing_days: int, unknown_wait_days: int) -> date:
    wait = typical_days if typical_days is not None else unknown_wait_days
    return today + timedelta(days=processing_days + wait)


def callback_date(day: date, business_days: int) -> date:
    """When the referring service calls back an urgent request: `business_days` weekdays after `day` (a Friday
    request, one business day → Monday). Public holidays are not known here: a setting of 1 is a promise to keep."""
    while business_days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            business_days -= 1
    return day


def callback_for(referral: Referral, timezone, business_days: int) -> date | None:
    """The call-back date an urgent request's client was promised (on the confirmation page), else None."""
    if not referral.urgent:
        return None
    return callback_date(referral.created_at.astimezone(timezone).date(), business_days)


def asks_about_safety(profile, mental_health_categories: frozenset[str]) -> bool:
    """The self-harm question belongs where mental-health or crisis care is on offer, and on "help me choose"
    (`profile` None); a physiotherapy or massage request shows the crisis lines as a notice instead."""
    if profile is None:
        return True
    return bool(set(profile.categories) & mental_health_categories) or "crisis" in profile.levels_of_care


def missing_consent_elements(consent: Consent) -> list[str]:
    """Names of the missing elements; empty when the authorisation is complete."""
    missing = []
    if not consent.text or not consent.text_sha256 or not consent.text_version:
        missing.append("the text shown, its version and hash")
    if not consent.shared_information or not set(consent.shared_information) <= set(SHARED_INFORMATION):
        missing.append("what information is shared")
    for element in ("discloser", "recipient", "purpose", "signature_name", "signed_on", "expires_on"):
        if not getattr(consent, element):
            missing.append(element.replace("_", " "))
    if consent.signed_on and consent.expires_on and not POLICY.expiry_allowed(consent.signed_on, consent.expires_on):
        missing.append(f"an expiry date after signing and at most {POLICY.longest_months} months later")
    if not all(getattr(consent, flag) for flag in POLICY.acknowledgements):
        missing.append("acknowledgement of the right to revoke, no conditions, and redisclosure")
    substance_use = "substance_use" in (consent.shared_information or [])
    if substance_use != bool(consent.substance_use_records) or (
            substance_use and not getattr(consent, POLICY.substance_use_acknowledgement)):
        missing.append("the substance use records acknowledgement")
    if consent.signed_by not in ("client", "representative"):
        missing.append("who signed")
    elif consent.signed_by == "representative" and not (consent.representative_relationship
                                                        and consent.representative_authority):
        missing.append("the representative's relationship and authority")
    return missing


def store(session: Session, referral: Referral, consent: Consent, *, attempts: int = 5) -> Receipt:
    """Commit referral + consent + "received" event (+ its messages in the outbox); fills in the reference and
    the revocation secret."""
    missing = missing_consent_elements(consent)
    if missing:
        raise IncompleteConsent("consent is missing: " + "; ".join(missing))
    for _ in range(attempts):
        secret = codes.new_secret()
        referral.reference = codes.new_reference()
        referral.revocation_secret_hash = codes.hash_secret(secret)
        referral.status = RECEIVED
        referral.consent = consent
        referral.events = [StatusEvent(status=RECEIVED)]
        session.add(referral)
        try:
            outbox.enqueue_new_request(session, referral)  # same transaction: no referral, no message
            session.commit()
            return Receipt(referral.reference, secret, referral.id)
        except IntegrityError:
            session.rollback()
            session.expunge_all()
            existing = session.scalar(select(Referral).where(Referral.submission_key == referral.submission_key))
            if existing is not None:
                return Receipt(existing.reference, None, existing.id, duplicate=True)
            # Otherwise the random reference collided with another: draw again.
    raise RuntimeError("could not draw a free reference code")


# A hash compared when the reference is unknown, so a wrong code takes as long as a wrong secret.
_NO_SUCH_SECRET = codes.hash_secret(codes.new_secret())


def find_by_secret(session: Session, reference: str, secret: str) -> Referral | None:
    """The referral a reference code and its secret open (to revoke, to check in); None for a wrong code and a
    wrong secret alike, so a guess learns nothing about which references exist."""
    referral = session.scalar(select(Referral).where(Referral.reference == codes.normalise(reference)))
    matches = codes.secret_matches(secret, referral.revocation_secret_hash if referral else _NO_SUCH_SECRET)
    return referral if referral is not None and matches else None
