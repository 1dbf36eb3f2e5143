"""Concurrent requests: SQLite's writers wait for each other instead of failing
with "database is locked"; races on one row answer 404, never a 500; a row is
deleted once (one 204, then 404). On the DATABASE_URL database (a SQLite file
by default), through a pooled engine as the application runs."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from fastapi import APIRouter, FastAPI, status
from httpx import ASGITransport, AsyncClient
from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.api.deps import SessionDep, TenantDep, get_tenant_id
from app.core.config import get_settings
from app.core.errors import NotFoundError, register_error_handlers
from app.db import session as db_session
from app.db.base import IdMixin, TenantMixin, TimestampMixin
from app.repositories.base import TenantRepository
from tests.helpers import server_database_url

TENANT = uuid.uuid4()


class ScratchBase(DeclarativeBase):
    pass


class Note(IdMixin, TenantMixin, TimestampMixin, ScratchBase):
    """A tenant-owned table of these tests only."""

    __tablename__ = "scratch_notes"

    text: Mapped[str] = mapped_column(String(50))


class NoteRepository(TenantRepository[Note]):
    model = Note


router = APIRouter(prefix="/notes")


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_note(session: SessionDep, tenant_id: TenantDep) -> dict[str, str]:
    repository = NoteRepository(session, tenant_id)
    # A read, then a write: what makes SQLite writers collide.
    count = await session.scalar(select(func.count()).select_from(Note))
    note = await repository.create(text=f"note {count}")
    return {"id": str(note.id)}


async def found(repository: NoteRepository, note_id: uuid.UUID) -> Note:
    note = await repository.get(note_id)
    if note is None:
        raise NotFoundError(f"note {note_id} not found")
    return note


@router.patch("/{note_id}")
async def update_note(note_id: uuid.UUID, session: SessionDep, tenant_id: TenantDep) -> None:
    repository = NoteRepository(session, tenant_id)
    await repository.update(await found(repository, note_id), text="changed")


@router.delete("/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_note(note_id: uuid.UUID, session: SessionDep, tenant_id: TenantDep) -> None:
    repository = NoteRepository(session, tenant_id)
    await repository.delete(await found(repository, note_id))


@pytest.fixture
async def pooled(engine, tmp_path, monkeypatch) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The application's own engine (a pool; WAL and busy timeout on SQLite) on a
    database file, or on the emptied DATABASE_URL server."""
    if get_settings().database_url.startswith("sqlite"):
        url = f"sqlite+aiosqlite:///{tmp_path / 'concurrency.db'}"
    else:
        url = server_database_url()
    app_engine: AsyncEngine = db_session.create_engine(url)
    async with app_engine.begin() as connection:
        await connection.run_sync(ScratchBase.metadata.create_all)
    factory = async_sessionmaker(app_engine, expire_on_commit=False)
    monkeypatch.setattr(db_session, "SessionFactory", factory)
    yield factory
    await app_engine.dispose()


@pytest.fixture
async def client(pooled) -> AsyncIterator[AsyncClient]:
    app = FastAPI()
    register_error_handlers(app)
    app.include_router(router)
    # The caller's tenant, whatever get_tenant_id checks (a header, a credential).
    app.dependency_overrides[get_tenant_id] = lambda: TENANT
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def create(client: AsyncClient) -> str:
    response = await client.post("/notes")
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_eight_concurrent_writers_all_succeed(client, pooled):
    responses = await asyncio.gather(*(client.post("/notes") for _ in range(8)))

    assert [response.status_code for response in responses] == [201] * 8, [
        response.text for response in responses if response.status_code != 201
    ]
    async with pooled() as session:
        assert await session.scalar(select(func.count()).select_from(Note)) == 8


async def test_concurrent_update_and_delete_of_a_row_answer_404_never_500(client):
    ids = [await create(client) for _ in range(10)]

    pairs = await asyncio.gather(
        *(
            asyncio.gather(
                client.patch(f"/notes/{note_id}"),
                client.delete(f"/notes/{note_id}"),
            )
            for note_id in ids
        )
    )

    for update, delete in pairs:
        assert delete.status_code == 204, delete.text
        assert update.status_code in (200, 404), update.text


async def test_a_row_deleted_twice_at_once_is_deleted_once(client):
    ids = [await create(client) for _ in range(10)]

    pairs = await asyncio.gather(
        *(
            asyncio.gather(
                client.delete(f"/notes/{note_id}"),
                client.delete(f"/notes/{note_id}"),
            )
            for note_id in ids
        )
    )

    for first, second in pairs:
        assert sorted([first.status_code, second.status_code]) == [204, 404]


async def read_then_deleted_elsewhere(pooled, reader: AsyncSession) -> Note:
    """A note `reader` read, then another session deleted (and committed)."""
    async with reader.begin():
        note = await NoteRepository(reader, TENANT).create(text="read")
    async with pooled() as deleter, deleter.begin():
        await NoteRepository(deleter, TENANT).delete(note)
    return note


async def test_an_update_of_a_row_deleted_since_it_was_read_is_not_found(pooled):
    async with pooled() as reader:
        note = await read_then_deleted_elsewhere(pooled, reader)

        async with reader.begin():
            with pytest.raises(NotFoundError):
                await NoteRepository(reader, TENANT).update(note, text="late")


async def test_a_delete_of_a_row_deleted_since_it_was_read_is_not_found(pooled):
    async with pooled() as reader:
        note = await read_then_deleted_elsewhere(pooled, reader)

        async with reader.begin():
            with pytest.raises(NotFoundError):
                await NoteRepository(reader, TENANT).delete(note)
