"""One referral as a FHIR R4 Bundle of type "collection": ServiceRequest, Task (current version first, then
every earlier version), Consent, one Provenance per status change, and the client as a Patient only when
"contact_details" is among the consented categories.

Why "collection": it hands over a set of resources to read, with no instruction to a server (a "transaction"
would create them) and, unlike "document", no Composition to attest. A collection may hold several versions of
one resource (invariant bdl-7: same fullUrl, different meta.versionId), which is how the Task's history travels:
version n is the Task as it stood after the n-th StatusEvent, and the current Task's `relevantHistory` lists
the Provenance of each version (target Task/<id>/_history/<n>, agent = the actor, see task_status.ACTORS).
Ids are uuid5 of the referral reference, so exporting twice gives the same ids. Only what was consented is in
it: the reason only with "reason"; names and contact details only with "contact_details". Staff notes and
the encrypted consent text are never included.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from intake_app.referrals.interop.task_status import ACTORS, NEEDS_REASON, SERVICE_REQUEST_STATUS, actor_of, \
    task_status
from intake_app.referrals.models import SHARED_INFORMATION, Consent, Referral
from intake_app.referrals.workflow import ConsentState

NAMESPACE = uuid.UUID("6f0d5c43-3b8e-5b7a-9c1e-2a4f1d7e0b11")  # fixed: the ids must not change between exports
TERMINOLOGY = "http://terminology.hl7.org/CodeSystem/"
SNOMED = "http://snomed.info/sct"
APP_DEVICE = "Referral Directory intake app"


@dataclass(frozen=True)
class FhirSettings:
    """`base_url`: where these resources live (fullUrls, and our code systems' URIs), ending in "/".
    `service`: the referring service (REFERRING_SERVICE), the Task's requester."""
    base_url: str
    service: str

    @property
    def status_system(self) -> str:
        return self.base_url + "CodeSystem/referral-status"

    @property
    def category_system(self) -> str:
        return self.base_url + "CodeSystem/shared-information"


def consented_categories(referral: Referral, state: ConsentState) -> frozenset[str]:
    """What may be shared: the current consent's categories while it is valid; nothing otherwise."""
    consent = current_consent(referral)
    if consent is None or state is not ConsentState.VALID:
        return frozenset()
    return frozenset(consent.shared_information)


def current_consent(referral: Referral) -> Consent | None:
    """The one place that knows where a referral's consent is kept."""
    return referral.consent


def _id(reference: str, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join((reference, *map(str, parts)))))


def _instant(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _concept(system: str, code: str, display: str, text: str | None = None) -> dict:
    concept = {"coding": [{"system": system, "code": code, "display": display}]}
    return concept | ({"text": text} if text else {})


def _entry(settings: FhirSettings, resource: dict) -> dict:
    return {"fullUrl": f"{settings.base_url}{resource['resourceType']}/{resource['id']}", "resource": resource}


def _patient(referral: Referral, patient_id: str) -> dict:
    telecom = [{"system": "phone", "value": referral.phone}] if referral.phone else []
    telecom += [{"system": "email", "value": referral.email}] if referral.email else []
    patient = {"resourceType": "Patient", "id": patient_id, "name": [{"text": referral.client_name}]}
    patient |= {"telecom": telecom} if telecom else {}
    if referral.date_of_birth:
        patient["birthDate"] = referral.date_of_birth
    return patient


def _task(referral: Referral, status: str, version: int, at: datetime, refs: dict, settings: FhirSettings) -> dict:
    code, business, text = task_status(status)
    task = {
        "resourceType": "Task", "id": refs["task_id"], "meta": {"versionId": str(version), "lastUpdated": _instant(at)},
        "identifier": [{"system": settings.base_url + "referral", "value": referral.reference}],
        "status": code,
        "businessStatus": _concept(settings.status_system, business, text, text),
        "intent": "order",
        "code": _concept(TERMINOLOGY + "task-code", "fulfill", "Fulfill the focal request"),
        "focus": refs["service_request"], "for": refs["client"],
        "authoredOn": _instant(referral.created_at), "lastModified": _instant(at),
        "requester": refs["requester"],
    }
    if refs["priority"]:
        task["priority"] = refs["priority"]
    if code in NEEDS_REASON:
        task["statusReason"] = {"text": text}
    if refs["owner"]:
        task["owner"] = refs["owner"]
    return task


def _provenance(referral: Referral, event, version: int, refs: dict) -> dict:
    actor = ACTORS[actor_of(event)]
    who = refs["device"] if actor.stands_for == "device" else refs[{"for": "client", "owner": "owner",
                                                                    "requester": "requester"}[actor.stands_for]]
    return {
        "resourceType": "Provenance", "id": _id(referral.reference, "provenance", version),
        "target": [{"reference": f"Task/{refs['task_id']}/_history/{version}"}],
        "recorded": _instant(event.at),
        "activity": _concept(TERMINOLOGY + "v3-DataOperation", "CREATE" if version == 1 else "UPDATE",
                             "create" if version == 1 else "revise"),
        "agent": [{"type": _concept(TERMINOLOGY + "provenance-participant-type", actor.participant,
                                    actor.participant.title()),
                   "who": who or {"display": "the receiving provider"}}],
    }


def _consent(referral: Referral, consent: Consent, state: ConsentState, shared: frozenset[str], refs: dict,
             settings: FhirSettings) -> dict:
    categories = [c for c in SHARED_INFORMATION if c in shared]  # none once revoked or expired
    provision = {"type": "permit", "period": {"start": consent.signed_on.isoformat(),
                                              "end": consent.expires_on.isoformat()},
                 "purpose": [{"system": TERMINOLOGY + "v3-ActReason", "code": "TREAT", "display": "treatment"}],
                 "code": [_concept(settings.category_system, c, SHARED_INFORMATION[c]) for c in categories]}
    if refs["owner"]:
        provision["actor"] = [{"role": _concept(TERMINOLOGY + "v3-ParticipationType", "IRCP",
                                                "information recipient"), "reference": refs["owner"]}]
    return {
        "resourceType": "Consent", "id": _id(referral.reference, "consent"),
        "status": "active" if state is ConsentState.VALID else "inactive",
        "scope": _concept(TERMINOLOGY + "consentscope", "patient-privacy", "Privacy Consent"),
        "category": [_concept(TERMINOLOGY + "v3-ActCode", "IDSCL", "information disclosure")],
        "patient": refs["client"], "dateTime": _instant(consent.signed_at),
        "organization": [refs["requester"]],
        "policyRule": _concept(TERMINOLOGY + "consentpolicycodes", "hipaa-auth", "HIPAA Authorization"),
        "provision": provision,
    }


def bundle(referral: Referral, shared: frozenset[str], settings: FhirSettings, *,
           consent_state: ConsentState, now: datetime) -> dict:
    """The Bundle as a JSON-ready dict. `shared`: consented_categories(referral, consent_state);
    `consent_state`: moves.consent_of(referral, today)."""
    ref = referral.reference
    refs = {"task_id": _id(ref, "task"), "patient_id": _id(ref, "patient"),
            "requester": {"type": "Organization", "display": settings.service},
            "owner": ({"type": "Organization", "display": referral.provider_name} if referral.provider_name
                      else None),
            "device": {"type": "Device", "display": APP_DEVICE},
            # The letter tells urgency within the reason, so the priority is shared only with the reason.
            "priority": ("urgent" if referral.urgent else "routine") if "reason" in shared else None}
    refs["client"] = ({"reference": f"Patient/{refs['patient_id']}"} if "contact_details" in shared
                      else {"type": "Patient", "display": "the client (identity not shared)"})
    service_request_id = _id(ref, "service-request")
    refs["service_request"] = {"reference": f"ServiceRequest/{service_request_id}"}
    consent = current_consent(referral)
    events = [e for e in referral.events if e.signal is None]  # a check-in that moved nothing is no Task version
    versions = [_task(referral, e.status, n, e.at, refs, settings) for n, e in enumerate(events, start=1)]
    if not versions:  # a referral always has its "received" event; this keeps the Bundle valid if one did not
        versions = [_task(referral, referral.status, 1, referral.created_at, refs, settings)]
    provenances = [_provenance(referral, e, n, refs) for n, e in enumerate(events, start=1)]
    current = versions[-1] | ({"relevantHistory": [{"reference": f"Provenance/{p['id']}"} for p in provenances]}
                              if provenances else {})
    service_request = {
        "resourceType": "ServiceRequest", "id": service_request_id,
        "identifier": current["identifier"],
        "status": SERVICE_REQUEST_STATUS[current["status"]], "intent": "order",
        "code": _concept(SNOMED, "3457005", "Patient referral"),
        "subject": refs["client"], "authoredOn": current["authoredOn"], "requester": refs["requester"],
    }
    if refs["priority"]:
        service_request["priority"] = refs["priority"]
    if refs["owner"]:
        service_request["performer"] = [refs["owner"]]
    if "reason" in shared and referral.reason:
        service_request["reasonCode"] = [{"text": referral.reason}]
    resources = [service_request, current]
    if consent is not None:
        consent_resource = _consent(referral, consent, consent_state, shared, refs, settings)
        service_request["supportingInfo"] = [{"reference": f"Consent/{consent_resource['id']}"}]
        resources.append(consent_resource)
    if "contact_details" in shared:
        resources.append(_patient(referral, refs["patient_id"]))
    resources += reversed(versions[:-1])
    resources += provenances
    return {"resourceType": "Bundle", "id": _id(ref, "bundle"), "type": "collection", "timestamp": _instant(now),
            "entry": [_entry(settings, r) for r in resources]}

