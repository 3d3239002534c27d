"""The MkDocs build as editors and CI run it: strict, failing on bad profiles, rebuilt by `mkdocs serve`."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from directory.paths import REPO_ROOT
from tests.site.conftest import TEST_PROFILES, TEST_SLUG, mkdocs_build

BAD_PROFILE = """\
name: Broken Example Service
summary: A profile with mistakes an editor could make.
categories: [counseling]
mandate: Helps people.
strengths: [Kind staff]
weaknesses: [Small]
referral:
  self_referral: maybe
  how_to_refer: Call us.
accepting_new_clients: true
fees: {options: [free]}
languages: [en]
delivery: [phone]
contact: {phone: "+1 613-555-0150"}
last_reviewed: 2026-01-01
"""


def test_invalid_profiles_fail_the_build_with_the_validators_messages(tmp_path):
    providers = tmp_path / "providers"
    providers.mkdir()
    shutil.copy(TEST_PROFILES / f"{TEST_SLUG}.yaml", providers)
    (providers / "broken-example-service.yaml").write_text(BAD_PROFILE, encoding="utf-8")
    validate = subprocess.run([sys.executable, "-m", "directory", "validate", str(providers)],
                              capture_output=True, text=True, cwd=REPO_ROOT)
    errors = [line for line in validate.stdout.splitlines() if "broken-example-service.yaml:" in line]
    assert len(errors) >= 2  # the misspelt category and the non-boolean self_referral

    build = mkdocs_build(providers, tmp_path / "site")
    assert build.returncode != 0
    assert [line for line in errors if line not in build.stderr] == []
    assert not (tmp_path / "site" / "providers").exists()


def test_pages_command_writes_the_pages_the_site_is_built_from(tmp_path, providers_dir, built_site):
    out = tmp_path / "pages"
    done = subprocess.run([sys.executable, "-m", "directory", "pages", "--out", str(out),
                           "--providers", str(providers_dir)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    markdown = (out / "providers" / f"{TEST_SLUG}.md").read_text(encoding="utf-8")
    body = markdown.split("\n---\n", 1)[1].strip()
    assert body.startswith('<article class="provider"')
    assert body in (built_site / "providers" / TEST_SLUG / "index.html").read_text(encoding="utf-8")
    for page in ("search.md", "a-z.md", "categories/index.md", "categories/counselling.md", "levels/outpatient.md"):
        assert (out / page).is_file(), page


def test_pages_command_reports_invalid_profiles(tmp_path):
    providers = tmp_path / "providers"
    providers.mkdir()
    (providers / "broken-example-service.yaml").write_text(BAD_PROFILE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "directory", "pages", "--out", str(tmp_path / "out"),
                           "--providers", str(providers)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 1
    assert "broken-example-service.yaml:3:" in done.stderr and "counseling" in done.stderr
    assert not (tmp_path / "out").exists()


def test_every_link_in_the_built_site_resolves(built_site):
    """Generated pages hold raw HTML, which MkDocs does not check; this does (Pagefind's bundle comes last)."""
    broken = []
    for html in built_site.rglob("*.html"):
        if "pagefind" in html.parts:
            continue
        for value in re.findall(r'(?:href|src)="([^"]*)"', html.read_text(encoding="utf-8")):
            target = value.split("#")[0].split("?")[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue
            resolved = built_site / target.lstrip("/") if target.startswith("/") else html.parent / target
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append((str(html.relative_to(built_site)), value))
    assert broken == []


def test_provider_pages_stay_out_of_the_navigation(built_site, catalog):
    page = (built_site / "providers" / TEST_SLUG / "index.html").read_text(encoding="utf-8")
    sidebar = page.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "providers/" not in sidebar
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert not any(f"providers/{p.slug}/" in home for p in catalog.listed)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_mkdocs_serve_rebuilds_when_a_profile_changes(tmp_path):
    providers = tmp_path / "providers"
    providers.mkdir()
    profile = providers / f"{TEST_SLUG}.yaml"
    shutil.copy(TEST_PROFILES / profile.name, profile)
    port = _free_port()
    env = {**os.environ, "REFERRAL_DIRECTORY_PROVIDERS": str(providers), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(REPO_ROOT / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], env=env, cwd=REPO_ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/providers/{TEST_SLUG}/"
    try:
        assert _wait_for(url, "Counselling for adults near the saltmarsh", 60), "mkdocs serve did not start"
        text = profile.read_text(encoding="utf-8")
        profile.write_text(text.replace("Counselling for adults near the saltmarsh",
                                        "Counselling for adults beside the estuary"), encoding="utf-8")
        assert _wait_for(url, "Counselling for adults beside the estuary", 30), "no rebuild after the edit"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_settings_default_when_mkdocs_yml_leaves_them_out(tmp_path):
    from mkdocs.config import load_config

    minimal = tmp_path / "mkdocs.yml"
    minimal.write_text(f"site_name: Minimal\ndocs_dir: {REPO_ROOT / 'docs'}\nplugins: [referral-directory]\n",
                       encoding="utf-8")
    config = load_config(str(minimal))
    config = config.plugins.on_config(config)
    assert [line["number"] for line in config.extra["crisis"]["lines"]] == ["911", "988"]
    assert "emergency" in config.extra["crisis"]["message"]
    assert config.extra["intake_url"] == "http://127.0.0.1:5000"


def test_the_nav_lists_each_page_once():
    import yaml

    def files(entries):
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            yield from files(value) if isinstance(value, list) else [value]

    nav = list(files(yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]))
    assert len(nav) == len(set(nav)), nav
