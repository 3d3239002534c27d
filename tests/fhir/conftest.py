"""The app's fixtures, with a fixed APP_URL (the FHIR fullUrls start with it) and referring service."""
import pytest

from tests.app import fixtures
from tests.app.fixtures import app, database_url  # noqa: F401  (fixtures)


@pytest.fixture
def app_config(database_url):  # noqa: F811
    return fixtures.app_config.__wrapped__(database_url) | {"APP_URL": "https://intake.example/",
                                                            "REFERRING_SERVICE": "the test intake team"}
