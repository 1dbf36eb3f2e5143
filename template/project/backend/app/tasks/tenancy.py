"""Background work keeps the tenant: a task receives the organization (and the
user) explicitly, as arguments, never from ambient state, and does its database
work in `tenant_session`, bound like a request's session: on PostgreSQL,
row-level security shows it that organization's rows alone.

    @celery_app.task(name="reports.build")
    def build_report(tenant_id: str, user_id: str | None = None) -> int:
        return run_sync(count_rows(uuid.UUID(tenant_id)))

    async def count_rows(tenant_id: uuid.UUID) -> int:
        async with tenant_session(tenant_id) as session:
            return len((await session.scalars(select(Campaign))).all())

Send it with the request's tenant: `build_report.delay(str(tenant_id), str(user_id))`.
"""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import session as db_session
from app.db.rls import bind_tenant


@asynccontextmanager
async def tenant_session(tenant_id: uuid.UUID) -> AsyncIterator[AsyncSession]:
    """One transaction for `tenant_id`: commits at the end, rolls back on an error."""
    async with db_session.SessionFactory() as session, session.begin():
        await bind_tenant(session, tenant_id)
        yield session
