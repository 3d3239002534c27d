"""Staff accounts. Created from the command line only; there is no web sign-up."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from intake_app.infrastructure.db import Base, UTCDateTime, utcnow

STAFF, ADMIN = "staff", "admin"
ROLES = (STAFF, ADMIN)


class User(UserMixin, Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('staff', 'admin')", name="user_role_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default=STAFF)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The clinician's identity, which signs the referral letter (migration 0006). Not health data; never logged.
    display_name: Mapped[str | None] = mapped_column(String(120))
    credentials: Mapped[str | None] = mapped_column(String(80))  # e.g. "RMT", "MSW, RSW"
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(200))

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sessions of disabled users
        return self.enabled

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


class StaffSession(Base):
    """One sign-in. The cookie holds a random token; only its SHA-256 is stored, so a copy of this table
    cannot be replayed. Ending the row ends the session, whatever copies of the cookie exist (sessions.py)."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_reason: Mapped[str | None] = mapped_column(String(20))
