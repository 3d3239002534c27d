"""The words of the authorisation a client signs, versioned, so it can always be shown what was agreed.

The paragraphs are shown on the form exactly as returned here, one <p> each; the stored hash is the SHA-256
of `text(paragraphs)`. Change any wording → bump VERSION.
Elements: HIPAA 45 CFR 164.508(c) (core elements and required statements) and 42 CFR 2.31 (substance use).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

VERSION = "2026-11-22.1"

HELP_CHOOSE_RECIPIENT = ("The service our intake team chooses with you. We will tell you its name and ask you "
                         "again before we share anything with it.")


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
        "When this permission ends: on the date you choose below. It is 12 months from today unless you change "
        "it, and it can be at most 24 months. After that date we share nothing more without asking you again.",
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
