"""The intake app under real gunicorn, with the shipped configuration (intake_app/gunicorn_conf.py), for tests.

    with gunicorn_server(env, workers=2) as url:   # http://127.0.0.1:PORT, or https://... given a certificate
        ...

`env` is the whole environment of the server (start from os.environ): SECRET_KEY, ENCRYPTION_KEYS,
BLIND_INDEX_KEY, DATABASE_URL and the rest, as in production. `flask --app intake_app init-db` runs first, once,
as the production recipe says. The server runs from a neutral working directory, so it proves the app does not
depend on the checkout being the current directory. gunicorn's output (access log included, unless ACCESS_LOG
or GUNICORN_CMD_ARGS send it elsewhere) goes to a file whose tail is shown if the server fails to start.
"""
from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent
GUNICORN, FLASK = BIN / "gunicorn", BIN / "flask"
CONFIG = "python:intake_app.gunicorn_conf"
APP = "intake_app:create_app()"
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def init_db(env: dict, cwd: str) -> None:
    """Migrate once, before any worker starts (workers racing to migrate fail)."""
    done = subprocess.run([str(FLASK), "--app", "intake_app", "init-db"], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"init-db failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")


def answers(url: str) -> bool:
    """True once a worker serves a page (any certificate accepted: this only checks that it is up)."""
    context = ssl._create_unverified_context() if url.startswith("https:") else None
    try:
        with urllib.request.urlopen(f"{url}/refer", timeout=30, context=context) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):  # not listening yet, or the workers are still booting
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def gunicorn_server(env: dict, *, workers: int = 1, certfile: str | None = None, keyfile: str | None = None,
                    port: int | None = None):
    """Yields the base URL once a worker answers; stops gunicorn (SIGTERM, then SIGKILL) after.

    Pass `port` to restart on the same address; `certfile` and `keyfile` serve HTTPS directly (through the
    shipped config's TLS_CERTFILE and TLS_KEYFILE)."""
    if bool(certfile) != bool(keyfile):
        raise ValueError("give both certfile and keyfile, or neither")
    port = port or free_port()
    env = {**env}
    if certfile:
        env.update(TLS_CERTFILE=str(certfile), TLS_KEYFILE=str(keyfile))
    url = f"{'https' if certfile else 'http'}://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="refdir-gunicorn-") as cwd:
        init_db(env, cwd)
        output = open(Path(cwd) / "gunicorn.out", "w+b")
        process = subprocess.Popen(
            [str(GUNICORN), "-c", CONFIG, "--workers", str(workers), "--bind", f"127.0.0.1:{port}", APP],
            env=env, cwd=cwd, start_new_session=True, stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not answers(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    output.seek(0)
                    raise RuntimeError(f"gunicorn did not answer at {url}:\n{output.read().decode()[-3000:]}")
                time.sleep(0.1)
            yield url
        finally:
            _stop(process)
            output.close()
