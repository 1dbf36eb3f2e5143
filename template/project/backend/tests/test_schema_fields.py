"""The API's field types refuse, with a 422, what their column could not store."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

from app.schemas.fields import (
    INT32_MAX,
    INT32_MIN,
    Decimal12x2,
    FiniteFloat,
    Int32,
    Str255,
    Text,
    UtcDatetime,
)
from app.schemas.partial import not_null


class Sample(BaseModel):
    short: Str255 | None = None
    text: Text | None = None
    count: Int32 | None = None
    amount: Decimal12x2 | None = None
    ratio: FiniteFloat | None = None
    at: UtcDatetime | None = None


@pytest.mark.parametrize(
    "values",
    [
        {"short": "x" * 255},
        {"text": "é" * 10_000},
        {"count": INT32_MIN},
        {"count": INT32_MAX},
        {"amount": "9999999999.99"},
        {"amount": -12.5},
        {"ratio": 1e300},
        {"at": "0001-01-01T00:00:00Z"},
    ],
)
def test_values_the_columns_store_are_accepted(values):
    assert Sample.model_validate(values).model_dump(include=set(values)) is not None


@pytest.mark.parametrize(
    "values",
    [
        {"short": "x" * 256},
        {"short": "a\x00b"},
        {"text": "\x00"},
        {"text": "\ud800"},
        {"count": INT32_MAX + 1},
        {"count": INT32_MIN - 1},
        {"amount": "99999999999.99"},
        {"amount": "1.234"},
        {"amount": "NaN"},
        {"ratio": float("inf")},
        {"ratio": float("nan")},
        {"at": "0001-01-01T00:00:00+05:00"},
        {"at": "9999-12-31T23:00:00-05:00"},
    ],
)
def test_values_a_column_would_refuse_are_a_validation_error(values):
    with pytest.raises(ValidationError) as error:
        Sample.model_validate(values)
    assert error.value.errors()[0]["loc"][0] == next(iter(values))


def test_datetimes_are_brought_to_utc():
    sample = Sample.model_validate({"at": "2026-01-15T09:30:00+05:00"})
    assert sample.at == datetime(2026, 1, 15, 4, 30, tzinfo=UTC)
    assert sample.at.tzinfo is UTC
    assert Sample.model_validate({"at": "2026-01-15T09:30:00"}).at.tzinfo is UTC


def test_the_schema_documents_the_bounds():
    properties = Sample.model_json_schema()["properties"]
    assert properties["short"]["anyOf"][0]["maxLength"] == 255
    assert properties["count"]["anyOf"][0]["maximum"] == INT32_MAX
    number, string, null = properties["amount"]["anyOf"]
    assert null == {"type": "null"}
    assert number["maximum"] == float(Decimal("9999999999.99"))
    assert string["pattern"] == r"^-?\d{1,10}(\.\d{1,2})?$"


class Change(BaseModel):
    model_config = {"json_schema_extra": not_null("name")}

    name: Str255 | None = None
    note: Text | None = None


def test_not_null_removes_null_from_required_fields_only():
    properties = Change.model_json_schema()["properties"]
    assert properties["name"]["type"] == "string"
    assert "anyOf" not in properties["name"]
    assert "default" not in properties["name"]
    assert {"type": "null"} in properties["note"]["anyOf"]


@pytest.mark.parametrize(
    "body",
    [
        '{"count": false}',
        '{"count": true}',
        '{"amount": false}',
        '{"ratio": true}',
        '{"at": 0}',
        '{"at": 1700000000.5}',
        '{"at": "1700000000"}',
        '{"at": false}',
    ],
)
def test_numbers_refuse_booleans_and_date_times_refuse_numbers(body):
    with pytest.raises(ValidationError):
        Sample.model_validate_json(body)


def test_numbers_and_date_times_still_take_their_own_json_types():
    sample = Sample.model_validate_json(
        '{"count": 3, "amount": "12.50", "ratio": 2, "at": "2026-01-15T09:00:00+02:00"}'
    )

    assert (sample.count, sample.amount, sample.ratio) == (3, Decimal("12.50"), 2.0)
    assert sample.at == datetime(2026, 1, 15, 7, tzinfo=UTC)
