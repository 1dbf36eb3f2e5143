"""The lists' search (`q`, an ILIKE '%...%' over the text fields) served by an index.

A B-tree cannot serve a pattern that starts with '%': without help, a search
that matches few rows reads the whole tenant (1.6 s at a million rows). On
PostgreSQL, each searchable column has a trigram GIN index (the pg_trgm
extension, trusted since PostgreSQL 13: a database owner may create it), which
serves ILIKE whatever the pattern. SQLite has no such index type: there, the
index is a plain one and the search reads the rows.

Under row-level security (app.db.rls), PostgreSQL uses an index for a condition
only when its function is LEAKPROOF, and ILIKE's (`texticlike`) is not marked
so, although it raises errors on the pattern alone, never on a row's value. A
superuser's migration marks it (once for the whole server); without superuser
rights, the search works the same, unindexed (docs/benchmarks.md has both).
"""

from typing import Any

from alembic.operations import Operations
from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import Connection

CREATE_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"
IS_SUPERUSER = "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
LEAKPROOF_ILIKE = "ALTER FUNCTION texticlike(text, text) LEAKPROOF"


def prepare(connection: Connection) -> None:
    """The extension, and ILIKE usable by an index under row-level security (PostgreSQL)."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(text(CREATE_EXTENSION))
    if connection.execute(text(IS_SUPERUSER)).scalar():
        connection.execute(text(LEAKPROOF_ILIKE))


def enable(op: Operations) -> None:
    """In a migration, before creating a trigram index."""
    prepare(op.get_bind())


def enable_on_create(metadata: MetaData) -> None:
    """`create_all` (the tests, the contract test) prepares the search first, as migrations do."""

    def prepare_search(target: MetaData, connection: Connection, **kw: Any) -> None:
        prepare(connection)

    event.listen(metadata, "before_create", prepare_search)
