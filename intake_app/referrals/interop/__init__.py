"""A referral as other systems read it: FHIR R4 (task_status.py maps the statuses, fhir_bundle.py builds the
Bundle). Plain data in, plain JSON-ready dicts out: no Flask, no database session."""
