"""The referral domain: what is stored (models), the consent and its policy, the status workflow, submissions,
reference codes, the audit log, and the staff's work on a referral (moves, queue, follow-up, letter, report,
purge).

No Flask request objects here: callers pass the database session, the day and who acted, so each piece works
the same from a view, a command or a test. Encrypted columns and the blind index need the app's keys, through
the infrastructure (an app context).
"""
