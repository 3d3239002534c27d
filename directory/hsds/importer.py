"""HSDS service JSON → a draft provider profile for an editor to finish.

HSDS carries most of a profile; what it lacks (mandate, strengths, weaknesses, whether new clients or
self-referrals are accepted) is written as TODO, and the validator rejects any TODO, so a draft cannot be
merged before a person has filled it in.
"""
from __future__ import annotations

from datetime import date

import yaml
from pydantic import BaseModel

from directory.fields import documented
from directory.hsds.export import SERVICE_VOCABULARIES, SLUG_TERM_ID, STATUS
from directory.hsds.hours import format_hours
from directory.hsds.ids import stable_id
from directory.model import Profile
from directory.slugs import slugify
from directory.taxonomy import Taxonomy, language_names

TODO_BOOL = "TODO true or false"


def _lacking(model: type[BaseModel] = Profile) -> str:
    """The optional fields HSDS has no place for, neither for them nor for a field inside them (their Docs say)."""
    fields = documented(model)
    names = [f.name for f in fields if len(f.path) == 1 and not f.required
             and not any(inner.doc.hsds for inner in fields if inner.path[:1] == f.path)]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


LACKING = _lacking()  # "services, wait_time and reviewed_by"


def _terms_by_id(taxonomy: Taxonomy) -> dict[str, tuple[str, str]]:
    return {stable_id("taxonomy_term", vocabulary, code): (vocabulary, code)
            for vocabulary in (*SERVICE_VOCABULARIES, "fees") for code in taxonomy[vocabulary]}


def _term_of(attribute: dict, taxonomy: Taxonomy, by_id: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """(vocabulary, code) when the attribute names one of our terms, by id or by taxonomy name and code."""
    if attribute.get("taxonomy_term_id") in by_id:
        return by_id[attribute["taxonomy_term_id"]]
    term = attribute.get("taxonomy_term") or {}
    vocabulary, code = term.get("taxonomy"), term.get("code")
    if vocabulary in taxonomy.vocabularies and code in taxonomy[vocabulary]:
        return vocabulary, code
    return None


def _codes(attributes: list[dict], taxonomy: Taxonomy, by_id) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for attribute in attributes:
        term = _term_of(attribute, taxonomy, by_id)
        if term and term[1] not in found.setdefault(term[0], []):
            found[term[0]].append(term[1])
    return found


def _slug(service: dict) -> str:
    for attribute in service.get("attributes") or []:
        if attribute.get("taxonomy_term_id") == SLUG_TERM_ID and attribute.get("value"):
            return slugify(attribute["value"])
    return slugify(service.get("name") or "provider")


def _fee_options(service: dict, taxonomy: Taxonomy, by_id) -> list[str]:
    labels = {term.label.casefold(): code for code, term in taxonomy["fees"].items()}
    options: list[str] = []
    for cost in service.get("cost_options") or []:
        codes = _codes(cost.get("attributes") or [], taxonomy, by_id).get("fees") or \
            [labels[key] for key in [str(cost.get("option", "")).casefold()] if key in labels]
        options.extend(code for code in codes if code not in options)
    return options


def _language(entry: dict) -> str:
    names = language_names()
    code = entry.get("code")
    if code in names:
        return code
    by_name = {name.casefold(): known for known, name in names.items()}
    return by_name.get(str(entry.get("name", "")).casefold(), code or entry.get("name") or "TODO language code")


def _location(link: dict) -> dict | None:
    place = link.get("location") or {}
    addresses = sorted(place.get("addresses") or [], key=lambda a: a.get("address_type") != "physical")
    if place.get("location_type") == "virtual" or not addresses:
        return None
    address = addresses[0]  # the physical address when there is one, else the postal one
    street = ", ".join(part for part in (address.get("address_1"), address.get("address_2")) if part)
    hours = format_hours((place.get("schedules") or []) + (link.get("schedules") or []))
    return _present({"name": place.get("name"), "address": street or "TODO street address",
                     "city": address.get("city") or "TODO", "region": address.get("state_province"),
                     "postal_code": address.get("postal_code"), "country": address.get("country"),
                     "hours": hours, **_coordinates(place)})


def _coordinates(place: dict) -> dict:
    """Both coordinates or neither, as a profile must have them."""
    latitude, longitude = place.get("latitude"), place.get("longitude")
    if isinstance(latitude, (int, float)) and isinstance(longitude, (int, float)):
        return {"latitude": float(latitude), "longitude": float(longitude)}
    return {}


def _present(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def _age(value: object) -> int | None:
    return int(value) if isinstance(value, (int, float)) else None


def _assured(value: object) -> date | str:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return "TODO YYYY-MM-DD, the day a person verified this profile"


def draft(service: dict, taxonomy: Taxonomy) -> tuple[str, dict]:
    """(slug, profile data) for one HSDS service; TODO wherever an editor must supply what HSDS lacks."""
    by_id = _terms_by_id(taxonomy)
    codes = _codes(service.get("attributes") or [], taxonomy, by_id)
    categories = codes.get("categories") or ["TODO category id from taxonomy.yaml"]
    levels = codes.get("levels_of_care") or (
        ["TODO level of care"] if set(categories) & taxonomy.mental_health_categories else [])
    organization = (service.get("organization") or {}).get("name")
    statuses = {hsds: ours for ours, hsds in STATUS.items()} | {"defunct": "inactive"}
    phones = service.get("phones") or []
    links = service.get("service_at_locations") or []
    locations = [place for place in map(_location, links) if place]
    accessibility = [item["description"] for link in links
                     for item in (link.get("location") or {}).get("accessibility") or [] if item.get("description")]
    profile = _present({
        "name": service.get("name") or "TODO provider name",
        "organization": organization if organization != service.get("name") else None,
        "status": statuses.get(service.get("status"), "active"),
        "summary": service.get("description") or "TODO one line, at most 200 characters",
        "categories": categories,
        "levels_of_care": levels,
        "needs": codes.get("needs"),
        "mandate": "TODO who the provider exists to serve and what for (HSDS has no field for it)",
        "strengths": ["TODO what they do well"],
        "weaknesses": ["TODO limitations a referrer must know (waitlist, no evenings, no step-free access...)"],
        "populations": codes.get("populations"),
        "eligibility": _present({
            "description": service.get("eligibility_description"),
            "min_age": _age(service.get("minimum_age")), "max_age": _age(service.get("maximum_age")),
            "area": "; ".join(a["name"] for a in service.get("service_areas") or [] if a.get("name"))}),
        "referral": _present({
            "self_referral": TODO_BOOL,
            "requires": codes.get("referral_requires"),
            "how_to_refer": service.get("application_process") or "TODO how a clinician or client refers",
            "documents": [d["document"] for d in service.get("required_documents") or [] if d.get("document")]}),
        "accepting_new_clients": TODO_BOOL,
        "fees": _present({"options": _fee_options(service, taxonomy, by_id) or ["TODO fee option id"],
                          "note": service.get("fees_description")}),
        "languages": list(dict.fromkeys(map(_language, service.get("languages") or []))) or ["TODO language code"],
        "delivery": codes.get("delivery") or ["TODO delivery id"],
        "accessibility": list(dict.fromkeys(accessibility)),
        "locations": locations,
        "contact": _present({
            "phone": next((p["number"] for p in phones if p.get("type") != "fax" and p.get("number")), None),
            "fax": next((p["number"] for p in phones if p.get("type") == "fax" and p.get("number")), None),
            "email": service.get("email"), "website": service.get("url")}) or {"phone": "TODO phone number"},
        "last_reviewed": _assured(service.get("assured_date")),
    })
    return _slug(service), profile


class _DraftDumper(yaml.SafeDumper):
    """Readable drafts: multi-line text as `|` blocks, everything else as PyYAML would quote it."""


_DraftDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def draft_yaml(service: dict, profile: dict) -> str:
    header = (f"# Draft imported from HSDS service {service.get('id', '(no id)')}.\n"
              "# Replace every TODO (HSDS has no field for these), then run `python -m directory validate`.\n"
              f"# HSDS also has no place for {LACKING}: add them if you know them.\n")
    return header + yaml.dump(profile, Dumper=_DraftDumper, sort_keys=False, allow_unicode=True, width=100)
