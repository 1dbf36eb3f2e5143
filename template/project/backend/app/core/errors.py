"""Errors turned into HTTP answers in one place, and the error responses the
OpenAPI document declares.

Bodies stay FastAPI's: `{"detail": "<message>"}` for 404 and 409,
`{"detail": [{"loc": [...], "msg": ..., "type": ...}]}` for 422.
"""

import logging
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DataError, IntegrityError

logger = logging.getLogger(__name__)


class NotFoundError(Exception):
    """The resource does not exist for the caller's tenant (another tenant's is not found too)."""


class ConflictError(Exception):
    """The change conflicts with stored data: a unique field's value is taken, or
    a row still referred to would be deleted. The message names the field or
    what refers to it."""


class ReferenceNotFoundError(Exception):
    """A reference names no row of the caller's tenant: a 422 on that field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ErrorMessage(BaseModel):
    """An error answered with one message."""

    detail: str


def error_response(description: str) -> dict[str, Any]:
    return {"model": ErrorMessage, "description": description}


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
    status.HTTP_409_CONFLICT: error_response("Conflicts with stored data"),
}


def register_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, error: NotFoundError) -> JSONResponse:
        return JSONResponse(status_code=status.HTTP_404_NOT_FOUND, content={"detail": str(error)})

    @app.exception_handler(ConflictError)
    async def conflict(request: Request, error: ConflictError) -> JSONResponse:
        return JSONResponse(status_code=status.HTTP_409_CONFLICT, content={"detail": str(error)})

    @app.exception_handler(ReferenceNotFoundError)
    async def reference(request: Request, error: ReferenceNotFoundError) -> JSONResponse:
        detail = [{"loc": ["body", error.field], "msg": str(error), "type": "reference_not_found"}]
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
