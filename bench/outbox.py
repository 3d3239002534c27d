"""Benchmark: outbox throughput, messages per second from `flask --app intake_app outbox send` to a local
SMTP server (aiosmtpd in this process).

Usage: python bench/outbox.py [COUNT] [--postgres] [--senders K] [--batch N]

Enqueues COUNT messages (encrypted, as the app writes them) on SQLite in a temporary folder or on a throwaway
PostgreSQL (--postgres, the tests' server), then runs K `outbox send` processes at once and times them until
every message is delivered. Checks that the server received each message exactly once.
"""
from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.fernet import Fernet  # noqa: E402

from intake_app import create_app  # noqa: E402
from intake_app.infrastructure.db import database  # noqa: E402
from intake_app.infrastructure.migrate import upgrade  # noqa: E402
from intake_app.referrals import outbox  # noqa: E402
from intake_app.referrals.sender import counts  # noqa: E402
from tests.outbox.conftest import SmtpServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=2000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--senders", type=int, default=1)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    with ExitStack() as stack:
        if args.postgres:
            from tests.postgres_server import postgres_server
            url = stack.enter_context(postgres_server())
        else:
            url = f"sqlite:///{stack.enter_context(tempfile.TemporaryDirectory())}/intake.sqlite"
        smtp = SmtpServer()
        smtp.start()
        stack.callback(smtp.stop)
        env = {**os.environ, "DATABASE_URL": url, "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
               "BLIND_INDEX_KEY": secrets.token_hex(32), "SECRET_KEY": secrets.token_hex(32),
               "MAIL_URL": f"smtp://127.0.0.1:{smtp.port}", "APP_URL": "https://intake.example/",
               "PROVIDERS_DIR": str(ROOT / "tests/app/providers")}
        env.pop("FLASK_DEBUG", None)
        settings = {k: env[k] for k in ("DATABASE_URL", "ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "SECRET_KEY",
                                        "MAIL_URL", "APP_URL", "PROVIDERS_DIR")}
        app = create_app(settings)
        upgrade(app)
        started = time.perf_counter()
        with app.app_context():
            session = database(app).sessions()
            for n in range(args.count):
                outbox.enqueue_provider_link(session, f"provider{n}@example.org", f"https://intake.example/p/{n}/",
                                             date(2027, 1, 1), key=f"bench:{n}")
            session.commit()
        enqueue_seconds = time.perf_counter() - started
        command = [str(ROOT / ".venv/bin/flask"), "--app", "intake_app", "outbox", "send", "--batch", str(args.batch)]
        started = time.perf_counter()
        senders = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
                   for _ in range(args.senders)]
        outputs = [p.communicate()[0].strip() for p in senders]
        seconds = time.perf_counter() - started
        with app.app_context():
            left = counts(database(app).sessions())
        links = [line for text in smtp.inbox.texts() for line in text.splitlines() if "/p/" in line]
        database(app).engine.dispose()
    print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; {args.count} messages, "
          f"{args.senders} sender process(es), batch {args.batch}")
    print(f"enqueue: {args.count / enqueue_seconds:,.0f} messages/s ({enqueue_seconds:.2f} s, one transaction)")
    print(f"send: {args.count / seconds:,.0f} messages/s ({seconds:.2f} s incl. process start-up)")
    for output in outputs:
        print(f"  {output}")
    print(f"received {len(links)}, distinct {len(set(links))}; outbox now {left}")
    if len(links) != args.count or len(set(links)) != args.count:
        raise SystemExit("FAILED: not every message was received exactly once")


if __name__ == "__main__":
    main()
