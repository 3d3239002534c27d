"""Benchmark: referral submissions against the intake app under gunicorn on 127.0.0.1, nothing lost.

Usage:
    python bench/intake_load.py [--clients 8] [--per-client 200] [--workers 2] [--full-flow] [--kill] [--postgres]

Each client is a thread with its own session. By default it opens the form once (safety page + question) and
then sends its submissions one after another, each with a fresh submission key; --full-flow makes every
submission walk all three steps (GET safety page, POST safety answer, POST form), as a new visitor would.
It prints submissions per second, p50/p99 latency of the form POST, and acknowledged submissions (HTTP 200 with
a reference code) against rows in the database. Targets: counts equal, >= 150 submissions/s, p99 < 50 ms.

--kill is the hostile run: part-way through the burst the whole gunicorn process group is killed with SIGKILL,
then init-db runs and gunicorn starts again while the clients keep retrying. Every submission acknowledged
before (and after) the kill must be in the database, complete: referral, consent and "received" event, with its
personal fields decrypting to what was sent. (SIGKILL loses the processes, not the OS page cache; power loss is
covered by SQLite's synchronous=FULL / PostgreSQL's fsync, which this does not simulate.)

--postgres uses the tests' throwaway server (tests/postgres_server.py), which runs with fsync=off: its figures
show the app's cost, not durable-write speed, and its kill test kills the app, not PostgreSQL.

Rate limiting is switched off for the run (one client address sends everything), and the session cookie is
allowed over plain HTTP on the loopback; every other setting is the production one.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cryptography.fernet import Fernet  # noqa: E402

from directory.dates import months_after  # noqa: E402

BIN = Path(sys.executable).parent
SLUG = "cedar-falls-family-health-team"
DEADLINE_S = 300  # the whole run stops by itself after this, finished or not
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
HASH = re.compile(r'name="consent_sha256" type="hidden" value="([^"]+)"')
REFERENCE = re.compile(r'id="reference">([^<]+)<')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn in its own process group, so SIGKILL takes the master and every worker at once."""

    def __init__(self, env: dict, port: int, workers: int):
        self.env, self.port, self.workers, self.process = env, port, workers, None

    def start(self) -> None:
        subprocess.run([str(BIN / "flask"), "--app", "intake_app", "init-db"], env=self.env, check=True,
                       capture_output=True)
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "intake_app:create_app()"],
            env=self.env, cwd=REPO, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("gunicorn did not start within 30 s")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(10)


class Client:
    """One visitor: a keep-alive connection and a session cookie, parsed by hand to stay cheap."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        body = urlencode(fields, doseq=True) if fields else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # reopened on the next request
            raise
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return response.status, text

    def open_form(self) -> dict:
        status, page = self.send("GET", f"/refer/{SLUG}")
        token = TOKEN.search(page).group(1)
        status, page = self.send("POST", f"/refer/{SLUG}/safety", {"csrf_token": token, "in_danger": "no"})
        if status != 200:
            raise RuntimeError(f"safety step answered {status}")
        return {"csrf_token": TOKEN.search(page).group(1), "consent_sha256": HASH.search(page).group(1)}


def answers(form: dict, name: str) -> dict:
    return {**form, "urgent": "", "submission_key": secrets.token_hex(16), "full_name": name,
            "contact_method": "email", "email": "load.test@mail.example", "phone": "",
            "reason": "Benchmark submission: low mood and poor sleep.", "how_soon": "weeks",
            "shared_information": ["contact_details", "reason"],
            "expires_on": months_after(date.today(), 12).isoformat(), "acknowledged_revocation": "y",
            "acknowledged_not_conditional": "y", "acknowledged_redisclosure": "y", "signed_by": "client",
            "signature_name": name, "leave_blank": ""}


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged: dict[str, str] = {}  # reference → client name sent
        self.latencies: list[float] = []
        self.failures: dict[str, int] = {}

    def ack(self, reference: str, name: str, seconds: float) -> None:
        with self.lock:
            self.acknowledged[reference] = name
            self.latencies.append(seconds)

    def fail(self, why: str) -> None:
        with self.lock:
            self.failures[why] = self.failures.get(why, 0) + 1


def run_client(number: int, port: int, count: int, full_flow: bool, tally: Tally, stop_at: float) -> None:
    client, form, sent = Client(port), None, 0
    while sent < count and time.monotonic() < stop_at:
        try:
            if form is None or full_flow:
                form = client.open_form()
            name = f"Loadtest Client {number}-{sent}"
            start = time.perf_counter()
            status, page = client.send("POST", f"/refer/{SLUG}/request", answers(form, name))
            if status == 303:  # post/redirect/get: the reference is on the confirmation page
                status, page = client.send("GET", "/received")
            elapsed = time.perf_counter() - start
        except (OSError, http.client.HTTPException, AttributeError, RuntimeError) as error:
            tally.fail(type(error).__name__)  # server down (the hostile run) or a broken page: try again
            form = None
            time.sleep(0.05)
            continue
        found = REFERENCE.search(page) if status == 200 else None
        if found:
            tally.ack(found.group(1).replace("-", ""), name, elapsed)
            sent += 1
        else:
            tally.fail(f"HTTP {status}")
            form = None


def burst(port: int, clients: int, per_client: int, full_flow: bool, tally: Tally, stop_at: float) -> list:
    threads = [threading.Thread(target=run_client, args=(n, port, per_client, full_flow, tally, stop_at))
               for n in range(clients)]
    for thread in threads:
        thread.start()
    return threads


def check_database(env: dict, acknowledged: dict[str, str]) -> tuple[int, list[str]]:
    """(rows stored, problems): every acknowledged reference complete and readable."""
    from sqlalchemy import select

    from intake_app import create_app
    from intake_app.infrastructure.db import get_session
    from intake_app.referrals.models import Referral

    app = create_app({"TESTING": False, "SESSION_COOKIE_SECURE": False,
                      **{k: env[k] for k in ("SECRET_KEY", "ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "DATABASE_URL")}})
    problems = []
    with app.app_context():
        by_reference = {r.reference: r for r in get_session().scalars(select(Referral))}
        stored = len(by_reference)
        for reference, name in acknowledged.items():
            referral = by_reference.get(reference)
            if referral is None:
                problems.append(f"{reference}: acknowledged but not stored")
            elif referral.client_name != name or referral.consent is None or referral.consent.signature_name != name \
                    or [e.status for e in referral.events] != ["received"]:
                problems.append(f"{reference}: stored incomplete")
    return stored, problems


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))  # still stop gunicorn on the way out
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--full-flow", action="store_true", help="all three steps for every submission")
    parser.add_argument("--kill", action="store_true", help="SIGKILL gunicorn mid-burst and restart it")
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL instead of SQLite")
    args = parser.parse_args()

    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="intake-bench-")))
        if args.postgres:
            from tests.postgres_server import postgres_server
            database_url = stack.enter_context(postgres_server())
        else:
            database_url = f"sqlite:///{tmp / 'intake.sqlite'}"
        env = {**os.environ, "SECRET_KEY": secrets.token_hex(32), "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
               "BLIND_INDEX_KEY": secrets.token_hex(32), "DATABASE_URL": database_url, "RATELIMIT_ENABLED": "false", "SESSION_COOKIE_SECURE": "false",
               "FLASK_DEBUG": "0"}
        port = free_port()
        server = Server(env, port, args.workers)
        stack.callback(server.stop)
        server.start()

        tally = Tally()
        total = args.clients * args.per_client
        load_before = os.getloadavg()[0]
        stop_at = time.monotonic() + DEADLINE_S
        start = time.perf_counter()
        threads = burst(port, args.clients, args.per_client, args.full_flow, tally, stop_at)
        acknowledged_before_kill: dict[str, str] = {}
        if args.kill:
            while len(tally.acknowledged) < total // 2 and time.monotonic() < stop_at:
                time.sleep(0.01)
            server.kill()
            with tally.lock:
                acknowledged_before_kill = dict(tally.acknowledged)
            print(f"SIGKILL after {len(acknowledged_before_kill)} acknowledged submissions; restarting")
            server.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        server.stop()
        load_after = os.getloadavg()[0]
        server_cpu = sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])  # gunicorn + its workers, waited for
        client_cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])

        stored, problems = check_database(env, tally.acknowledged)
        latencies = sorted(tally.latencies)
        acknowledged = len(tally.acknowledged)
        print(f"database: {'PostgreSQL' if args.postgres else 'SQLite (WAL, synchronous=FULL)'}; gunicorn "
              f"{args.workers} sync workers; {args.clients} clients x {args.per_client}"
              f"{' (full flow: 3 requests per submission)' if args.full_flow else ''}")
        print(f"submissions per second: {acknowledged / elapsed:.1f}  ({acknowledged} in {elapsed:.2f} s)")
        if latencies:
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
            print(f"form POST latency: p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
                  f"max {latencies[-1] * 1000:.1f} ms")
        per_submission = server_cpu / max(acknowledged, 1) * 1000
        print(f"CPU: server {server_cpu:.1f} s incl. start-up ({per_submission:.1f} ms per submission), "
              f"load client {client_cpu:.1f} s; 1-min load average {load_before:.2f} before, {load_after:.2f} after "
              "(the machine is shared: read the figures with the load)")
        print(f"acknowledged: {acknowledged}  stored rows: {stored}  failed attempts: {tally.failures or 'none'}")
        if args.kill:
            lost = [r for r in acknowledged_before_kill if any(p.startswith(r) for p in problems)]
            print(f"acknowledged before the kill: {len(acknowledged_before_kill)}, missing or incomplete now: "
                  f"{len(lost)}; stored but never acknowledged (answer lost in the kill): {stored - acknowledged}")
        for problem in problems[:20]:
            print("PROBLEM:", problem)
        ok = not problems and acknowledged == total and (stored == acknowledged or args.kill)
        print("RESULT:", "ok" if ok else "FAILED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
