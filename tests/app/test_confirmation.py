"""Post/redirect/get: the request form redirects to /received, which shows the reference, the one-time secret
and the printable consent once; afterwards it only says the request arrived."""
from __future__ import annotations

from tests.app.fixtures import PROVIDER
from tests.app.journey import answers, open_form, submit


def test_the_confirmation_is_a_get_page_with_nothing_personal_in_its_url(client):
    form_html = open_form(client)
    posted = client.post(f"/refer/{PROVIDER}/request", data=answers(form_html))
    assert posted.status_code == 303 and posted.headers["Location"] == "/received"
    first = client.get("/received")
    assert first.status_code == 200 and "Your request has been sent" in first.text
    assert 'id="secret"' in first.text and "Robin Quintero-Vale" in first.text  # the printable consent
    assert first.headers["Cache-Control"] == "no-store"
    reload = client.get("/received")
    assert reload.status_code == 200 and "We have already received this request" in reload.text
    assert 'id="secret"' not in reload.text and "Robin" not in reload.text and "Cedar Falls" not in reload.text


def test_a_stranger_opening_the_confirmation_sees_nothing(app, client):
    submit(client)
    page = app.test_client().get("/received").text
    assert "We have already received this request" in page and 'id="reference"' not in page


def test_a_double_click_shows_the_first_secret_once_and_draws_no_second(app, client):
    """Both posts before the redirect is followed: the one secret drawn is still shown once, and it works."""
    from tests.app.test_revoke import revoke, shown
    data = answers(open_form(client))
    assert [client.post(f"/refer/{PROVIDER}/request", data=data).status_code for _ in range(2)] == [303, 303]
    page = client.get("/received").text
    reference, secret = shown(page, "reference"), shown(page, "secret")
    assert "We have already received this request" in client.get("/received").text
    assert revoke(client, reference, secret).status_code == 200
