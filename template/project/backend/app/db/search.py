"""The lists' search (`q`, an ILIKE '%...%' over the text fields) served by an index.

A B-tree cannot serve a pattern that starts with '%': without help, a search
that matches few rows reads the whole tenant (1.7 s at a million rows). On
PostgreSQL, each searchable column has a trigram GIN index (the pg_trgm
extension, trusted since PostgreSQL 13: a database owner may create it), which
serves ILIKE whatever the pattern. SQLite has no such index type: there, the
index is a plain one and the search reads the rows.
"""

from typing import Any

from alembic.operations import Operations
from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import Connection

CREATE_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"


def enable(op: Operations) -> None:
    """In a migration, before creating a trigram index (PostgreSQL only)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(CREATE_EXTENSION)


def enable_on_create(metadata: MetaData) -> None:
    """`create_all` (the tests, the contract test) creates the extension first, as migrations do."""

    def create_extension(target: MetaData, connection: Connection, **kw: Any) -> None:
        if connection.dialect.name == "postgresql":
            connection.execute(text(CREATE_EXTENSION))

    event.listen(metadata, "before_create", create_extension)
