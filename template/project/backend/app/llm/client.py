"""The interface agents call, and the provider chosen by settings."""

import asyncio
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from app.core.config import Settings, get_settings


class LLMError(Exception):
    """The provider failed or answered something unusable."""


class LLMUnavailableError(LLMError):
    """The provider failed for now (unreachable, overloaded, 429 or 5xx): a later
    attempt may succeed."""


class LLMTimeoutError(LLMUnavailableError):
    """The provider did not answer in time."""


@dataclass(frozen=True)
class LLMRequest:
    system: str
    prompt: str
    # JSON schema the reply must follow, when the caller expects JSON.
    response_schema: dict[str, Any] | None = field(default=None)


class LLMClient(Protocol):
    async def complete(self, request: LLMRequest) -> str:
        """The model's reply text."""
        ...


def get_llm_client(settings: Settings | None = None) -> LLMClient:
    """The provider the settings name. The HTTP one is shared per event loop
    (one connection pool for the API's loop, one for the worker's)."""
    settings = settings or get_settings()
    if settings.llm_provider == "openai":
        return openai_client(
            settings.llm_base_url,
            settings.llm_api_key.get_secret_value(),
            settings.llm_model,
            settings.llm_timeout_seconds,
            running_loop_id(),
        )
    from app.llm.fake import FakeLLMClient

    return FakeLLMClient()


def running_loop_id() -> int:
    """The running event loop's id, 0 outside one (an HTTP pool belongs to one loop)."""
    try:
        return id(asyncio.get_running_loop())
    except RuntimeError:
        return 0


@cache
def openai_client(base_url: str, api_key: str, model: str, timeout: float, loop: int) -> LLMClient:
    from app.llm.openai_compatible import OpenAICompatibleClient

    return OpenAICompatibleClient(base_url=base_url, api_key=api_key, model=model, timeout=timeout)
