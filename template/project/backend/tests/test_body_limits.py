"""Bounded input: a body over the limit is a JSON 413 before it is read whole
(by its Content-Length, or by counting a chunked body's bytes); a JSON document
nested too deep is a 422; a body within bounds reaches the route unchanged."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI, Request
from httpx import ASGITransport, AsyncClient

from app.core.errors import register_error_handlers
from app.core.limits import BodyLimitMiddleware, json_depth_exceeds
from app.main import create_app

LIMIT = 1000
DEPTH = 8


def limited_app() -> tuple[FastAPI, list[int]]:
    app = FastAPI()
    register_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=LIMIT, max_json_depth=DEPTH)
    seen: list[int] = []

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, Any]:
        body = await request.body()
        seen.append(len(body))
        return {"length": len(body)}

    return app, seen


async def post(app: FastAPI, **kwargs: Any):
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        return await client.post("/echo", **kwargs)


async def test_a_body_within_the_limit_reaches_the_route_whole():
    app, seen = limited_app()

    response = await post(app, content=b"x" * LIMIT)

    assert response.status_code == 200
    assert response.json() == {"length": LIMIT}
    assert seen == [LIMIT]


async def test_a_body_over_the_limit_by_its_length_is_a_json_413_unread():
    app, seen = limited_app()

    response = await post(app, content=b"x" * (LIMIT + 1))

    assert response.status_code == 413
    assert response.json() == {"detail": f"The request body is larger than {LIMIT} bytes"}
    assert seen == []


async def test_a_chunked_body_is_refused_once_its_bytes_pass_the_limit():
    app, seen = limited_app()
    sent: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(100):
            sent.append(1)
            yield b"x" * 100

    response = await post(app, content=chunks())

    assert response.status_code == 413
    assert seen == []
    # Refused at the chunk that passed the limit, not after the 100 chunks.
    assert len(sent) <= LIMIT // 100 + 2


async def test_json_nested_deeper_than_the_limit_is_a_422():
    app, seen = limited_app()
    deep = "[" * (DEPTH + 1) + "]" * (DEPTH + 1)

    response = await post(app, content=deep, headers={"content-type": "application/json"})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["type"] == "json_too_deep"
    assert seen == []


async def test_json_at_the_depth_limit_passes():
    app, seen = limited_app()

    body = "[" * DEPTH + "]" * DEPTH
    response = await post(app, content=body, headers={"content-type": "application/json"})

    assert response.status_code == 200
    assert seen == [2 * DEPTH]


@pytest.mark.parametrize(
    ("body", "deeper"),
    [
        (b'{"a": [1, 2, {"b": 3}]}', False),
        (b'"' + b"[" * 50 + b'"', False),  # brackets inside a string nest nothing
        (b'["\\"[[[[[[[[[[[[[["]', False),  # nor after an escaped quote
        (b"[" * 9 + b"]" * 9, True),
        (b'{"a":' * 9 + b"1" + b"}" * 9, True),
    ],
)
def test_json_depth_counts_arrays_and_objects_only(body, deeper):
    assert json_depth_exceeds(body, DEPTH) is deeper


async def test_the_application_bounds_bodies_by_its_settings(fastapi_app):
    transport = ASGITransport(app=fastapi_app)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/api/v1/health", content=b"x" * (1024 * 1024 + 1))

    assert response.status_code == 413


def test_the_limit_is_a_setting(monkeypatch):
    from app.core.config import get_settings

    monkeypatch.setenv("MAX_BODY_BYTES", "10")
    get_settings.cache_clear()
    try:
        app = create_app()
    finally:
        get_settings.cache_clear()
    [limits] = [m for m in app.user_middleware if m.cls is BodyLimitMiddleware]
    assert limits.kwargs["max_body_bytes"] == 10
