"""Over HTTPS the CSRF origin check stays on: a form is accepted with this site's Referer only, which the
`same-origin` referrer policy lets the browser send (and keeps from every other site)."""
from __future__ import annotations

import pytest

from tests.app.fixtures import PROVIDER, csrf_token

SITE = "https://intake.example"


def post_safety(client, referer: str | None):
    token = csrf_token(client.get(f"/refer/{PROVIDER}", base_url=SITE).text)
    headers = {"Referer": referer} if referer else {}
    return client.post(f"/refer/{PROVIDER}/safety", base_url=SITE, headers=headers,
                       data={"csrf_token": token, "in_danger": "no"})


def test_the_referrer_policy_sends_the_url_to_this_site_only(client):
    assert client.get("/refer", base_url=SITE).headers["Referrer-Policy"] == "same-origin"


def test_a_form_from_this_site_is_accepted(client):
    response = post_safety(client, f"{SITE}/refer/{PROVIDER}")
    assert response.status_code == 200 and "Full name" in response.text


@pytest.mark.parametrize("referer", [None, f"https://elsewhere.example/refer/{PROVIDER}",
                                     f"http://intake.example/refer/{PROVIDER}"])
def test_a_form_without_this_sites_referer_is_refused(client, referer):
    response = post_safety(client, referer)
    assert response.status_code == 400 and "Please try again" in response.text
    assert "Full name" not in response.text
