"""A stored referral as a FHIR R4 Bundle: it validates, it carries its history, and only what was consented."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from intake_app.infrastructure.db import get_session
from intake_app.referrals.interop.fhir_bundle import FhirSettings, bundle, consented_categories
from intake_app.referrals.interop.task_status import TASK_STATUS
from intake_app.referrals.models import Referral, StatusEvent
from intake_app.referrals.moves import consent_of, move
from intake_app.referrals.submissions import store
from intake_app.referrals.workflow import Status
from tests.app.fixtures import make_referral
from tests.fhir.checks import problems, resources

SETTINGS = FhirSettings(base_url="https://intake.example/fhir/", service="the test intake team")
NOW = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
STAFF = SimpleNamespace(id=7, username="tester")
PATH = (Status.CONSENT_CHECKED, Status.SENT_TO_PROVIDER, Status.APPOINTMENT_BOOKED, Status.SEEN)


def stored(app, *, shared=("contact_details", "reason"), moves=PATH, provider="cedar-falls-family-health-team",
           **details) -> Referral:
    with app.app_context():
        session = get_session()
        referral, consent = make_referral(provider, shared=shared, **details)
        referral.email = "alex@example.org"
        receipt = store(session, referral, consent)
        for target in moves:
            move(session, referral, target, seen=referral.status, by=STAFF, note="private note", today=date.today())
        return receipt.reference


def export(app, reference: str, *, revoke: bool = False) -> dict:
    with app.app_context():
        session = get_session()
        referral = session.query(Referral).filter_by(reference=reference).one()
        if revoke:
            referral.consent.revoked_at = NOW
            session.commit()
        state = consent_of(referral, date.today())
        return bundle(referral, consented_categories(referral, state), SETTINGS, consent_state=state, now=NOW)


def test_the_bundle_of_a_stored_referral_validates(app):
    document = export(app, stored(app))
    assert problems(document) == []
    assert document["type"] == "collection"
    kinds = [e["resource"]["resourceType"] for e in document["entry"]]
    assert kinds[:4] == ["ServiceRequest", "Task", "Consent", "Patient"]
    task = resources(document, "Task")[0]
    assert (task["status"], task["businessStatus"]["coding"][0]["code"]) == ("in-progress", "seen")
    assert task["owner"]["display"] == "Cedar Falls Family Health Team"
    assert task["requester"]["display"] == "the test intake team"
    assert resources(document, "Consent")[0]["status"] == "active"


def test_a_broken_bundle_fails():
    good = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "https://x.example/fhir/Task/1", "resource": {
            "resourceType": "Task", "id": "1", "status": "requested", "intent": "order",
            "focus": {"reference": "ServiceRequest/2"}}}]}
    assert problems(good) == ["Task refers to ServiceRequest/2, not in the Bundle"]
    no_status = json.loads(json.dumps(good))
    del no_status["entry"][0]["resource"]["status"]
    with pytest.raises(ValidationError):
        problems(no_status)
    unknown_field = json.loads(json.dumps(good))
    unknown_field["entry"][0]["resource"]["colour"] = "red"
    with pytest.raises(ValidationError):
        problems(unknown_field)
    wrong_code = json.loads(json.dumps(good))
    wrong_code["entry"][0]["resource"]["status"] = "received"  # R4, but not in the guide's value set
    assert "Task.status received is not a referral task status" in problems(wrong_code)


def test_the_task_carries_its_history_with_actors(app):
    document = export(app, stored(app))
    tasks = resources(document, "Task")
    assert [t["meta"]["versionId"] for t in tasks] == ["5", "4", "3", "2", "1"]
    by_version = {int(t["meta"]["versionId"]): t["status"] for t in tasks}
    statuses = [Status.RECEIVED, *PATH]
    assert [by_version[n] for n in range(1, 6)] == [TASK_STATUS[s] for s in statuses]
    assert len({t["id"] for t in tasks}) == 1
    provenances = resources(document, "Provenance")
    assert [p["target"][0]["reference"].rsplit("/", 1)[1] for p in provenances] == ["1", "2", "3", "4", "5"]
    participants = [p["agent"][0]["type"]["coding"][0]["code"] for p in provenances]
    assert participants == ["author", "enterer", "enterer", "enterer", "enterer"]  # the client's request, then staff
    assert tasks[0]["relevantHistory"] == [{"reference": f"Provenance/{p['id']}"} for p in provenances]
    assert "private note" not in json.dumps(document)


def test_the_patient_is_there_only_with_contact_details_consented(app):
    with_contact = export(app, stored(app, shared=("contact_details",)))
    patient = resources(with_contact, "Patient")[0]
    assert patient["name"] == [{"text": "Alex Testperson"}]
    assert {"system": "phone", "value": "+1 613-555-0142"} in patient["telecom"]
    assert resources(with_contact, "Task")[0]["for"] == {"reference": f"Patient/{patient['id']}"}

    without = export(app, stored(app, shared=("reason",), client_name="Robin Hiddenname"))
    assert problems(without) == []
    assert resources(without, "Patient") == []
    text = json.dumps(without)
    assert "Robin Hiddenname" not in text and "555-0142" not in text and "alex@example.org" not in text
    assert resources(without, "Task")[0]["for"]["display"] == "the client (identity not shared)"


def test_the_reason_and_its_urgency_are_there_only_if_consented(app):
    with_reason = export(app, stored(app, shared=("reason",), urgent=True))
    service_request = resources(with_reason, "ServiceRequest")[0]
    assert service_request["reasonCode"] == [{"text": "Low mood for months and trouble sleeping"}]
    assert service_request["priority"] == resources(with_reason, "Task")[0]["priority"] == "urgent"
    without = export(app, stored(app, shared=("contact_details",), urgent=True))
    assert "Low mood" not in json.dumps(without) and "urgent" not in json.dumps(without)
    assert "reasonCode" not in resources(without, "ServiceRequest")[0]
    assert "priority" not in resources(without, "ServiceRequest")[0]


def test_a_revoked_consent_exports_nothing_personal(app):
    document = export(app, stored(app, shared=("contact_details", "reason", "substance_use")), revoke=True)
    assert problems(document) == []
    consent = resources(document, "Consent")[0]
    assert consent["status"] == "inactive"
    assert "code" not in consent["provision"] or consent["provision"]["code"] == []
    assert resources(document, "Patient") == []
    text = json.dumps(document)
    assert "Alex Testperson" not in text and "Low mood" not in text and "substance_use" not in text


def test_the_consent_lists_what_is_shared_and_until_when(app):
    document = export(app, stored(app, shared=("contact_details", "reason")))
    consent = resources(document, "Consent")[0]
    assert [c["coding"][0]["code"] for c in consent["provision"]["code"]] == ["contact_details", "reason"]
    assert consent["provision"]["period"]["start"] == date.today().isoformat()
    assert consent["provision"]["period"]["end"] > consent["provision"]["period"]["start"]
    assert consent["scope"]["coding"][0]["code"] == "patient-privacy"


def test_ids_are_the_same_on_every_export(app):
    reference = stored(app)
    first, second = export(app, reference), export(app, reference)
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]


@pytest.mark.parametrize("moves, task_status", [
    ((), "draft"), ((Status.CLIENT_WITHDREW,), "cancelled"),
    ((Status.CONSENT_CHECKED, Status.SENT_TO_PROVIDER, Status.NO_CAPACITY), "rejected"),
    (PATH + (Status.REPORT_RECEIVED, Status.CLOSED), "completed"),
])
def test_each_path_validates(app, moves, task_status):
    document = export(app, stored(app, moves=moves))
    assert problems(document) == []
    task = resources(document, "Task")[0]
    assert task["status"] == task_status
    assert ("statusReason" in task) == (task_status in {"cancelled", "rejected"})


def test_a_request_without_a_chosen_provider_validates(app):
    document = export(app, stored(app, provider=None, moves=()))
    assert problems(document) == []
    assert "owner" not in resources(document, "Task")[0]


def test_provider_and_system_actors_become_their_provenance_agents():
    """Events by the provider or a job name the Task's owner or the app."""
    referral, referral.consent = make_referral(shared=("contact_details",))
    referral.reference, referral.created_at, referral.status = "ABCD2345", NOW, "seen"
    referral.consent.signed_at = NOW  # a column default, filled in on insert
    referral.events = [StatusEvent(status=status, at=NOW) for status in ("received", "sent_to_provider",
                                                                          "appointment_booked", "seen")]
    for event, actor in zip(referral.events, ("client", "staff", "provider", "system")):
        event.actor = actor
    document = bundle(referral, frozenset({"contact_details"}), SETTINGS, consent_state=consent_of(
        referral, date.today()), now=NOW)
    assert problems(document) == []
    agents = [(p["agent"][0]["type"]["coding"][0]["code"], p["agent"][0]["who"])
              for p in resources(document, "Provenance")]
    patient = resources(document, "Patient")[0]
    assert agents == [("author", {"reference": f"Patient/{patient['id']}"}),
                      ("enterer", {"type": "Organization", "display": "the test intake team"}),
                      ("performer", {"type": "Organization", "display": "Cedar Falls Family Health Team"}),
                      ("assembler", {"type": "Device", "display": "Referral Directory intake app"})]


def test_a_check_in_that_moves_nothing_is_no_task_version():
    """The client's "I have not heard yet" is a signal on the current status, not a step of the Task."""
    referral, referral.consent = make_referral(shared=("contact_details",))
    referral.reference, referral.created_at, referral.status = "ABCD2345", NOW, "sent_to_provider"
    referral.consent.signed_at = NOW
    referral.events = [StatusEvent(status="received", at=NOW, actor="client"),
                       StatusEvent(status="sent_to_provider", at=NOW, actor="staff"),
                       StatusEvent(status="sent_to_provider", at=NOW, actor="client", signal="not_heard")]
    document = bundle(referral, frozenset({"contact_details"}), SETTINGS, consent_state=consent_of(
        referral, date.today()), now=NOW)
    assert problems(document) == []
    assert [t["meta"]["versionId"] for t in resources(document, "Task")] == ["2", "1"]
    assert len(resources(document, "Provenance")) == 2
