"""Declarative base and the mixins every tenant-owned table uses."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db import rls, search
from app.db.types import UTCDateTime

# Stable constraint names, so that migrations name them the same on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# create_all protects tenant-owned tables with row-level security, and creates the
# search's trigram extension, as migrations do.
rls.protect_created_tables(Base.metadata)
search.enable_on_create(Base.metadata)


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class TenantMixin:
    """A row that belongs to one tenant (an organization): TenantRepository filters
    on it, and PostgreSQL's row-level security too (app.db.rls)."""

    tenant_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
