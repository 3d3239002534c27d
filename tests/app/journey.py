"""A client's path through the public pages, step by step, with the werkzeug test client."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

from directory.dates import months_after
from tests.app.fixtures import PROVIDER, csrf_token


def open_form(client, target: str = PROVIDER, in_danger: str = "no") -> str:
    """Answer the safety question (and continue past the crisis page) → the request form's HTML."""
    token = csrf_token(client.get(f"/refer/{target}").text)
    data = {"csrf_token": token, "in_danger": in_danger}
    if in_danger == "yes":
        data["continue"] = "1"
    response = client.post(f"/refer/{target}/safety", data=data)
    assert response.status_code == 200, response.text
    return response.text


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html) or \
        re.search(rf'id="{name}" name="{name}" type="hidden" value="([^"]*)"', html)
    assert found, f"no hidden field {name}"
    return unescape(found.group(1))


def answers(form_html: str, **changes) -> dict:
    """A complete, valid submission for the form in `form_html`; `field=None` leaves a field out."""
    data = {
        "csrf_token": csrf_token(form_html),
        "urgent": hidden(form_html, "urgent"),
        "submission_key": hidden(form_html, "submission_key"),
        "consent_sha256": hidden(form_html, "consent_sha256"),
        "full_name": "Robin Quintero-Vale",
        "date_of_birth": "1988-04-02",
        "contact_method": "phone",
        "phone": "+1 613-555-0142",
        "email": "",
        "preferred_language": "Spanish",
        "accessibility_needs": "Step-free access",
        "best_times": "Weekday mornings",
        "reason": "I have felt very low since losing my job and I am not sleeping.",
        "hopes": "Someone to talk to every week.",
        "how_soon": "weeks",
        "suggested_by": "My family doctor",
        "shared_information": ["contact_details", "reason"],
        "expires_on": months_after(date.today(), 12).isoformat(),
        "acknowledged_revocation": "y",
        "acknowledged_not_conditional": "y",
        "acknowledged_redisclosure": "y",
        "signed_by": "client",
        "signature_name": "Robin Quintero-Vale",
        "representative_relationship": "",
        "representative_authority": "",
        "leave_blank": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def send(client, data: dict, target: str = PROVIDER):
    """POST the request form as a browser does: a stored request answers 303 See Other to /received, which is
    followed; a form with errors is answered directly."""
    response = client.post(f"/refer/{target}/request", data=data, follow_redirects=True)
    if response.history:
        [redirect] = response.history
        assert redirect.status_code == 303 and redirect.headers["Location"] == "/received", redirect.headers
        assert response.request.path == "/received"
    return response


def resend_from_another_browser(app, data: dict):
    """The same form (same submission_key) sent from another session, with that session's own CSRF token."""
    other = app.test_client()
    return send(other, answers(open_form(other), submission_key=data["submission_key"]))


def submit(client, target: str = PROVIDER, in_danger: str = "no", **changes):
    return send(client, answers(open_form(client, target, in_danger), **changes), target)


def consent_paragraphs(html: str) -> list[str]:
    """The consent text as the page shows it: the <p>s inside #consent-text."""
    block = re.search(r'<div id="consent-text" class="consent-text">(.*?)</div>', html, re.S)
    assert block, "no consent text on the page"
    return [unescape(p) for p in re.findall(r"<p>(.*?)</p>", block.group(1), re.S)]
