"""Export the sample directory, import it back: every field HSDS carries comes back unchanged.

Fields HSDS has no place for come back as TODO, and the drafts fail validation until an editor fills them.
"""
from __future__ import annotations

from datetime import date

import pytest

from directory import yamlsource
from directory.hsds.export import DEFAULT_COUNTRY
from directory.loading import load_paths
from directory.model import Profile

# Required fields HSDS lacks: the importer writes TODO; optional ones it lacks it leaves out.
TODO_FIELDS = [("mandate",), ("strengths",), ("weaknesses",), ("referral", "self_referral"),
               ("accepting_new_clients",)]
NOT_CARRIED = ("mandate", "strengths", "weaknesses", "services", "wait_time", "accepting_new_clients",
               "reviewed_by")


def _draft(drafts_dir, slug) -> dict:
    return yamlsource.parse((drafts_dir / f"{slug}.yaml").read_bytes())


def _get(data: dict, path: tuple):
    for step in path:
        data = data[step]
    return data


def test_one_draft_per_provider_named_by_its_slug(catalog, drafts_dir):
    assert sorted(p.stem for p in drafts_dir.glob("*.yaml")) == sorted(p.slug for p in catalog.profiles)


@pytest.mark.parametrize("path", TODO_FIELDS, ids=lambda p: ".".join(p))
def test_fields_hsds_lacks_are_todo(catalog, drafts_dir, path):
    for profile in catalog.profiles:
        value = _get(_draft(drafts_dir, profile.slug), path)
        assert "TODO" in str(value), (profile.slug, value)


def test_drafts_fail_validation_until_filled(catalog, drafts_dir):
    result = load_paths([drafts_dir], today=date(2026, 11, 22))
    assert result.profiles == []
    failing = {problem.file for problem in result.errors}
    assert len(failing) == len(catalog.profiles)
    assert any(problem.field == "mandate" and "TODO" in problem.message for problem in result.errors)


def test_every_field_hsds_carries_comes_back(catalog, drafts_dir):
    """Fill in only what HSDS lacks from the original; the result must be the original profile, field by field."""
    for original in catalog.profiles:
        data = _draft(drafts_dir, original.slug)
        data.update({field: getattr(original, field) for field in NOT_CARRIED})
        data["referral"]["self_referral"] = original.referral.self_referral
        if original.referral.email:  # HSDS has no place for the referral contact's address (the app's, not public)
            data["referral"]["email"] = original.referral.email
        rebuilt = Profile.model_validate({**data, "slug": original.slug})
        expected = original.model_copy(update={"locations": [
            place.model_copy(update={"country": place.country or DEFAULT_COUNTRY}) for place in original.locations]})
        for field in Profile.model_fields:
            assert getattr(rebuilt, field) == getattr(expected, field), (original.slug, field)
