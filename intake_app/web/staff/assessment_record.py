"""What the record page shows of a referral's needs assessment and choice (assessment_views.py edits them)."""
from __future__ import annotations

from flask import url_for

from intake_app.infrastructure.directory import ASSESSMENT_HOW_SOON, catalog, language_names
from intake_app.referrals import assessments
from intake_app.web.staff.matching_views import consent_endpoint


def assessment_context(session, referral) -> dict:
    """Template values for staff/_assessment.html; all None for a request without an assessment."""
    row = assessments.of(session, referral)
    endpoint = consent_endpoint()
    consent_url = url_for(endpoint, referral_id=referral.id) if endpoint and referral.provider_slug else None
    if row is None:
        return {"assessment": None, "consent_url": consent_url}
    taxonomy = catalog().taxonomy
    answers = row.answers
    stored = answers.get("assessment", {})
    names = {slug: (catalog().get(slug).name if catalog().get(slug) else slug)
             for slug in (row.choice or {}).get("compared", [])}
    return {"assessment": row, "answers": answers, "stored": stored, "consent_url": consent_url,
            "need_labels": {n.id: n.label for n in taxonomy.needs.values()},
            "how_soon_labels": {k: label for k, (label, _days) in ASSESSMENT_HOW_SOON.items()},
            "language_names": language_names(), "taxonomy": taxonomy, "compared_names": names,
            "assessed": "how_soon" in stored}
