"""The contributors' documents stay true: the template validates, every field is documented, CI = make check."""
from __future__ import annotations

import re
from datetime import date

import yaml
from pydantic import BaseModel

from directory.loading import load_paths
from directory.model import Profile
from directory.paths import REPO_ROOT

CONTRIBUTING = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _models_in(annotation) -> list[type[BaseModel]]:
    """The models inside an annotation such as `Eligibility | None` or `list[Location]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _models_in(arg)]


def _field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """`referral.how_to_refer`, `locations[].city`...: every field an editor can write."""
    paths = []
    for name, info in model.model_fields.items():
        if name == "slug":
            continue
        paths.append(prefix + name)
        is_list = getattr(info.annotation, "__origin__", None) is list
        for sub in _models_in(info.annotation):
            paths += _field_paths(sub, prefix + name + ("[]." if is_list else "."))
    return paths


def test_the_profile_template_is_a_valid_profile(tmp_path):
    template = CONTRIBUTING.split("## Profile template")[1].split("```yaml\n")[1].split("```")[0]
    (tmp_path / "riverside-physiotherapy.yaml").write_text(template, encoding="utf-8")
    result = load_paths([tmp_path], today=date(2026, 11, 22))
    assert result.problems == [] and len(result.profiles) == 1
    documented = set(yaml.safe_load(template))
    assert documented == set(Profile.model_fields) - {"slug"}, "the template shows every top-level field"


def test_every_field_is_in_the_reference():
    reference = CONTRIBUTING.split("## Field reference")[1]
    documented = set(re.findall(r"`([a-z_]+(?:\[\])?(?:\.[a-z_]+)?)`", reference))
    paths = _field_paths(Profile)
    assert "locations[].city" in paths and "referral.self_referral" in paths
    assert [p for p in paths if p not in documented] == []


def test_the_workflow_runs_make_check_and_make_check_runs_every_step():
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "checks.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert "make check" in [run.strip() for run in runs]
    assert set(workflow[True]) >= {"pull_request", "push"}  # YAML 1.1 reads the key `on` as true
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ncheck:")[1].split("\n\n")[0]
    for command in ("-m directory validate --format $(CHECK_FORMAT)", "-m mkdocs build --strict", "-m pytest"):
        assert command in recipe
    assert "$(if $(GITHUB_ACTIONS),github,text)" in makefile
