"""The accounts blueprint at /account: sign in and sign out; it also sets up Flask-Login for the app."""
from __future__ import annotations

from flask import Flask

from intake_app.web import auth
from intake_app.web.accounts.views import bp

__all__ = ["bp", "init_app"]


def init_app(app: Flask) -> None:
    auth.init_app(app)
