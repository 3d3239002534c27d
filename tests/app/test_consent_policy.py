"""The consent policy is stated once (referrals.consent.POLICY): change it there and the form's default, its
hint, the text the client signs, the form's check and the check before storing all follow."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from directory.dates import months_after
from intake_app.referrals.consent import POLICY
from intake_app.referrals.submissions import missing_consent_elements
from intake_app.web.public.forms import RequestForm
from tests.app.fixtures import make_referral
from tests.app.journey import answers, consent_paragraphs, open_form, send

APP = Path(__file__).resolve().parents[2] / "intake_app"


@pytest.fixture
def other_policy():
    """POLICY itself changed for one test (it is frozen, and every reader holds this one object)."""
    saved = POLICY.default_months, POLICY.longest_months
    object.__setattr__(POLICY, "default_months", 6)
    object.__setattr__(POLICY, "longest_months", 18)
    yield POLICY
    object.__setattr__(POLICY, "default_months", saved[0])
    object.__setattr__(POLICY, "longest_months", saved[1])


def test_the_form_its_hint_and_the_text_follow_the_policy(client, other_policy):
    today = date.today()
    page = open_form(client)
    field = re.search(r'<input[^>]*name="expires_on"[^>]*>', page).group(0)
    assert f'value="{months_after(today, 6).isoformat()}"' in field
    assert "6 months from today unless you change it; at most 18 months." in page
    assert any("It is 6 months from today unless you change it, and it can be at most 18 months." in paragraph
               for paragraph in consent_paragraphs(page))

    too_late = months_after(today, 18) + timedelta(days=1)
    response = send(client, answers(page, expires_on=too_late.isoformat()))
    assert response.status_code == 400
    assert f"The end date can be at most 18 months from today: {months_after(today, 18).isoformat()}" in response.text


def test_the_check_before_storing_follows_the_policy(app, other_policy):
    signed = date(2026, 1, 10)
    with app.app_context():
        _referral, consent = make_referral(signed_on=signed)
        consent.expires_on = months_after(signed, 18)
        assert missing_consent_elements(consent) == []
        consent.expires_on = months_after(signed, 18) + timedelta(days=1)
        assert missing_consent_elements(consent) == ["an expiry date after signing and at most 18 months later"]
        consent.expires_on = months_after(signed, 24)
        consent.acknowledged_not_conditional = False
        assert len(missing_consent_elements(consent)) == 2


def test_every_acknowledgement_is_a_required_field_of_the_form_and_a_column(app):
    from intake_app.referrals.models import Consent
    with app.test_request_context():
        form = RequestForm(today=date.today())
    for name in (*POLICY.acknowledgements, POLICY.substance_use_acknowledgement):
        assert name in form and hasattr(Consent, name), name
    for name in POLICY.acknowledgements:
        assert form[name].flags.required, name


def test_no_other_file_of_the_app_states_how_long_a_consent_lasts():
    stated = re.compile(r"\b\d+ months\b|\b73[01]\b")
    offenders = [str(path.relative_to(APP)) for path in sorted(APP.rglob("*")) if path.suffix in (".py", ".html")
                 and path.name != "consent.py" and "migrations" not in path.parts
                 and stated.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
