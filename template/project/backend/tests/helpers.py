"""Helpers shared by the tests: the test databases (the schema made once, emptied
between tests), an LLM double, Alembic on a throwaway database, organizations and
signed-in members, the app's database role on PostgreSQL."""

import asyncio
import os
import shutil
import sqlite3
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, event, inspect, text
from sqlalchemy.engine import make_url
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


def server_database_url(purpose: str = "") -> str:
    """DATABASE_URL's server database for this test process: one per pytest-xdist
    worker, and one per `purpose` beside the tests' own (the migrations')."""
    url = make_url(get_settings().database_url)
    suffix = "_".join(part for part in (purpose, os.environ.get("PYTEST_XDIST_WORKER", "")) if part)
    if suffix:
        url = url.set(database=f"{url.database}_{suffix}")
    return url.render_as_string(hide_password=False)


async def create_server_database(url: str) -> None:
    """Create `url`'s database on its server if it does not exist yet."""
    target = make_url(url)
    server = create_async_engine(
        target.set(database="postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT"
    )
    async with server.connect() as connection:
        exists = await connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
        )
        if not exists:
            await connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    await server.dispose()


async def empty_server_database(engine: AsyncEngine) -> None:
    """Drop everything in a server database (PostgreSQL)."""
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))


async def reset_database(engine: AsyncEngine, metadata: MetaData) -> None:
    """Bring the test database back to the schema alone: empty the tables a test
    wrote to, drop the tables a test created. One query finds them, so a test
    costs the same whatever the number of tables."""
    sqlite = engine.dialect.name == "sqlite"
    quote = engine.dialect.identifier_preparer.quote
    async with engine.begin() as connection:
        if not sqlite:
            # A session a test left open must fail the next test, not hang it.
            await connection.execute(text("SET LOCAL lock_timeout = '10s'"))
        names = (
            await connection.scalars(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                    if sqlite
                    else "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                )
            )
        ).all()
        cascade = "" if sqlite else " CASCADE"
        for name in names:
            if name not in metadata.tables:
                await connection.execute(text(f"DROP TABLE {quote(name)}{cascade}"))
        owned = [name for name in names if name in metadata.tables]
        if not owned:
            return
        probe = " UNION ALL ".join(
            f"SELECT :t{index} WHERE EXISTS (SELECT 1 FROM {quote(name)})"
            for index, name in enumerate(owned)
        )
        written = (
            await connection.scalars(
                text(probe), {f"t{index}": name for index, name in enumerate(owned)}
            )
        ).all()
        if sqlite:
            # Referring rows first: SQLite checks each row's foreign keys.
            for table in reversed(metadata.sorted_tables):
                if table.name in written:
                    await connection.execute(text(f"DELETE FROM {quote(table.name)}"))
        elif written:
            await connection.execute(
                text(f"TRUNCATE {', '.join(quote(name) for name in written)} CASCADE")
            )


def migration_database_url(tmp_path: Path) -> str:
    """An empty database for Alembic: a new SQLite file by default; on a server, a
    database of the migrations' own (the tests' one keeps its schema), emptied."""
    if get_settings().database_url.startswith("sqlite"):
        return f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"
    url = server_database_url("migrations")

    async def empty() -> None:
        await create_server_database(url)
        engine = create_async_engine(url, poolclass=NullPool)
        await empty_server_database(engine)
        await engine.dispose()

    asyncio.run(empty())
    return url


def alembic_config(url: str) -> Config:
    config = Config(str(Path(__file__).resolve().parent.parent / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    return config


@cache
def script_directory() -> ScriptDirectory:
    """The project's migration history, read once."""
    return ScriptDirectory.from_config(alembic_config(""))


class MigratedDatabases:
    """New databases at a revision of the history (None: before the first one).

    On SQLite, a copy of the file that one walk up the history, made at the first
    request, left at that revision: a unit's migration test then runs its own
    step alone, whatever its place in a long history. On a server, the
    migrations' database, emptied and upgraded to the revision."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str | None, Path] = {}

    def at(self, revision: str | None, tmp_path: Path) -> str:
        url = migration_database_url(tmp_path)
        if not url.startswith("sqlite"):
            if revision:
                command.upgrade(alembic_config(url), revision)
            return url
        if not self.files:
            self.walk_up_the_history()
        shutil.copyfile(self.files[revision], tmp_path / "migrations.db")
        return url

    def walk_up_the_history(self) -> None:
        work = self.folder / "walk.db"
        sqlite3.connect(work).close()
        self.files[None] = shutil.copyfile(work, self.folder / "base.db")
        config = alembic_config(f"sqlite+aiosqlite:///{work}")
        for script in reversed(list(script_directory().walk_revisions())):
            command.upgrade(config, script.revision)
            self.files[script.revision] = shutil.copyfile(
                work, self.folder / f"{script.revision}.db"
            )
        self.files["head"] = self.files[script_directory().get_current_head()]


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
    """SQLite in memory by default (one connection, so one database), else this
    process's database on DATABASE_URL's server."""
    if get_settings().database_url.startswith("sqlite"):
        return create_async_engine("sqlite+aiosqlite://", poolclass=StaticPool)
    return create_async_engine(server_database_url(), poolclass=NullPool)


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
    engine = create_async_engine(server_database_url(), poolclass=NullPool)

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
