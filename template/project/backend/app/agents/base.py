"""What every agent shares: prompt, LLM call, parsing and validation, fallback.

A subclass sets `name`, `system_prompt`, `input_model` and `output_model`, and
implements `build_prompt` and `fallback`. `run` never raises for an LLM
failure, a timeout or an invalid reply: it returns the fallback, marked as such
(and `transient` when a later attempt may succeed: a timeout, 429 or 5xx).
Every subclass is registered by its name in AGENTS (see `agent_named`).
"""

import asyncio
import importlib
import logging
import pkgutil
from abc import ABC, abstractmethod
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from app.core.config import get_settings
from app.llm import LLMClient, LLMError, LLMRequest, LLMUnavailableError, get_llm_client

InputT = TypeVar("InputT", bound=BaseModel)
OutputT = TypeVar("OutputT", bound=BaseModel)

logger = logging.getLogger(__name__)


class AgentResult(BaseModel, Generic[OutputT]):
    output: OutputT
    used_fallback: bool
    error: str | None = None
    # The LLM failed for now (timeout, unreachable, 429, 5xx): a retry may succeed.
    transient: bool = False


class BaseAgent(ABC, Generic[InputT, OutputT]):
    name: ClassVar[str]
    system_prompt: ClassVar[str]
    input_model: ClassVar[type[BaseModel]]
    output_model: ClassVar[type[BaseModel]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__:
            AGENTS[cls.name] = cls

    def __init__(self, llm: LLMClient | None = None, timeout: float | None = None) -> None:
        self.llm = llm or get_llm_client()
        self.timeout = timeout if timeout is not None else get_settings().llm_timeout_seconds

    @abstractmethod
    def build_prompt(self, data: InputT) -> str:
        """The user message sent to the LLM for this input."""

    @abstractmethod
    def fallback(self, data: InputT) -> OutputT:
        """A safe answer when the LLM cannot give one."""

    def parse(self, reply: str) -> OutputT:
        return self.output_model.model_validate_json(reply)  # type: ignore[return-value]

    async def run(self, data: InputT) -> AgentResult[OutputT]:
        request = LLMRequest(
            system=self.system_prompt,
            prompt=self.build_prompt(data),
            response_schema=self.output_model.model_json_schema(),
        )
        try:
            reply = await asyncio.wait_for(self.llm.complete(request), timeout=self.timeout)
            return AgentResult(output=self.parse(reply), used_fallback=False)
        except TimeoutError:
            error, transient = f"timeout after {self.timeout}s", True
        except LLMError as exc:
            error, transient = f"llm error: {exc}", isinstance(exc, LLMUnavailableError)
        except ValidationError as exc:
            error = f"invalid reply: {exc.error_count()} validation error(s)"
            transient = False
        logger.warning("agent %s fell back: %s", self.name, error)
        return AgentResult(
            output=self.fallback(data), used_fallback=True, error=error, transient=transient
        )


AGENTS: dict[str, type[BaseAgent[Any, Any]]] = {}


def import_agents() -> dict[str, type[BaseAgent[Any, Any]]]:
    """Every agent of the project by name, each module of app.agents imported."""
    package = importlib.import_module("app.agents")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"app.agents.{module.name}")
    return AGENTS


def agent_named(name: str) -> type[BaseAgent[Any, Any]]:
    """The agent class called `name` (KeyError for none)."""
    if name not in AGENTS:
        import_agents()
    return AGENTS[name]
