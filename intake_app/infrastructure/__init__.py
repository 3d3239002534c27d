"""Infrastructure: what the referral domain and the web layer stand on, and nothing about referrals itself.

Configuration (checked at start-up), the database and its migrations, encryption at rest and key rotation, the
service's clock, security headers, the limiter and CSRF protection, error pages, template helpers, the `<id:...>`
URL converter, and `directory`, the one seam to the provider directory. It imports neither the domain nor the
web layer. `init_app` sets all of it up on an app, in the order the parts depend on each other.
"""
from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from intake_app.infrastructure import crypto, db, directory, errors, mail, rendering, routing, security
from intake_app.infrastructure.clock import check_timezone
from intake_app.infrastructure.config import check_directory_data, check_secret_key
from intake_app.infrastructure.extensions import csrf, init_limiter


def init_app(app: Flask) -> None:
    """Everything but the blueprints and commands, on an app whose configuration is loaded."""
    relaxed = app.debug or app.testing  # debug or testing may run on generated keys; nothing else may
    check_secret_key(app.config, relaxed)
    crypto.init_app(app, relaxed)
    mail.init_app(app, relaxed)  # MAIL_URL and APP_URL checked now, not when the first message is sent
    app.extensions["intake_timezone"] = check_timezone(app.config["TIMEZONE"])

    if app.config["TRUSTED_PROXIES"]:
        count = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    db.init_app(app)
    check_directory_data(app.config)
    directory.init_app(app)
    init_limiter(app, relaxed)  # before CSRF, so a flood of forged posts is limited too; warns on memory://
    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    rendering.init_app(app)
    routing.init_app(app)  # before any blueprint is registered, so their `<id:...>` rules find it
