"""Each referral status as a FHIR R4 Task status, and each actor's part in the Task's history.

The Task is the provider's job of fulfilling the referral, as in the HL7 Gravity SDOH Clinical Care guide
(profile "SDOHCC Task For Referral Management"): its `status` comes from the guide's referral task status
value set (R4 task-status without `ready` and `received`), and `businessStatus` carries our own, finer status
(code = the Status value, text = its label). Every member of Status needs a row in TASK_STATUS: a test fails
for a status added without one. intake_app/README.md shows this table (markdown_table(); a test compares).
"""
from __future__ import annotations

from dataclasses import dataclass

from intake_app.referrals.workflow import Status

# http://hl7.org/fhir/task-status (R4 4.0.1), in the code system's order.
R4_TASK_STATUSES = ("draft", "requested", "received", "accepted", "rejected", "ready", "cancelled", "in-progress",
                    "on-hold", "failed", "completed", "entered-in-error")
# SDOHCC-ValueSetReferralTaskStatus: all of them except these two.
REFERRAL_TASK_STATUSES = tuple(s for s in R4_TASK_STATUSES if s not in ("ready", "received"))
# The guide: with these, Task.statusReason.text should say why.
NEEDS_REASON = frozenset({"rejected", "cancelled", "on-hold", "failed"})

S = Status
TASK_STATUS: dict[Status, str] = {
    S.RECEIVED: "draft",                 # with the intake team; not yet asked of the provider
    S.CONSENT_CHECKED: "draft",
    S.SENT_TO_PROVIDER: "requested",     # the provider is asked to act
    S.ACCEPTED: "accepted",              # the provider said yes; no appointment yet
    S.APPOINTMENT_BOOKED: "accepted",    # the provider agreed; the work has not started
    S.SEEN: "in-progress",
    S.REPORT_RECEIVED: "completed",      # the provider's part is done and reported
    S.CLOSED: "completed",
    S.CLIENT_WITHDREW: "cancelled",
    S.COULD_NOT_CONTACT: "failed",       # tried, but the client could not be reached
    S.NOT_ELIGIBLE: "rejected",          # the provider declined
    S.NO_CAPACITY: "rejected",
    S.REFERRED_ELSEWHERE: "cancelled",   # the referring side withdrew it for another provider
    S.DECLINED: "rejected",              # the provider declined for another reason (the note says which)
}

# ServiceRequest.status (R4 request-status) follows from the Task's.
SERVICE_REQUEST_STATUS = {"draft": "draft", "requested": "active", "accepted": "active", "in-progress": "active",
                          "on-hold": "on-hold", "completed": "completed", "rejected": "revoked",
                          "cancelled": "revoked", "failed": "revoked", "entered-in-error": "entered-in-error"}


@dataclass(frozen=True)
class Actor:
    """Who moved a referral, as the Provenance of that Task version names them."""
    participant: str  # Provenance.agent.type, http://terminology.hl7.org/CodeSystem/provenance-participant-type
    stands_for: str   # whose Reference is Provenance.agent.who: the Task's `for`, `owner` or `requester`, or the app


ACTORS = {
    "client": Actor("author", "for"),          # the client (Patient): their request, or what they tell us
    "provider": Actor("performer", "owner"),   # the receiving provider (Organization): accepts, declines, reports
    "staff": Actor("enterer", "requester"),    # the referring service's staff record the step
    "system": Actor("assembler", "device"),    # the intake app itself (e.g. a job)
}


def actor_of(event) -> str:
    """The actor of a StatusEvent: its own `actor` (migration 0010); on older rows, staff when an account moved
    it, else the client (then an event without an account was the client's submission)."""
    return getattr(event, "actor", None) or ("staff" if event.by_user_id is not None else "client")


def task_status(status: Status | str) -> tuple[str, str, str]:
    """(Task.status, businessStatus code, businessStatus text)."""
    status = Status(status)
    return TASK_STATUS[status], status.value, status.label


def markdown_table() -> str:
    """The table as intake_app/README.md shows it."""
    rows = ["| Status (businessStatus) | Code | FHIR Task.status | ServiceRequest.status |",
            "|---|---|---|---|"]
    for status in Status:
        task, code, text = task_status(status)
        rows.append(f"| {text} | `{code}` | `{task}` | `{SERVICE_REQUEST_STATUS[task]}` |")
    return "\n".join(rows)
