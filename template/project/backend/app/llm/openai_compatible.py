"""A provider for any OpenAI-compatible chat completions API, over httpx."""

import httpx

from app.llm.client import LLMError, LLMRequest, LLMTimeoutError


class OpenAICompatibleClient:
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        model: str,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.model = model
        self.timeout = timeout
        self.transport = transport

    def payload(self, request: LLMRequest) -> dict:
        body: dict = {
            "model": self.model,
            "messages": [
                {"role": "system", "content": request.system},
                {"role": "user", "content": request.prompt},
            ],
        }
        if request.response_schema is not None:
            body["response_format"] = {"type": "json_object"}
        return body

    async def complete(self, request: LLMRequest) -> str:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            async with httpx.AsyncClient(timeout=self.timeout, transport=self.transport) as http:
                response = await http.post(
                    f"{self.base_url}/chat/completions",
                    json=self.payload(request),
                    headers=headers,
                )
        except httpx.TimeoutException as error:
            raise LLMTimeoutError(f"LLM timed out after {self.timeout}s") from error
        except httpx.HTTPError as error:
            raise LLMError(f"LLM request failed: {error}") from error
        if response.status_code != 200:
            raise LLMError(f"LLM answered HTTP {response.status_code}: {response.text[:200]}")
        try:
            return response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as error:
            raise LLMError("LLM reply has no choices[0].message.content") from error
