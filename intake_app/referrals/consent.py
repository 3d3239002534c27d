"""The consent: the policy it follows (stated once, in POLICY) and the words of the authorisation a client signs,
versioned, so it can always be shown what was agreed.

The paragraphs are shown on the form exactly as returned here, one <p> each; the stored hash is the SHA-256
of `text(paragraphs)`. Change any wording → bump VERSION.
Elements: HIPAA 45 CFR 164.508(c) (core elements and required statements) and 42 CFR 2.31 (substance use).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from intake_app.infrastructure.directory import months_after

VERSION = "2026-11-22.1"

HELP_CHOOSE_RECIPIENT = ("The service our intake team chooses with you. We will tell you its name and ask you "
                         "again before we share anything with it.")


@dataclass(frozen=True)
class ConsentPolicy:
    """How long a consent lasts and what the client must acknowledge. The form, its default and hint, the text
    the client signs and the completeness check before storing all read this one object, so they cannot drift."""

    default_months: int = 12   # the expiry the form offers
    longest_months: int = 24   # the latest expiry a client may choose, in calendar months from signing
    # Every consent: the right to revoke, no conditions on care, redisclosure (45 CFR 164.508(c)(2)).
    acknowledgements: tuple[str, ...] = ("acknowledged_revocation", "acknowledged_not_conditional",
                                         "acknowledged_redisclosure")
    # Also, when substance use records are shared (42 CFR 2.31): the Part 2 rules.
    substance_use_acknowledgement: str = "acknowledged_substance_use"

    def default_expiry(self, today: date) -> date:
        return months_after(today, self.default_months)

    def latest_expiry(self, signed_on: date) -> date:
        return months_after(signed_on, self.longest_months)

    def expiry_allowed(self, signed_on: date, expires_on: date) -> bool:
        """After the day of signing and at most `longest_months` later (valid through its expiry date)."""
        return signed_on < expires_on <= self.latest_expiry(signed_on)

    @property
    def expiry_hint(self) -> str:
        return (f"{self.default_months} months from today unless you change it; "
                f"at most {self.longest_months} months.")


POLICY = ConsentPolicy()


@dataclass(frozen=True)
class Parties:
    discloser: str   # the referring service
    recipient: str   # the named provider
    contact: str     # how to revoke in writing, besides online


def purpose(recipient: str) -> str:
    return (f"To refer you to {recipient}, so that they can contact you and offer you a service, and so that we "
            "can check with them that you were contacted and whether it helped.")


def paragraphs(parties: Parties) -> list[str]:
    return [
        f"Who shares your information: {parties.discloser} (the referring service).",
        f"Who receives it: {parties.recipient.rstrip('.')}.",
        f"Why: {purpose('that provider')}",
        "What is shared: only the kinds of information you tick below, and nothing else.",
        f"When this permission ends: on the date you choose below. It is {POLICY.default_months} months from today "
        f"unless you change it, and it can be at most {POLICY.longest_months} months. After that date we share "
        "nothing more without asking you again.",
        "You can take back (revoke) this permission at any time, in writing: online with the reference code "
        f"and secret we give you after you send this form, or by writing to {parties.contact}. Taking it back "
        "stops any further sharing; it cannot undo what was already shared.",
        "You do not have to sign this. Your treatment, payment, enrolment or eligibility for services do not "
        "depend on whether you sign.",
        "Once the provider has your information, privacy law may no longer protect it, and the provider could "
        "share it with others.",
        "If you tick substance use records: those records are protected by federal law (42 CFR Part 2). The "
        "provider may not share them again without your written consent unless the law allows it, and they "
        "may not be used in a criminal, civil or administrative investigation or case against you without "
        "your written consent or a court order.",
        "Signing: type your full name. If you sign for someone else, also say how you are related to them and "
        "what gives you the authority to act for them (for example, parent of a child, guardian, or power of "
        "attorney).",
    ]


def text(shown: list[str]) -> str:
    return "\n\n".join(shown)


def sha256(shown_text: str) -> str:
    return hashlib.sha256(shown_text.encode("utf-8")).hexdigest()
