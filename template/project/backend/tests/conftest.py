"""Test fixtures: an app client, a fresh database per test, two organizations
(tenants) each with a signed-in owner, and a viewer.

The database is the one DATABASE_URL names: SQLite in memory by default (a new
one per test), or a real server (PostgreSQL), emptied before every test. On
PostgreSQL the app's requests run as a role that owns no table (as in
production), so row-level security holds for them; the `session` fixture is
the owner's, for storing test data.
"""

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)

import app.models  # noqa: F401  (every model, so that create_all knows every table)
from app.core.roles import Role
from app.db import session as db_session
from app.db.base import Base
from app.main import create_app
from app.models.identity import Organization, User
from tests.helpers import (
    add_member,
    app_role_engine,
    auth_headers,
    empty_server_database,
    grant_app_role,
    make_organization,
    test_engine,
)


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    engine = test_engine()
    if engine.dialect.name != "sqlite":
        await empty_server_database(engine)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    if engine.dialect.name != "sqlite":
        await grant_app_role(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def app_engine(engine: AsyncEngine) -> AsyncIterator[AsyncEngine]:
    """The engine the app's requests use: as a role that owns no table on PostgreSQL."""
    if engine.dialect.name == "sqlite":
        yield engine
        return
    app_engine = app_role_engine()
    yield app_engine
    await app_engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@pytest.fixture
def app_session_factory(app_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(app_engine, expire_on_commit=False)


@pytest.fixture
async def session(session_factory) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture
async def app_session(app_session_factory) -> AsyncIterator[AsyncSession]:
    """A session as the app connects (row-level security applies on PostgreSQL)."""
    async with app_session_factory() as session:
        yield session


@pytest.fixture
def fastapi_app(app_session_factory, monkeypatch) -> FastAPI:
    """The app, its requests' sessions (one transaction each, the real
    `get_session`) on the test database. Data a test stores through the
    `session` fixture is seen by requests once that test commits it."""
    monkeypatch.setattr(db_session, "SessionFactory", app_session_factory)
    return create_app()


@pytest.fixture
async def client(fastapi_app: FastAPI) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=fastapi_app)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
async def tenant_a(session: AsyncSession) -> Organization:
    return await make_organization(session, "Organization A")


@pytest.fixture
async def tenant_b(session: AsyncSession) -> Organization:
    return await make_organization(session, "Organization B")


@pytest.fixture
async def owner_a(session: AsyncSession, tenant_a: Organization) -> User:
    return await add_member(session, tenant_a, Role.OWNER, "owner-a@example.com")


@pytest.fixture
async def owner_b(session: AsyncSession, tenant_b: Organization) -> User:
    return await add_member(session, tenant_b, Role.OWNER, "owner-b@example.com")


@pytest.fixture
async def viewer_a(session: AsyncSession, tenant_a: Organization) -> User:
    return await add_member(session, tenant_a, Role.VIEWER, "viewer-a@example.com")


@pytest.fixture
def headers_a(owner_a: User, tenant_a: Organization) -> dict[str, str]:
    """Signed in as organization A's owner, A active."""
    return auth_headers(owner_a, tenant_a)


@pytest.fixture
def headers_b(owner_b: User, tenant_b: Organization) -> dict[str, str]:
    return auth_headers(owner_b, tenant_b)


@pytest.fixture
def viewer_headers_a(viewer_a: User, tenant_a: Organization) -> dict[str, str]:
    """Signed in as a viewer of organization A: reads, never writes."""
    return auth_headers(viewer_a, tenant_a)
