"""Consent for the provider chosen with the client: signed in person on the clinic's device (a staff member
witnesses it) or remotely on a one-time link; declining is recorded too.

A link's token is random and shown once (and emailed, when the client chose email); only its SHA-256 is
stored, beside the provider's blind index. The link works once, until it expires, and only while the referral
is open, still names that provider, and none of its consents has been revoked: otherwise it shows nothing.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from intake_app.referrals import audit, codes, outbox
from intake_app.referrals import consent as consent_text
from intake_app.referrals.models import Consent, ConsentLink, Referral, StatusEvent
from intake_app.referrals.submissions import IncompleteConsent, missing_consent_elements
from intake_app.referrals.workflow import Status

ISSUED_LINK, RECORDED_CONSENT, DECLINED_CONSENT = "issued consent link", "recorded consent", "consent declined"
IN_PERSON, LINK = "in_person", "link"
HOW = {IN_PERSON: "in person", LINK: "on a one-time link"}


class LinkUnusable(ValueError):
    """The link was used meanwhile (another tab, a double click): nothing was written."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def emails_link(referral: Referral) -> bool:
    """The client chose email and gave an address: the link goes to them through the outbox too."""
    return referral.contact_method == "email" and bool(referral.email)


def issue(session: Session, referral: Referral, *, by, now: datetime, days: int,
          link_for: Callable[[str], str] | None = None) -> str:
    """A new link for the referral's current provider; returns the token (shown once, never stored). With
    `link_for(token)` (the link's absolute URL) it is also emailed, where emails_link says so, in the same commit."""
    if referral.provider_slug is None:
        raise ValueError("choose a provider before asking for consent to it")
    token = secrets.token_urlsafe(32)
    session.flush()  # the referral's blind index is current
    link = ConsentLink(referral_id=referral.id, token_hash=token_hash(token), created_by=by.id,
                       recipient_index=referral.provider_index, created_at=now, expires_at=now + timedelta(days=days))
    session.add(link)
    audit.record(session, ISSUED_LINK, referral.id, f"expires in {days} days", by=by)
    if link_for is not None and emails_link(referral):
        session.flush()
        outbox.enqueue_consent_link(session, referral.email, link_for(token), link.expires_at.date(),
                                    key=f"consent-link:{link.id}")
    session.commit()
    return token


def usable(link: ConsentLink | None, now: datetime) -> bool:
    if link is None or link.used_at is not None or now >= link.expires_at:
        return False
    referral = link.referral
    return (not Status(referral.status).is_final and referral.provider_index == link.recipient_index
            and referral.provider_slug is not None
            and all(c.revoked_at is None for c in referral.consents))


def find(session: Session, token: str, now: datetime) -> ConsentLink | None:
    """The link for this token if it can still be used; None whatever the reason (nothing to tell apart)."""
    if not token or len(token) > 100:
        return None
    link = session.scalar(select(ConsentLink).where(ConsentLink.token_hash == token_hash(token)))
    return link if usable(link, now) else None


def new_consent(referral: Referral, *, shown: str, discloser: str, today: date, values: dict) -> Consent:
    """A Consent naming the referral's current provider, from what the client signed (ConsentForm)."""
    return Consent(text_version=consent_text.VERSION, text=shown, text_sha256=consent_text.sha256(shown),
                   discloser=discloser, recipient=referral.provider_name, recipient_slug=referral.provider_slug,
                   purpose=consent_text.purpose(referral.provider_name), signed_on=today, **values)


def _use(session: Session, link: ConsentLink | None, outcome: str, now: datetime) -> None:
    """Marks the link used, only if no one else did first (single use even under a race)."""
    if link is None:
        return
    done = session.execute(update(ConsentLink).where(ConsentLink.id == link.id, ConsentLink.used_at.is_(None))
                           .values(used_at=now, outcome=outcome))
    if done.rowcount != 1:
        session.rollback()
        raise LinkUnusable("this link has already been used")


def sign(session: Session, referral: Referral, consent: Consent, *, via: str, now: datetime, witness=None,
         link: ConsentLink | None = None) -> str | None:
    """Stores the signed consent, its history note and audit line. Returns a new revocation secret when the
    client had none (a referral staff started), to be shown once; None when they keep the one they have."""
    missing = missing_consent_elements(consent)
    if missing or consent.recipient_slug != referral.provider_slug:
        raise IncompleteConsent("consent is missing: " + "; ".join(missing or ["the provider it names"]))
    _use(session, link, "signed", now)
    secret = None
    if not referral.consents:  # started by staff: the client was never given a secret to revoke with
        secret = codes.new_secret()
        referral.revocation_secret_hash = codes.hash_secret(secret)
    consent.signed_via, consent.witness_user_id, consent.signed_at = via, witness.id if witness else None, now
    referral.consents.append(consent)
    witnessed = f", witnessed by {witness.username}" if witness else ""
    session.add(StatusEvent(referral_id=referral.id, status=referral.status, by_user_id=witness.id if witness
                            else None, note=f"The client signed the consent for {referral.provider_name} "
                                            f"{HOW[via]}{witnessed}."))
    audit.record(session, RECORDED_CONSENT, referral.id, HOW[via], by=witness, username="client")
    session.commit()
    return secret


def decline(session: Session, referral: Referral, *, via: str, now: datetime, by=None,
            link: ConsentLink | None = None) -> None:
    """The client chose not to sign: recorded in the history and the audit log; nothing else changes."""
    _use(session, link, "declined", now)
    session.add(StatusEvent(referral_id=referral.id, status=referral.status, by_user_id=by.id if by else None,
                            note=f"The client declined to sign the consent for {referral.provider_name} "
                                 f"{HOW[via]}."))
    audit.record(session, DECLINED_CONSENT, referral.id, HOW[via], by=by, username="client")
    session.commit()
