"""The intake app: clients consent and request referrals; staff track them to an outcome.

    flask --app intake_app init-db      # once, before any worker starts
    flask --app intake_app run --debug  # development
    gunicorn -c python:intake_app.gunicorn_conf 'intake_app:create_app()'   # production (intake_app/README.md)
"""
from __future__ import annotations

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from intake_app import crypto, db, errors, migrate, providers, rendering, routing, security
from intake_app.clock import check_timezone
from intake_app.config import ConfigError, check_secret_key, defaults, from_environment
from intake_app.extensions import csrf, init_limiter

__all__ = ["create_app", "ConfigError"]


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(defaults(app.instance_path))
    app.config.update(from_environment())
    if test_config:
        app.config.update(test_config)
    relaxed = app.debug or app.testing  # debug or testing may run on generated keys; nothing else may
    check_secret_key(app.config, relaxed)
    crypto.init_app(app, relaxed)
    app.extensions["intake_timezone"] = check_timezone(app.config["TIMEZONE"])

    if app.config["TRUSTED_PROXIES"]:
        count = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    db.init_app(app)
    migrate.init_app(app)
    providers.init_app(app)
    init_limiter(app, relaxed)  # before CSRF, so a flood of forged posts is limited too; warns on memory://
    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    rendering.init_app(app)
    routing.init_app(app)

    from intake_app.public import bp as public_bp

    app.register_blueprint(public_bp)

    from intake_app import accounts, staff

    accounts.init_app(app)
    staff.init_app(app)
    return app
