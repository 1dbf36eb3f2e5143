"""The field-list grammar: `"name:str budget:int? starts_at:datetime"`.

One parse gives, per field, its name, type, optionality, label and what each
layer generates (the field_types row of the data file).
"""

from __future__ import annotations

import keyword
import re
from functools import cache
from typing import Any

from pydantic import BaseModel

from .data import field_types
from .naming import camel, human

FIELD_NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", re.ASCII)
FIELD_NAME_MAX_LENGTH = 40

# JavaScript's reserved words in strict mode (TypeScript compiles as strict)
# and Python's keywords: no generated identifier may be one of them.
TYPESCRIPT_RESERVED = frozenset(
    "await break case catch class const continue debugger default delete do else enum "
    "export extends false finally for function if implements import in instanceof "
    "interface let new null package private protected public return static super switch "
    "this throw true try typeof var void while with yield".split()
)
PYTHON_RESERVED = frozenset(keyword.kwlist)
RESERVED_WORDS = PYTHON_RESERVED | TYPESCRIPT_RESERVED
# Columns every tenant-owned table already has (IdMixin, TenantMixin, TimestampMixin).
BUILT_IN_COLUMNS = frozenset({"id", "tenant_id", "created_at", "updated_at"})
# Names of the types the generated classes annotate with: a field so named
# would shadow its type for the fields after it.
TYPE_NAMES = frozenset({"str", "int", "float", "bool", "date", "datetime", "uuid", "dict", "list"})
# Attributes SQLAlchemy's declarative base gives every model.
SQLALCHEMY_RESERVED = frozenset({"metadata", "registry", "type_annotation_map"})


@cache
def pydantic_reserved() -> frozenset[str]:
    """Attributes of Pydantic's BaseModel: a field may not shadow one."""
    return frozenset(name for name in dir(BaseModel) if not name.startswith("_"))


class FieldListError(ValueError):
    pass


def field_name_error(name: str) -> str:
    """Why `name` cannot be a field, or ""."""
    if not FIELD_NAME_PATTERN.fullmatch(name):
        return "the field name must be snake_case (a-z, 0-9, single _)"
    if len(name) > FIELD_NAME_MAX_LENGTH:
        return f"a field name has at most {FIELD_NAME_MAX_LENGTH} characters"
    if name in RESERVED_WORDS:
        return f"{name!r} is a reserved word in Python or TypeScript"
    if name in TYPE_NAMES:
        return f"{name!r} would shadow the type {name} in the generated classes (e.g. {name}_value)"
    if name in BUILT_IN_COLUMNS:
        return f"{name!r} is a built-in column"
    if name in SQLALCHEMY_RESERVED:
        return f"{name!r} is reserved by SQLAlchemy's declarative base"
    if name.startswith("model_") or name in pydantic_reserved():
        return f"{name!r} is reserved by Pydantic's BaseModel (model_* and its attributes)"
    return ""


@cache
def parse_fields(spec: str) -> tuple[dict[str, Any], ...]:
    """`"name:str budget:int?"` -> one dict per field (cached: the same list is
    parsed by every template that shows it)."""
    fields, seen = [], set()
    allowed = ", ".join(field_types())
    for token in str(spec or "").split():
        name, colon, type_ = token.partition(":")
        optional = type_.endswith("?")
        type_ = type_.removesuffix("?")
        if not colon or not name or not type_:
            raise FieldListError(f"{token!r} is not name:type (e.g. budget:int?)")
        if error := field_name_error(name):
            raise FieldListError(f"{token!r}: {error}")
        if name in seen:
            raise FieldListError(f"{token!r}: the field {name!r} is given twice")
        if type_ not in field_types():
            raise FieldListError(f"{token!r} has an unknown type {type_!r}; allowed: {allowed}")
        seen.add(name)
        fields.append(
            {
                "name": name,
                "type": type_,
                "optional": optional,
                "camel": camel(name),
                "label": human(name),
            }
            | field_types()[type_]
            | input_kind(type_, optional)
        )
    return tuple(fields)


def input_kind(type_: str, optional: bool) -> dict[str, str]:
    """An optional boolean gets a select that may be left unset, not a checkbox."""
    return {"input": "optional-boolean"} if type_ == "bool" and optional else {}


def fields_error(question: str, spec: str) -> str:
    try:
        parse_fields(str(spec or ""))
    except FieldListError as error:
        return f"{question}: {error}"
    return ""


def safe_fields(spec: str | None) -> list[dict[str, Any]]:
    try:
        return list(parse_fields(str(spec or "")))
    except FieldListError:
        return []


def python_imports(
    fields: list[dict[str, Any]], also: tuple[str, ...] = (), for_values: bool = False
) -> list[str]:
    """The standard-library imports that the fields' Python types (and the field
    types in `also`, plus "path" for pathlib) need, sorted as ruff sorts them;
    `for_values`: only what their sample values need (a JSON value needs no `Any`)."""
    types = {field["type"] for field in fields} | set(also)
    if for_values:
        types.discard("json")
    straight = ["import uuid"] if "uuid" in types else []
    from_datetime = [name for name in ("date", "datetime") if name in types]
    froms = []
    if from_datetime:
        froms.append(f"from datetime import {', '.join(from_datetime)}")
    if "decimal" in types:
        froms.append("from decimal import Decimal")
    if "path" in types:
        froms.append("from pathlib import Path")
    if "json" in types:
        froms.append("from typing import Any")
    return straight + froms


def sqlalchemy_imports(fields: list[dict[str, Any]], module: str = "sqlalchemy") -> str:
    """`JSON, Integer, String`: the column types `module` gives (SQLAlchemy's, or
    the project's own such as app.db.types), in ruff's order (constants first)."""
    names = {
        field["sqlalchemy"].split("(")[0]
        for field in fields
        if field.get("sqlalchemy_module", "sqlalchemy") == module
    }
    return ", ".join(sorted(names, key=lambda name: (not name.isupper(), name)))
