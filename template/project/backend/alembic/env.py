"""Alembic environment, async: migrations run through the application's engine URL."""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

import app.models  # noqa: F401  (imports every model, by convention)
from app.core.config import get_settings
from app.db.base import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name)

target_metadata = Base.metadata


def database_url() -> str:
    """As the tables' owner: MIGRATION_DATABASE_URL when set (the app itself connects
    through DATABASE_URL as a role that owns nothing: row-level security holds for it)."""
    settings = get_settings()
    return (
        config.get_main_option("sqlalchemy.url")
        or settings.migration_database_url
        or settings.database_url
    )


def configure(connection: Connection | None = None) -> None:
    url = database_url()
    context.configure(
        connection=connection,
        url=None if connection is not None else url,
        target_metadata=target_metadata,
        literal_binds=connection is None,
        render_as_batch=url.startswith("sqlite"),  # SQLite alters tables by copy
        compare_type=True,
    )


def run_migrations_offline() -> None:
    configure()
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection: Connection) -> None:
    configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    engine = create_async_engine(database_url())
    async with engine.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online())
