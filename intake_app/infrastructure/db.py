"""Database engine and sessions, one engine per app.

How a blueprint uses the database:

    from intake_app.infrastructure.db import get_session
    session = get_session()          # one Session per app context (request or CLI command)
    with session.begin():            # or session.commit() yourself; teardown closes (and rolls back) it
        session.add(thing)

Models subclass `Base`; migrations live in `infrastructure/migrations` (see `migrate.py`).

SQLite: WAL lets readers work while one writer writes; busy_timeout is set before anything else so a
second writer waits instead of failing with "database is locked". In a transaction that READS before it
WRITES, SQLite cannot wait for a concurrent writer (it raises at once), so write paths that must not fail
should write first, or keep reads outside the write transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy import DateTime, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from intake_app.infrastructure.config import normalise_database_url

SQLITE_BUSY_TIMEOUT_MS = 10_000


class Base(DeclarativeBase):
    pass


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in Python on every database (SQLite would otherwise drop the time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("store aware datetimes (use intake_app.infrastructure.db.utcnow())")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")  # first: the others may need to wait
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")  # an acknowledged submission survives a power cut
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    url = normalise_database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["intake_db"] = Database(engine, sessionmaker(engine, expire_on_commit=False))
    app.teardown_appcontext(_close_session)


def database(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["intake_db"]


def get_session() -> Session:
    if "db_session" not in g:
        g.db_session = database().sessions()
    return g.db_session


def _close_session(_exception) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
