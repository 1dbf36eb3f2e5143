"""FastAPI application factory."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api.v1.router import build_api_router
from app.core.config import check_production, docs_enabled, get_settings
from app.core.errors import register_error_handlers
from app.core.headers import security_headers_middleware
from app.core.limits import BodyLimitMiddleware
from app.core.logging import REQUEST_ID_HEADER, configure_logging, request_id_middleware
from app.db.demo import ensure_demo_account


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    if settings.environment != "production" and settings.demo_account:
        await ensure_demo_account()
    yield


def create_app() -> FastAPI:
    settings = get_settings()
    check_production(settings)
    configure_logging(settings.log_level)
    # /docs, /redoc and /openapi.json: off in production unless DOCS_IN_PRODUCTION.
    docs = docs_enabled(settings)
    app = FastAPI(
        title=settings.app_name,
        openapi_url="/openapi.json" if docs else None,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        lifespan=lifespan,
    )
    app.middleware("http")(request_id_middleware)
    # Around the app (inside CORS, so its 413 carries CORS headers): a body over
    # the limit is refused before anything reads it whole.
    app.add_middleware(
        BodyLimitMiddleware,
        max_body_bytes=settings.max_body_bytes,
        max_json_depth=settings.max_json_depth,
    )
    app.middleware("http")(security_headers_middleware)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=[REQUEST_ID_HEADER],
    )
    app.include_router(build_api_router(), prefix=settings.api_prefix)
    register_error_handlers(app)
    return app


app = create_app()
