"""What the Bundle must satisfy, beyond what fhir.resources checks: it parses every resource with its R4B
model class (required elements, types, no unknown fields) but checks neither code bindings nor references."""
from __future__ import annotations

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from intake_app.referrals.interop.task_status import REFERRAL_TASK_STATUSES

# R4 value sets (required bindings) for the codes the export writes.
CONSENT_STATES = {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"}
REQUEST_STATUSES = {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}


def problems(document: dict) -> list[str]:
    """Empty when the Bundle is valid; raises pydantic's ValidationError when a resource does not parse."""
    Bundle.model_validate(document)
    found = []
    entries = document.get("entry", [])
    for entry in entries:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    # bdl-7: a fullUrl appears once, unless the entries are different versions of the resource.
    seen = [(e["fullUrl"], e["resource"].get("meta", {}).get("versionId")) for e in entries]
    if len(seen) != len(set(seen)):
        found.append("bdl-7: the same fullUrl and version twice")
    targets = {e["fullUrl"].rsplit("/", 2)[-2] + "/" + e["resource"]["id"] for e in entries}
    versions = {f"{e['resource']['resourceType']}/{e['resource']['id']}/_history/{e['resource']['meta']['versionId']}"
                for e in entries if "versionId" in e["resource"].get("meta", {})}
    for entry in entries:
        for reference in _references(entry["resource"]):
            if reference not in targets | versions:
                found.append(f"{entry['resource']['resourceType']} refers to {reference}, not in the Bundle")
        resource = entry["resource"]
        kind = resource["resourceType"]
        if kind == "Task" and resource["status"] not in REFERRAL_TASK_STATUSES:
            found.append(f"Task.status {resource['status']} is not a referral task status")
        if kind == "Consent" and resource["status"] not in CONSENT_STATES:
            found.append(f"Consent.status {resource['status']}")
        if kind == "ServiceRequest" and resource["status"] not in REQUEST_STATUSES:
            found.append(f"ServiceRequest.status {resource['status']}")
    return found


def _references(value) -> list[str]:
    """Every Reference.reference string inside a resource."""
    if isinstance(value, dict):
        own = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return own + [r for item in value.values() for r in _references(item)]
    if isinstance(value, list):
        return [r for item in value for r in _references(item)]
    return []


def resources(document: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == kind]
