"""Async engine and sessions: one transaction per request.

`get_session` commits once the endpoint has returned, or rolls back when it
raised; repositories only flush, so the writes of one request are atomic.

SQLite, the embedded default, is set for concurrent requests: write-ahead
logging (readers do not block the writer), a busy timeout (a writer waits for
the lock instead of failing with "database is locked"), and every transaction
begun IMMEDIATE (it takes the write lock first, so a transaction that read and
then writes cannot fail on a snapshot another writer moved on).
"""

from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.core.config import get_settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Seconds to open a PostgreSQL connection before the request is a 503.
CONNECT_TIMEOUT_SECONDS = 5


@event.listens_for(Engine, "connect")
def enforce_sqlite_foreign_keys(dbapi_connection: Any, connection_record: Any) -> None:
    """SQLite checks foreign keys only when each connection asks: a reference
    to another tenant's row is refused there too, as on PostgreSQL."""
    if "sqlite" in type(dbapi_connection).__module__:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def create_engine(url: str | None = None) -> AsyncEngine:
    url = url or get_settings().database_url
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_async_engine(url, pool_pre_ping=True)
        configure_sqlite(engine)
        return engine
    return create_async_engine(
        url, pool_pre_ping=True, connect_args={"timeout": CONNECT_TIMEOUT_SECONDS}
    )


def configure_sqlite(engine: AsyncEngine) -> None:
    """WAL, a busy timeout and BEGIN IMMEDIATE on every connection of `engine`."""
    in_memory = make_url(str(engine.url)).database in (None, "", ":memory:")

    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, record: Any) -> None:
        # The driver leaves transactions to SQLAlchemy, which begins them below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


engine = create_engine()
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    """The request's session: its transaction commits at the end, or rolls back on an error."""
    async with SessionFactory() as session, session.begin():
        yield session
