"""What every agent shares: prompt, LLM call, parsing and validation, fallback.

A subclass sets `name`, `system_prompt`, `input_model` and `output_model`, and
implements `build_prompt` and `fallback`. `run` never raises for an LLM
failure, a timeout or an invalid reply: it returns the fallback, marked as such.
"""

import asyncio
import logging
from abc import ABC, abstractmethod
from typing import ClassVar, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from app.core.config import get_settings
from app.llm import LLMClient, LLMError, LLMRequest, get_llm_client

InputT = TypeVar("InputT", bound=BaseModel)
OutputT = TypeVar("OutputT", bound=BaseModel)

logger = logging.getLogger(__name__)


class AgentResult(BaseModel, Generic[OutputT]):
    output: OutputT
    used_fallback: bool
    error: str | None = None


class BaseAgent(ABC, Generic[InputT, OutputT]):
    name: ClassVar[str]
    system_prompt: ClassVar[str]
    input_model: ClassVar[type[BaseModel]]
    output_model: ClassVar[type[BaseModel]]

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
            error = f"timeout after {self.timeout}s"
        except LLMError as exc:
            error = f"llm error: {exc}"
        except ValidationError as exc:
            error = f"invalid reply: {exc.error_count()} validation error(s)"
        logger.warning("agent %s fell back: %s", self.name, error)
        return AgentResult(output=self.fallback(data), used_fallback=True, error=error)
