"""Every referral status has a FHIR Task status the Gravity guide allows, and the README's table is the code's."""
from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from types import SimpleNamespace

import pytest

from intake_app.referrals.interop import task_status as mapping
from intake_app.referrals.interop.task_status import (ACTORS, R4_TASK_STATUSES, REFERRAL_TASK_STATUSES,
                                                      SERVICE_REQUEST_STATUS, TASK_STATUS, actor_of)
from intake_app.referrals.workflow import FINAL, TRANSITIONS, Status

README = Path(__file__).resolve().parents[2] / "intake_app" / "README.md"
PARTICIPANT_TYPES = {"enterer", "performer", "author", "verifier", "legal", "attester", "informant", "custodian",
                     "assembler", "composer"}  # provenance-participant-type (R4)


def unmapped(statuses, table) -> list[str]:
    return [s.value for s in statuses if s not in table]


def test_every_status_maps_to_a_referral_task_status():
    assert unmapped(Status, TASK_STATUS) == []
    for status in Status:
        code, business, text = mapping.task_status(status)
        assert code in REFERRAL_TASK_STATUSES, status
        assert code in SERVICE_REQUEST_STATUS, status
        assert (business, text) == (status.value, status.label)


def test_a_status_added_without_a_mapping_is_caught():
    extended = StrEnum("Extended", {**{s.name: s.value for s in Status}, "ON_HOLD": "on_hold"})
    assert unmapped(extended, TASK_STATUS) == ["on_hold"]


def test_the_guide_excludes_ready_and_received():
    assert set(R4_TASK_STATUSES) - set(REFERRAL_TASK_STATUSES) == {"ready", "received"}
    assert len(REFERRAL_TASK_STATUSES) == 10


ENDED = {"completed", "cancelled", "rejected", "failed", "entered-in-error"}


def test_a_final_status_ends_the_task():
    assert [s.value for s in FINAL if TASK_STATUS[s] not in ENDED] == []


def test_a_task_never_leaves_an_ended_status():
    """Report received is the provider's part done (completed) while staff may still close the referral:
    allowed only because every move from it keeps the Task as it is."""
    leaving = [(s.value, t.value) for s in Status for t in TRANSITIONS[s]
               if TASK_STATUS[s] in ENDED and TASK_STATUS[t] != TASK_STATUS[s]]
    assert leaving == []


def test_actors_map_to_provenance_participants():
    assert set(ACTORS) == {"client", "provider", "staff", "system"}
    assert {actor.participant for actor in ACTORS.values()} <= PARTICIPANT_TYPES
    assert actor_of(SimpleNamespace(by_user_id=None)) == "client"
    assert actor_of(SimpleNamespace(by_user_id=3)) == "staff"
    assert actor_of(SimpleNamespace(by_user_id=None, actor="provider")) == "provider"


def test_the_readme_table_is_the_code():
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- fhir-status-table -->", "<!-- /fhir-status-table -->"
    assert start in text and end in text, "intake_app/README.md has lost its FHIR status table markers"
    shown = text.split(start, 1)[1].split(end, 1)[0].strip()
    assert shown == mapping.markdown_table(), "paste task_status.markdown_table() between the markers:\n" + \
        mapping.markdown_table()


@pytest.mark.parametrize("status", sorted(Status))
def test_the_table_has_a_row_per_status(status):
    assert f"`{status.value}`" in mapping.markdown_table()
