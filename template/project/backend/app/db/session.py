"""Async engine and sessions: one transaction per request.

`get_session` commits once the endpoint has returned, or rolls back when it
raised; repositories only flush, so the writes of one request are atomic.
"""

from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.core.config import get_settings


def create_engine(url: str | None = None) -> AsyncEngine:
    return create_async_engine(url or get_settings().database_url, pool_pre_ping=True)


engine = create_engine()
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    """The request's session: its transaction commits at the end, or rolls back on an error."""
    async with SessionFactory() as session, session.begin():
        yield session
