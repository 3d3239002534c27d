"""Profiles → HSDS 3.0 service objects, each with its organization, locations and links nested inside.

What HSDS has no field for (mandate, strengths, weaknesses, services, wait time, whether new clients or
self-referrals are accepted, reviewed_by) is left out; the importer marks those for an editor.
Controlled vocabularies travel as `attributes` linked to `taxonomy_term`s, the route HSDS intends for
classifications such as levels of care; the profile's slug travels the same way so ids survive a round trip.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable

from directory.hsds.hours import parse_hours
from directory.hsds.ids import stable_id
from directory.model import Location, Profile
from directory.values import DEFAULT_COUNTRY
from directory.slugs import slugify
from directory.taxonomy import Taxonomy, language_names

STATUS = {"active": "active", "inactive": "inactive", "temporarily-closed": "temporarily closed"}
# Vocabularies exported as attributes of the service; `fees` are attributes of each cost option instead.
SERVICE_VOCABULARIES = ("categories", "levels_of_care", "populations", "delivery", "referral_requires", "needs")
FIELDS_TAXONOMY = "referral-directory-fields"  # our own fields carried as attribute values
SLUG_TERM = "slug"
SLUG_TERM_ID = stable_id("taxonomy_term", FIELDS_TAXONOMY, SLUG_TERM)  # the importer finds the slug by it


def taxonomy_detail(vocabulary: str) -> dict:
    return {"id": stable_id("taxonomy", vocabulary), "name": f"Referral Directory {vocabulary.replace('_', ' ')}",
            "description": f"The `{vocabulary}` vocabulary of the Referral Directory's taxonomy.yaml.",
            "version": "1"}


def taxonomy_term(taxonomy: Taxonomy, vocabulary: str, code: str) -> dict:
    term = taxonomy[vocabulary][code]
    return {"id": stable_id("taxonomy_term", vocabulary, code), "code": code, "name": term.label,
            "description": term.description, "taxonomy": vocabulary,
            "taxonomy_id": stable_id("taxonomy", vocabulary), "taxonomy_detail": taxonomy_detail(vocabulary)}


@functools.cache
def _slug_term() -> dict:
    return {"id": SLUG_TERM_ID, "code": SLUG_TERM, "name": "Slug",
            "description": "The provider's file name in the Referral Directory, which its ids are derived from.",
            "taxonomy": FIELDS_TAXONOMY, "taxonomy_id": stable_id("taxonomy", FIELDS_TAXONOMY),
            "taxonomy_detail": {"id": stable_id("taxonomy", FIELDS_TAXONOMY), "name": "Referral Directory fields",
                                "description": "Referral Directory fields that HSDS has no place for.",
                                "version": "1"}}


def _attribute(owner_id: str, entity: str, term: dict, value: str | None = None) -> dict:
    return _compact({"id": stable_id("attribute", owner_id, term["id"]), "link_id": owner_id,
                     "link_entity": entity, "taxonomy_term_id": term["id"], "value": value, "taxonomy_term": term})


def _compact(mapping: dict) -> dict:
    """HSDS fields are typed strings and numbers: an absent value is left out, never written as null."""
    return {key: value for key, value in mapping.items() if value is not None and value != []}


def organization_name(profile: Profile) -> str:
    return profile.organization or profile.name


def organization_id(profile: Profile) -> str:
    return stable_id("organization", slugify(organization_name(profile)))


def organizations(profiles: Iterable[Profile]) -> dict[str, dict]:
    """One organization per distinct parent; a provider without `organization` is its own organization."""
    members: dict[str, list[Profile]] = defaultdict(list)
    for profile in profiles:
        members[organization_id(profile)].append(profile)
    result = {}
    for org_id, group in members.items():
        own = [p for p in group if not p.organization]
        description = own[0].summary if own else "Provides " + "; ".join(p.name for p in group) + "."
        result[org_id] = {"id": org_id, "name": organization_name(group[0]), "description": description}
    return result


def location(profile: Profile, index: int, place: Location) -> dict:
    location_id = stable_id("location", profile.slug, index)
    schedules = []
    if place.hours:
        rules = parse_hours(place.hours) or [None]
        for number, rule in enumerate(rules):
            structured = {"freq": "WEEKLY", "byday": ",".join(rule[0]), "opens_at": rule[1],
                          "closes_at": rule[2]} if rule else {}
            schedules.append({"id": stable_id("schedule", location_id, number), "location_id": location_id,
                              **structured, "description": place.hours})
    return _compact({
        "id": location_id, "location_type": "physical", "name": place.name, "organization_id": organization_id(profile),
        "latitude": place.latitude, "longitude": place.longitude,
        "addresses": [{"id": stable_id("address", location_id), "location_id": location_id,
                       "address_1": place.address, "city": place.city, "state_province": place.region or "",
                       "postal_code": place.postal_code or "", "country": place.country or DEFAULT_COUNTRY,
                       "address_type": "physical"}],
        "schedules": schedules,
        "accessibility": _accessibility(profile, location_id),
    })


def virtual_location(profile: Profile, taxonomy: Taxonomy) -> dict:
    """Where a phone or online service is reached; it also carries the accessibility notes HSDS keeps per location."""
    location_id = stable_id("location", profile.slug, "virtual")
    return _compact({
        "id": location_id, "location_type": "virtual", "url": profile.contact.website,
        "organization_id": organization_id(profile),
        "description": "Delivered by " + ", ".join(taxonomy.labels("delivery", profile.delivery)),
        "accessibility": _accessibility(profile, location_id)})


def _accessibility(profile: Profile, location_id: str) -> list[dict]:
    return [{"id": stable_id("accessibility", location_id, number), "location_id": location_id,
             "description": text} for number, text in enumerate(profile.accessibility)]


def locations(profile: Profile, taxonomy: Taxonomy) -> list[dict]:
    if not profile.locations:
        return [virtual_location(profile, taxonomy)]
    return [location(profile, index, place) for index, place in enumerate(profile.locations)]


def service(profile: Profile, taxonomy: Taxonomy, organization: dict, term=None) -> dict:
    """One profile as a nested HSDS service; `term(vocabulary, code)` may be a memo of `taxonomy_term`."""
    term = term or functools.partial(taxonomy_term, taxonomy)
    service_id = stable_id("service", profile.slug)
    eligibility, contact = profile.eligibility, profile.contact
    names = language_names()
    phones = [(kind, number) for kind, number in (("voice", contact.phone), ("fax", contact.fax)) if number]
    return _compact({
        "id": service_id,
        "organization_id": organization["id"],
        "name": profile.name,
        "description": profile.summary,
        "url": contact.website,
        "email": contact.email,
        "status": STATUS[profile.status],
        "application_process": profile.referral.how_to_refer,
        "fees_description": profile.fees.note,
        "eligibility_description": eligibility.description if eligibility else None,
        "minimum_age": eligibility.min_age if eligibility else None,
        "maximum_age": eligibility.max_age if eligibility else None,
        "assured_date": profile.last_reviewed.isoformat(),
        "phones": [{"id": stable_id("phone", service_id, kind), "service_id": service_id, "number": number,
                    "type": kind} for kind, number in phones],
        "service_areas": [{"id": stable_id("service_area", service_id), "service_id": service_id,
                           "name": eligibility.area}] if eligibility and eligibility.area else [],
        "service_at_locations": [
            {"id": stable_id("service_at_location", service_id, index), "service_id": service_id,
             "location_id": place["id"], "location": place}
            for index, place in enumerate(locations(profile, taxonomy))],
        "languages": [{"id": stable_id("language", service_id, code), "service_id": service_id,
                       "name": names[code], "code": code} for code in profile.languages],
        "organization": organization,
        "cost_options": [_cost_option(service_id, option, taxonomy, term) for option in profile.fees.options],
        "required_documents": [{"id": stable_id("required_document", service_id, index), "service_id": service_id,
                                "document": document} for index, document in enumerate(profile.referral.documents)],
        "attributes": [_attribute(service_id, "service", _slug_term(), profile.slug)] + [
            _attribute(service_id, "service", term(vocabulary, code))
            for vocabulary, codes in _service_terms(profile) for code in codes],
    })


def _service_terms(profile: Profile) -> list[tuple[str, list[str]]]:
    return list(zip(SERVICE_VOCABULARIES, (profile.categories, profile.levels_of_care, profile.populations,
                                           profile.delivery, profile.referral.requires, profile.needs)))


def _cost_option(service_id: str, option: str, taxonomy: Taxonomy, term) -> dict:
    option_id = stable_id("cost_option", service_id, option)
    return {"id": option_id, "service_id": service_id, "option": taxonomy.label("fees", option),
            "attributes": [_attribute(option_id, "cost_option", term("fees", option))]}


def services(profiles: Iterable[Profile], taxonomy: Taxonomy) -> list[dict]:
    """Every profile as a nested HSDS service, in the catalog's order."""
    profiles = list(profiles)
    orgs = organizations(profiles)
    term = functools.cache(functools.partial(taxonomy_term, taxonomy))  # one shared object per term
    return [service(profile, taxonomy, orgs[organization_id(profile)], term) for profile in profiles]
