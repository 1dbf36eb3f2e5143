"""The query of a list (`GET /<plural>`): paging, sort, search and filters.

A resource's list query subclasses `ListQuery`, with its `sort` (a Literal of
its scalar columns, `-` for descending) and one filter per field type: the
field's name for equality (enums, booleans, references, uuids), `<field>_min`
and `<field>_max` for a range (numbers, dates). Unknown parameters are a 422
(`extra="forbid"`), like malformed ones; all of it is in the OpenAPI document.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_PAGE_SIZE = 100
# The offset's bound keeps it inside what every database accepts.
MAX_OFFSET = 2**31 - 1
# `total` counts the matching rows up to this many, then says "more than" (exact
# false): one page never counts a whole tenant's million rows.
COUNT_CAP = 10_000
NOT_FILTERS = frozenset({"limit", "offset", "sort", "q"})


class ListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Items per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip")
    q: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Case-insensitive search in the text fields",
    )

    def filters(self) -> list[tuple[str, str, Any]]:
        """(column, operator, value) for each filter given: `==`, `>=` (`_min`), `<=` (`_max`)."""
        given = []
        for name, value in self:
            if name in NOT_FILTERS or value is None:
                continue
            if name.endswith("_min"):
                given.append((name.removesuffix("_min"), ">=", value))
            elif name.endswith("_max"):
                given.append((name.removesuffix("_max"), "<=", value))
            else:
                given.append((name, "==", value))
        return given
