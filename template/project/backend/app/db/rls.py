"""PostgreSQL row-level security: the second wall behind the repositories' filter.

Every tenant-owned table (a `tenant_id` column) enables and forces RLS with one
policy: a row is visible, and may be written, only when its `tenant_id` is the
transaction's `app.tenant_id` setting. The request's session sets it
(`bind_tenant`, issued again at the start of every transaction), so a query
written without the tenant filter still sees the tenant's rows alone, and a
session bound to no tenant sees none. The app must connect as a role that does
not own the tables and is no superuser (owners and superusers may bypass RLS).
SQLite has no RLS: there, the repositories' filter is the only wall.
"""

import uuid
from typing import Any

from alembic.operations import Operations
from sqlalchemy import MetaData, Table, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

SETTING = "app.tenant_id"
POLICY = "tenant_isolation"
# An unset setting reads as NULL, a reset one as '': both match no row.
CURRENT_TENANT = f"nullif(current_setting('{SETTING}', true), '')::uuid"


def enable_statements(table: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY {POLICY} ON {table} "
        f"USING (tenant_id = {CURRENT_TENANT}) WITH CHECK (tenant_id = {CURRENT_TENANT})",
    ]


def disable_statements(table: str) -> list[str]:
    return [
        f"DROP POLICY IF EXISTS {POLICY} ON {table}",
        f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY",
    ]


def enable(op: Operations, table: str) -> None:
    """In a migration, after creating a tenant-owned table (PostgreSQL only)."""
    if op.get_bind().dialect.name == "postgresql":
        for statement in enable_statements(table):
            op.execute(statement)


def disable(op: Operations, table: str) -> None:
    """In a migration's downgrade, before dropping the table (PostgreSQL only)."""
    if op.get_bind().dialect.name == "postgresql":
        for statement in disable_statements(table):
            op.execute(statement)


def grant_app_role(op: Operations, role: str) -> None:
    """Rows' access (no DDL, no ownership) on the tables migrations create, for the
    role the app connects as; nothing without a role or outside PostgreSQL."""
    if not role or op.get_bind().dialect.name != "postgresql":
        return
    quoted = '"' + role.replace('"', '""') + '"'
    op.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}")
    op.execute(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {quoted}"
    )


def protect_created_tables(metadata: MetaData) -> None:
    """`metadata.create_all` (the tests, the contract test) enables RLS as the
    migrations do, on every tenant-owned table it creates on PostgreSQL."""

    @event.listens_for(metadata, "after_create")
    def _enable(target: MetaData, connection: Connection, **kw: Any) -> None:
        if connection.dialect.name != "postgresql":
            return
        # Only the tables this call created (an existing table keeps its policy).
        tables: list[Table] = list(kw.get("tables", target.tables.values()))
        for table in tables:
            if "tenant_id" in table.columns:
                for statement in enable_statements(table.name):
                    connection.execute(text(statement))


async def bind_tenant(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """The session's transactions, this one and the next ones, see `tenant_id`'s rows."""
    session.sync_session.info[SETTING] = tenant_id
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(select_setting(), {"tenant": str(tenant_id)})


def select_setting() -> Any:
    return text(f"SELECT set_config('{SETTING}', :tenant, true)")


@event.listens_for(Session, "after_begin")
def _set_tenant_on_begin(
    session: Session, transaction: SessionTransaction, connection: Connection
) -> None:
    """SET LOCAL lasts one transaction: every new one of a bound session sets it again."""
    tenant_id = session.info.get(SETTING)
    if tenant_id is not None and connection.dialect.name == "postgresql":
        connection.execute(select_setting(), {"tenant": str(tenant_id)})
