"""Benchmark: the network report and the follow-up list at 100,000 referrals with realistic status histories.

Usage: python bench/network_report.py [COUNT] [--postgres | --database-url URL]

Seeds COUNT referrals over two years (personal fields really encrypted) with the histories the workflow makes:
the client's request, staff checking and sending, the provider's answer (accepted, declined with a reason, or
none yet), booking, seen, report, closing; some clients saying they have not heard; outcomes with helpfulness
and comments. SQLite in a temporary folder by default, or a throwaway PostgreSQL (--postgres, the one the tests
use). Then times, in-process, `network_report(all_facts(...))`, `network.suggestions`, and each follow-up query.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from bench.staff_queue import bench_app, main, provider_columns, settle  # noqa: E402
from intake_app.infrastructure.db import database, get_session  # noqa: E402
from intake_app.infrastructure.directory import catalog  # noqa: E402
from intake_app.referrals import followup, network  # noqa: E402
from intake_app.referrals.models import Outcome, Referral, StatusEvent  # noqa: E402
from intake_app.referrals.report import all_facts, network_report  # noqa: E402
from intake_app.referrals.workflow import Actor, Status  # noqa: E402

RUNS = 5
S = Status
SENT = [(S.RECEIVED, Actor.CLIENT), (S.CONSENT_CHECKED, Actor.STAFF), (S.SENT_TO_PROVIDER, Actor.STAFF)]
# (weight, the steps after sending): what providers and clients do with a referral.
ENDINGS = [
    (30, [(S.ACCEPTED, Actor.PROVIDER), (S.APPOINTMENT_BOOKED, Actor.PROVIDER), (S.SEEN, Actor.PROVIDER),
          (S.REPORT_RECEIVED, Actor.PROVIDER), (S.CLOSED, Actor.STAFF)]),
    (10, [(S.APPOINTMENT_BOOKED, Actor.PROVIDER), (S.SEEN, Actor.STAFF), (S.CLOSED, Actor.STAFF)]),
    (8, [(S.NO_CAPACITY, Actor.PROVIDER)]), (5, [(S.NOT_ELIGIBLE, Actor.PROVIDER)]),
    (3, [(S.REFERRED_ELSEWHERE, Actor.PROVIDER)]), (2, [(S.DECLINED, Actor.PROVIDER)]),
    (6, [(S.COULD_NOT_CONTACT, Actor.PROVIDER)]), (6, [(S.CLIENT_WITHDREW, Actor.CLIENT)]),
    (6, [(S.ACCEPTED, Actor.PROVIDER)]), (6, [(S.ACCEPTED, Actor.PROVIDER), (S.APPOINTMENT_BOOKED, Actor.PROVIDER)]),
    (4, [(S.ACCEPTED, Actor.PROVIDER), (S.APPOINTMENT_BOOKED, Actor.PROVIDER), (S.SEEN, Actor.PROVIDER)]),
    (10, []),  # sent, no answer yet
    (8, None),  # not sent yet: stopped at received or consent checked
]
WEIGHTS = [w for w, _ in ENDINGS]


def history(rng: random.Random, referral_id: int, created: datetime) -> tuple[list[dict], dict | None]:
    """(status events, outcome row or None) of one referral; its status is the last event's."""
    ending = rng.choices([steps for _, steps in ENDINGS], WEIGHTS)[0]
    steps = SENT[:rng.randint(1, 2)] if ending is None else SENT + ending
    events, at = [], created
    for status, actor in steps:
        events.append(dict(referral_id=referral_id, status=status.value, actor=actor.value, signal=None, at=at))
        at += timedelta(days=rng.uniform(0.2, 12))
    last = steps[-1][0]
    if last in (S.SENT_TO_PROVIDER, S.ACCEPTED) and rng.random() < 0.15:  # "I have not heard yet"
        events.append(dict(referral_id=referral_id, status=last.value, actor=Actor.CLIENT.value, signal="not_heard",
                           at=at))
    seen = any(s is S.SEEN for s, _ in steps)
    outcome = None
    if seen and rng.random() < 0.7:
        first = (created + timedelta(days=rng.randint(5, 90))).date()
        outcome = dict(referral_id=referral_id, first_appointment_on=first, helpfulness=rng.randint(1, 5),
                       comment="Felt listened to; the exercises help." if rng.random() < 0.2 else None)
    return events, outcome


def seed(count: int, rng: random.Random) -> tuple[int, int]:
    """COUNT referrals over two years; (events, outcomes) written."""
    slugs = [p.slug for p in catalog().listed]
    now = datetime.now(timezone.utc)
    session = get_session()
    referrals, events, outcomes, totals = [], [], [], [0, 0]

    def flush() -> None:
        session.execute(insert(Referral), referrals)
        session.execute(insert(StatusEvent), events)
        if outcomes:
            session.execute(insert(Outcome), outcomes)
        totals[0] += len(events)
        totals[1] += len(outcomes)
        referrals.clear(), events.clear(), outcomes.clear()
    for number in range(count):
        created = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        steps, outcome = history(rng, number + 1, created)
        events += steps
        if outcome:
            outcomes.append(outcome)
        referrals.append(dict(
            id=number + 1, reference=f"N{number:07d}", submission_key=f"bench-{number}",
            revocation_secret_hash="0" * 64, status=steps[-1]["status"], **provider_columns(rng.choice(slugs)),
            urgent=rng.random() < 0.05, created_at=created,
            expected_contact_date=(created + timedelta(days=rng.choice([10, 17, 31, 60, 120]))).date(),
            client_name=f"Client {number}", contact_method="phone", phone="+1 613-555-0142",
            reason="Shoulder pain for months.", how_soon="weeks"))
        if len(referrals) == 5000:
            flush()
    if referrals:
        flush()
    session.commit()
    return totals[0], totals[1]


def timed(label: str, work) -> object:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000)
    print(f"  {label}: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms ({RUNS} runs)")
    return result


def run(url: str, count: int) -> None:
    app = bench_app(url)
    with app.app_context():
        start = time.perf_counter()
        events, outcomes = seed(count, random.Random(12))
        print(f"seeded {count:,} referrals, {events:,} status events, {outcomes:,} outcomes on "
              f"{database(app).engine.dialect.name} in {time.perf_counter() - start:.1f} s")
        settle(app)
        session, today = get_session(), datetime.now(timezone.utc).date()
        rows = timed("network report: network_report(all_facts(session), catalog())",
                     lambda: network_report(all_facts(session), catalog()))
        print(f"    {len(rows)} providers, {sum(r.referrals for r in rows):,} referrals counted")
        lines = timed("network suggestions", lambda: network.suggestions(session, catalog(), today))
        print(f"    {sum(line.startswith('# providers/') for line in lines)} providers with suggestions")
        due = timed("follow-up: check-ins due (3 grouped queries + 100 rows loaded)",
                    lambda: followup.check_ins_due(session, today))
        print(f"    {due.total:,} due")
        late = timed("follow-up: overdue (count + 100 rows)", lambda: followup.overdue(session, today))
        print(f"    {late.total:,} overdue")
        unrecorded = timed("follow-up: seen without outcome (count + 100 rows)",
                           lambda: followup.seen_without_outcome(session))
        print(f"    {unrecorded.total:,} seen without an outcome")
        session.close()
    database(app).engine.dispose()


if __name__ == "__main__":
    sys.exit(main(__doc__, run))
