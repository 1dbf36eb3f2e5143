"""Alembic: upgrade to head and back to base; head matches the models."""

import asyncio

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.config import get_settings
from app.db.base import Base


@pytest.fixture
def database_url(tmp_path):
    url = get_settings().database_url
    if url.startswith("sqlite"):
        return f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"
    return url


def alembic_config(url: str) -> Config:
    config = Config("alembic.ini")
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    return config


def tables_and_diff(url: str) -> tuple[set[str], list]:
    async def read():
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
            diff = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
        await engine.dispose()
        return tables, diff

    return asyncio.run(read())


def test_upgrade_head_then_downgrade_base(database_url):
    config = alembic_config(database_url)

    command.upgrade(config, "head")
    tables, diff = tables_and_diff(database_url)
    assert set(Base.metadata.tables) <= tables
    assert diff == []

    command.downgrade(config, "base")
    tables, _ = tables_and_diff(database_url)
    assert tables <= {"alembic_version"}


def test_history_is_linear(database_url):
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(database_url))
    assert len(script.get_heads()) == 1
