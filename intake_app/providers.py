"""The validated provider profiles, loaded once when the app starts, from the same `directory` package the site uses."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from directory.catalog import Catalog, load_catalog
from directory.model import Profile
from directory.paths import TAXONOMY_FILE
from intake_app.config import ConfigError


def init_app(app: Flask) -> None:
    for setting, path in (("PROVIDERS_DIR", Path(app.config["PROVIDERS_DIR"])), ("REFERRAL_DIRECTORY_TAXONOMY",
                                                                               TAXONOMY_FILE)):
        if not path.exists():  # an install from a wheel holds neither: they are the directory's data
            raise ConfigError(f"{setting}: {path} does not exist; point PROVIDERS_DIR and "
                              "REFERRAL_DIRECTORY_TAXONOMY at a checkout's providers/ and taxonomy.yaml")
    # InvalidProfiles propagates: serving referrals for a directory with errors in it would mislead clients.
    app.extensions["intake_catalog"] = load_catalog(app.config["PROVIDERS_DIR"])


def catalog() -> Catalog:
    return current_app.extensions["intake_catalog"]


def listed_provider(slug: str) -> Profile | None:
    """The provider a client may ask for: known and not inactive."""
    profile = catalog().get(slug)
    return profile if profile is not None and profile.listed else None
