"""Links on which someone outside the staff workspace answers: the receiving provider (its referral link) and
the client (their check-in link). No account is needed: the link is the key.

A token is random and shown once (in the message that carries it); only its SHA-256 is stored, beside the
provider's blind index, so the row says nothing about anyone and the URL carries no personal data. Issuing a
new link for the same referral and audience revokes the previous one (one live link per recipient). A link
works until it expires or is revoked; a provider's link also dies the moment the referral is closed, names
another provider, or its consent for that provider is revoked or expired (checked on every use, so nothing
has to remember to kill it).
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import ForeignKey, Integer, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from intake_app.infrastructure.db import Base, UTCDateTime, utcnow
from intake_app.referrals.models import Referral
from intake_app.referrals.workflow import ConsentState, Status

PROVIDER, CLIENT = "provider", "client"  # audiences (workflow.Actor values of who answers)
MAX_TOKEN = 100  # longer is not ours: refused before hashing


class AnswerLink(Base):
    __tablename__ = "answer_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    audience: Mapped[str] = mapped_column(String(10))  # PROVIDER or CLIENT
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    recipient_index: Mapped[str | None] = mapped_column(String(64))  # the provider's blind index when issued
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    referral: Mapped[Referral] = relationship()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(session: Session, referral: Referral, audience: str, *, now: datetime,
          days: int) -> tuple[str, AnswerLink]:
    """A new link for `audience`, revoking that audience's earlier ones; returns the token (shown or sent once)
    and the link. Adds to the session only: the caller commits it with the event (and the outbox message) that
    hands it out."""
    if audience not in (PROVIDER, CLIENT):
        raise ValueError(f"unknown audience {audience!r}")
    session.flush()  # the referral's blind index is current
    revoke(session, referral.id, audience, now=now)
    token = secrets.token_urlsafe(32)
    link = AnswerLink(referral_id=referral.id, audience=audience, token_hash=token_hash(token),
                      recipient_index=referral.provider_index, created_at=now, expires_at=now + timedelta(days=days))
    session.add(link)
    return token, link


def revoke(session: Session, referral_id: int, audience: str | None = None, *, now: datetime) -> None:
    """Revokes the referral's live links (of one audience, or all)."""
    conditions = [AnswerLink.referral_id == referral_id, AnswerLink.revoked_at.is_(None)]
    if audience is not None:
        conditions.append(AnswerLink.audience == audience)
    session.execute(update(AnswerLink).where(*conditions).values(revoked_at=now))


def usable(link: AnswerLink | None, now: datetime, today: date) -> bool:
    if link is None or link.revoked_at is not None or now >= link.expires_at:
        return False
    if link.audience == CLIENT:
        return True  # the client may still tell us how it went after the referral is closed
    referral = link.referral
    consent = referral.consent
    return (not Status(referral.status).is_final and referral.provider_index == link.recipient_index
            and consent is not None and consent.status_on(today) == ConsentState.VALID.value)


def find(session: Session, token: str, audience: str, *, now: datetime, today: date) -> AnswerLink | None:
    """The link for this token and audience if it still works; None whatever the reason (nothing to tell apart,
    so a guesser learns nothing). Records when it was last opened."""
    if not token or len(token) > MAX_TOKEN:
        return None
    link = session.scalar(select(AnswerLink).where(AnswerLink.token_hash == token_hash(token),
                                                   AnswerLink.audience == audience))
    if not usable(link, now, today):
        return None
    link.last_opened_at = now
    return link
