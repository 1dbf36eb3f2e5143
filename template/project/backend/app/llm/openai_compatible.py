"""A provider for any OpenAI-compatible chat completions API, over httpx.

One HTTP client per provider (connections are reused), retries of 429 and 5xx
answers with exponential backoff within a bounded budget, and the reply's JSON
schema sent as `response_format` (structured outputs).
"""

import asyncio
from typing import Any

import httpx

from app.llm.client import LLMError, LLMRequest, LLMTimeoutError, LLMUnavailableError

RETRYABLE = frozenset({429, 500, 502, 503, 504})


class OpenAICompatibleClient:
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        model: str,
        timeout: float,
        max_retries: int = 2,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.http = httpx.AsyncClient(
            base_url=self.base_url, headers=headers, timeout=timeout, transport=transport
        )

    async def aclose(self) -> None:
        await self.http.aclose()

    def payload(self, request: LLMRequest) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [
                {"role": "system", "content": request.system},
                {"role": "user", "content": request.prompt},
            ],
        }
        if request.response_schema is not None:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": str(request.response_schema.get("title") or "output"),
                    "schema": request.response_schema,
                },
            }
        return body

    def delay(self, attempt: int, response: httpx.Response) -> float:
        """Seconds before the next attempt: the server's Retry-After if it gives
        one, else exponential backoff; never more than `max_backoff`."""
        retry_after = response.headers.get("Retry-After", "")
        try:
            wait = float(retry_after)
        except ValueError:
            wait = self.backoff * 2**attempt
        return max(0.0, min(wait, self.max_backoff))

    async def post(self, body: dict[str, Any]) -> httpx.Response:
        for attempt in range(self.max_retries + 1):
            try:
                response = await self.http.post("/chat/completions", json=body)
            except httpx.TimeoutException as error:
                raise LLMTimeoutError(f"LLM timed out after {self.timeout}s") from error
            except httpx.HTTPError as error:
                raise LLMUnavailableError(f"LLM request failed: {error}") from error
            if response.status_code not in RETRYABLE or attempt == self.max_retries:
                return response
            await asyncio.sleep(self.delay(attempt, response))
        raise AssertionError("unreachable")  # pragma: no cover

    async def complete(self, request: LLMRequest) -> str:
        response = await self.post(self.payload(request))
        if response.status_code in RETRYABLE:
            raise LLMUnavailableError(
                f"LLM answered HTTP {response.status_code}: {response.text[:200]}"
            )
        if response.status_code != 200:
            raise LLMError(f"LLM answered HTTP {response.status_code}: {response.text[:200]}")
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as error:
            raise LLMError("LLM reply has no choices[0].message.content") from error
        if not isinstance(content, str):
            raise LLMError("LLM reply content is not text")
        return content
