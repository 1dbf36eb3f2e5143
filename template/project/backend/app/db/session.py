"""Async engine and sessions: one transaction per request.

`get_session` commits once the endpoint has returned, or rolls back when it
raised; repositories only flush, so the writes of one request are atomic.
"""

from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.core.config import get_settings


@event.listens_for(Engine, "connect")
def enforce_sqlite_foreign_keys(dbapi_connection: Any, connection_record: Any) -> None:
    """SQLite checks foreign keys only when each connection asks: a reference
    to another tenant's row is refused there too, as on PostgreSQL."""
    if "sqlite" in type(dbapi_connection).__module__:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def create_engine(url: str | None = None) -> AsyncEngine:
    return create_async_engine(url or get_settings().database_url, pool_pre_ping=True)


engine = create_engine()
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    """The request's session: its transaction commits at the end, or rolls back on an error."""
    async with SessionFactory() as session, session.begin():
        yield session
