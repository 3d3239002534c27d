"""What each message says: subject and body from plain data, with links and never a health detail.

An email can be read by whoever shares the inbox, the phone's lock screen or the mail provider. So no message
names a provider, a category, a need, a status that reveals care, or the client's own words: it says there is
something to see and gives a link (behind which the reader proves who they are) and the service's contact.
Builders take only the values they need (links, dates, the service's name and contact) so nothing else can
slip in; tests/outbox/test_messages.py checks every builder against the providers' and taxonomy's words.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Message:
    kind: str
    subject: str
    body: str


@dataclass(frozen=True)
class Service:
    """Who the message comes from and how to reach them (the REFERRING_SERVICE and CONTACT_* settings)."""
    name: str
    phone: str
    email: str
    hours: str

    def contact(self) -> str:
        return f"{self.name}: {self.phone} ({self.hours}) or {self.email}"


def _body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


STAFF_URGENT_ALERT = "staff_urgent_alert"
CLIENT_CONFIRMATION = "client_confirmation"
CONSENT_LINK = "consent_link"
PROVIDER_LINK = "provider_link"
CLIENT_CHECKIN = "client_checkin"
STAFF_ANSWER_ALERT = "staff_answer_alert"


def staff_urgent_alert(workspace_url: str) -> Message:
    """To the team's alert address: someone asked for help as soon as possible; the queue shows who."""
    return Message(STAFF_URGENT_ALERT, "Urgent request received",
                   _body("A request marked urgent has just arrived.",
                         f"Open the staff workspace to see it: {workspace_url}",
                         "This message holds no details on purpose; sign in to read them."))


def client_confirmation(service: Service, reference: str, app_url: str) -> Message:
    """The client's copy: the reference to quote, where to check in and how to take the consent back, whom to
    call. The secret is not in it (shown once on screen), so this email alone cannot revoke or read anything."""
    return Message(CLIENT_CONFIRMATION, "We received your request",
                   _body("Thank you. We received your request.",
                         f"Your reference code is {reference}. Quote it when you contact us.",
                         f"To tell us how it is going (you booked, you have not heard, how it went), go to "
                         f"{app_url}check-in and enter your reference code and the secret shown to you on screen.",
                         f"To take back your permission to share, go to {app_url}revoke with the same codes.",
                         f"Questions: {service.contact()}."))


def consent_link(service: Service, link: str, expires_on: date) -> Message:
    """A one-time link to read and sign a consent that staff prepared with the client."""
    return Message(CONSENT_LINK, "Please review and sign",
                   _body(f"{service.name} has prepared a form for you to review and sign.",
                         f"Open it here (the link works once, until {_day(expires_on)}): {link}",
                         f"Questions: {service.contact()}."))


def provider_link(service: Service, link: str, expires_on: date) -> Message:
    """To the receiving provider's referral contact: a referral is waiting behind a one-time link. Neither
    the client's name nor the reason is in the email; the link shows only what the client agreed to share."""
    return Message(PROVIDER_LINK, f"New referral from {service.name}",
                   _body(f"{service.name} has sent you a referral.",
                         f"Read it and answer (accept, decline, book) here; the link works until "
                         f"{_day(expires_on)}: {link}",
                         f"Questions: {service.contact()}."))


def client_checkin(service: Service, link: str, by_date: date) -> Message:
    """Before or after the expected date: "if you have not heard by …, tell us", with the client's link."""
    return Message(CLIENT_CHECKIN, "Have you heard back?",
                   _body(f"If you have not been contacted by {_day(by_date)}, please tell us.",
                         f"You can tell us, or tell us how it went, here: {link}",
                         f"Or contact {service.contact()}."))


def staff_answer_alert(record_url: str) -> Message:
    """To the team: a provider or the client answered on a referral; the link opens its record (sign-in
    required). Which one answered, and what, is only behind the link."""
    return Message(STAFF_ANSWER_ALERT, "New answer on a referral",
                   _body("There is a new answer on a referral.", f"Open it in the staff workspace: {record_url}"))


BUILDERS = (staff_urgent_alert, client_confirmation, consent_link, provider_link, client_checkin,
            staff_answer_alert)
