"""Data access scoped to one tenant: every query filters on `tenant_id`, and
the session is bound to that tenant, so that PostgreSQL's row-level security
(app.db.rls) agrees with the filter.

Repositories flush, never commit: the request's session commits once (see
app.db.session), so that the writes of one request succeed or fail together.

References between tables carry the tenant (a key on (tenant_id, x_id) to the
other table's (tenant_id, id)), so the database refuses a row of another
tenant; before writing, the repository says which field is wrong instead of
letting the database answer with a constraint's name: a reference to no row of
the tenant (ReferenceNotFoundError, a 422), a unique value already taken, or the
deletion of a row a required reference still points at (ConflictError, a 409).
Optional references to a deleted row are set to null.

Concurrent requests on one row: an update of a row another request deleted, and
the second delete of a row, are a NotFoundError (404), never a 500; a row is
deleted once (one 204, then 404).
"""

import operator
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar, cast

from sqlalchemy import (
    CursorResult,
    ForeignKeyConstraint,
    Select,
    Table,
    UniqueConstraint,
    delete,
    exists,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlalchemy.orm.exc import StaleDataError

from app.core.errors import ConflictError, NotFoundError, ReferenceNotFoundError
from app.db.rls import SETTING, bind_tenant


class TenantOwned(Protocol):
    """A model with IdMixin, TenantMixin and TimestampMixin."""

    id: Mapped[uuid.UUID]
    tenant_id: Mapped[uuid.UUID]
    created_at: Mapped[datetime]


ModelT = TypeVar("ModelT", bound=TenantOwned)

OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    ">=": operator.ge,
    "<=": operator.le,
}


class TenantRepository(Generic[ModelT]):
    """Subclass with `model = YourModel` (a model with IdMixin and TenantMixin)."""

    model: type[ModelT]

    def __init__(self, session: AsyncSession, tenant_id: uuid.UUID) -> None:
        self.session = session
        self.tenant_id = tenant_id

    # The text columns a list's `q` searches (case-insensitive), in a subclass.
    searchable: tuple[str, ...] = ()

    async def bind(self) -> None:
        """The session's transactions see this tenant's rows (a no-op once bound)."""
        if self.session.info.get(SETTING) != self.tenant_id:
            await bind_tenant(self.session, self.tenant_id)

    def scoped(self) -> Select[ModelT]:
        return select(self.model).where(self.model.tenant_id == self.tenant_id)

    def matching(
        self, *, search: str | None = None, filters: Iterable[tuple[str, str, Any]] = ()
    ) -> Select[ModelT]:
        """The tenant's rows that match `search` (in any searchable column) and
        every filter (column, operator among == >= <=, value)."""
        query = self.scoped()
        if search and self.searchable:
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", search) + "%"
            columns = [getattr(self.model, name) for name in self.searchable]
            query = query.where(or_(*(column.ilike(pattern, escape="\\") for column in columns)))
        for name, comparison, value in filters:
            column = getattr(self.model, name)
            query = query.where(OPERATORS[comparison](column, value))
        return query

    async def list(
        self,
        *,
        offset: int = 0,
        limit: int = 20,
        sort: str = "created_at",
        search: str | None = None,
        filters: Iterable[tuple[str, str, Any]] = (),
    ) -> Sequence[ModelT]:
        """One page, in a stable order (`sort`, a column, `-` first for descending;
        then id), so pages never overlap. The default order (creation time, then
        id) is served by the (tenant_id, created_at, id) index."""
        await self.bind()
        query = self.matching(search=search, filters=filters)
        query = query.order_by(*self.order(sort)).offset(offset).limit(limit)
        return (await self.session.scalars(query)).all()

    def order(self, sort: str) -> tuple[Any, ...]:
        """`-score` -> score descending, then id descending (nulls last both ways)."""
        descending = sort.startswith("-")
        column = getattr(self.model, sort.removeprefix("-"))
        keys = (column,) if column is self.model.id else (column, self.model.id)
        return tuple((key.desc() if descending else key.asc()).nulls_last() for key in keys)

    async def count(
        self,
        *,
        search: str | None = None,
        filters: Iterable[tuple[str, str, Any]] = (),
        cap: int | None = None,
    ) -> int:
        """How many rows match; with `cap`, counted up to cap + 1 only (an index
        range of at most cap + 1 entries, however large the tenant)."""
        await self.bind()
        query = self.matching(search=search, filters=filters).with_only_columns(self.model.id)
        if cap is not None:
            query = query.limit(cap + 1)
        counted = select(func.count()).select_from(query.subquery())
        return (await self.session.scalar(counted)) or 0

    async def get(self, item_id: uuid.UUID) -> ModelT | None:
        await self.bind()
        query = self.scoped().where(self.model.id == item_id)
        return (await self.session.scalars(query)).first()

    # Positional-only parameters: a field may be named `item` or `self`.
    async def create(self, /, **values: Any) -> ModelT:
        await self.bind()
        await self.check(values)
        build: Callable[..., ModelT] = self.model
        item = build(**values, tenant_id=self.tenant_id)
        self.session.add(item)
        await self.session.flush()
        await self.session.refresh(item)
        return item

    def gone(self, item_id: object) -> NotFoundError:
        return NotFoundError(f"{self.model.__name__} {item_id} not found")

    async def update(self, item: ModelT, /, **values: Any) -> ModelT:
        await self.bind()
        item_id = item.id  # read now: a failed flush expires the item
        await self.check(values, item)
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
        await self.bind()
        await self.release(item)
        query = delete(self.model).where(
            self.model.id == item.id, self.model.tenant_id == self.tenant_id
        )
        result = cast(CursorResult[Any], await self.session.execute(query))
        if result.rowcount != 1:
            raise self.gone(item.id)
        if item in self.session:
            self.session.expunge(item)

    @property
    def table(self) -> Table:
        table: Table = getattr(self.model, "__table__")  # noqa: B009  (a declarative model's)
        return table

    async def check(self, values: dict[str, Any], item: ModelT | None = None) -> None:
        """Refuses, naming the field, a reference to no row of the tenant and a
        unique value another row of the tenant has."""
        for key in tenant_keys(self.table):
            column = key_column(key)
            value = values.get(column)
            if value is None:
                continue
            referred = key.referred_table
            found = exists().where(referred.c.tenant_id == self.tenant_id, referred.c.id == value)
            if not await self.session.scalar(select(found)):
                name = referred.name
                raise ReferenceNotFoundError(column, f"No row of {name} with this id: {value}")
        for unique in tenant_uniques(self.table):
            columns = [column.name for column in unique.columns if column.name != "tenant_id"]
            if not set(columns) & set(values) or any(values.get(name) is None for name in columns):
                continue
            query = self.scoped().where(
                *(getattr(self.model, name) == values[name] for name in columns)
            )
            if item is not None:
                query = query.where(self.model.id != item.id)
            if await self.session.scalar(select(query.exists())):
                field = ", ".join(columns)
                raise ConflictError(
                    f"{field}: another row of {self.table.name} has this {field}",
                    code="unique",
                    field=field,
                )

    async def release(self, item: ModelT) -> None:
        """Before a deletion: refuses it while a required reference points at the
        row (naming who refers to it), and sets the optional ones to null."""
        referring = [
            key for table in self.table.metadata.tables.values() for key in tenant_keys(table)
        ]
        referring = [key for key in referring if key.referred_table is self.table]
        holders = []
        for key in referring:
            table, column = key.table, key.table.c[key_column(key)]
            if column.nullable:
                continue
            where = (table.c.tenant_id == self.tenant_id, column == item.id)
            count = await self.session.scalar(select(func.count()).where(*where))
            if count:
                holders.append(f"{count} row(s) of {table.name} ({column.name})")
        if holders:
            raise ConflictError(
                f"{self.table.name} {item.id} is still referred to by "
                f"{', '.join(holders)}; delete or change them first",
                code="referenced",
            )
        for key in referring:
            table, column = key.table, key.table.c[key_column(key)]
            if column.nullable:
                where = (table.c.tenant_id == self.tenant_id, column == item.id)
                await self.session.execute(update(table).where(*where).values({column.name: None}))


def tenant_keys(table: Table) -> list[ForeignKeyConstraint]:
    """The table's references that carry the tenant: (tenant_id, x_id) -> (tenant_id, id)."""
    return [
        key
        for key in table.foreign_key_constraints
        if len(key.column_keys) == 2 and "tenant_id" in key.column_keys
    ]


def key_column(key: ForeignKeyConstraint) -> str:
    """The referring column of a tenant key (`campaign_id`)."""
    return next(name for name in key.column_keys if name != "tenant_id")


def tenant_uniques(table: Table) -> list[UniqueConstraint]:
    """The table's values unique within a tenant, but its (tenant_id, id)."""
    return [
        constraint
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
        and "tenant_id" in constraint.columns
        and "id" not in constraint.columns
    ]
