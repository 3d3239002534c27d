"""`pip install .` yields a working app: the wheel holds the templates, static files and every migration, and the
app runs from it (init-db, then gunicorn with the shipped config) with a working directory outside the checkout.

The wheel is built from a copy of the sources (the checkout's build/ and egg-info are left alone) and unpacked
onto PYTHONPATH, which comes before the checkout's editable install, so the code under test is the wheel's.
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

from tests.app.fixtures import TEST_PROVIDERS
from tests.gunicorn_server import FLASK, gunicorn_server

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "directory", "intake_app")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


def files_under(folder: str) -> set[str]:
    return {path.relative_to(REPO).as_posix() for path in (REPO / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
        copy(REPO / name, source / name, **({"ignore": IGNORE} if (REPO / name).is_dir() else {}))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir",
                    "--quiet", "-w", str(out), str(source)], check=True, capture_output=True, timeout=300)
    [built] = out.glob("referral_directory-*.whl")
    return built


@pytest.fixture(scope="module")
def unpacked(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site-packages")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_the_wheel_holds_templates_static_files_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    needed = set().union(*(files_under(f"intake_app/{folder}")
                           for folder in ("templates", "static", "infrastructure/migrations")))
    assert {"intake_app/infrastructure/migrations/env.py", "intake_app/infrastructure/migrations/script.py.mako",
            "intake_app/infrastructure/migrations/versions/0001_referrals_consents_status_history.py"} <= needed
    assert len([name for name in needed if name.startswith("intake_app/infrastructure/migrations/versions/")]) >= 5
    assert not needed - names, sorted(needed - names)
    assert "intake_app/gunicorn_conf.py" in names and "intake_app/templates/public/request.html" in names


@pytest.fixture
def production_env(unpacked, database_url) -> dict:
    return {**os.environ, "PYTHONPATH": str(unpacked), "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_hex(32), "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "BLIND_INDEX_KEY": secrets.token_hex(32), "PROVIDERS_DIR": str(TEST_PROVIDERS),
            "REFERRAL_DIRECTORY_TAXONOMY": str(REPO / "taxonomy.yaml")}


def flask(env: dict, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(FLASK), "--app", "intake_app", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_init_db_and_gunicorn_run_from_the_wheel_outside_the_checkout(production_env, unpacked, tmp_path):
    where = subprocess.run([sys.executable, "-c", "import intake_app; print(intake_app.__file__)"],
                           env=production_env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert where.stdout.strip() == str(unpacked / "intake_app" / "__init__.py")

    done = flask(production_env, tmp_path, "init-db")
    assert done.returncode == 0 and "Database is up to date." in done.stdout, done.stderr[-3000:]
    newest = sorted((unpacked / "intake_app/infrastructure/migrations/versions").glob("0*.py"))[-1].name.split("_")[0]
    engine = create_engine(production_env["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")).startswith(newest)
    engine.dispose()

    with gunicorn_server(production_env) as url:  # the shipped config, read from the wheel too
        page = requests.get(f"{url}/refer", timeout=30)
        assert page.status_code == 200 and "<form" in page.text
        assert requests.get(f"{url}/static/intake.css", timeout=30).status_code == 200


@pytest.mark.parametrize("missing", ["PROVIDERS_DIR", "REFERRAL_DIRECTORY_TAXONOMY"])
def test_without_the_directorys_data_init_db_says_what_to_set(production_env, tmp_path, missing):
    """From a wheel the defaults point inside site-packages, where neither providers/ nor taxonomy.yaml is."""
    env = {name: value for name, value in production_env.items() if name != missing}
    done = flask(env, tmp_path, "init-db")
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert f"Error: {missing}:" in done.stderr and "does not exist" in done.stderr
