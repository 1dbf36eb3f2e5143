"""Every request has an id: taken from X-Request-ID or made up, sent back, and on its log lines."""

import logging

import pytest
from fastapi import APIRouter, FastAPI

from app.core.logging import FORMAT, RequestIdFilter, configure_logging

router = APIRouter(prefix="/scratch")
logger = logging.getLogger("tests.scratch")


@router.get("/log")
async def log_something() -> dict[str, str]:
    logger.warning("inside the request")
    return {}


@pytest.fixture
def fastapi_app(new_app: FastAPI) -> FastAPI:
    new_app.include_router(router)
    return new_app


async def test_the_request_id_is_sent_back(client):
    response = await client.get("/api/v1/health", headers={"X-Request-ID": "req-42"})
    assert response.headers["X-Request-ID"] == "req-42"


async def test_a_request_without_id_gets_one(client):
    first = await client.get("/api/v1/health")
    second = await client.get("/api/v1/health")
    assert len(first.headers["X-Request-ID"]) == 32
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


async def test_log_records_carry_the_request_id(client, caplog):
    caplog.handler.addFilter(RequestIdFilter())

    with caplog.at_level(logging.WARNING, logger="tests.scratch"):
        await client.get("/scratch/log", headers={"X-Request-ID": "req-7"})

    [record] = [r for r in caplog.records if r.name == "tests.scratch"]
    assert record.request_id == "req-7"
    assert logging.Formatter(FORMAT).format(record).endswith("[req-7] inside the request")


def test_configure_logging_installs_one_handler():
    configure_logging("INFO")
    configure_logging("INFO")
    ours = [h for h in logging.getLogger().handlers if getattr(h, "vectra", False)]
    assert len(ours) == 1
