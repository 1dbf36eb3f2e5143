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
from .naming import camel, entity_names, human, pascal, snake

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


MODIFIERS = ("unique", "index")
# Types a modifier may not index: no equality on JSON in PostgreSQL, no B-tree on long text.
UNINDEXABLE = frozenset({"json", "text"})
ENUM_TYPE = re.compile(r"enum\((?P<values>[^()]*)\)(?P<optional>\??)(?P<rest>.*)", re.ASCII)
# `backup_campaign:ref(campaign)?`: a reference named otherwise than its entity.
REF_TYPE = re.compile(r"ref\((?P<entity>[^()]*)\)(?P<optional>\??)(?P<rest>.*)", re.ASCII)
ENTITY_NAME = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", re.ASCII)
ENUM_VALUE_PATTERN = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", re.ASCII)
ENUM_VALUE_MAX_LENGTH = 40
# An enum's member is its value in capitals (`NEW = "new"`); a value may not be
# a Python keyword, nor read as a literal in a query string or JSON.
RESERVED_ENUM_VALUES = frozenset(word.lower() for word in keyword.kwlist) | {"null", "undefined"}


def enum_values_error(values: list[str]) -> str:
    """Why `values` cannot be an enumeration's, or ""."""
    if not [value for value in values if value]:
        return "an enum needs at least one value, e.g. enum(new,qualified,lost)"
    for value in values:
        if not ENUM_VALUE_PATTERN.fullmatch(value):
            return f"the enum value {value!r} must be snake_case (a-z, 0-9, single _)"
        if len(value) > ENUM_VALUE_MAX_LENGTH:
            return f"an enum value has at most {ENUM_VALUE_MAX_LENGTH} characters"
        if value in RESERVED_ENUM_VALUES:
            return f"the enum value {value!r} is reserved (a Python keyword or a literal)"
        if values.count(value) > 1:
            return f"the enum value {value!r} is given twice"
    return ""


def split_token(token: str) -> tuple[str, str, bool, list[str], list[str]]:
    """`status:enum(a,b)?:index` -> name, type, optional, enum values (or the
    referenced entity of `ref(entity)`), modifiers."""
    name, colon, rest = token.partition(":")
    if not colon or not name or not rest:
        raise FieldListError(f"{token!r} is not name:type (e.g. budget:int?)")
    values: list[str] = []
    if match := ENUM_TYPE.fullmatch(rest) or REF_TYPE.fullmatch(rest):
        type_ = "ref" if rest.startswith("ref") else "enum"
        optional = bool(match["optional"])
        if type_ == "enum":
            values = match["values"].split(",")
            error = enum_values_error(values)
        else:
            values = [match["entity"]]
            error = (
                "" if ENTITY_NAME.fullmatch(values[0]) else "ref(...) names an entity in snake_case"
            )
        if error:
            raise FieldListError(f"{token!r}: {error}")
        rest = match["rest"]
        if rest and not rest.startswith(":"):
            raise FieldListError(f"{token!r}: after {type_}(...) come ? and :modifiers only")
        modifiers = rest.split(":")[1:]
    elif rest.startswith("enum"):
        raise FieldListError(f"{token!r}: an enum lists its values, e.g. status:enum(new,lost)")
    else:
        type_, *modifiers = rest.split(":")
        optional = type_.endswith("?")
        type_ = type_.removesuffix("?")
    if not type_:
        raise FieldListError(f"{token!r} is not name:type (e.g. budget:int?)")
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            allowed = ", ".join(MODIFIERS)
            raise FieldListError(f"{token!r}: unknown modifier {modifier!r}; allowed: {allowed}")
        if modifiers.count(modifier) > 1:
            raise FieldListError(f"{token!r}: the modifier {modifier!r} is given twice")
    if modifiers and type_ in UNINDEXABLE:
        raise FieldListError(f"{token!r}: {type_} fields cannot be unique or indexed")
    if "unique" in modifiers and "distinct" not in field_types().get(type_, {}):
        unique = ", ".join(name for name, row in field_types().items() if "distinct" in row)
        raise FieldListError(f"{token!r}: {type_} fields cannot be unique (unique: {unique})")
    return name, type_, optional, values, modifiers


@cache
def parse_fields(spec: str) -> tuple[dict[str, Any], ...]:
    """`"name:str budget:int? campaign:ref status:enum(new,lost) email:str:unique"`
    -> one dict per field (cached: the same list is parsed by every template
    that shows it). A reference `campaign:ref` is the column `campaign_id`."""
    fields, seen = [], set()
    allowed = ", ".join(type_ if type_ != "enum" else "enum(...)" for type_ in field_types())
    for token in str(spec or "").split():
        name, type_, optional, values, modifiers = split_token(token)
        if error := field_name_error(name):
            raise FieldListError(f"{token!r}: {error}")
        if type_ not in field_types() or (type_ == "enum" and not values):
            raise FieldListError(f"{token!r} has an unknown type {type_!r}; allowed: {allowed}")
        column = f"{name}_id" if type_ == "ref" else name
        if type_ == "ref" and (error := field_name_error(column)):
            raise FieldListError(f"{token!r}: {error}")
        if column in seen:
            raise FieldListError(f"{token!r}: the field {column!r} is given twice")
        seen.add(column)
        field = {
            "name": column,
            "type": type_,
            "optional": optional,
            "camel": camel(column),
            "label": human(name),
            "token": token,
            "unique": "unique" in modifiers,
            "indexed": "index" in modifiers or type_ in ("ref", "enum"),
        }
        field |= field_types()[type_] | input_kind(type_, optional)
        if "zod" in field:
            field["zod"] = bounded_zod(field)
        if type_ == "ref":
            field |= reference(values[0] if values else name, optional) | {"ref_name": name}
        if type_ == "enum":
            field |= enumeration(values)
        fields.append(field)
    return tuple(fields)


def bounded_zod(row: dict[str, Any]) -> str:
    """The row's Zod type (`zod/mini`'s API) with the column's range
    (`minimum`/`maximum`), so that the form refuses what the API's schema
    would: `z.int()` -> `z.int().check(z.minimum(-2147483648), z.maximum(2147483647))`."""
    zod = str(row["zod"])
    checks = [f"z.{bound}({row[bound]})" for bound in ("minimum", "maximum") if bound in row]
    return f"{zod}.check({', '.join(checks)})" if checks else zod


def reference(entity: str, optional: bool) -> dict[str, Any]:
    """What a reference to `entity` adds: the entity's names; deleting the
    referenced row is refused while a required reference points at it, and
    sets an optional one to null."""
    return {"ref": entity_names(entity), "on_delete": "set null" if optional else "restrict"}


def enumeration(values: list[str]) -> dict[str, Any]:
    """An enum's values, their labels, and what each layer writes from them."""
    quoted = ", ".join(f'"{value}"' for value in values)
    return {
        "values": values,
        "options": [{"value": value, "label": human(value)} for value in values],
        "length": max(len(value) for value in values),
        "typescript": " | ".join(f'"{value}"' for value in values),
        "zod": f"z.enum([{quoted}])",
        "sample": f'"{values[0]}"',
        "value": f'"{values[0]}"',
        "sample_alt": f'"{values[-1]}"',
        "typed": values[0],
        "alembic": f"sa.String(length={max(len(value) for value in values)})",
    }


def input_kind(type_: str, optional: bool) -> dict[str, str]:
    """An optional boolean gets a select that may be left unset, not a checkbox."""
    return {"input": "optional-boolean"} if type_ == "bool" and optional else {}


def with_entity(fields: list[dict[str, Any]], entity: str) -> list[dict[str, Any]]:
    """The fields of `entity`'s model: an enum gets its Python class
    (`LeadStatus`, defined in the model's module)."""
    owner = pascal(entity)
    return [
        field
        | {
            "python": f"{owner}{pascal(field['name'])}",
            "schema": f"{owner}{pascal(field['name'])}",
            "sqlalchemy": f'str_enum_type({owner}{pascal(field["name"])}, "{field["name"]}")',
            "sqlalchemy_module": "app.db.types",
            "options_name": f"{owner}{pascal(field['name'])}Options",
        }
        if field["type"] == "enum"
        else field
        for field in fields
    ]


def fields_error(question: str, spec: str) -> str:
    try:
        parse_fields(str(spec or ""))
    except FieldListError as error:
        return f"{question}: {error}"
    return ""


def plain_fields_error(question: str, spec: str, owner: str) -> str:
    """References, enums and modifiers belong to a resource's model (api,
    feature): `owner` (an agent's input, a database unit...) takes plain types."""
    for field in safe_fields(spec):
        if field["type"] in ("ref", "enum") or field["unique"] or ":index" in field["token"]:
            return (
                f"{question}: {field['token']!r}: references, enums and :unique/:index "
                f"are for an api or feature unit's model, not {owner}"
            )
    return ""


def references_error(spec: str, entities: set[str], own: str = "") -> str:
    """A reference names an entity the project has a model of (a unit created it)."""
    for field in safe_fields(spec):
        if field["type"] != "ref":
            continue
        target = field["ref"]["snake"]
        if target == snake(own):
            return (
                f"fields: {field['token']!r} refers to the entity the unit creates; "
                "a reference names another entity of the project"
            )
        if target not in entities:
            known = ", ".join(sorted(entities)) or "none yet"
            return (
                f"fields: {field['token']!r} refers to {target}, which the project has no "
                f"model of (its models: {known}); scaffold it first (type=feature entity={target})"
            )
    return ""


def safe_fields(spec: str | None) -> list[dict[str, Any]]:
    try:
        return list(parse_fields(str(spec or "")))
    except FieldListError:
        return []


def python_imports(
    fields: list[dict[str, Any]],
    also: tuple[str, ...] = (),
    for_values: bool = False,
    typing: tuple[str, ...] = (),
) -> list[str]:
    """The standard-library imports that the fields' Python types (and the field
    types in `also`, plus "path" for pathlib, and the names of `typing`) need,
    sorted as ruff sorts them; `for_values`: only what their sample values need
    (a JSON value needs no `Any`)."""
    types = {field["type"] for field in fields} | set(also)
    if "ref" in types:
        types.add("uuid")
    if for_values:
        types -= {"json", "enum"}
    straight = ["import uuid"] if "uuid" in types else []
    from_datetime = [name for name in ("date", "datetime") if name in types]
    froms = []
    if "enum" in types:
        froms.append("from enum import StrEnum")
    if from_datetime:
        froms.append(f"from datetime import {', '.join(from_datetime)}")
    if "decimal" in types:
        froms.append("from decimal import Decimal")
    if "path" in types:
        froms.append("from pathlib import Path")
    typing_names = sorted({*typing, *(["Any"] if "json" in types else [])})
    if typing_names:
        froms.append(f"from typing import {', '.join(typing_names)}")
    return straight + sorted(froms)


def sqlalchemy_imports(fields: list[dict[str, Any]], module: str = "sqlalchemy") -> str:
    """`JSON, Integer, String`: the column types `module` gives (SQLAlchemy's, or
    the project's own such as app.db.types), in ruff's order (constants first)."""
    names = {
        field["sqlalchemy"].split("(")[0]
        for field in fields
        if field.get("sqlalchemy_module", "sqlalchemy") == module
    }
    return ", ".join(sorted(names, key=lambda name: (not name.isupper(), name)))
