"""LLM access for agents: one small interface, a fake provider and an HTTP one."""

from app.llm.client import (
    LLMClient,
    LLMError,
    LLMRequest,
    LLMTimeoutError,
    LLMUnavailableError,
    get_llm_client,
)

__all__ = [
    "LLMClient",
    "LLMError",
    "LLMRequest",
    "LLMTimeoutError",
    "LLMUnavailableError",
    "get_llm_client",
]
