"""An SMTP server in the test process (aiosmtpd), and the app's fixtures pointed at it."""
from __future__ import annotations

import secrets
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from cryptography.fernet import Fernet

from tests.app.fixtures import TEST_PROVIDERS, TEST_SECRET_KEY, app, database_url  # noqa: F401  (fixtures)

STAFF = "alerts@intake.example"


class Inbox:
    """What the server accepted, in order; `refuse` makes it answer 451 (try later) to every message."""

    def __init__(self):
        self.messages: list[bytes] = []
        self.refuse = False
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 Requested action aborted: try again later"
        with self.lock:
            self.messages.append(envelope.content)
        return "250 OK"

    def texts(self) -> list[str]:
        with self.lock:
            return [m.decode("utf-8", "replace") for m in self.messages]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """Start, stop and start again on the same port, keeping the inbox."""

    def __init__(self):
        self.port, self.inbox, self.controller = free_port(), Inbox(), None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app_config(database_url, smtp):  # noqa: F811
    """tests/app's settings, with mail going to the in-process server."""
    return {"TESTING": True, "SECRET_KEY": TEST_SECRET_KEY, "DATABASE_URL": database_url,
            "ENCRYPTION_KEYS": Fernet.generate_key().decode(), "BLIND_INDEX_KEY": secrets.token_hex(32),
            "PROVIDERS_DIR": str(TEST_PROVIDERS), "RATELIMIT_ENABLED": False,
            "MAIL_URL": f"smtp://127.0.0.1:{smtp.port}?timeout=5", "STAFF_ALERT_EMAIL": STAFF,
            "APP_URL": "https://intake.example/", "MAIL_FROM": "intake@referrals.example"}
