"""Logging: one format for the API and the worker, each line with the request id.

The request id comes from the `X-Request-ID` header (or is made up), is sent
back in the response's, and is on every log record written while the request
is served (`%(request_id)s`); outside a request it is "-".
"""

import logging
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar

from fastapi import Request, Response

REQUEST_ID_HEADER = "X-Request-ID"
request_id: ContextVar[str] = ContextVar("request_id", default="-")
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def configure_logging(level: str = "INFO") -> None:
    """The root logger writes to stderr with the request id (idempotent)."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    if any(getattr(handler, "vectra", False) for handler in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.vectra = True  # type: ignore[attr-defined]
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)


async def request_id_middleware(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    value = request.headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex
    token = request_id.set(value[:200])
    try:
        response = await call_next(request)
    finally:
        request_id.reset(token)
    response.headers[REQUEST_ID_HEADER] = value[:200]
    return response
