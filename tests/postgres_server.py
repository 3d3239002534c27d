"""A throwaway PostgreSQL server on 127.0.0.1 for the tests, from Debian's binaries.

PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager


def _bindir() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed; run `make system-deps` (make test does it)")
    return os.path.dirname(found[-1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server(database: str = "referrals"):
    """Yields a SQLAlchemy URL for an empty database; stops the server and deletes its files after."""
    bindir = _bindir()
    root = tempfile.mkdtemp(prefix="refdir-pg-")
    data = os.path.join(root, "data")
    port = _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    log = os.path.join(root, "server.log")
    run = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        subprocess.run(_as_owner([f"{bindir}/initdb", "-D", data, "-U", "postgres", "-A", "trust",
                                  "-E", "UTF8", "--locale=C.UTF-8"]), **run)
        subprocess.run(_as_owner([f"{bindir}/pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "-o",
                                  f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                                  "-c max_connections=200", "start"]), **run)
        subprocess.run(_as_owner([f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                                  database]), **run)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run(_as_owner([f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)
