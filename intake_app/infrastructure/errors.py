"""Error pages that tell a client what happened and what to do next (the public blueprint adds its own for an
expired request form, so nothing typed is lost)."""
from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import MethodNotAllowed

log = logging.getLogger(__name__)


def wrong_method(error: MethodNotAllowed):
    # The Allow header, which HTTP requires with a 405, is kept from Werkzeug's own answer.
    allow = [(name, value) for name, value in error.get_headers() if name == "Allow"]
    return render_template("errors/405.html"), 405, allow


def csrf_failed(error: CSRFError):
    """An expired or missing token: say so. (The public blueprint gives its request form back filled in.)"""
    log.info("CSRF check failed on %s: %s", request.endpoint, error.description)
    return render_template("errors/400.html", reason="expired"), 400


def page(status: int):
    """The handler for an error whose page says all there is to say: errors/<status>.html."""
    return lambda _error: (render_template(f"errors/{status}.html"), status)


def init_app(app: Flask) -> None:
    for status in (404, 413, 429, 500):
        app.register_error_handler(status, page(status))
    app.register_error_handler(405, wrong_method)
    app.register_error_handler(CSRFError, csrf_failed)
