"""The validated provider profiles, loaded once when the app starts, from the same `directory` package the site uses."""
from __future__ import annotations

from flask import Flask, current_app

from directory.catalog import Catalog, load_catalog
from directory.model import Profile


def init_app(app: Flask) -> None:
    # InvalidProfiles propagates: serving referrals for a directory with errors in it would mislead clients.
    app.extensions["intake_catalog"] = load_catalog(app.config["PROVIDERS_DIR"])


def catalog() -> Catalog:
    return current_app.extensions["intake_catalog"]


def listed_provider(slug: str) -> Profile | None:
    """The provider a client may ask for: known and not inactive."""
    profile = catalog().get(slug)
    return profile if profile is not None and profile.listed else None
