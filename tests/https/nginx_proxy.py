"""Debian's nginx as the TLS-terminating reverse proxy in front of gunicorn, as deployed, for tests.

One foreground process (`daemon off; master_process off;`) with its config, logs and temporary files in a
throwaway folder, listening on a free loopback port; nothing under /etc or /var is read or written.
"""
from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from tests.gunicorn_server import free_port

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")

# What intake_app/README.md recommends: the Host the browser sent (with its port) and the scheme, so the app
# (TRUSTED_PROXIES=1) builds https:// links and Flask-WTF matches the browser's Referer against the right origin.
CONFIG = """
daemon off;
master_process off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {certfile};
        ssl_certificate_key {keyfile};
        location / {{
            proxy_pass {upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def nginx_proxy(upstream: str, certfile: str, keyfile: str):
    """Yields https://127.0.0.1:PORT, proxied to `upstream` (gunicorn's http:// URL); stops nginx after."""
    if not os.path.exists(NGINX):
        raise RuntimeError(f"{NGINX} not found: run `make system-deps` (make test does it)")
    with tempfile.TemporaryDirectory(prefix="refdir-nginx-") as root:
        port = free_port()
        config = Path(root) / "nginx.conf"
        config.write_text(CONFIG.format(root=root, port=port, certfile=certfile, keyfile=keyfile,
                                        upstream=upstream))
        log = Path(root) / "error.log"
        server = subprocess.Popen([NGINX, "-p", root, "-e", str(log), "-c", str(config)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 20
            while not _listening(port):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {log.read_text()[-2000:] if log.exists() else ''}")
                time.sleep(0.05)
            yield f"https://127.0.0.1:{port}"
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
