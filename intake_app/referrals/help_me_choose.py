"""A public "help me choose" request becomes a needs assessment: staff assess with the client, choose the
provider (assessment_views, matching_views) and then ask for consent to it (consent_links)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from intake_app.referrals import assessments, audit
from intake_app.referrals.models import NeedsAssessment, Referral

BEGAN = "began assessment"


def begin_assessment(session: Session, referral: Referral, *, by) -> NeedsAssessment:
    """The referral's assessment, started empty (needs chosen on its first page) if it has none yet."""
    row = assessments.of(session, referral)
    if row is None:
        row = NeedsAssessment(referral_id=referral.id, answers={"assessment": {"needs": []}}, assessed_by=by.id)
        session.add(row)
        audit.record(session, BEGAN, referral.id, by=by)
        session.commit()
    return row
