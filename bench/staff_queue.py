"""Benchmark: the staff queue at 100,000 referrals. Target: under 100 ms for each page.

Usage: python bench/staff_queue.py [COUNT] [--postgres | --database-url URL]

Seeds COUNT referrals (every personal field really encrypted) on SQLite in a temporary folder, or on a
throwaway PostgreSQL server (--postgres, the one the tests use), then times whole HTTP requests through the
app, signed in as staff: the first queue page, a filtered page, and a deep page.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.fernet import Fernet  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from intake_app import create_app  # noqa: E402
from intake_app.accounts.models import User  # noqa: E402
from intake_app.accounts.passwords import hash_password  # noqa: E402
from intake_app.infrastructure.crypto import blind_index  # noqa: E402
from intake_app.infrastructure.db import database, get_session  # noqa: E402
from intake_app.infrastructure.directory import catalog  # noqa: E402
from intake_app.infrastructure.migrate import upgrade  # noqa: E402
from intake_app.referrals.models import Referral, StatusEvent  # noqa: E402
from intake_app.referrals.workflow import FINAL, Status  # noqa: E402

RUNS = 20
PASSWORD = "benchmark password 1234"
OPEN = [s for s in Status if s not in FINAL]


PATH = [Status.RECEIVED, Status.CONSENT_CHECKED, Status.SENT_TO_PROVIDER, Status.APPOINTMENT_BOOKED, Status.SEEN,
        Status.REPORT_RECEIVED, Status.CLOSED]


def history(referral_id: int, status: Status, created: datetime) -> list[dict]:
    """The status events that lead to `status`: along the main path, then the ending if it is another one."""
    steps = PATH[:PATH.index(status) + 1] if status in PATH else PATH[:3] + [status]
    return [dict(referral_id=referral_id, status=s.value, at=created + timedelta(days=3 * i))
            for i, s in enumerate(steps)]


def provider_columns(slug: str | None) -> dict:
    """A bulk insert skips the ORM's flush hook: the blind index is written here, as the app would."""
    return dict(provider_slug=slug, provider_name="Bench provider" if slug else None, provider_index=blind_index(slug))


def seed(app, count: int, rng: random.Random) -> str:
    """COUNT referrals over two years with their status histories: 80 % ended, 5 % urgent, spread over the
    directory's providers."""
    slugs = [p.slug for p in catalog().listed] + [None]
    now = datetime.now(timezone.utc)
    batch, events = [], []
    session = get_session()
    for number in range(count):
        created = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        status = rng.choice(list(FINAL)) if rng.random() < 0.8 else rng.choice(OPEN)
        batch.append(dict(
            reference=f"B{number:07d}", submission_key=f"bench-{number}", revocation_secret_hash="0" * 64,
            status=status.value, **provider_columns(rng.choice(slugs)),
            urgent=rng.random() < 0.05, created_at=created,
            expected_contact_date=(created + timedelta(days=17)).date(), client_name=f"Client {number}",
            contact_method="phone", phone="+1 613-555-0142", reason="Low mood and poor sleep for months.",
            how_soon="weeks", id=number + 1))
        events += history(number + 1, status, created)
        if len(batch) == 5000:
            session.execute(insert(Referral), batch)
            session.execute(insert(StatusEvent), events)
            batch, events = [], []
    if batch:
        session.execute(insert(Referral), batch)
        session.execute(insert(StatusEvent), events)
    session.add(User(username="bench", role="staff", password_hash=hash_password(PASSWORD)))
    session.commit()
    return next(s for s in slugs if s)


def settle(app) -> None:
    """Statistics and visibility map as autovacuum would leave them after a bulk load (PostgreSQL only)."""
    engine = database(app).engine
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE referrals, status_events")
        print("  VACUUM ANALYZE (what autovacuum does after a bulk load)")


def timed(client, url: str) -> tuple[float, list[float]]:
    """(first request, the next RUNS) in milliseconds."""
    times = []
    for _ in range(RUNS + 1):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times[0], times[1:]


def bench_app(url: str):
    """The app on an empty database at `url`, migrated, with a fresh encryption key."""
    app = create_app({"TESTING": True, "DATABASE_URL": url, "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
                      "RATELIMIT_ENABLED": False})
    upgrade(app)
    return app


def run(url: str, count: int) -> None:
    app = bench_app(url)
    with app.app_context():
        start = time.perf_counter()
        slug = seed(app, count, random.Random(5))
        print(f"seeded {count:,} referrals on {database(app).engine.dialect.name} in "
              f"{time.perf_counter() - start:.1f} s")
        settle(app)
    client = app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/account/login").text).group(1)
    client.post("/account/login", data={"csrf_token": token, "username": "bench", "password": PASSWORD})
    pages = {"first queue page": "/staff/",
             "filtered page (provider + status + not urgent)": f"/staff/?provider={slug}&status=sent_to_provider"
                                                              "&urgency=routine",
             "filtered page (urgent only, closed included)": "/staff/?urgency=urgent&status=any",
             "page 100 of the open queue": "/staff/?page=100"}
    extra = {"network report (all referrals and their histories; no target)": "/staff/report"}
    for label, page in {**pages, **extra}.items():
        first, rest = timed(client, page)
        target = "; target < 100 ms" if page in pages.values() else ""
        print(f"  {label}: median {statistics.median(rest):.1f} ms, max {max(rest):.1f} ms "
              f"(first request {first:.1f} ms; {RUNS} runs{target})")
    database(app).engine.dispose()


def arguments(description: str) -> argparse.Namespace:
    """COUNT and where to seed it: SQLite (default), --postgres or --database-url (shared by the benchmarks)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL server on 127.0.0.1")
    where.add_argument("--database-url", help="an EMPTY database to fill (it is not cleaned up)")
    return parser.parse_args()


def database_url(stack: ExitStack, args: argparse.Namespace) -> str:
    """The database `arguments` chose, removed when `stack` closes (unless it was given by URL)."""
    if args.postgres:
        from tests.postgres_server import postgres_server
        return stack.enter_context(postgres_server())
    if args.database_url:
        return args.database_url
    return f"sqlite:///{stack.enter_context(tempfile.TemporaryDirectory(prefix='refdir-bench-'))}/bench.sqlite"


def main(doc: str = __doc__, benchmark=None) -> int:
    """Parses the arguments, provides the database and runs `benchmark(url, count)` (this one's `run` unless
    another benchmark passes its own)."""
    args = arguments(doc.splitlines()[0])
    with ExitStack() as stack:
        (benchmark or run)(database_url(stack, args), args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
