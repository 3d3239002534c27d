"""The intake app's three layers hold: read from the code's own imports, so a shortcut shows up here first.

web/ and commands/ → the domain (referrals/, accounts/) → infrastructure/; blueprints never import each other;
only infrastructure/directory.py imports the `directory` package.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "intake_app"
BLUEPRINTS = ("public", "accounts", "staff", "providers")


def imports(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved, wherever in the file the import stands."""
    package = ".".join(("intake_app", *path.relative_to(APP).parent.parts))
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1], base]).strip(".")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def modules(*parts: str) -> list[Path]:
    return sorted(path for path in APP.joinpath(*parts).rglob("*.py") if "migrations" not in path.parts)


def under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_only_one_module_of_the_app_imports_the_directory():
    importers = [str(p.relative_to(APP)) for p in modules() if any(under(m, "directory") for m in imports(p))]
    assert importers == ["infrastructure/directory.py"]


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_a_blueprint_imports_no_other_blueprint(blueprint):
    others = [f"intake_app.web.{other}" for other in BLUEPRINTS if other != blueprint]
    crossing = {(str(p.relative_to(APP)), m) for p in modules("web", blueprint) for m in imports(p)
                if any(under(m, other) for other in others)}
    assert crossing == set()


@pytest.mark.parametrize("layer, never", [
    ("referrals", ("intake_app.web", "intake_app.commands", "flask.request", "flask.session", "flask.g",
                   "flask_login.current_user")),
    ("accounts", ("intake_app.web", "intake_app.commands", "intake_app.referrals", "flask.request", "flask.session",
                  "flask.g", "flask_login.current_user")),
    ("infrastructure", ("intake_app.web", "intake_app.commands", "intake_app.referrals", "intake_app.accounts")),
])
def test_nothing_runs_back_up_a_layer(layer, never):
    wrong = {(str(p.relative_to(APP)), m) for p in modules(layer) for m in imports(p)
             if any(under(m, name) for name in never)}
    assert wrong == set()


def test_the_check_sees_imports():
    """The checks above would pass on a reader that finds nothing; this one would not."""
    assert "intake_app.infrastructure.db.Base" in imports(APP / "referrals" / "models.py")
    assert "directory.catalog" in imports(APP / "infrastructure" / "directory.py")
