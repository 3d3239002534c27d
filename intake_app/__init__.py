"""The intake app: clients consent and request referrals; staff track them to an outcome.

    flask --app intake_app init-db      # once, before any worker starts
    flask --app intake_app run --debug  # development
    gunicorn -c python:intake_app.gunicorn_conf 'intake_app:create_app()'   # production (intake_app/README.md)

Three layers, each importing only the ones below it:

    web/ (public, accounts, staff, providers), commands/   what a browser or an operator talks to
    referrals/, accounts/                                  the domain: referrals, consent, workflow; staff accounts
    infrastructure/                                        config, database, crypto, clock, limiter, error pages,
                                                           and directory.py, the one seam to the provider directory
"""
from __future__ import annotations

import os

from flask import Flask

from intake_app import commands, infrastructure
from intake_app.infrastructure.config import ConfigError, defaults, from_environment
from intake_app.web import accounts, providers, public, staff

__all__ = ["create_app", "ConfigError"]

# Each web package exposes its blueprint as `bp`, and `init_app(app)` if it also sets up something app-wide.
BLUEPRINTS = (public, accounts, staff, providers)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(defaults(app.instance_path))
    app.config.update(from_environment())
    if test_config:
        app.config.update(test_config)

    infrastructure.init_app(app)
    commands.init_app(app)
    for package in BLUEPRINTS:
        app.register_blueprint(package.bp)
        if hasattr(package, "init_app"):
            package.init_app(app)
    return app
