"""Every error answer is JSON of one shape, `{"detail": ...}`; an outage is a
503 with Retry-After, never a plain-text 500; a 422 echoes a short prefix of
the input at most."""

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from kombu.exceptions import OperationalError as BrokerError
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from app.core.errors import (
    INPUT_ECHO_LIMIT,
    RETRY_AFTER_SECONDS,
    ConflictError,
    ServiceUnavailableError,
    register_error_handlers,
)
from app.main import create_app


class PgError(Exception):
    """An asyncpg error as SQLAlchemy's adapter wraps it: it carries a SQLSTATE."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"SQLSTATE {sqlstate}")
        self.sqlstate = sqlstate


def app_raising(error: Exception) -> FastAPI:
    app = FastAPI()
    register_error_handlers(app)

    @app.get("/fail")
    async def fail() -> None:
        raise error

    return app


async def get(app: FastAPI, path: str = "/fail"):
    # raise_app_exceptions=False: a 500 is answered, and Starlette re-raises it to be logged.
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get(path)


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("SELECT 1", {}, Exception("database is locked")),
        DBAPIError("SELECT 1", {}, PgError("40001")),  # serialization failure
        DBAPIError("SELECT 1", {}, PgError("40P01")),  # deadlock
        DBAPIError("SELECT 1", {}, PgError("57P01")),  # the server shutting down
        DBAPIError("SELECT 1", {}, PgError("08006")),  # the connection lost
        ConnectionRefusedError(111, "Connect call failed"),
        PoolTimeoutError("QueuePool limit reached"),
        BrokerError("Error 111 connecting to 127.0.0.1:6379"),
        ServiceUnavailableError("The task queue is unavailable for now"),
    ],
)
async def test_an_outage_is_a_json_503_with_retry_after(error):
    response = await get(app_raising(error))

    assert response.status_code == 503
    assert response.headers["retry-after"] == str(RETRY_AFTER_SECONDS)
    assert response.headers["content-type"] == "application/json"
    assert set(response.json()) == {"detail"}


async def test_a_database_error_that_is_not_an_outage_is_a_json_500():
    error = ProgrammingError("SELEC 1", {}, PgError("42601"))

    response = await get(app_raising(error))

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error"}


async def test_a_file_error_is_a_500_not_an_outage():
    response = await get(app_raising(FileNotFoundError(2, "No such file", "prompt.md")))

    assert response.status_code == 500
    assert "retry-after" not in response.headers


async def test_an_unexpected_error_is_a_json_500_not_plain_text():
    response = await get(app_raising(ZeroDivisionError("boom")))

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"detail": "Internal server error"}
    assert "boom" not in response.text


async def test_unknown_routes_and_methods_answer_json():
    app = create_app()

    missing = await get(app, "/api/v1/nothing-here")
    transport = ASGITransport(app=app)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        wrong_method = await client.delete("/api/v1/health")

    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not Found"}
    assert wrong_method.status_code == 405
    assert wrong_method.json() == {"detail": "Method Not Allowed"}


class Named(BaseModel):
    name: str
    count: int


def validating_app() -> FastAPI:
    app = FastAPI()
    register_error_handlers(app)

    @app.post("/named")
    async def named(data: Named) -> Named:
        return data

    return app


async def post(app: FastAPI, body: object):
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        return await client.post("/named", json=body)


async def test_a_422_echoes_a_short_prefix_of_a_long_input():
    response = await post(validating_app(), {"name": "n", "count": "x" * 100_000})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "count"]
    assert error["input"] == "x" * INPUT_ECHO_LIMIT + "…"
    assert len(response.content) < 1000


async def test_a_422_does_not_echo_a_whole_object():
    response = await post(validating_app(), {"count": 1, "padding": "y" * 100_000})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "name"]
    assert "input" not in error
    assert len(response.content) < 1000


async def test_a_422_keeps_a_short_scalar_input():
    response = await post(validating_app(), {"name": "n", "count": "three"})

    [error] = response.json()["detail"]
    assert error["input"] == "three"
    assert error["type"] == "int_parsing"


async def test_a_database_out_of_reach_is_a_503_on_a_real_request(monkeypatch, free_port):
    from sqlalchemy.ext.asyncio import async_sessionmaker

    from app.db import session as db_session

    unreachable = db_session.create_engine(
        f"postgresql+asyncpg://nobody@127.0.0.1:{free_port}/none"
    )
    monkeypatch.setattr(db_session, "SessionFactory", async_sessionmaker(unreachable))

    response = await get(create_app(), "/api/v1/health")

    assert response.status_code == 503
    assert response.headers["retry-after"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {"detail": "A service the API needs is unreachable for now"}
    await unreachable.dispose()


@pytest.fixture
def free_port() -> int:
    """A loopback port nothing listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_conflict_names_its_kind_and_the_taken_field_for_clients_to_translate():
    message = "email: another row of leads has this email"
    taken = ConflictError(message, code="unique", field="email")

    response = await get(app_raising(taken))

    assert response.status_code == 409
    assert response.json() == {
        "detail": message,
        "code": "unique",
        "field": "email",
    }
    referenced = await get(app_raising(ConflictError("still referred to", code="referenced")))
    assert referenced.json() == {"detail": "still referred to", "code": "referenced"}
