"""Points in time keep their instant and come back aware, in UTC, on SQLite as on PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.base import IdMixin
from app.db.types import UTCDateTime

PLUS_FIVE = timezone(timedelta(hours=5))


class ScratchBase(DeclarativeBase):
    """A table for these tests only, outside the application's metadata."""


class Meeting(IdMixin, ScratchBase):
    __tablename__ = "scratch_meetings"

    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


async def stored_and_read_back(engine, session_factory, **values) -> Meeting:
    async with engine.begin() as connection:
        await connection.run_sync(ScratchBase.metadata.create_all)
    async with session_factory() as session, session.begin():
        meeting = Meeting(**values)
        session.add(meeting)
    async with session_factory() as session:
        return (await session.scalars(select(Meeting).where(Meeting.id == meeting.id))).one()


async def test_an_offset_is_kept_as_the_same_instant_in_utc(engine, session_factory):
    starts_at = datetime(2026, 1, 15, 9, 30, tzinfo=PLUS_FIVE)

    meeting = await stored_and_read_back(engine, session_factory, starts_at=starts_at)

    assert meeting.starts_at == starts_at
    assert meeting.starts_at.tzinfo is UTC
    assert meeting.starts_at.isoformat() == "2026-01-15T04:30:00+00:00"


async def test_a_naive_value_is_taken_as_utc_and_null_stays_null(engine, session_factory):
    meeting = await stored_and_read_back(
        engine, session_factory, starts_at=datetime(2026, 1, 15, 9, 30), ends_at=None
    )

    assert meeting.starts_at == datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
    assert meeting.ends_at is None


async def test_timestamps_of_a_row_are_aware(session, tenant_a):
    assert tenant_a.created_at.tzinfo is not None
    await session.refresh(tenant_a)
    assert tenant_a.created_at.tzinfo is UTC


def test_the_column_type_says_it_holds_datetimes():
    assert UTCDateTime().python_type is datetime
