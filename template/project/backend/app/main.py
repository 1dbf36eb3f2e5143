"""FastAPI application factory."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api.v1.router import build_api_router
from app.core.config import check_production, get_settings
from app.core.errors import register_error_handlers
from app.core.limits import BodyLimitMiddleware
from app.core.logging import REQUEST_ID_HEADER, configure_logging, request_id_middleware


def create_app() -> FastAPI:
    settings = get_settings()
    check_production(settings)
    configure_logging(settings.log_level)
    app = FastAPI(title=settings.app_name)
    app.middleware("http")(request_id_middleware)
    # Around the app (inside CORS, so its 413 carries CORS headers): a body over
    # the limit is refused before anything reads it whole.
    app.add_middleware(
        BodyLimitMiddleware,
        max_body_bytes=settings.max_body_bytes,
        max_json_depth=settings.max_json_depth,
    )
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
