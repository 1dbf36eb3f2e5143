"""One transaction per request: what a request writes is committed when it
succeeds, and nothing of it is when it fails half-way."""

import uuid

import pytest
from fastapi import APIRouter, FastAPI, HTTPException
from sqlalchemy import func, select

from app.api.deps import SessionDep
from app.models.identity import Organization as Tenant

router = APIRouter(prefix="/scratch")


@router.post("/two")
async def write_two(session: SessionDep, fail: bool = False) -> dict[str, bool]:
    session.add(Tenant(id=uuid.uuid4(), name="first"))
    await session.flush()
    session.add(Tenant(id=uuid.uuid4(), name="second"))
    await session.flush()
    if fail:
        raise HTTPException(status_code=409, detail="refused after two writes")
    return {"written": True}


@pytest.fixture
def fastapi_app(new_app: FastAPI) -> FastAPI:
    new_app.include_router(router)
    return new_app


async def tenant_count(session_factory) -> int:
    async with session_factory() as session:
        return (await session.scalar(select(func.count()).select_from(Tenant))) or 0


async def test_a_request_commits_its_writes(client, session_factory):

    response = await client.post("/scratch/two")

    assert response.status_code == 200
    assert await tenant_count(session_factory) == 2


async def test_a_failing_request_writes_nothing(client, session_factory):

    response = await client.post("/scratch/two", params={"fail": True})

    assert response.status_code == 409
    assert await tenant_count(session_factory) == 0
