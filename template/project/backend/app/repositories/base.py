"""Data access scoped to one tenant: every query filters on `tenant_id`.

Repositories flush, never commit: the request's session commits once (see
app.db.session), so that the writes of one request succeed or fail together.

Concurrent requests on one row: an update of a row another request deleted, and
the second delete of a row, are a NotFoundError (404), never a 500; a row is
deleted once (one 204, then 404).
"""

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar, cast

from sqlalchemy import CursorResult, Select, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlalchemy.orm.exc import StaleDataError

from app.core.errors import NotFoundError


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

    def scoped(self) -> Select[ModelT]:
        return select(self.model).where(self.model.tenant_id == self.tenant_id)

    async def list(self, *, offset: int = 0, limit: int = 20) -> Sequence[ModelT]:
        """One page, in a stable order (creation time, then id), so pages never overlap."""
        order = (self.model.created_at, self.model.id)
        query = self.scoped().order_by(*order).offset(offset).limit(limit)
        return (await self.session.scalars(query)).all()

    async def count(self) -> int:
        query = select(func.count()).select_from(self.scoped().subquery())
        return (await self.session.scalar(query)) or 0

    async def get(self, item_id: uuid.UUID) -> ModelT | None:
        query = self.scoped().where(self.model.id == item_id)
        return (await self.session.scalars(query)).first()

    # Positional-only parameters: a field may be named `item` or `self`.
    async def create(self, /, **values: Any) -> ModelT:
        build: Callable[..., ModelT] = self.model
        item = build(**values, tenant_id=self.tenant_id)
        self.session.add(item)
        await self.session.flush()
        await self.session.refresh(item)
        return item

    def gone(self, item_id: object) -> NotFoundError:
        return NotFoundError(f"{self.model.__name__} {item_id} not found")

    async def update(self, item: ModelT, /, **values: Any) -> ModelT:
        item_id = item.id  # read now: a failed flush expires the item
        for key, value in values.items():
            setattr(item, key, value)
        try:
            await self.session.flush()
        except StaleDataError:  # deleted by another request since it was read
            raise self.gone(item_id) from None
        await self.session.refresh(item)
        return item

    async def delete(self, item: ModelT) -> None:
        """Delete the row, or NotFoundError when another request deleted it first."""
        query = delete(self.model).where(
            self.model.id == item.id, self.model.tenant_id == self.tenant_id
        )
        result = cast(CursorResult[Any], await self.session.execute(query))
        if result.rowcount != 1:
            raise self.gone(item.id)
        if item in self.session:
            self.session.expunge(item)
