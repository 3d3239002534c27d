"""The check-in pages: by link or by reference and secret, the status and the provider's contact, the four
answers with their errors, post/redirect/get to a thank-you page, one neutral answer for wrong codes and dead
links, nothing personal in a URL, and the revocation rate limit on signing in."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import update

from intake_app import create_app
from intake_app.infrastructure.db import get_session
from intake_app.infrastructure.migrate import upgrade
from intake_app.referrals.answer_links import AnswerLink
from intake_app.referrals.models import Outcome, Referral
from tests.app.fixtures import csrf_token
from tests.app.journey import submit
from tests.checkins.conftest import add_referral, issue_link

NO_MATCH = "We could not match that reference code and secret"
GONE = "This link does not work"


def answer(client, url: str, **data):
    return client.post(url, data={"csrf_token": csrf_token(client.get(url).text), **data})


@dataclass(frozen=True)
class State:
    status: str
    last: tuple[str, str | None, str | None]  # the latest event's status, signal and actor
    outcome: tuple | None                    # first appointment, helpfulness, comment


def state(app, referral_id: int) -> State:
    with app.app_context():
        session = get_session()
        saved = session.get(Referral, referral_id)
        last = saved.events[-1]
        outcome = session.query(Outcome).filter_by(referral_id=referral_id).first()
        return State(saved.status, (last.status, last.signal, last.actor), outcome and (
            outcome.first_appointment_on, outcome.helpfulness, outcome.comment))


def test_the_link_shows_the_status_the_provider_and_the_expected_date(app, client):
    stored = add_referral(app, "accepted", expected=date(2027, 3, 9))
    page = client.get(f"/check-in/{issue_link(app, stored.id)}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    text = page.text
    assert "Cedar Falls Family Health Team has accepted your referral" in text
    assert "Tuesday 9 March 2027" in text and "If you have not heard by then, call us at" in text
    assert "Phone: " in text  # the provider's contact, from the catalog
    assert "Alex Testperson" not in text and "Low mood" not in text  # a forwarded link shows no one's name


def test_an_answer_on_the_link_redirects_to_a_thank_you_page_that_shows_nothing(app, client):
    stored = add_referral(app, "appointment_booked")
    url = f"/check-in/{issue_link(app, stored.id)}"
    response = answer(client, url, answer="helped", helpfulness="4", comment="  They listened.  ")
    assert response.status_code == 303 and response.location == "/check-in/thanks"
    thanks = client.get(response.location)
    assert thanks.status_code == 200 and "Thank you: we have your answer" in thanks.text
    assert "Cedar" not in thanks.text and "Alex" not in thanks.text
    assert state(app, stored.id) == State("seen", ("seen", None, "client"), (None, 4, "They listened."))
    assert client.get(url).status_code == 200  # a client link keeps working until it expires


def test_a_booking_needs_a_date_and_helped_needs_a_rating(app, client):
    stored = add_referral(app)
    url = f"/check-in/{issue_link(app, stored.id)}"
    for data, message in [({}, "Choose what you would like to tell us"),
                          ({"answer": "booked"}, "Enter the date of your appointment"),
                          ({"answer": "booked", "booked_on": "next tuesday"}, "must be a real date written YYYY-MM-DD"),
                          ({"answer": "booked", "booked_on": "1999-01-01"}, "within a year before"),
                          ({"answer": "helped"}, "Choose how much it helped"),
                          ({"answer": "helped", "helpfulness": "9"}, "Not a valid choice"),
                          ({"answer": "helped", "helpfulness": "3", "comment": "x" * 1001},
                           "Your comment must be 1000 characters or fewer"),
                          ({"answer": "feeling better"}, "Not a valid choice")]:
        response = answer(client, url, **data)
        assert response.status_code == 400 and message in response.text, data
        assert "There is a problem" in response.text and "<title>Error: " in response.text
    assert state(app, stored.id).last[2] == "staff"  # nothing recorded
    booked_on = (date.today() + timedelta(days=12)).isoformat()
    assert answer(client, url, answer="booked", booked_on=booked_on).status_code == 303
    after = state(app, stored.id)
    assert after.status == "appointment_booked" and after.outcome[0].isoformat() == booked_on


def test_dead_links_get_one_neutral_page(app, client):
    stored = add_referral(app)
    old = issue_link(app, stored.id)
    new = issue_link(app, stored.id)  # a newer check-in email revokes the older link
    expired = issue_link(app, add_referral(app).id)
    with app.app_context():
        get_session().execute(update(AnswerLink).where(AnswerLink.revoked_at.is_(None))
                              .values(expires_at=AnswerLink.created_at))  # every live link expires...
        get_session().commit()
    for token in (old, new, expired, "x" * 43, "y" * 500):
        for response in (client.get(f"/check-in/{token}"),
                         client.post(f"/check-in/{token}", data={"csrf_token": csrf_token(client.get(
                             "/check-in").text), "answer": "not_heard"})):
            assert response.status_code == 404 and GONE in response.text
            assert "Cedar" not in response.text
    assert state(app, stored.id).last[2] == "staff"


def sign_in(client, reference: str, secret: str):
    return answer(client, "/check-in", reference=reference, secret=secret)


def test_sign_in_with_reference_and_secret_then_answer(app, client):
    stored = add_referral(app, "sent_to_provider")
    response = sign_in(client, stored.reference.lower(), stored.secret)
    assert response.status_code == 303 and response.location == "/check-in/referral"
    page = client.get("/check-in/referral")
    assert "We have sent your referral to Cedar Falls Family Health Team" in page.text
    assert stored.reference not in page.text and stored.secret not in page.text
    response = answer(client, "/check-in/referral", answer="not_heard")
    assert response.status_code == 303 and response.location == "/check-in/thanks"
    assert state(app, stored.id) == State("sent_to_provider", ("sent_to_provider", "not_heard", "client"), None)
    assert client.get("/check-in/referral").location == "/check-in"  # one answer per sign-in


def test_wrong_reference_or_secret_get_the_same_neutral_message(app, client):
    stored = add_referral(app)
    other = add_referral(app)
    texts = []
    for reference, secret in [(stored.reference, other.secret), ("ZZZZ2345", stored.secret),
                              (stored.reference, "not the secret")]:
        response = sign_in(client, reference, secret)
        assert response.status_code == 400 and NO_MATCH in response.text
        texts.append(re.sub(r'value="[^"]*"', "", response.text))  # without the CSRF token and what was typed
    assert len(set(texts)) == 1
    assert client.get("/check-in/referral").location == "/check-in"  # not signed in
    response = sign_in(client, "", "")
    assert "Enter your reference code" in response.text and "Enter the secret" in response.text


def test_a_sign_in_ends_after_its_time(app, client, monkeypatch):
    stored = add_referral(app)
    sign_in(client, stored.reference, stored.secret)
    import intake_app.web.public.checkin_views as views
    page = client.get("/check-in/referral").text
    monkeypatch.setattr(views, "SIGNED_IN_MINUTES", -1)
    response = client.post("/check-in/referral", data={"csrf_token": csrf_token(page), "answer": "not_heard"})
    assert response.status_code == 400 and "a check-in ends" in response.text
    assert state(app, stored.id).last[2] == "staff"


def test_signing_in_has_the_revocation_rate_limit(app_config):
    app = create_app({**app_config, "RATELIMIT_ENABLED": True, "REVOKE_LIMIT": "3 per hour",
                      "PUBLIC_POST_LIMIT": "100 per minute"})
    upgrade(app)
    client = app.test_client()
    stored = add_referral(app)
    statuses = [sign_in(client, stored.reference, "wrong").status_code for _ in range(3)]
    assert statuses == [400, 400, 400]
    refused = sign_in(client, stored.reference, stored.secret)  # even the right codes, once over the limit
    assert refused.status_code == 429 and "Too many attempts" in refused.text


def test_the_confirmation_points_to_the_check_in_page_with_nothing_personal_in_its_url(client):
    confirmation = submit(client).text  # followed to /received
    assert 'href="http://localhost/check-in"' in confirmation and "Tell us how it goes" in confirmation
