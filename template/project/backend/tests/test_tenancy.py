"""The tenant comes from the signed-in principal (never from the client's say-so);
repositories never cross tenants, and on PostgreSQL row-level security holds
even for a query that forgets the tenant filter."""

import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import String, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.core.config import get_settings, signing_key
from app.core.roles import Action, Role, allows
from app.core.security import issue_token
from app.db import session as db_session
from app.db.base import IdMixin, TenantMixin, TimestampMixin
from app.db.rls import bind_tenant, enable_statements
from app.repositories.base import TenantRepository
from app.tasks.tenancy import tenant_session
from tests.helpers import APP_ROLE, add_member, auth_headers

URL = "/api/v1/health/tenant"


async def test_request_without_token_is_refused(client):
    response = await client.get(URL)
    assert response.status_code == 401


async def test_tenant_is_the_active_organization_of_the_token(client, tenant_a, headers_a):
    response = await client.get(URL, headers=headers_a)
    assert response.status_code == 200
    assert response.json() == {"tenant_id": str(tenant_a.id)}


async def test_the_tenant_header_is_ignored_without_the_development_setting(
    client, tenant_a, tenant_b, headers_a
):
    spoofed = {**headers_a, "X-Tenant-ID": str(tenant_b.id)}

    assert (await client.get(URL, headers={"X-Tenant-ID": str(tenant_b.id)})).status_code == 401
    assert (await client.get(URL, headers=spoofed)).json() == {"tenant_id": str(tenant_a.id)}


def claims(settings, **changes):
    now = datetime.now(UTC)
    return {
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
        "sub": str(uuid.uuid4()),
        "iat": now,
        "exp": now + timedelta(minutes=5),
        **changes,
    }


def forged_tokens(owner, tenant):
    settings = get_settings()
    mine = claims(settings, sub=str(owner.id), org=str(tenant.id))
    good = jwt.encode(mine, signing_key(settings), algorithm="HS256")
    header, _, signature = good.split(".")
    other = jwt.encode({**mine, "org": str(uuid.uuid4())}, signing_key(settings), "HS256")
    return {
        "none": jwt.encode(mine, None, algorithm="none"),
        "expired": jwt.encode(
            {**mine, "exp": datetime.now(UTC) - timedelta(seconds=1)}, signing_key(settings)
        ),
        "foreign key": jwt.encode(mine, "another-key-of-at-least-32-bytes-long", "HS256"),
        "tampered": f"{header}.{other.split('.')[1]}.{signature}",
        "wrong audience": jwt.encode({**mine, "aud": "elsewhere"}, signing_key(settings)),
        "wrong issuer": jwt.encode({**mine, "iss": "elsewhere"}, signing_key(settings)),
        "no expiry": jwt.encode(
            {k: v for k, v in mine.items() if k != "exp"}, signing_key(settings)
        ),
        "garbage": "not-a-token",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "none",
        "expired",
        "foreign key",
        "tampered",
        "wrong audience",
        "wrong issuer",
        "no expiry",
        "garbage",
    ],
)
async def test_a_bad_token_is_refused(client, owner_a, tenant_a, kind):
    token = forged_tokens(owner_a, tenant_a)[kind]

    response = await client.get(URL, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_a_token_for_an_organization_of_which_the_user_is_no_member_is_forbidden(
    client, owner_a, tenant_b
):
    response = await client.get(URL, headers=auth_headers(owner_a, tenant_b))
    assert response.status_code == 403


async def test_a_token_for_an_unknown_user_is_refused(client, tenant_a):
    token, _ = issue_token(get_settings(), user_id=uuid.uuid4(), organization_id=tenant_a.id)
    response = await client.get(URL, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


async def test_the_development_header_mode_reads_the_tenant_header(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "dev_tenant_header", True)
    tenant = uuid.uuid4()

    assert (await client.get(URL, headers={"X-Tenant-ID": str(tenant)})).json() == {
        "tenant_id": str(tenant)
    }
    assert (await client.get(URL, headers={"X-Tenant-ID": "acme"})).status_code == 400
    assert (await client.get(URL)).status_code == 401


def test_the_roles_table():
    assert [role for role in Role if allows(role, Action.WRITE)] == [
        Role.OWNER,
        Role.ADMIN,
        Role.MEMBER,
    ]
    assert all(allows(role, Action.READ) for role in Role)
    assert [role for role in Role if allows(role, Action.INVITE)] == [Role.OWNER, Role.ADMIN]


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


async def test_row_level_security_holds_without_the_tenant_filter(
    engine, session, app_session, tenant_a, tenant_b
):
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite has no row-level security: the repository's filter alone applies")
    async with engine.begin() as connection:
        await connection.run_sync(ScratchBase.metadata.create_all)
        for statement in enable_statements(Note.__tablename__):
            await connection.execute(text(statement))
        await connection.execute(text(f"GRANT SELECT, INSERT ON scratch_notes TO {APP_ROLE}"))
    mine = await NoteRepository(session, tenant_a.id).create(text="de A")
    await NoteRepository(session, tenant_b.id).create(text="de B")
    await session.commit()

    assert (await app_session.scalars(select(Note))).all() == []  # bound to no tenant
    await app_session.rollback()
    await bind_tenant(app_session, tenant_a.id)
    assert [note.id for note in (await app_session.scalars(select(Note))).all()] == [mine.id]
    app_session.add(Note(tenant_id=tenant_b.id, text="into B"))
    with pytest.raises(Exception, match="row-level security"):
        await app_session.flush()


async def test_a_member_is_added_with_a_role(session, tenant_a):
    viewer = await add_member(session, tenant_a, Role.VIEWER)
    assert viewer.email.endswith("@example.com")


async def test_a_task_works_under_its_tenant_alone(
    engine, session, app_session_factory, monkeypatch, tenant_a, tenant_b
):
    """A background task gets its organization as an argument; on PostgreSQL its
    session sees that organization's rows only, whatever its query forgets."""
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite has no row-level security: the repository's filter alone applies")
    monkeypatch.setattr(db_session, "SessionFactory", app_session_factory)
    async with engine.begin() as connection:
        await connection.run_sync(ScratchBase.metadata.create_all)
        for statement in enable_statements(Note.__tablename__):
            await connection.execute(text(statement))
        await connection.execute(text(f"GRANT SELECT, INSERT ON scratch_notes TO {APP_ROLE}"))
    await NoteRepository(session, tenant_a.id).create(text="de A")
    await NoteRepository(session, tenant_b.id).create(text="de B")
    await session.commit()

    async with tenant_session(tenant_b.id) as task_session:
        assert [note.text for note in await task_session.scalars(select(Note))] == ["de B"]
