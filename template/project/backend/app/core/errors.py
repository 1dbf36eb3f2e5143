"""Errors turned into HTTP answers in one place, and the error responses the
OpenAPI document declares.

Every error answer is JSON with one shape, `{"detail": ...}`: a message for
every status (400, 401, 404, 405, 409, 413, 500, 503; a 409 of a ConflictError
adds its `code` and `field`), and for 422 FastAPI's
list of field errors, `{"detail": [{"loc": [...], "msg": ..., "type": ...}]}`,
whose `input` is at most a short prefix of what was sent. No answer is plain text:
an unexpected error is a JSON 500 (logged with its traceback).

An outage is a 503 with `Retry-After`, never a 500: the database unreachable,
restarting or refusing a transaction it could not serialize (a retry succeeds),
SQLite busy, the task broker unreachable.
"""

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from kombu.exceptions import OperationalError as BrokerError
from pydantic import BaseModel
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

logger = logging.getLogger(__name__)

# Seconds a client waits before retrying after a 503.
RETRY_AFTER_SECONDS = 5
# The longest part of a rejected input a 422 echoes back.
INPUT_ECHO_LIMIT = 64
# SQLSTATEs that a retry may not meet again: serialization failure, deadlock,
# lock not available, server shutting down or starting, too many connections.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03", "57P01", "57P02", "57P03", "53300"})
# OSErrors that are not a service out of reach.
FILE_ERRORS = (FileNotFoundError, FileExistsError, PermissionError, IsADirectoryError)


class NotFoundError(Exception):
    """The resource does not exist for the caller's tenant (another tenant's is not found too)."""


class ConflictError(Exception):
    """The change conflicts with stored data: a unique field's value is taken, or
    a row still referred to would be deleted. The message names the field or
    what refers to it; the answer also carries a `code` (`unique`, `referenced`)
    and, for a taken value, the `field`, for clients to say it in their language."""

    def __init__(self, message: str, *, code: str = "conflict", field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.field = field


class ReferenceNotFoundError(Exception):
    """A reference names no row of the caller's tenant: a 422 on that field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ServiceUnavailableError(Exception):
    """A service the request needs (database, task broker) cannot serve it now: a 503."""


class ErrorMessage(BaseModel):
    """An error answered with one message."""

    detail: str


class ConflictMessage(ErrorMessage):
    """A 409: the message, what kind of conflict (`unique`, `referenced`), and the
    field whose value is taken (`unique`)."""

    code: str | None = None
    field: str | None = None


def error_response(description: str, model: type[BaseModel] = ErrorMessage) -> dict[str, Any]:
    return {"model": model, "description": description}


# The tenant dependency's answers, on every tenant-scoped route (app.api.deps):
# 401 not signed in or a bad token, 403 a role that may not (or no membership),
# 400 a malformed tenant header (DEV_TENANT_HEADER mode only).
TENANT_ERRORS: dict[int | str, dict[str, Any]] = {
    status.HTTP_400_BAD_REQUEST: error_response("The development tenant header is not a UUID"),
    status.HTTP_401_UNAUTHORIZED: error_response("Not signed in, or a bad or expired token"),
    status.HTTP_403_FORBIDDEN: error_response("The caller's role may not do this"),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    status.HTTP_404_NOT_FOUND: error_response("Not found for this tenant"),
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    status.HTTP_409_CONFLICT: error_response("Conflicts with stored data", ConflictMessage),
}
UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    status.HTTP_503_SERVICE_UNAVAILABLE: error_response(
        "A service is unavailable for now: retry after Retry-After seconds"
    ),
}


def sqlstate(error: BaseException | None) -> str:
    """The SQLSTATE of a database error (asyncpg's, as SQLAlchemy wraps it), or ""."""
    while error is not None:
        code = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
        if isinstance(code, str):
            return code
        error = error.__cause__
    return ""


def is_transient(error: DBAPIError) -> bool:
    """Whether the database failed for now (a retry may succeed) rather than refused the request."""
    code = sqlstate(error.orig)
    if code:
        return code in TRANSIENT_SQLSTATES or code.startswith("08")
    # No SQLSTATE: SQLite ("database is locked") or a lost connection.
    return error.connection_invalidated or isinstance(error, OperationalError | InterfaceError)


def unavailable(detail: str) -> JSONResponse:
    return JSONResponse(
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        content={"detail": detail},
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def internal_error() -> JSONResponse:
    return JSONResponse(
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        content={"detail": "Internal server error"},
    )


def bounded_input(value: Any) -> tuple[bool, Any]:
    """(kept, value): a scalar input as is, a long text cut to its prefix; a
    list or an object is not echoed (the `loc` names it)."""
    if isinstance(value, str):
        if len(value) > INPUT_ECHO_LIMIT:
            return True, value[:INPUT_ECHO_LIMIT] + "…"
        return True, value
    if value is None or isinstance(value, bool | int | float):
        return True, value
    return False, None


def bounded_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    bounded = []
    for error in errors:
        item = {key: value for key, value in dict(error).items() if key != "input"}
        if "input" in error:
            kept, value = bounded_input(error["input"])
            if kept:
                item["input"] = value
        bounded.append(item)
    return bounded


def register_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, error: NotFoundError) -> JSONResponse:
        return JSONResponse(status_code=status.HTTP_404_NOT_FOUND, content={"detail": str(error)})

    @app.exception_handler(ConflictError)
    async def conflict(request: Request, error: ConflictError) -> JSONResponse:
        content = {"detail": str(error), "code": error.code}
        if error.field:
            content["field"] = error.field
        return JSONResponse(status_code=status.HTTP_409_CONFLICT, content=content)

    @app.exception_handler(ReferenceNotFoundError)
    async def reference(request: Request, error: ReferenceNotFoundError) -> JSONResponse:
        detail = [{"loc": ["body", error.field], "msg": str(error), "type": "reference_not_found"}]
        return JSONResponse(
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, content={"detail": detail}
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        detail = jsonable_encoder(bounded_errors(error.errors()))
        return JSONResponse(
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, content={"detail": detail}
        )

    @app.exception_handler(IntegrityError)
    async def integrity(request: Request, error: IntegrityError) -> JSONResponse:
        logger.info("integrity error: %s", error.orig)
        return JSONResponse(
            status_code=status.HTTP_409_CONFLICT,
            content={"detail": "The data conflicts with stored data (a constraint refused it)"},
        )

    @app.exception_handler(DataError)
    async def data(request: Request, error: DataError) -> JSONResponse:
        logger.info("data error: %s", error.orig)
        detail = [{"loc": ["body"], "msg": "The database refused a value", "type": "data_error"}]
        return JSONResponse(
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, content={"detail": detail}
        )

    @app.exception_handler(DBAPIError)
    async def database(request: Request, error: DBAPIError) -> JSONResponse:
        if is_transient(error):
            logger.warning("database unavailable: %s", error.orig)
            return unavailable("The database is unavailable for now")
        logger.error("database error", exc_info=error)
        return internal_error()

    @app.exception_handler(PoolTimeoutError)
    async def pool_timeout(request: Request, error: PoolTimeoutError) -> JSONResponse:
        logger.warning("database pool exhausted: %s", error)
        return unavailable("The database is busy for now")

    @app.exception_handler(OSError)
    async def unreachable(request: Request, error: OSError) -> JSONResponse:
        # A connection refused, reset or timed out (asyncpg raises them unwrapped);
        # a file error is a bug, not an outage.
        if isinstance(error, FILE_ERRORS):
            logger.error("unexpected error", exc_info=error)
            return internal_error()
        logger.warning("service unreachable: %r", error)
        return unavailable("A service the API needs is unreachable for now")

    @app.exception_handler(BrokerError)
    async def broker(request: Request, error: BrokerError) -> JSONResponse:
        logger.warning("task broker unreachable: %s", error)
        return unavailable("The task queue is unavailable for now")

    @app.exception_handler(ServiceUnavailableError)
    async def service_unavailable(request: Request, error: ServiceUnavailableError) -> JSONResponse:
        logger.warning("service unavailable: %s", error)
        return unavailable(str(error))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        # Starlette logs it with its traceback; the client gets JSON, never plain text.
        return internal_error()
