"""Test fixtures: an app client, a fresh database per test, two tenants.

The database is the one DATABASE_URL names: SQLite in memory by default (a new
one per test), or a real server (PostgreSQL), emptied before every test.
"""

import uuid
from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool, StaticPool

import app.models  # noqa: F401  (every model, so that create_all knows every table)
from app.core.config import get_settings
from app.db import session as db_session
from app.db.base import Base
from app.main import create_app
from app.models.tenant import Tenant
from tests.helpers import empty_server_database


def test_engine() -> AsyncEngine:
    url = get_settings().database_url
    if url.startswith("sqlite"):
        return create_async_engine("sqlite+aiosqlite://", poolclass=StaticPool)
    return create_async_engine(url, poolclass=NullPool)


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    engine = test_engine()
    if engine.dialect.name != "sqlite":
        await empty_server_database(engine)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@pytest.fixture
async def session(session_factory) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture
def fastapi_app(session_factory, monkeypatch) -> FastAPI:
    """The app, its requests' sessions (one transaction each, the real
    `get_session`) on the test database. Data a test stores through the
    `session` fixture is seen by requests once that test commits it."""
    monkeypatch.setattr(db_session, "SessionFactory", session_factory)
    return create_app()


@pytest.fixture
async def client(fastapi_app: FastAPI) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=fastapi_app)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def make_tenant(session: AsyncSession, name: str) -> Tenant:
    tenant = Tenant(id=uuid.uuid4(), name=name)
    session.add(tenant)
    await session.commit()
    return tenant


@pytest.fixture
async def tenant_a(session: AsyncSession) -> Tenant:
    return await make_tenant(session, "Tenant A")


@pytest.fixture
async def tenant_b(session: AsyncSession) -> Tenant:
    return await make_tenant(session, "Tenant B")


def tenant_headers(tenant: Tenant) -> dict[str, str]:
    return {get_settings().tenant_header: str(tenant.id)}


@pytest.fixture
def headers_a(tenant_a: Tenant) -> dict[str, str]:
    return tenant_headers(tenant_a)


@pytest.fixture
def headers_b(tenant_b: Tenant) -> dict[str, str]:
    return tenant_headers(tenant_b)
