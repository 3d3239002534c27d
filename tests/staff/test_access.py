"""Every /staff route, found by walking the URL map, refuses anonymous users and the wrong role."""
from __future__ import annotations

import pytest

from tests.app.fixtures import PROVIDER, csrf_token
from tests.staff.conftest import add_referral, add_user, sign_in

ADMIN_ONLY = {"staff.report_export", "staff.audit_log", "staff.users", "staff.unlock_user", "staff.disable_user"}
STAFF_ROUTES = {"staff.queue", "staff.record", "staff.change_status", "staff.record_outcome",
                "staff.save_letter_notes", "staff.letter", "staff.follow_up", "staff.report",
                "staff.start_referral", "staff.assessment", "staff.matching", "staff.compare", "staff.choose",
                "staff.consent", "staff.consent_in_person", "staff.consent_declined", "staff.consent_link",
                "staff.begin_assessment", "staff.network_provider", "staff.add_log_entry",
                "staff.new_provider_link", "staff.save_practice_steps", "staff.checked_in"}
GET_AND_POST = {"staff.start_referral", "staff.assessment"}  # a form page that posts to itself: two routes each


def staff_routes(app, referral_id: int) -> list[tuple[str, str, str]]:
    """(method, url, endpoint) for every rule under /staff, with a real referral id filled in."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/staff"):
            continue
        url = rule.rule.replace("<id:referral_id>", str(referral_id)).replace("<id:user_id>", "1")
        url = url.replace("<slug>", PROVIDER)
        assert "<" not in url, f"{rule.rule}: teach this test its argument"
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, url, rule.endpoint))
    return routes


def call(client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    # A valid CSRF token, so what refuses the request is the access check, not CSRF protection.
    return client.post(url, data={"csrf_token": csrf_token(client.get("/account/login").text)})


def test_every_staff_route_is_classified(app):
    endpoints = {endpoint for _m, _u, endpoint in staff_routes(app, 1)}
    assert endpoints == STAFF_ROUTES | ADMIN_ONLY


def test_anonymous_users_are_sent_to_sign_in_everywhere(app, client):
    referral_id = add_referral(app)
    routes = staff_routes(app, referral_id)
    assert len(routes) == len(STAFF_ROUTES | ADMIN_ONLY) + len(GET_AND_POST)
    for method, url, _endpoint in routes:
        response = call(client, method, url)
        assert response.status_code == 302, (method, url, response.status_code)
        assert response.location.startswith("/account/login?next="), (method, url)


def test_staff_role_is_refused_admin_routes_only(app, logged_in):
    referral_id = add_referral(app)
    for method, url, endpoint in staff_routes(app, referral_id):
        response = call(logged_in, method, url)
        status = response.status_code
        if endpoint in ADMIN_ONLY:
            assert status == 403, (method, url)
        else:  # a redirect is fine (declining a consent goes back to the record), but never to sign in
            assert status not in (401, 403), (method, url, status)
            assert not (response.location or "").startswith("/account/login"), (method, url, response.location)


def test_a_wrong_method_on_a_staff_route_gets_the_405_page(app, logged_in):
    referral_id = add_referral(app)
    response = logged_in.get(f"/staff/referrals/{referral_id}/move")
    assert response.status_code == 405 and set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}
    assert "This page cannot be used that way" in response.text


def test_admin_opens_admin_routes(app, admin_client):
    referral_id = add_referral(app)
    for method, url, endpoint in staff_routes(app, referral_id):
        if endpoint in ADMIN_ONLY:
            response = call(admin_client, method, url)
            if method == "GET":
                assert response.status_code == 200, url
            else:
                assert response.status_code == 302 and response.location == "/staff/users", url


def test_a_disabled_account_loses_its_session_at_once(app, logged_in, staff_user):
    assert logged_in.get("/staff/").status_code == 200
    result = app.test_cli_runner().invoke(args=["users", "disable", staff_user])
    assert result.exit_code == 0, result.output
    response = logged_in.get("/staff/")
    assert response.status_code == 302 and response.location.startswith("/account/login")


@pytest.mark.parametrize("path", ["/staff/referrals/{id}/move", "/staff/referrals/{id}/outcome",
                                  "/staff/referrals/{id}/letter-notes", "/staff/referrals/{id}/steps",
                                  "/staff/referrals/{id}/checked-in", "/account/logout"])
def test_csrf_is_required_on_every_staff_form(app, logged_in, path):
    referral_id = add_referral(app, shared=("contact_details", "history"))
    response = logged_in.post(path.format(id=referral_id), data={"move-target": "consent_checked"})
    assert response.status_code == 400
    assert logged_in.get("/staff/").status_code == 200  # still signed in: the forged sign-out did nothing


def test_sign_in_needs_csrf_too(app, client, staff_user):
    response = client.post("/account/login", data={"username": staff_user, "password": "x" * 20})
    assert response.status_code == 400


def test_no_web_sign_up(app, client):
    assert not [r for r in app.url_map.iter_rules() if "sign" in r.rule or "register" in r.rule]
    add_user(app, "viewer")
    assert sign_in(client, "viewer").status_code == 302


def test_public_pages_never_load_a_staff_user(app, client):
    """Sign-in machinery stays out of the client's pages: no remember-me cookie, no session rewriting."""
    from tests.app.fixtures import PROVIDER
    for _ in range(2):
        cookies = client.get(f"/refer/{PROVIDER}").headers.getlist("Set-Cookie")
        assert not [c for c in cookies if c.startswith("remember_token")], cookies

