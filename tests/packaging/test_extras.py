"""The dependency split: the app runs without the site's packages, the site builds without the app's.

Installing each extra into a fresh venv takes minutes, so these run each part in a subprocess whose imports
of the other part's top-level packages fail, as they would where that extra is not installed.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE_ONLY = ["mkdocs", "material", "pagefind"]
APP_ONLY = ["flask", "flask_wtf", "wtforms", "sqlalchemy", "alembic", "flask_login", "flask_limiter", "argon2",
            "cryptography", "psycopg", "gunicorn", "redis"]


def _extras() -> dict[str, list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name = lambda requirement: requirement.split("==")[0].split("[")[0].lower()  # noqa: E731
    return {"core": [name(r) for r in project["dependencies"]],
            **{extra: [name(r) for r in reqs] for extra, reqs in project["optional-dependencies"].items()}}


def _run_without(blocked: list[str], code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    guard = textwrap.dedent(f"""
        import importlib.abc, sys
        BLOCKED = {blocked!r}
        class Block(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ModuleNotFoundError(f"No module named {{name!r}} (not in this extra)")
        sys.meta_path.insert(0, Block())
    """)
    return subprocess.run([sys.executable, "-c", guard + textwrap.dedent(code)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"})


def test_each_part_has_its_own_extra():
    extras = _extras()
    assert {"mkdocs", "mkdocs-material", "pagefind"} <= set(extras["site"])
    assert {"flask", "sqlalchemy", "psycopg", "gunicorn"} <= set(extras["app"])
    assert not set(extras["site"]) & set(extras["app"])
    assert not {"mkdocs", "flask", "pytest"} & set(extras["core"])
    assert "referral-directory" in extras["test"]  # the suite drives both parts


def test_the_app_runs_without_the_site_packages(tmp_path):
    result = _run_without(SITE_ONLY, f"""
        from intake_app import create_app
        app = create_app({{"TESTING": True, "DATABASE_URL": "sqlite:///{tmp_path}/x.sqlite"}})
        from intake_app.infrastructure.migrate import upgrade
        upgrade(app)
        assert app.test_client().get("/refer").status_code == 200
        assert not any(m.split(".")[0] in {SITE_ONLY!r} for m in sys.modules)
        print("app ok")
    """, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "app ok" in result.stdout


def test_the_site_pages_build_without_the_app_packages(tmp_path):
    result = _run_without(APP_ONLY, f"""
        from directory.cli import main
        assert main(["pages", "--out", "{tmp_path / 'pages'}"]) == 0
        assert not any(m.split(".")[0] in {APP_ONLY!r} for m in sys.modules)
        print("site ok")
    """, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "site ok" in result.stdout
    assert any((tmp_path / "pages").rglob("*.md"))
