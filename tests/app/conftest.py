from tests.app.fixtures import *  # noqa: F401,F403
