"""The public form fits the service: the self-harm question only where mental-health or crisis care is
offered (and on "help me choose"); an urgent request gets the referring service's call-back date."""
from __future__ import annotations

from datetime import date

import pytest

from intake_app.referrals.submissions import callback_date
from tests.app.fixtures import csrf_token
from tests.app.journey import answers, open_form, send

PHYSIO = "fernhollow-physiotherapy-and-rehab"
MENTAL_HEALTH = "open-door-peer-support-centre"


def test_a_physiotherapy_request_shows_the_crisis_lines_and_asks_no_self_harm_question(app, client):
    page = client.get(f"/refer/{PHYSIO}").text
    assert 'id="crisis-notice"' in page and app.config["CRISIS_LINE"] in page
    assert 'name="in_danger"' not in page and "harming yourself" in page  # told, not asked
    form = client.post(f"/refer/{PHYSIO}/safety", data={"csrf_token": csrf_token(page)})
    assert form.status_code == 200 and 'name="full_name"' in form.text
    assert "We will treat your request as urgent" not in form.text


@pytest.mark.parametrize("target", [MENTAL_HEALTH, "help"])
def test_mental_health_and_help_me_choose_ask_the_question(client, target):
    page = client.get(f"/refer/{target}").text
    assert 'name="in_danger"' in page and 'id="crisis-notice"' not in page


@pytest.mark.parametrize(("day", "days", "expected"), [
    (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday → Monday
    (date(2026, 11, 28), 1, date(2026, 11, 30)),  # Saturday → Monday
    (date(2026, 11, 24), 1, date(2026, 11, 25)),  # Tuesday → Wednesday
    (date(2026, 11, 26), 3, date(2026, 12, 1)),   # Thursday + 3 → Tuesday
])
def test_call_back_date_skips_the_weekend(day, days, expected):
    assert callback_date(day, days) == expected


def test_an_urgent_request_is_told_the_call_back_date_and_the_crisis_lines(app, client):
    confirmation = send(client, answers(open_form(client, MENTAL_HEALTH, in_danger="yes")), MENTAL_HEALTH).text
    assert 'id="callback"' in confirmation and "will call you back by" in confirmation
    assert app.config["CRISIS_LINE"] in confirmation and app.config["CRISIS_EMERGENCY_NUMBER"] in confirmation


def test_a_routine_request_has_no_call_back_date(client):
    confirmation = send(client, answers(open_form(client, MENTAL_HEALTH)), MENTAL_HEALTH).text
    assert 'id="callback"' not in confirmation
