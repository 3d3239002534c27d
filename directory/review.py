"""Which profiles an editor should re-verify next: the review-due command and the editors' page share this."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from directory.dates import REVIEW_MONTHS, is_review_due, months_before
from directory.model import Profile


def review_cutoff(today: date, months: int = REVIEW_MONTHS) -> date:
    """Profiles last reviewed before this day are due."""
    return months_before(today, months)


def due_for_review(profiles: Iterable[Profile], today: date, months: int = REVIEW_MONTHS) -> list[Profile]:
    """Listed profiles not verified for more than `months`, oldest first: stale phone numbers hurt most there."""
    due = (p for p in profiles if p.listed and is_review_due(p.last_reviewed, today, months))
    return sorted(due, key=lambda p: (p.last_reviewed, p.name.casefold()))


def contact_lines(profile: Profile) -> list[str]:
    """How to reach the provider, one `label value` per line, for the editor who will call them."""
    contact = profile.contact
    return [f"{label} {value}" for label, value in (("phone", contact.phone), ("fax", contact.fax),
                                                     ("email", contact.email), ("website", contact.website)) if value]
