"""Data access scoped to one tenant: every query filters on `tenant_id`, and
the session is bound to that tenant, so that PostgreSQL's row-level security
(app.db.rls) agrees with the filter.

Repositories flush, never commit: the request's session commits once (see
app.db.session), so that the writes of one request succeed or fail together.
"""

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped

from app.db.rls import SETTING, bind_tenant


class TenantOwned(Protocol):
    """A model with IdMixin, TenantMixin and TimestampMixin."""

    id: Mapped[uuid.UUID]
    tenant_id: Mapped[uuid.UUID]
    created_at: Mapped[datetime]


ModelT = TypeVar("ModelT", bound=TenantOwned)


class TenantRepository(Generic[ModelT]):
    """Subclass with `model = YourModel` (a model with IdMixin and TenantMixin)."""

    model: type[ModelT]

    def __init__(self, session: AsyncSession, tenant_id: uuid.UUID) -> None:
        self.session = session
        self.tenant_id = tenant_id

    async def bind(self) -> None:
        """The session's transactions see this tenant's rows (a no-op once bound)."""
        if self.session.info.get(SETTING) != self.tenant_id:
            await bind_tenant(self.session, self.tenant_id)

    def scoped(self) -> Select[ModelT]:
        return select(self.model).where(self.model.tenant_id == self.tenant_id)

    async def list(self, *, offset: int = 0, limit: int = 20) -> Sequence[ModelT]:
        """One page, in a stable order (creation time, then id), so pages never overlap."""
        await self.bind()
        order = (self.model.created_at, self.model.id)
        query = self.scoped().order_by(*order).offset(offset).limit(limit)
        return (await self.session.scalars(query)).all()

    async def count(self) -> int:
        await self.bind()
        query = select(func.count()).select_from(self.scoped().subquery())
        return (await self.session.scalar(query)) or 0

    async def get(self, item_id: uuid.UUID) -> ModelT | None:
        await self.bind()
        query = self.scoped().where(self.model.id == item_id)
        return (await self.session.scalars(query)).first()

    # Positional-only parameters: a field may be named `item` or `self`.
    async def create(self, /, **values: Any) -> ModelT:
        await self.bind()
        build: Callable[..., ModelT] = self.model
        item = build(**values, tenant_id=self.tenant_id)
        self.session.add(item)
        await self.session.flush()
        await self.session.refresh(item)
        return item

    async def update(self, item: ModelT, /, **values: Any) -> ModelT:
        await self.bind()
        for key, value in values.items():
            setattr(item, key, value)
        await self.session.flush()
        await self.session.refresh(item)
        return item

    async def delete(self, item: ModelT) -> None:
        await self.bind()
        await self.session.delete(item)
        await self.session.flush()
