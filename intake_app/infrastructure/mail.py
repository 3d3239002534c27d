"""Sending email: the SMTP settings, checked at start-up, and the two transports the outbox sender uses.

MAIL_URL is one of
    smtp://user:pass@host:587?starttls=1    plain SMTP, upgraded with STARTTLS (recommended on 587)
    smtps://user:pass@host:465              SMTP over TLS from the first byte
    smtp://127.0.0.1:25                     a local relay, no login
    file:///path/to/folder                  no mail server: each message is written as a .eml file there
or, instead, MAIL_HOST, MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD, MAIL_STARTTLS, MAIL_SSL. In debug mode with
neither, messages go to instance/mailbox/. Errors name the setting, never the password. The standard library
(smtplib, email) is enough here and is maintained with Python itself.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from flask import Flask, current_app

from intake_app.infrastructure.config import ConfigError

log = logging.getLogger(__name__)
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}
DEFAULT_PORTS = {"smtp": 25, "smtps": 465}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)  # never in a repr, a log line or an error
    starttls: bool = False
    ssl: bool = False
    timeout: float = 10.0

    def describe(self) -> str:
        user = f"{self.username}@" if self.username else ""
        tls = " (TLS)" if self.ssl else " (STARTTLS)" if self.starttls else ""
        return f"smtp{'s' if self.ssl else ''}://{user}{self.host}:{self.port}{tls}"


@dataclass(frozen=True)
class FolderSettings:
    folder: Path

    def describe(self) -> str:
        return f"the folder {self.folder}"


@dataclass(frozen=True)
class MailSettings:
    """What the outbox needs: where messages go, who sends them, and what the links in them start with."""
    transport: SmtpSettings | FolderSettings | None  # None: not configured; messages wait in the outbox
    sender: str
    app_url: str           # the app's public address, ending in "/"
    staff_alert_email: str | None
    contact: tuple[str, str, str, str] = ("", "", "", "")  # REFERRING_SERVICE, CONTACT_PHONE, _EMAIL, _HOURS


def _flag(name: str, value: str) -> bool:
    value = value.strip().lower()
    if value not in _TRUE | _FALSE:
        raise ConfigError(f"{name} must be true or false, not {value!r}")
    return value in _TRUE


def _port(name: str, value) -> int:
    try:
        port = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}: the port must be a number from 1 to 65535") from None
    if not 1 <= port <= 65535:
        raise ConfigError(f"{name}: the port must be a number from 1 to 65535")
    return port


def parse_mail_url(url: str, timeout: float = 10.0) -> SmtpSettings | FolderSettings:
    """MAIL_URL → settings. Messages say what is wrong without repeating the URL (it may hold a password)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "file":
        path = unquote(parts.netloc + parts.path)
        if not path:
            raise ConfigError("MAIL_URL: a file:// URL needs a folder, e.g. file:///var/lib/intake/mailbox")
        return FolderSettings(Path(path))
    if scheme not in DEFAULT_PORTS:
        raise ConfigError("MAIL_URL must start with smtp://, smtps:// or file:// "
                          f"(found {scheme + '://' if scheme else 'no scheme'})")
    try:
        host, raw_port = parts.hostname, parts.port
    except ValueError:
        raise ConfigError("MAIL_URL: the port must be a number from 1 to 65535") from None
    if not host:
        raise ConfigError("MAIL_URL has no host name (smtp://user:password@host:587?starttls=1)")
    username = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    if username and not password:
        raise ConfigError("MAIL_URL has a user name but no password")
    query = {k.lower(): v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    unknown = sorted(set(query) - {"starttls", "timeout"})
    if unknown:
        raise ConfigError(f"MAIL_URL: unknown option {', '.join(unknown)} (known: starttls, timeout)")
    starttls = _flag("MAIL_URL starttls", query.get("starttls", ""))
    if scheme == "smtps" and starttls:
        raise ConfigError("MAIL_URL: smtps:// is TLS already; starttls=1 is for smtp://")
    if "timeout" in query:
        timeout = _timeout("MAIL_URL timeout", query["timeout"])
    port = _port("MAIL_URL", raw_port or DEFAULT_PORTS[scheme])
    return SmtpSettings(host, port, username, password, starttls, scheme == "smtps", timeout)


def _timeout(name: str, value) -> float:
    try:
        timeout = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a number of seconds") from None
    if not 0 < timeout <= 300:
        raise ConfigError(f"{name} must be between 0 and 300 seconds")
    return timeout


def settings_from_config(config: dict, instance_path: str, relaxed: bool) -> MailSettings:
    timeout = _timeout("MAIL_TIMEOUT", config.get("MAIL_TIMEOUT", 10))
    transport: SmtpSettings | FolderSettings | None = None
    if config.get("MAIL_URL"):
        if config.get("MAIL_HOST"):
            raise ConfigError("Set MAIL_URL or MAIL_HOST, not both")
        transport = parse_mail_url(config["MAIL_URL"], timeout)
    elif config.get("MAIL_HOST"):
        use_ssl = _flag("MAIL_SSL", str(config.get("MAIL_SSL", "")))
        starttls = _flag("MAIL_STARTTLS", str(config.get("MAIL_STARTTLS", "")))
        if use_ssl and starttls:
            raise ConfigError("MAIL_SSL and MAIL_STARTTLS: choose one (SSL for port 465, STARTTLS for 587)")
        username, password = config.get("MAIL_USERNAME") or None, config.get("MAIL_PASSWORD") or None
        if username and not password:
            raise ConfigError("MAIL_USERNAME is set but MAIL_PASSWORD is not")
        port = _port("MAIL_PORT", config.get("MAIL_PORT") or (465 if use_ssl else 25))
        transport = SmtpSettings(config["MAIL_HOST"], port, username, password, starttls, use_ssl, timeout)
    elif relaxed and not config.get("TESTING"):
        transport = FolderSettings(Path(instance_path) / "mailbox")  # `make run`: read messages as files
    sender = config.get("MAIL_FROM") or config["CONTACT_EMAIL"]
    if "@" not in sender:
        raise ConfigError("MAIL_FROM must be an email address")
    app_url = config.get("APP_URL") or ""
    if urlsplit(app_url).scheme not in ("http", "https") or not urlsplit(app_url).netloc:
        raise ConfigError("APP_URL must be the app's public address, e.g. https://intake.example.org/")
    contact = tuple(str(config[name]) for name in ("REFERRING_SERVICE", "CONTACT_PHONE", "CONTACT_EMAIL",
                                                   "CONTACT_HOURS"))
    return MailSettings(transport, sender, app_url.rstrip("/") + "/", config.get("STAFF_ALERT_EMAIL") or None,
                        contact)


def init_app(app: Flask, relaxed: bool) -> None:
    mail = settings_from_config(app.config, app.instance_path, relaxed)
    app.extensions["intake_mail"] = mail
    if mail.transport is None and not app.testing:
        log.warning("MAIL_URL is not set: messages wait in the outbox until it is and `outbox send` runs")
    elif isinstance(mail.transport, FolderSettings):
        log.info("mail is written to %s (no mail server)", mail.transport.folder)


def settings() -> MailSettings:
    """The current app's mail settings (needs an app context)."""
    return current_app.extensions["intake_mail"]


def build_email(sender: str, recipient: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, recipient, subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)
    return message


class SmtpTransport:
    """One SMTP connection for a batch of messages; `with SmtpTransport(s) as t: t.send(message)`."""

    def __init__(self, smtp: SmtpSettings):
        self.settings, self.connection = smtp, None

    def __enter__(self) -> SmtpTransport:
        s = self.settings
        context = ssl.create_default_context()
        if s.ssl:
            self.connection = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            self.connection = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.starttls:
                self.connection.starttls(context=context)
        if s.username:
            self.connection.login(s.username, s.password)
        return self

    def send(self, message: EmailMessage) -> None:
        self.connection.send_message(message)

    def __exit__(self, *_exc) -> None:
        try:
            self.connection.quit()
        except (smtplib.SMTPException, OSError):
            self.connection.close()


class FolderTransport:
    """Writes each message as <Message-ID>.eml into a folder: `make run` shows mail without a mail server."""

    def __init__(self, folder: FolderSettings):
        self.folder = folder.folder

    def __enter__(self) -> FolderTransport:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def send(self, message: EmailMessage) -> None:
        name = message["Message-ID"].strip("<>").replace("/", "_") + ".eml"
        path = self.folder / name
        path.write_bytes(bytes(message))
        log.info("message written to %s", path)

    def __exit__(self, *_exc) -> None:
        pass


def transport(mail: MailSettings):
    if mail.transport is None:
        raise ConfigError("MAIL_URL (or MAIL_HOST) is not set: set it before running `outbox send`")
    if isinstance(mail.transport, FolderSettings):
        return FolderTransport(mail.transport)
    return SmtpTransport(mail.transport)
