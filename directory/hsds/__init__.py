"""Open Referral HSDS 3.0: export the directory as HSDS JSON and tables, and import HSDS services as drafts.

HSDS is what 211 lines and community information exchanges speak, so a directory that writes and reads
it can feed them and be fed by them instead of being retyped.
"""
