"""A referral a clinician starts: the client, the needs assessment, and the provider chosen with the client.

No Flask here: the staff views hand over plain values and say who acted, as moves.py does. What is stored:
`NeedsAssessment.answers` (encrypted JSON) holds
    assessment   directory.assessment.Assessment.as_dict(): needs, primary, how soon, preferences
    words, hopes {need id: the client's own words for it, what they feel would help}
    at_risk      the safety answer (True/False), or None where it was not asked (no mental-health or crisis need)
    findings, treatment   the practitioner's findings and the treatment so far (physical-health needs)
    question     what the clinician wants the provider to do or answer
    report_to    where the provider should send reports (None: the clinician's own contact)
and `NeedsAssessment.choice` the provider chosen, those compared and those shown. The referral's own reason,
hopes, how soon and urgency are filled from them, so the queue, record and letter read them as for any request.
A referral started here has no consent until the client signs one for the chosen provider.
"""
from __future__ import annotations

import secrets
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake_app.referrals import audit, codes
from intake_app.referrals.models import RECEIVED, NeedsAssessment, Referral, StatusEvent

STARTED, ASSESSED, CHOSE = "started referral", "assessed needs", "chose provider"
CRISIS_NEED = "crisis"
# Health-care disciplines whose referrals carry the practitioner's findings and the treatment so far. The
# taxonomy marks mental-health categories (`mental_health: true`), not physical ones, so they are named here.
PHYSICAL_CATEGORIES = frozenset({"primary-care", "physiotherapy", "chiropractic", "massage-therapy",
                                 "occupational-therapy"})
# directory.assessment.HOW_SOON → the referral's own how-soon keys (models.HOW_SOON), which the queue shows.
REFERRAL_HOW_SOON = {"urgent": "urgent", "days": "weeks", "weeks": "weeks", "months": "months", "unsure": "unsure"}
MAX_COMPARED = 3


def safety_needs(taxonomy) -> frozenset[str]:
    """Needs where the clinician asks the safety question: the crisis need, and every need served by a
    category the taxonomy marks `mental_health`."""
    mental = taxonomy.mental_health_categories
    return frozenset(n.id for n in taxonomy.needs.values() if n.id == CRISIS_NEED or mental & set(n.categories))


def physical_needs(taxonomy) -> frozenset[str]:
    """Needs served only by physical-health disciplines: these referrals carry findings and treatment so far."""
    return frozenset(n.id for n in taxonomy.needs.values()
                     if n.categories and set(n.categories) <= PHYSICAL_CATEGORIES)


def asks_safety(needs, taxonomy) -> bool:
    return bool(safety_needs(taxonomy) & set(needs))


def asks_findings(needs, taxonomy) -> bool:
    return bool(physical_needs(taxonomy) & set(needs))


def of(session: Session, referral: Referral) -> NeedsAssessment | None:
    return session.scalar(select(NeedsAssessment).where(NeedsAssessment.referral_id == referral.id))


def start(session: Session, *, client_name: str, contact_method: str, phone: str | None, email: str | None,
          date_of_birth: date | None, needs: list[str], labels: dict[str, str], by, today: date,
          processing_days: int) -> Referral:
    """Stores the client and their needs as a new referral (no provider, no consent yet) and commits."""
    referral = Referral(
        submission_key=secrets.token_hex(16), revocation_secret_hash=codes.hash_secret(codes.new_secret()),
        provider_slug=None, provider_name=None, urgent=False, how_soon="unsure",
        expected_contact_date=today + timedelta(days=processing_days), client_name=client_name,
        date_of_birth=date_of_birth.isoformat() if date_of_birth else None, contact_method=contact_method,
        phone=phone, email=email, reason=_needs_line(needs, labels), status=RECEIVED)
    for _ in range(5):  # a random reference may collide: draw again
        referral.reference = codes.new_reference()
        if session.scalar(select(Referral.id).where(Referral.reference == referral.reference)) is None:
            break
    referral.events = [StatusEvent(status=RECEIVED, by_user_id=by.id,
                                   note="Started by staff for a needs assessment with the client")]
    session.add(referral)
    session.flush()
    session.add(NeedsAssessment(referral_id=referral.id, answers={"assessment": {"needs": list(needs)}},
                                assessed_by=by.id))
    audit.record(session, STARTED, referral.id, by=by)
    session.commit()
    return referral


def _needs_line(needs, labels: dict[str, str]) -> str:
    return "Needs assessed with the clinician: " + ", ".join(labels.get(n, n) for n in needs) + "."


def save(session: Session, referral: Referral, row: NeedsAssessment, answers: dict, *, labels: dict[str, str],
         by) -> None:
    """Stores the assessment's answers and fills the referral's reason, hopes, how soon and urgency from them."""
    needs = answers["assessment"]["needs"]
    row.answers, row.assessed_by = answers, by.id
    referral.reason = "\n".join([_needs_line(needs, labels)] + [
        f"{labels.get(n, n)}: {answers['words'][n]}" for n in needs if answers["words"].get(n)])
    referral.hopes = "\n".join(f"{labels.get(n, n)}: {answers['hopes'][n]}" for n in needs
                               if answers["hopes"].get(n)) or None
    how_soon = answers["assessment"].get("how_soon", "unsure")
    referral.how_soon = REFERRAL_HOW_SOON.get(how_soon, "unsure")
    referral.urgent = how_soon == "urgent" or answers.get("at_risk") is True
    audit.record(session, ASSESSED, referral.id, by=by)
    session.commit()


def choose(session: Session, referral: Referral, row: NeedsAssessment, *, chosen, compared: list, shown: list,
           by, now) -> None:
    """Records the provider chosen with the client and the alternatives considered; sets it on the referral.

    `chosen` is a directory Profile; `compared` and `shown` are Profiles too. The audit line names no provider
    (its detail is plain text); the status-history note, encrypted, does."""
    others = [p for p in compared if p.slug != chosen.slug]
    row.choice = {"chosen": chosen.slug, "compared": [p.slug for p in compared], "shown": [p.slug for p in shown]}
    row.chosen_by, row.chosen_at = by.id, now
    referral.provider_slug, referral.provider_name = chosen.slug, chosen.name
    note = f"Chose {chosen.name} with the client"
    note += f"; also considered {', '.join(p.name for p in others)}." if others else "."
    session.add(StatusEvent(referral_id=referral.id, status=referral.status, by_user_id=by.id, note=note))
    audit.record(session, CHOSE, referral.id, by=by)
    session.commit()
