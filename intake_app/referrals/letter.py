"""The referral letter: only the categories of information the client consented to share, nothing else.

The same sections are printed for the provider and read aloud to the client, so what the client hears is
exactly what the provider receives.
"""
from __future__ import annotations

from dataclasses import dataclass

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


def _contact_details(referral: Referral, _notes: LetterNotes | None) -> list[tuple[str, str | None]]:
    return [("Name", referral.client_name), ("Date of birth", referral.date_of_birth),
            ("Preferred contact", CONTACT_METHODS.get(referral.contact_method)), ("Phone", referral.phone),
            ("Email", referral.email), ("Preferred language", referral.preferred_language),
            ("Best times to call", referral.best_times), ("Accessibility needs", referral.accessibility_needs)]


def _reason(referral: Referral, _notes: LetterNotes | None) -> list[tuple[str, str | None]]:
    return [("Reason for referral, in the client's words", referral.reason),
            ("What the client hopes for", referral.hopes), ("How soon", HOW_SOON.get(referral.how_soon)),
            ("Urgency", "The client told us they may be at risk; please contact them promptly."
             if referral.urgent else None)]


def _written(category: str, label: str):
    def lines(_referral: Referral, notes: LetterNotes | None) -> list[tuple[str, str | None]]:
        return [(label, getattr(notes, category) if notes else None)]
    return lines


# Every key of SHARED_INFORMATION (a test checks it): title in the third person, and where its lines come from.
SECTIONS = {
    "contact_details": ("Name and contact details", _contact_details),
    "reason": ("Reason for referral", _reason),
    "history": ("Relevant history", _written("history", "Relevant history")),
    "assessments": ("Assessments and results", _written("assessments", "Assessments and results")),
    "substance_use": ("Substance use treatment records (42 CFR Part 2)",
                      _written("substance_use", "Substance use treatment records")),
}


def letter_sections(referral: Referral, notes: LetterNotes | None) -> list[Section]:
    """One section per consented category, in the consent form's order; none for anything else."""
    consented = set(referral.consent.shared_information)
    return [Section(category, SECTIONS[category][0], _filled(SECTIONS[category][1](referral, notes)))
            for category in SHARED_INFORMATION if category in consented]
