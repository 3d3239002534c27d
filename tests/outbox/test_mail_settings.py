"""MAIL_URL and MAIL_HOST settings: parsed at start-up; a mistake is a ConfigError that never shows the password."""
from __future__ import annotations

import pytest

from intake_app.infrastructure.config import ConfigError, defaults
from intake_app.infrastructure.mail import FolderSettings, SmtpSettings, parse_mail_url, settings_from_config

PASSWORD = "s3cr3t-Pa55word"


def test_smtp_url_with_starttls_and_login():
    parsed = parse_mail_url(f"smtp://mailer:{PASSWORD}@mail.example:587?starttls=1")
    assert parsed == SmtpSettings("mail.example", 587, "mailer", PASSWORD, starttls=True, ssl=False)
    assert PASSWORD not in repr(parsed) and PASSWORD not in parsed.describe()


def test_smtps_default_port_and_file_folder():
    assert parse_mail_url("smtps://relay.example").port == 465
    assert parse_mail_url("smtps://relay.example").ssl
    assert parse_mail_url("file:///var/tmp/mailbox") == FolderSettings(__import__("pathlib").Path("/var/tmp/mailbox"))


@pytest.mark.parametrize("url, says", [
    (f"http://u:{PASSWORD}@mail.example", "must start with smtp://"),
    (f"smtp://u:{PASSWORD}@mail.example:notaport", "port"),
    (f"smtp://u:{PASSWORD}@mail.example:70000", "port"),
    (f"smtp://u:{PASSWORD}@:587", "no host"),
    (f"smtp://u:{PASSWORD}@mail.example?starttls=maybe", "true or false"),
    (f"smtps://u:{PASSWORD}@mail.example?starttls=1", "TLS already"),
    (f"smtp://u:{PASSWORD}@mail.example?tls=1", "unknown option"),
    ("smtp://onlyuser@mail.example", "no password"),
])
def test_bad_mail_url_is_a_config_error_without_the_password(url, says):
    with pytest.raises(ConfigError) as raised:
        parse_mail_url(url)
    assert says in str(raised.value)
    assert PASSWORD not in str(raised.value)


def config(**settings) -> dict:
    return {**defaults("/tmp/instance"), **settings}


def test_host_settings_and_their_mistakes():
    parsed = settings_from_config(config(MAIL_HOST="mail.example", MAIL_PORT="587", MAIL_STARTTLS="1",
                                         MAIL_USERNAME="mailer", MAIL_PASSWORD=PASSWORD), "/tmp/i", relaxed=False)
    assert parsed.transport == SmtpSettings("mail.example", 587, "mailer", PASSWORD, starttls=True)
    for wrong, says in [(dict(MAIL_SSL="1", MAIL_STARTTLS="1"), "choose one"), (dict(MAIL_PORT="x"), "MAIL_PORT"),
                        (dict(MAIL_USERNAME="mailer"), "MAIL_PASSWORD is not")]:
        with pytest.raises(ConfigError, match=says):
            settings_from_config(config(MAIL_HOST="mail.example", **wrong), "/tmp/i", relaxed=False)
    with pytest.raises(ConfigError, match="not both"):
        settings_from_config(config(MAIL_HOST="h", MAIL_URL="smtp://h"), "/tmp/i", relaxed=False)
    with pytest.raises(ConfigError, match="APP_URL"):
        settings_from_config(config(APP_URL="intake.example"), "/tmp/i", relaxed=False)


def test_debug_writes_to_the_instance_mailbox_production_waits():
    assert settings_from_config(config(), "/tmp/i", relaxed=True).transport == FolderSettings(
        __import__("pathlib").Path("/tmp/i/mailbox"))
    assert settings_from_config(config(), "/tmp/i", relaxed=False).transport is None


def test_the_app_refuses_to_start_on_a_bad_mail_url(app_config):
    from intake_app import create_app
    with pytest.raises(ConfigError) as raised:
        create_app({**app_config, "MAIL_URL": f"smtp://u:{PASSWORD}@mail.example:port"})
    assert PASSWORD not in str(raised.value)
