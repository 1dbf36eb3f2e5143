"""The interface agents call, and the provider chosen by settings."""

from dataclasses import dataclass, field
from typing import Any, Protocol

from app.core.config import Settings, get_settings


class LLMError(Exception):
    """The provider failed or answered something unusable."""


class LLMTimeoutError(LLMError):
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
    settings = settings or get_settings()
    if settings.llm_provider == "openai":
        from app.llm.openai_compatible import OpenAICompatibleClient

        return OpenAICompatibleClient(
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key.get_secret_value(),
            model=settings.llm_model,
            timeout=settings.llm_timeout_seconds,
        )
    from app.llm.fake import FakeLLMClient

    return FakeLLMClient()
