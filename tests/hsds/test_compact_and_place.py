"""Coordinates and needs in the HSDS export, and the compact form the site publishes (terms once, by id)."""
from __future__ import annotations

import copy
import json

from directory.exports.hsds import invalid_objects
from directory.hsds.export import services
from directory.hsds.files import compact, expand, unique_organizations, unique_terms
from directory.hsds.ids import stable_id
from directory.hsds.schemas import schema_errors


def _by_slug(catalog, exported, slug):
    return exported[[p.slug for p in catalog.profiles].index(slug)]


def test_coordinates_are_location_latitude_and_longitude(catalog, exported):
    profile = catalog.get("sprout-child-and-family-mental-health")
    service = _by_slug(catalog, exported, profile.slug)
    places = [link["location"] for link in service["service_at_locations"]]
    assert [(p["latitude"], p["longitude"]) for p in places] == [
        (place.latitude, place.longitude) for place in profile.locations]
    phone_only = _by_slug(catalog, exported, "night-harbour-distress-line")
    assert "latitude" not in phone_only["service_at_locations"][0]["location"]


def test_own_needs_travel_as_attributes(catalog, exported):
    service = _by_slug(catalog, exported, "fernhollow-physiotherapy-and-rehab")
    needs = [a["taxonomy_term"]["code"] for a in service["attributes"] if a["taxonomy_term"]["taxonomy"] == "needs"]
    assert needs == ["pain-or-injury", "mobility"]


def test_export_folder_publishes_every_term_once(export_dir, exported):
    terms = json.loads((export_dir / "taxonomy_terms.json").read_text(encoding="utf-8"))["contents"]
    used = {a["taxonomy_term_id"] for s in exported for a in s["attributes"]}
    assert used <= {term["id"] for term in terms} and len(terms) == len({t["id"] for t in terms})
    assert stable_id("taxonomy_term", "needs", "mobility") in {term["id"] for term in terms}


def test_compact_services_are_valid_and_expand_back(catalog):
    full = services(catalog.profiles, catalog.taxonomy)
    small = compact(full)
    assert all(schema_errors("service", s) == [] for s in small)
    assert not any("taxonomy_term" in a for s in small for a in s["attributes"])
    assert not any("organization" in s for s in small)
    assert expand(small, unique_terms(full), unique_organizations(full)) == full
    assert len(json.dumps(small)) * 2 < len(json.dumps(full))


def test_a_broken_term_is_refused(catalog):
    full = copy.deepcopy(services(catalog.profiles, catalog.taxonomy))
    del full[0]["attributes"][1]["taxonomy_term"]["name"]
    problems = invalid_objects(full)
    assert any(p.startswith("taxonomy term ") and "'name' is a required property" in p for p in problems), problems
