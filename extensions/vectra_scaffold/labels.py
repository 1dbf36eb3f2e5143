"""The labels people read, in the project's language: the `labels` answer.

`"campaign=Campagne/Campagnes starts_at=Date de début status.new=Nouveau"`:
the entity's label (singular/plural: French plurals are not always +s), a
field's label (a reference by its name as written, `campaign` for
`campaign:ref`, or its column, `campaign_id`) and an enum value's
(`<field>.<value>`). A label runs up to the next ` key=`; one that must hold
such text is written in double quotes (`note="a=b"`). Whatever is not given
keeps the human form of its name (`naming.human`). Quotes, backslashes and
brackets are kept (the templates write labels as escaped string literals);
control characters and line breaks are refused.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from .naming import kebab, snake

LABEL_MAX_LENGTH = 60
LABELS_MAX_LENGTH = 2000
KEY = r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*)?"
KEY_AT = re.compile(rf"({KEY})=", re.ASCII)
NEXT_KEY = re.compile(rf"\s+(?={KEY}=)", re.ASCII)
# Line and paragraph separators end a line in JavaScript's older parsers and in editors.
SEPARATORS = frozenset("\u2028\u2029\x85")


class LabelsError(ValueError):
    pass


@cache
def parse_labels(spec: str) -> tuple[tuple[str, str], ...]:
    """`"a=B c=D e F"` -> (("a", "B"), ("c", "D e F")): each key and its label,
    in order (cached: every template asks for the same answer)."""
    text, pairs, position = str(spec or ""), [], 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return tuple(pairs)
        match = KEY_AT.match(text, position)
        if not match:
            shown = text[position:].split()[0][:30]
            raise LabelsError(f"{shown!r} is not key=label (e.g. starts_at=Date de début)")
        key, start = match[1], match.end()
        if text.startswith('"', start):
            end = text.find('"', start + 1)
            if end < 0:
                raise LabelsError(f"{key}: the label's opening double quote is never closed")
            value, position = text[start + 1 : end], end + 1
            if position < len(text) and not text[position].isspace():
                raise LabelsError(f"{key}: a space must follow the closing double quote")
        else:
            following = NEXT_KEY.search(text, start)
            end = following.start() if following else len(text)
            value, position = text[start:end].strip(), end
        if any(key == seen for seen, _ in pairs):
            raise LabelsError(f"{key}: given twice")
        pairs.append((key, value))


def label_error(key: str, value: str) -> str:
    """Why `value` cannot be shown as a label, or ""."""
    if not value.strip():
        return f"{key}: the label is empty"
    if len(value) > LABEL_MAX_LENGTH:
        return f"{key}: a label has at most {LABEL_MAX_LENGTH} characters (got {len(value)})"
    for character in value:
        if unicodedata.category(character) == "Cc" or character in SEPARATORS:
            return f"{key}: a label is one line, without control characters ({character!r})"
    return ""


def syntax_error(spec: Any) -> str:
    """The `labels` answer alone: its grammar and each label (not its keys)."""
    spec = "" if spec is None else str(spec)
    if len(spec) > LABELS_MAX_LENGTH:
        return f"labels: at most {LABELS_MAX_LENGTH} characters (got {len(spec)})"
    try:
        pairs = parse_labels(spec)
    except LabelsError as error:
        return f"labels: {error}"
    for key, value in pairs:
        if error := label_error(key, value):
            return f"labels: {error}"
    return ""


def entity_keys(entity: str) -> set[str]:
    return {kebab(entity), snake(entity)} if entity else set()


def field_keys(field: dict[str, Any]) -> set[str]:
    """A field is labelled by its name as written (`campaign` of `campaign:ref`) or its column."""
    return {field["name"], field.get("ref_name", field["name"])}


def resolve(
    spec: Any, entity: str, fields: list[dict[str, Any]]
) -> tuple[tuple[str, str] | None, dict[str, str], dict[tuple[str, str], str]]:
    """(the entity's singular and plural, {field column: label}, {(column, value): label});
    raises LabelsError naming a key that labels nothing."""
    names: tuple[str, str] | None = None
    by_field: dict[str, str] = {}
    by_value: dict[tuple[str, str], str] = {}
    for key, value in parse_labels("" if spec is None else str(spec)):
        name, dot, option = key.partition(".")
        field = next((field for field in fields if name in field_keys(field)), None)
        if dot:
            if field is None or field["type"] != "enum":
                raise LabelsError(f"{key}: {name!r} is not an enum field of the entity")
            if option not in field["values"]:
                shown = ", ".join(field["values"])
                raise LabelsError(f"{key}: {option!r} is not a value of {name} ({shown})")
            by_value[(field["name"], option)] = value
        elif key in entity_keys(entity) and (field is None or "/" in value):
            # The entity (a field of the same name: its label has no slash).
            singular, slash, plural = (part.strip() for part in value.partition("/"))
            if not (slash and singular and plural):
                raise LabelsError(
                    f"{key}: the entity's label is singular/plural "
                    "(e.g. campaign=Campagne/Campagnes)"
                )
            names = (singular, plural)
        elif field is not None:
            if field["name"] in by_field:
                raise LabelsError(f"{key}: the field {field['name']!r} is given twice")
            by_field[field["name"]] = value
        else:
            known = ", ".join([snake(entity), *(f.get("ref_name", f["name"]) for f in fields)])
            raise LabelsError(f"{key}: names nothing of this unit (its entity and fields: {known})")
    return names, by_field, by_value


def labels_error(spec: Any, entity: str, fields: list[dict[str, Any]]) -> str:
    """The `labels` answer against the unit's entity and fields: "" or a one-line error."""
    if error := syntax_error(spec):
        return error
    try:
        resolve(spec, entity, fields)
    except LabelsError as error:
        return f"labels: {error}"
    return ""


def labelled_entity(names: dict[str, str], spec: Any, fields: list[dict[str, Any]]) -> dict:
    """The entity's names with its labels (`human`, `plural_human`) from the answer."""
    try:
        given, _, _ = resolve(spec, names.get("kebab", ""), fields)
    except LabelsError:
        return names
    if given is None:
        return names
    return {**names, "human": given[0], "plural_human": given[1]}


def labelled_fields(fields: list[dict[str, Any]], spec: Any, entity: str) -> list[dict]:
    """The fields with their labels (and their enum options') from the answer."""
    try:
        _, by_field, by_value = resolve(spec, entity, fields)
    except LabelsError:
        return fields
    if not by_field and not by_value:
        return fields
    labelled = []
    for field in fields:
        changes: dict[str, Any] = {}
        if field["name"] in by_field:
            changes["label"] = by_field[field["name"]]
        if field["type"] == "enum" and any(column == field["name"] for column, _ in by_value):
            changes["options"] = [
                {**option, "label": by_value.get((field["name"], option["value"]), option["label"])}
                for option in field["options"]
            ]
        labelled.append(field | changes)
    return labelled
