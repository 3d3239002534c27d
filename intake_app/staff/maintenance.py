"""Jobs run from the command line: purging closed referrals, and re-encrypting under a new key."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time, timezone

from cryptography.fernet import InvalidToken
from sqlalchemy import Table, column, delete, func, select, table, update
from sqlalchemy.orm import Session

from intake_app import audit
from intake_app.crypto import EncryptedText, fernet
from intake_app.db import Base
from intake_app.models import Referral, StatusEvent
from intake_app.staff.models import PurgedReferral
from intake_app.staff.report import live_facts
from intake_app.workflow import FINAL

BATCH = 500


def closed_before(session: Session, day: date) -> list[int]:
    """Referrals in a final status whose last change happened before `day` (UTC)."""
    cutoff = datetime.combine(day, time.min, tzinfo=timezone.utc)
    last_change = (select(StatusEvent.referral_id, func.max(StatusEvent.at).label("at"))
                   .group_by(StatusEvent.referral_id).subquery())
    return list(session.scalars(
        select(Referral.id).join(last_change, last_change.c.referral_id == Referral.id)
        .where(Referral.status.in_([s.value for s in FINAL]), last_change.c.at < cutoff).order_by(Referral.id)))


def purge(session: Session, day: date) -> int:
    """Deletes closed referrals with all their personal data; keeps one anonymous row each for the report."""
    ids = closed_before(session, day)
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")  # overwrite, not just unlink, the pages
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        for _id, facts in live_facts(session, Referral.id.in_(chunk)):
            session.add(PurgedReferral(**asdict(facts)))
        for referral_id in chunk:
            audit.record(session, audit.PURGED, referral_id, username="purge")
        # Consents, history, outcomes and letter notes go with it (ON DELETE CASCADE).
        session.execute(delete(Referral).where(Referral.id.in_(chunk)))
        session.commit()
    return len(ids)


def encrypted_columns() -> list[tuple[Table, list[str]]]:
    """Every EncryptedText column, EncryptedJSON and EncryptedBoolean (its subclasses) included."""
    found = []
    for table_ in Base.metadata.sorted_tables:
        names = [c.name for c in table_.columns if isinstance(c.type, EncryptedText)]
        if names:
            found.append((table_, names))
    return found


class UnreadableRow(RuntimeError):
    pass


def rotate_keys(session: Session) -> int:
    """Re-encrypts every personal field with the first of ENCRYPTION_KEYS; returns the number of values.

    Works on the raw tokens (no decoding to text in between), one batch per transaction, so it can be
    stopped and run again: a token already under the first key is simply re-encrypted.
    """
    keys = fernet()
    count = 0
    for mapped, names in encrypted_columns():
        raw = table(mapped.name, column("id"), *(column(n) for n in names))  # untyped: tokens stay tokens
        last_id = 0
        while True:
            rows = session.execute(select(raw).where(raw.c.id > last_id).order_by(raw.c.id).limit(BATCH)).all()
            if not rows:
                break
            for row in rows:
                try:
                    values = {n: keys.rotate(getattr(row, n).encode("ascii")).decode("ascii")
                              for n in names if getattr(row, n) is not None}
                except InvalidToken:
                    session.rollback()
                    raise UnreadableRow(f"{mapped.name} row {row.id} was encrypted with a key that is not in "
                                        "ENCRYPTION_KEYS; add that key back (after the new one) and run "
                                        "rotate-keys again. Rows before it are already rotated.") from None
                if values:
                    session.execute(update(raw).where(raw.c.id == row.id).values(**values))
                    count += len(values)
            session.commit()
            last_id = rows[-1].id
    return count
