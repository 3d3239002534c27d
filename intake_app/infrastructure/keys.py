"""Key rotation: re-encrypting every personal field under the first of ENCRYPTION_KEYS, from the command line.

It works on the tables as stored (`Base.metadata`), so it needs every model module imported: the app does that.
"""
from __future__ import annotations

from cryptography.fernet import InvalidToken
from sqlalchemy import Table, column, select, table, update
from sqlalchemy.orm import Session

from intake_app.infrastructure.crypto import EncryptedText, fernet
from intake_app.infrastructure.db import Base

BATCH = 500


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
