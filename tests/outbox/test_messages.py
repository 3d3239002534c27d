"""Every message builder: links and the service's contact, never a provider, a category, a need or the
client's words."""
from __future__ import annotations

import inspect
from datetime import date

import pytest
import yaml

from intake_app.referrals import messages
from intake_app.referrals.messages import Service
from tests.app.fixtures import TEST_PROVIDERS

SERVICE = Service("the Referral Directory intake team", "+1 613-555-0100", "intake@referrals.example",
                  "Monday to Friday, 9 am to 5 pm")
REASON = "Low mood for months and trouble sleeping"
ARGUMENTS = {"workspace_url": "https://intake.example/staff/", "service": SERVICE, "reference": "RD-7K2M9Q",
             "app_url": "https://intake.example/", "link": "https://intake.example/l/AbC123xyz",
             "expires_on": date(2027, 3, 1), "by_date": date(2027, 2, 14),
             "record_url": "https://intake.example/staff/referrals/42"}


def forbidden_words() -> set[str]:
    """Provider names and slugs (test and sample profiles), every taxonomy label, and the client's reason."""
    from pathlib import Path
    words = {REASON.lower(), "low mood"}
    root = Path(__file__).resolve().parents[2]
    for folder in (TEST_PROVIDERS, root / "providers"):
        for path in folder.glob("*.yaml"):
            words.add(path.stem.lower())
            name = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("name")
            if name:
                words.add(str(name).lower())
    taxonomy = yaml.safe_load((root / "taxonomy.yaml").read_text(encoding="utf-8"))
    stack = [taxonomy]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("label"), str):
                words.add(item["label"].lower())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return {w for w in words if len(w) > 3}


def test_the_forbidden_list_is_real():
    words = forbidden_words()
    assert "cedar-falls-family-health-team" in words and len(words) > 40


@pytest.mark.parametrize("builder", messages.BUILDERS, ids=lambda b: b.__name__)
def test_no_health_details_in_subject_or_body(builder):
    message = builder(**{name: ARGUMENTS[name] for name in inspect.signature(builder).parameters})
    text = f"{message.subject}\n{message.body}".lower()
    leaked = sorted(word for word in forbidden_words() if word in text)
    assert not leaked, f"{builder.__name__} mentions {leaked}"
    assert "https://intake.example/" in message.body  # a link is what it carries
    assert message.kind and message.subject and "\n" not in message.subject
