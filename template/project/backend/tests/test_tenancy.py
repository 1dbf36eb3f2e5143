"""The tenant comes from the X-Tenant-ID header; repositories never cross tenants."""

import uuid

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.base import IdMixin, TenantMixin, TimestampMixin
from app.repositories.base import TenantRepository


async def test_request_without_tenant_is_refused(client):
    response = await client.get("/api/v1/health/tenant")
    assert response.status_code == 401
    assert "X-Tenant-ID" in response.json()["detail"]


async def test_malformed_tenant_is_refused(client):
    response = await client.get("/api/v1/health/tenant", headers={"X-Tenant-ID": "acme"})
    assert response.status_code == 400
    assert "UUID" in response.json()["detail"]


async def test_tenant_is_read_from_the_header(client, tenant_a, headers_a):
    response = await client.get("/api/v1/health/tenant", headers=headers_a)
    assert response.status_code == 200
    assert response.json() == {"tenant_id": str(tenant_a.id)}


class ScratchBase(DeclarativeBase):
    """A table for these tests only, outside the application's metadata."""


class Note(IdMixin, TenantMixin, TimestampMixin, ScratchBase):
    __tablename__ = "scratch_notes"

    text: Mapped[str] = mapped_column(String(100))


class NoteRepository(TenantRepository[Note]):
    model = Note


async def test_repository_never_returns_another_tenants_rows(engine, session, tenant_a, tenant_b):
    async with engine.begin() as connection:
        await connection.run_sync(ScratchBase.metadata.create_all)
    notes_a = NoteRepository(session, tenant_a.id)
    notes_b = NoteRepository(session, tenant_b.id)
    note_a = await notes_a.create(text="de A")
    note_b = await notes_b.create(text="de B")

    assert [note.text for note in await notes_a.list()] == ["de A"]
    assert await notes_a.count() == 1
    assert await notes_a.get(note_b.id) is None
    assert (await notes_b.get(note_b.id)).text == "de B"
    assert note_a.tenant_id == tenant_a.id

    await notes_a.update(note_a, text="de A, modifiée")
    assert (await notes_a.get(note_a.id)).text == "de A, modifiée"
    await notes_a.delete(note_a)
    assert await notes_a.list() == []
    assert await notes_b.count() == 1
    assert await NoteRepository(session, uuid.uuid4()).list() == []


async def test_repository_pages_in_creation_order_without_overlap(engine, session, tenant_a):
    async with engine.begin() as connection:
        await connection.run_sync(ScratchBase.metadata.create_all)
    notes = NoteRepository(session, tenant_a.id)
    created = [await notes.create(text=f"note {index}") for index in range(5)]

    pages = [await notes.list(offset=offset, limit=2) for offset in (0, 2, 4)]

    assert [len(page) for page in pages] == [2, 2, 1]
    assert [note.id for page in pages for note in page] == [note.id for note in created]
    assert await notes.list(offset=5, limit=2) == []
