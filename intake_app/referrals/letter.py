"""The referral letter: only the categories of information the client consented to share, nothing else.

The same sections are printed for the provider and read aloud to the client, so what the client hears is
exactly what the provider receives. A referral a clinician assessed (referrals/assessments.py) adds its
question for the provider to the reason, the treatment so far to the history and the findings to the
assessments, each only where that category was consented to. The letter is signed by the referring clinician.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake_app.accounts.models import User
from intake_app.referrals import assessments
from intake_app.referrals.models import CONTACT_METHODS, HOW_SOON, SHARED_INFORMATION, LetterNotes, Referral

# Staff-written categories: the request form does not collect them, staff add them from their own records.
WRITTEN_BY_STAFF = ("history", "assessments", "substance_use")


@dataclass(frozen=True)
class Section:
    category: str             # a key of SHARED_INFORMATION
    title: str
    lines: list[tuple[str, str]]  # (label, value); empty values are left out


def _filled(lines: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    return [(label, value) for label, value in lines if value]


def _contact_details(referral: Referral, _notes: LetterNotes | None, _answers: dict) -> list[tuple[str, str | None]]:
    return [("Name", referral.client_name), ("Date of birth", referral.date_of_birth),
            ("Preferred contact", CONTACT_METHODS.get(referral.contact_method)), ("Phone", referral.phone),
            ("Email", referral.email), ("Preferred language", referral.preferred_language),
            ("Best times to call", referral.best_times), ("Accessibility needs", referral.accessibility_needs)]


def _reason(referral: Referral, _notes: LetterNotes | None, answers: dict) -> list[tuple[str, str | None]]:
    return [("Our question for you", answers.get("question")),
            ("Reason for referral, in the client's words", referral.reason),
            ("What the client hopes for", referral.hopes), ("How soon", HOW_SOON.get(referral.how_soon)),
            ("Urgency", "The client told us they may be at risk; please contact them promptly."
             if referral.urgent else None)]


def _written(category: str, label: str, assessed: tuple[str, str] | None = None):
    """Staff notes for `category`, and `assessed` = (label, answers key) from the needs assessment, if any."""
    def lines(_referral: Referral, notes: LetterNotes | None, answers: dict) -> list[tuple[str, str | None]]:
        found = [(label, getattr(notes, category) if notes else None)]
        return found + ([(assessed[0], answers.get(assessed[1]))] if assessed else [])
    return lines


# Every key of SHARED_INFORMATION (a test checks it): title in the third person, and where its lines come from.
SECTIONS = {
    "contact_details": ("Name and contact details", _contact_details),
    "reason": ("Reason for referral", _reason),
    "history": ("Relevant history", _written("history", "Relevant history", ("Treatment so far", "treatment"))),
    "assessments": ("Assessments and results", _written("assessments", "Assessments and results",
                                                        ("Findings of the referring clinician", "findings"))),
    "substance_use": ("Substance use treatment records (42 CFR Part 2)",
                      _written("substance_use", "Substance use treatment records")),
}


def letter_sections(referral: Referral, notes: LetterNotes | None, answers: dict | None = None) -> list[Section]:
    """One section per consented category, in the consent form's order; none for anything else.
    `answers`: the referral's needs assessment (NeedsAssessment.answers), when a clinician made one."""
    consented = set(referral.consent.shared_information)
    return [Section(category, SECTIONS[category][0], _filled(SECTIONS[category][1](referral, notes, answers or {})))
            for category in SHARED_INFORMATION if category in consented]


@dataclass(frozen=True)
class Signature:
    """Who refers: the clinician's name, credentials and contact, and where the provider sends reports."""
    name: str
    credentials: str | None
    phone: str | None
    email: str | None
    service: str
    reports_to: str


def signature(clinician, answers: dict | None, *, service: str, service_phone: str, service_email: str) -> Signature:
    """`clinician` is the staff account that chose the provider, or the one sending a public request.
    Reports go where the assessment says, else to the clinician's own contact, else to the service's."""
    phone, email = clinician.contact_phone, clinician.contact_email
    reports_to = ((answers or {}).get("report_to") or ", ".join(filter(None, (email, phone)))
                  or ", ".join(filter(None, (service_email, service_phone))))
    return Signature(clinician.display_name or clinician.username, clinician.credentials, phone, email, service,
                     reports_to)


def compose(session: Session, referral: Referral, *, sender, service: str, service_phone: str,
            service_email: str) -> tuple[list[Section], Signature]:
    """The letter as staff print it and the provider reads it on its link: its sections and who signs. The
    clinician who chose the provider with the client signs; for a public request, `sender` (who sends it)."""
    notes = session.scalar(select(LetterNotes).where(LetterNotes.referral_id == referral.id))
    assessed = assessments.of(session, referral)
    answers = assessed.answers if assessed else None
    clinician = session.get(User, assessed.chosen_by) if assessed and assessed.chosen_by else None
    return letter_sections(referral, notes, answers), signature(
        clinician or sender, answers, service=service, service_phone=service_phone, service_email=service_email)
