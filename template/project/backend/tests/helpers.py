"""Helpers shared by the tests: an LLM double, Alembic on a throwaway database,
organizations and signed-in members, the app's database role on PostgreSQL."""

import asyncio
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import event, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool, StaticPool

from app.core.config import get_settings
from app.core.roles import Role
from app.core.security import hash_password, issue_token
from app.llm import LLMRequest
from app.models.identity import Membership, Organization, User

PASSWORD = "correct horse battery staple"
# The role the app's requests use in the tests on PostgreSQL: it owns no table.
APP_ROLE = "vectra_test_app"


class ScriptedLLM:
    """An LLM that answers `reply`, raises `error`, or takes `delay` seconds."""

    def __init__(self, reply: str = "", error: Exception | None = None, delay: float = 0.0):
        self.reply, self.error, self.delay = reply, error, delay
        self.requests: list[LLMRequest] = []

    async def complete(self, request: LLMRequest) -> str:
        self.requests.append(request)
        await asyncio.sleep(self.delay)
        if self.error:
            raise self.error
        return self.reply


async def empty_server_database(engine: AsyncEngine) -> None:
    """Drop everything in a server database (PostgreSQL): a fresh one per test."""
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))


def migration_database_url(tmp_path: Path) -> str:
    """A new SQLite file by default; the DATABASE_URL server, emptied, otherwise."""
    url = get_settings().database_url
    if url.startswith("sqlite"):
        return f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"

    async def empty() -> None:
        engine = create_async_engine(url)
        await empty_server_database(engine)
        await engine.dispose()

    asyncio.run(empty())
    return url


def alembic_config(url: str) -> Config:
    config = Config(str(Path(__file__).resolve().parent.parent / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    return config


def table_names(url: str) -> set[str]:
    async def read() -> set[str]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
        await engine.dispose()
        return names

    return asyncio.run(read())


def current_revision(url: str) -> str | None:
    async def read() -> str | None:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            revision = await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
        await engine.dispose()
        return revision

    return asyncio.run(read())


def test_engine() -> AsyncEngine:
    url = get_settings().database_url
    if url.startswith("sqlite"):
        return create_async_engine("sqlite+aiosqlite://", poolclass=StaticPool)
    return create_async_engine(url, poolclass=NullPool)


async def grant_app_role(engine: AsyncEngine) -> None:
    """As a superuser (who bypasses row-level security), create the app's role and
    grant it the rows; a non-superuser owner is itself subject to the forced RLS."""
    async with engine.begin() as connection:
        superuser = await connection.scalar(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        )
        if not superuser:
            return
        await connection.execute(
            text(
                "DO $$ BEGIN CREATE ROLE " + APP_ROLE + " NOLOGIN NOSUPERUSER NOBYPASSRLS; "
                "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            )
        )
        await connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}"))
        await connection.execute(
            text(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}"
            )
        )


def app_role_engine() -> AsyncEngine:
    """An engine whose connections act as APP_ROLE (SET ROLE), on PostgreSQL."""
    engine = create_async_engine(get_settings().database_url, poolclass=NullPool)

    @event.listens_for(engine.sync_engine, "connect")
    def _as_app_role(dbapi_connection: Any, record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(
            "DO $$ BEGIN IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
            f"THEN SET ROLE {APP_ROLE}; END IF; END $$"
        )
        cursor.close()

    return engine


@cache
def password_hash() -> str:
    """PASSWORD's hash, computed once (Argon2 is slow on purpose)."""
    return hash_password(PASSWORD)


async def make_organization(session: AsyncSession, name: str) -> Organization:
    organization = Organization(id=uuid.uuid4(), name=name)
    session.add(organization)
    await session.commit()
    return organization


async def add_member(
    session: AsyncSession, organization: Organization, role: Role, email: str | None = None
) -> User:
    """A user (password PASSWORD) who is a member of `organization` with `role`."""
    user = User(
        id=uuid.uuid4(),
        email=email or f"{uuid.uuid4().hex[:12]}@example.com",
        name=role.value.title(),
        password_hash=password_hash(),
    )
    session.add(user)
    await session.flush()
    session.add(Membership(user_id=user.id, organization_id=organization.id, role=role.value))
    await session.commit()
    return user


def auth_headers(user: User, organization: Organization) -> dict[str, str]:
    """Signed in as `user`, `organization` active: a bearer token the app signed."""
    token, _ = issue_token(get_settings(), user_id=user.id, organization_id=organization.id)
    return {"Authorization": f"Bearer {token}"}


def row_level_security(url: str, table: str) -> tuple[bool, bool] | None:
    """(enabled, forced) for `table` on PostgreSQL; None on SQLite, which has none."""
    if url.startswith("sqlite"):
        return None

    async def read() -> tuple[bool, bool]:
        engine = create_async_engine(url, poolclass=NullPool)
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    text(
                        "SELECT relrowsecurity, relforcerowsecurity FROM pg_class "
                        "WHERE relname = :table AND relkind = 'r'"
                    ),
                    {"table": table},
                )
            ).one()
        await engine.dispose()
        return bool(row[0]), bool(row[1])

    return asyncio.run(read())
