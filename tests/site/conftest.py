"""Fixtures for the site tests: one strict build of the real providers plus a hostile test profile."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from directory.catalog import Catalog, load_catalog
from directory.paths import PROVIDERS_DIR, REPO_ROOT
from directory.site.localserver import serve

TEST_PROFILES = Path(__file__).parent / "profiles"
TEST_SLUG = "saltmarsh-test-clinic"


def mkdocs_build(providers: Path, site: Path, *extra: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the repository's mkdocs.yml, reading profiles from `providers`."""
    env = {**os.environ, "REFERRAL_DIRECTORY_PROVIDERS": str(providers), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO_ROOT / "mkdocs.yml"),
                           "-d", str(site), *extra], env=env, capture_output=True, text=True, cwd=REPO_ROOT)


@pytest.fixture(scope="session")
def providers_dir(tmp_path_factory) -> Path:
    """The real sample providers, plus the test profile."""
    folder = tmp_path_factory.mktemp("providers")
    for profile in [*PROVIDERS_DIR.glob("*.yaml"), *TEST_PROFILES.glob("*.yaml")]:
        shutil.copy(profile, folder / profile.name)
    return folder


@pytest.fixture(scope="session")
def catalog(providers_dir) -> Catalog:
    return load_catalog(providers_dir)


@pytest.fixture(scope="session")
def built_site(providers_dir, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    done = mkdocs_build(providers_dir, site)
    assert done.returncode == 0, done.stderr
    assert (site / "pagefind" / "pagefind-component-ui.js").exists(), "Pagefind did not index the site"
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url
