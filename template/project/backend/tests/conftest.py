"""Test fixtures: an app client, an empty database per test, two organizations
(tenants) each with a signed-in owner, and a viewer.

The database is SQLite in memory by default, or DATABASE_URL's server
(PostgreSQL; a database per pytest-xdist worker). Its schema is created once
per run; before every test, the tables a test wrote to are emptied and those a
test created are dropped, so a test costs the same whatever the project's size.
On PostgreSQL the app's requests run as a role that owns no table (as in
production), so row-level security holds for them; the `session` fixture is
the owner's, for storing test data.
"""

from collections.abc import AsyncIterator, Callable
from pathlib import Path

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
    MigratedDatabases,
    add_member,
    app_role_engine,
    auth_headers,
    create_server_database,
    empty_server_database,
    grant_app_role,
    make_organization,
    reset_database,
    server_database_url,
    test_engine,
)


@pytest.fixture(scope="session")
async def database() -> AsyncIterator[AsyncEngine]:
    """The test database with every table of the project, created once per run."""
    engine = test_engine()
    if engine.dialect.name != "sqlite":
        await create_server_database(server_database_url())
        await empty_server_database(engine)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    if engine.dialect.name != "sqlite":
        await grant_app_role(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def engine(database: AsyncEngine) -> AsyncEngine:
    """The test database as every test finds it: the schema, and no row."""
    await reset_database(database, Base.metadata)
    return database


@pytest.fixture(scope="session")
def migrated_databases(tmp_path_factory) -> MigratedDatabases:
    return MigratedDatabases(tmp_path_factory.mktemp("revisions"))


@pytest.fixture
def database_at(migrated_databases, tmp_path: Path) -> Callable[[str | None], str]:
    """`database_at(revision)`: the URL of a new database at that revision of the
    history (None: before the first one; "head": the last one), for Alembic."""
    return lambda revision: migrated_databases.at(revision, tmp_path)


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


@pytest.fixture(scope="session")
def application() -> FastAPI:
    """The app, built once per run: building it costs in proportion to the
    project's routes. A test that adds routes takes `new_app` instead."""
    return create_app()


@pytest.fixture
def fastapi_app(application, app_session_factory, monkeypatch) -> FastAPI:
    """The app, its requests' sessions (one transaction each, the real
    `get_session`) on the test database. Data a test stores through the
    `session` fixture is seen by requests once that test commits it."""
    monkeypatch.setattr(db_session, "SessionFactory", app_session_factory)
    return application


@pytest.fixture
def new_app(app_session_factory, monkeypatch) -> FastAPI:
    """An app of the test's own, to add routes to (the shared one stays as built)."""
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
