"""ENVIRONMENT=production refuses the embedded development defaults, naming each.

Settings are built from the defaults alone (`model_construct`), whatever the
environment running the tests sets (DATABASE_URL on PostgreSQL, say)."""

import pytest
from pydantic import SecretStr

from app.core.config import (
    ProductionSettingsError,
    Settings,
    check_production,
    production_problems,
)
from app.main import create_app

READY = {
    "environment": "production",
    "database_url": "postgresql+asyncpg://vectra:secret@db/vectra",
    "llm_provider": "openai",
    "llm_api_key": SecretStr("sk-live"),
    "celery_task_always_eager": False,
    "celery_broker_url": "redis://redis:6379/0",
    "secret_key": SecretStr("a-long-random-secret-of-at-least-32-bytes"),
    "session_cookie_secure": True,
}


def test_local_accepts_the_defaults():
    assert production_problems(Settings.model_construct()) == []


def test_production_on_the_defaults_names_every_problem():
    with pytest.raises(ProductionSettingsError) as error:
        check_production(Settings.model_construct(environment="production"))

    message = str(error.value)
    for name in (
        "DATABASE_URL is SQLite",
        "LLM_PROVIDER is the fake LLM",
        "CELERY_TASK_ALWAYS_EAGER is true",
        "CELERY_BROKER_URL is the in-memory broker",
        "SECRET_KEY is not set",
        "SESSION_COOKIE_SECURE is false",
    ):
        assert name in message
    assert "\\n" not in message


def test_production_with_real_services_starts():
    check_production(Settings.model_construct(**READY))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"secret_key": SecretStr("")}, "SECRET_KEY is not set"),
        ({"llm_api_key": SecretStr("")}, "LLM_API_KEY is not set"),
        ({"database_url": "sqlite+aiosqlite:///./vectra.db"}, "DATABASE_URL is SQLite"),
        ({"celery_task_always_eager": True}, "CELERY_TASK_ALWAYS_EAGER is true"),
        ({"secret_key": SecretStr("short-secret")}, "SECRET_KEY is shorter than 32 bytes"),
        ({"dev_tenant_header": True}, "DEV_TENANT_HEADER is true"),
        ({"session_cookie_secure": False}, "SESSION_COOKIE_SECURE is false"),
    ],
)
def test_each_default_alone_is_refused(change, problem):
    [found] = production_problems(Settings.model_construct(**{**READY, **change}))
    assert found.startswith(problem)


def test_the_app_refuses_to_start(monkeypatch):
    monkeypatch.setattr(
        "app.main.get_settings", lambda: Settings.model_construct(environment="production")
    )
    with pytest.raises(ProductionSettingsError, match="SECRET_KEY is not set"):
        create_app()


async def test_every_response_carries_the_security_headers(client):
    for response in (await client.get("/api/v1/health"), await client.get("/nowhere")):
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    ("settings", "served"),
    [
        ({}, True),
        (READY, False),
        ({**READY, "docs_in_production": True}, True),
    ],
)
def test_docs_are_off_in_production_unless_enabled(monkeypatch, settings, served):
    monkeypatch.setattr("app.main.get_settings", lambda: Settings.model_construct(**settings))
    app = create_app()

    paths = {getattr(route, "path", "") for route in app.routes}
    assert ("/openapi.json" in paths) is served
    assert ("/docs" in paths) is served
