"""A deterministic provider for development and tests: no network, same input, same reply.

With a response schema it answers a JSON document valid for that schema, its
values derived from a hash of the request; without one, a short text.
"""

import hashlib
import json
from typing import Any

from app.llm.client import LLMRequest


class FakeLLMClient:
    def __init__(self) -> None:
        self.requests: list[LLMRequest] = []

    async def complete(self, request: LLMRequest) -> str:
        self.requests.append(request)
        seed = digest(request.system + "\n" + request.prompt)
        if request.response_schema is None:
            return f"fake reply {seed[:12]}"
        schema = request.response_schema
        return json.dumps(example(schema, schema.get("$defs", {}), seed), sort_keys=True)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def example(schema: dict[str, Any], defs: dict[str, Any], seed: str) -> Any:
    """A value valid for a (Pydantic-generated) JSON schema, chosen from `seed`
    (any text)."""
    if "$ref" in schema:
        return example(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, seed)
    hashed = digest(seed)
    number = int(hashed[:8], 16)
    if "enum" in schema:
        return schema["enum"][number % len(schema["enum"])]
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        return example(options[0], defs, seed) if options else None
    kind = schema.get("type", "object")
    if kind == "object":
        return {
            key: example(value, defs, digest(seed + key))
            for key, value in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [example(schema.get("items", {}), defs, digest(seed + "0"))]
    if kind == "integer":
        low = schema.get("minimum", 0)
        high = schema.get("maximum", low + 100)
        return low + number % (high - low + 1)
    if kind == "number":
        low = schema.get("minimum", 0.0)
        high = schema.get("maximum", low + 1.0)
        value = round(low + (number % 1000) / 1000 * (high - low), 3)
        if "multipleOf" in schema:
            step = schema["multipleOf"]
            value = round(round(value / step) * step, 10)
        return value
    if kind == "boolean":
        return number % 2 == 0
    if schema.get("format") == "date-time":
        return "2026-01-15T09:00:00Z"
    if schema.get("format") == "date":
        return "2026-01-15"
    if schema.get("format") == "uuid":
        return f"{hashed[:8]}-{hashed[8:12]}-4{hashed[13:16]}-8{hashed[17:20]}-{hashed[20:32]}"
    return f"fake-{hashed[:8]}"
