"""Every exported object validates against the official HSDS 3.0 compiled schemas, and the check can fail."""
from __future__ import annotations

import copy
import json
import uuid

import pytest

from directory.hsds.export import services
from directory.hsds.files import unique_organizations
from directory.hsds.ids import NAMESPACE, stable_id
from directory.hsds.schemas import SCHEMA_DIR, schema_errors


def test_schemas_are_the_official_copies():
    assert (SCHEMA_DIR / "compiled" / "service.json").is_file()
    assert (SCHEMA_DIR / "compiled" / "organization.json").is_file()


def test_every_sample_provider_exports_a_valid_service(catalog, exported):
    assert len(exported) == len(catalog.profiles) >= 40
    for service in exported:
        assert schema_errors("service", service) == [], service["name"]


def test_every_organization_is_valid(exported):
    organizations = unique_organizations(exported)
    assert organizations
    for organization in organizations:
        assert schema_errors("organization", organization) == [], organization["name"]


@pytest.mark.parametrize("path, bad_value, expected", [
    (("status",), "open", "is not one of"),
    (("id",), "harbourview", "is not a 'uuid'"),
    (("url",), "not a web address", "is not a 'uri'"),
    (("phones", 0, "id"), "1234", "is not a 'uuid'"),
    (("service_at_locations", 0, "location", "location_type"), "office", "is not one of"),
])
def test_the_schema_check_rejects_broken_objects(exported, path, bad_value, expected):
    broken = copy.deepcopy(next(s for s in exported if s.get("url") and s.get("phones")
                                and s["service_at_locations"]))
    target = broken
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = bad_value
    errors = schema_errors("service", broken)
    assert any(expected in error for error in errors), errors


def test_required_fields_are_required(exported):
    broken = copy.deepcopy(exported[0])
    del broken["organization"]["description"]
    assert any("'description' is a required property" in e for e in schema_errors("service", broken))


def test_ids_are_uuid5_stable_and_unique(catalog, exported):
    again = services(catalog.profiles, catalog.taxonomy)
    assert json.dumps(again, sort_keys=True) == json.dumps(exported, sort_keys=True)
    by_slug = {p.slug: s for p, s in zip(catalog.profiles, exported)}
    for slug, service in by_slug.items():
        assert service["id"] == stable_id("service", slug) == str(uuid.uuid5(NAMESPACE, f"service/{slug}"))
        assert uuid.UUID(service["id"]).version == 5
    ids = [s["id"] for s in exported]
    assert len(set(ids)) == len(ids)


def test_last_reviewed_is_the_assured_date(catalog, exported):
    for profile, service in zip(catalog.profiles, exported):
        assert service["assured_date"] == profile.last_reviewed.isoformat()


def test_shared_parent_organizations_are_one_object(catalog, exported):
    parents = {}
    for profile, service in zip(catalog.profiles, exported):
        if profile.organization:
            parents.setdefault(profile.organization, set()).add(service["organization_id"])
    assert any(len([p for p in catalog.profiles if p.organization == name]) > 1 for name in parents)
    assert all(len(ids) == 1 for ids in parents.values())


def test_vocabularies_travel_as_attributes_with_taxonomy_terms(catalog, exported):
    profile, service = next((p, s) for p, s in zip(catalog.profiles, exported) if p.levels_of_care)
    terms = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in service["attributes"]}
    for vocabulary, codes in (("categories", profile.categories), ("levels_of_care", profile.levels_of_care),
                              ("populations", profile.populations), ("delivery", profile.delivery)):
        assert {(vocabulary, code) for code in codes} <= terms
    fee_terms = [a["taxonomy_term"]["code"] for option in service["cost_options"] for a in option["attributes"]]
    assert fee_terms == profile.fees.options


def test_parseable_hours_become_weekly_schedules(catalog, exported):
    by_slug = {p.slug: s for p, s in zip(catalog.profiles, exported)}
    schedules = by_slug["harbourview-counselling"]["service_at_locations"][0]["location"]["schedules"]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in schedules] == [
        ("MO,TU,WE,TH,FR", "09:00", "17:00"), ("MO,TU,TH", "17:00", "21:00")]
