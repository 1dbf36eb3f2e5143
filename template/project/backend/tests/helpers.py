"""Helpers shared by the tests: an LLM double, Alembic on a throwaway database."""

import asyncio
from pathlib import Path

from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app.core.config import get_settings
from app.llm import LLMRequest


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
