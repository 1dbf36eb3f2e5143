"""Alembic: one linear history; upgrade to head and back to base; head matches the models."""

import asyncio

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import create_async_engine

from app.db.base import Base
from tests.helpers import alembic_config, migration_database_url, table_names


@pytest.fixture
def database_url(tmp_path):
    return migration_database_url(tmp_path)


def schema_diff(url: str) -> list:
    async def compare() -> list:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
        await engine.dispose()
        return diff

    return asyncio.run(compare())


def test_upgrade_head_then_downgrade_base(database_url):
    config = alembic_config(database_url)

    command.upgrade(config, "head")
    assert set(Base.metadata.tables) <= table_names(database_url)
    assert schema_diff(database_url) == []

    command.downgrade(config, "base")
    assert table_names(database_url) <= {"alembic_version"}


def test_history_is_linear(database_url):
    script = ScriptDirectory.from_config(alembic_config(database_url))
    assert len(script.get_heads()) == 1
