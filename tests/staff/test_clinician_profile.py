"""Staff accounts carry the clinician's identity for the letter, set from the users command only."""
from __future__ import annotations

from tests.staff.conftest import PASSWORD
from tests.staff.test_accounts import cli, user

NAME, CREDENTIALS, PHONE, EMAIL = "Dana Example", "RMT", "+1 555-555-0142", "dana@clinic.example"


def test_create_with_a_profile(app):
    result = cli(app, "create", "dana", "--display-name", NAME, "--credentials", CREDENTIALS, "--phone", PHONE,
                 "--email", EMAIL, "--password", PASSWORD)
    assert result.exit_code == 0, result.output
    created = user(app, "dana")
    assert (created.display_name, created.credentials, created.contact_phone, created.contact_email) == (
        NAME, CREDENTIALS, PHONE, EMAIL)


def test_set_profile_changes_only_what_is_given_and_never_echoes_it(app, staff_user):
    result = cli(app, "set-profile", staff_user, "--display-name", NAME, "--credentials", "MSW, RSW")
    assert result.exit_code == 0, result.output
    assert NAME not in result.output and "display-name" in result.output
    changed = user(app, staff_user)
    assert (changed.display_name, changed.credentials, changed.contact_phone) == (NAME, "MSW, RSW", None)
    cleared = cli(app, "set-profile", staff_user, "--credentials", "")
    assert cleared.exit_code == 0 and user(app, staff_user).credentials is None
    assert user(app, staff_user).display_name == NAME


def test_set_profile_refuses_nothing_bad_email_too_long_and_unknown_accounts(app, staff_user):
    assert "at least one of" in cli(app, "set-profile", staff_user).output
    bad = cli(app, "set-profile", staff_user, "--email", "not an address")
    assert bad.exit_code != 0 and "email address" in bad.output
    long = cli(app, "set-profile", staff_user, "--credentials", "X" * 81)
    assert long.exit_code != 0 and "80 characters or fewer" in long.output
    assert user(app, staff_user).contact_email is None and user(app, staff_user).credentials is None
    assert "no account called" in cli(app, "set-profile", "nobody", "--credentials", "RMT").output
