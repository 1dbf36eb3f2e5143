"""Partial updates (PATCH): every field may be left out, but a field the
resource requires may not be set to null. The OpenAPI document says so."""

from collections.abc import Callable
from typing import Any

JsonSchema = dict[str, Any]


def not_null(*names: str) -> Callable[[JsonSchema], None]:
    """A `json_schema_extra` that removes `null` from the named fields' schemas
    (Pydantic documents `X | None = None` as nullable, with a null default)."""

    def edit(schema: JsonSchema) -> None:
        for name in names:
            field = schema["properties"][name]
            options = [option for option in field.pop("anyOf", []) if option != {"type": "null"}]
            field.pop("default", None)
            if len(options) == 1:
                field.update(options[0])
            elif options:
                field["anyOf"] = options

    return edit
