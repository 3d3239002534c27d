"""Staff accounts. Created from the command line only; there is no web sign-up."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from intake_app.db import Base, UTCDateTime, utcnow

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

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sessions of disabled users
        return self.enabled

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN
