"""Field types of the API schemas, bounded like the columns that store them, so
that no client input reaches the database only to be refused there (a 5xx).

One type per column type of the scaffold's field list (see the model): a value
outside these bounds is a 422 naming the field. Types are strict where lax
parsing would store something else than was meant: a number refuses a boolean
(`false` is not 0), a date-time refuses a bare number (`0` is not 1970-01-01).
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1
STRING_LENGTH = 255
NUMERIC_DIGITS, NUMERIC_PLACES = 12, 2


def storable_text(value: str) -> str:
    """Text every database stores: no NUL character, no lone surrogate."""
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


def not_boolean(value: object) -> object:
    """A number, not a boolean (which Python counts as 0 or 1)."""
    if isinstance(value, bool):
        raise ValueError("must be a number, not a boolean")
    return value


def not_a_number(value: object) -> object:
    """A date-time as ISO 8601 text, not a number of seconds since 1970."""
    if isinstance(value, bool | int | float | Decimal):
        raise ValueError("must be an ISO 8601 date-time, not a number")
    if isinstance(value, str) and value.strip().lstrip("+-").replace(".", "", 1).isdigit():
        raise ValueError("must be an ISO 8601 date-time, not a number")
    return value


def utc(value: datetime) -> datetime:
    """The same instant in UTC (a naive value is taken as UTC), refused when the
    conversion leaves the calendar (before year 1 or after year 9999)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is outside the supported date range once in UTC") from None


# String(255)
Str255 = Annotated[
    str,
    Field(max_length=STRING_LENGTH, description="At most 255 characters, no NUL."),
    AfterValidator(storable_text),
]
# Text
Text = Annotated[str, Field(description="Text, no NUL."), AfterValidator(storable_text)]
# Integer (32 bits on PostgreSQL)
Int32 = Annotated[int, Field(ge=INT32_MIN, le=INT32_MAX), BeforeValidator(not_boolean)]
# Numeric(12, 2): a number or a string, at most 10 digits before the point and 2 after
NUMERIC_BOUND = 10 ** (NUMERIC_DIGITS - NUMERIC_PLACES) - 10**-NUMERIC_PLACES
Decimal12x2 = Annotated[
    Decimal,
    Field(max_digits=NUMERIC_DIGITS, decimal_places=NUMERIC_PLACES),
    BeforeValidator(not_boolean),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "number",
                    "minimum": -NUMERIC_BOUND,
                    "maximum": NUMERIC_BOUND,
                    "multipleOf": 10**-NUMERIC_PLACES,
                },
                {"type": "string", "pattern": r"^-?\d{1,10}(\.\d{1,2})?$"},
            ]
        },
        mode="validation",
    ),
]
# Float (double precision): no NaN nor infinity
FiniteFloat = Annotated[float, Field(allow_inf_nan=False), BeforeValidator(not_boolean)]
# UTCDateTime
UtcDatetime = Annotated[datetime, BeforeValidator(not_a_number), AfterValidator(utc)]
