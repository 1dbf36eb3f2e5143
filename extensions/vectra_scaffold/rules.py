"""The rule each answer follows: a one-line error naming the question, or ""."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from .data import (
    AREAS,
    KINDS,
    LANGS,
    OPERATIONS,
    PRIORITIES,
    STATUSES,
    boolean_questions,
    question_names,
    test_kinds,
    type_names,
)
from .fields import RESERVED_WORDS, fields_error, plain_fields_error, safe_fields
from .labels import LABEL_MAX_LENGTH, LABELS_MAX_LENGTH, labels_error, syntax_error
from .naming import camel, entity_names, snake

NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", re.ASCII)
NAME_MAX_LENGTH = 60
ENTITY_PATTERN = re.compile(r"[a-z][a-z0-9]*([-_][a-z0-9]+)*", re.ASCII)
ENTITY_MAX_LENGTH = 40
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
NUMBER_PATTERN = re.compile(r"[0-9]+", re.ASCII)
ROUTE_SEGMENT = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*|\[[a-z][a-zA-Z0-9]*\]", re.ASCII)
TARGET_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-\[\]/]*", re.ASCII)
TARGET_MAX_LENGTH = 80
OBJECTIVE_MAX_LENGTH = 200
ROUTE_MAX_LENGTH = 120
ROUTE_SEGMENT_MAX_LENGTH = 40
NUMBER_MAX_LENGTH = 9
FIELDS_MAX_LENGTH = 2000
SOURCE_MAX_LENGTH = 500
REVISION_PATTERN = re.compile(r"[0-9a-f]{12}", re.ASCII)
DOWN_REVISION_PATTERN = re.compile(r"[A-Za-z0-9_]{1,64}", re.ASCII)
UNIT_MARKER = "<!--"
# The base project's models (backend/app/models/): an entity of these names would
# overwrite or shadow them.
BASE_ENTITIES = {
    "organization": "table organizations",
    "user": "table users",
    "membership": "table memberships",
    "sign_in_failure": "table sign_in_failures",
    "agent_run": "table agent_runs",
    "identity": "module app/models/identity.py",
}
# What copier reads as a boolean answer; anything else is refused, not taken as true.
BOOLEAN_WORDS = {
    "true": True, "yes": True, "y": True, "on": True, "1": True,
    "false": False, "no": False, "n": False, "off": False, "0": False,
}  # fmt: skip


def text(value: Any) -> str:
    return "" if value is None else str(value)


def name_error(name: Any) -> str:
    name = text(name)
    if not name:
        return "name: required, a kebab-case slug such as bant-qualifier"
    if len(name) > NAME_MAX_LENGTH:
        return f"name: at most {NAME_MAX_LENGTH} characters (got {len(name)})"
    if not NAME_PATTERN.fullmatch(name):
        return (
            f"name: {name!r} is not kebab-case: lowercase letters, digits and single "
            "hyphens, starting with a letter (e.g. bant-qualifier)"
        )
    reserved = sorted({snake(name), camel(name)} & RESERVED_WORDS)
    if reserved:
        return (
            f"name: {name!r} would generate the identifier {reserved[0]!r}, "
            "a reserved word in Python or TypeScript"
        )
    return ""


def date_error(value: Any) -> str:
    value = text(value)
    if not DATE_PATTERN.fullmatch(value):
        return f"date: {value!r} is not a date in the form YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"date: {value!r} is not a real calendar date (YYYY-MM-DD)"
    return ""


def choice_error(question: str, value: Any, allowed: list[str]) -> str:
    if value in allowed:
        return ""
    shown = "(none)" if value in (None, "") else repr(value)
    return f"{question}: {shown} is not one of {', '.join(allowed)}"


def number_error(question: str, value: Any) -> str:
    """Issue and PR numbers are optional: empty, or ASCII digits without `#`."""
    value = text(value)
    if not value:
        return ""
    if not NUMBER_PATTERN.fullmatch(value) or len(value) > NUMBER_MAX_LENGTH:
        return (
            f"{question}: {value[:20]!r} is not a number such as 42 "
            f"(at most {NUMBER_MAX_LENGTH} digits 0-9, without #)"
        )
    return ""


def boolean_error(question: str, value: Any) -> str:
    """A yes/no answer: true/false, yes/no, y/n, on/off, 1/0 (any case)."""
    if isinstance(value, bool) or text(value).strip().lower() in BOOLEAN_WORDS:
        return ""
    return f"{question}: {text(value)[:20]!r} is not a yes/no answer (true or false, yes or no)"


def length_error(question: str, value: Any, maximum: int) -> str:
    if len(text(value)) > maximum:
        return f"{question}: at most {maximum} characters (got {len(text(value))})"
    return ""


def revision_error(value: Any) -> str:
    """Computed by the scaffold: 12 hexadecimal digits (given back on updates)."""
    if REVISION_PATTERN.fullmatch(text(value)):
        return ""
    return (
        f"revision: {text(value)[:20]!r} is not a revision id (12 hexadecimal digits); "
        "the scaffold computes it: leave it out"
    )


def down_revision_error(value: Any) -> str:
    """Computed by the scaffold: the project's head revision, or empty."""
    if not text(value) or DOWN_REVISION_PATTERN.fullmatch(text(value)):
        return ""
    return (
        f"down_revision: {text(value)[:20]!r} is not a revision id; "
        "the scaffold computes it (the project's head): leave it out"
    )


def objective_error(value: Any) -> str:
    """The objective is one line of the log and of STATUS.md: no line break, no marker."""
    value = text(value)
    if "\n" in value or "\r" in value:
        return "objective: one line (no line break)"
    if len(value) > OBJECTIVE_MAX_LENGTH:
        return f"objective: at most {OBJECTIVE_MAX_LENGTH} characters (got {len(value)})"
    if UNIT_MARKER in value:
        return f"objective: may not contain {UNIT_MARKER!r} (the documents' unit markers)"
    return ""


MSG_MAX_LENGTH = 72


def msg_error(value: Any) -> str:
    """The migration message is the first line of its Python docstring."""
    value = text(value)
    if len(value) > MSG_MAX_LENGTH:
        return f"msg: at most {MSG_MAX_LENGTH} characters (got {len(value)})"
    if any(character in value for character in '"\\\n\r'):
        return "msg: one line without double quotes or backslashes"
    return ""


def entity_error(value: Any) -> str:
    value = text(value)
    if not value:
        return ""
    if not ENTITY_PATTERN.fullmatch(value):
        return f"entity: {value!r} must be a lowercase singular noun, kebab or snake case"
    if len(value) > ENTITY_MAX_LENGTH:
        return f"entity: at most {ENTITY_MAX_LENGTH} characters (got {len(value)})"
    if snake(value) in RESERVED_WORDS:
        return f"entity: {value!r} is a reserved word in Python or TypeScript"
    if snake(value) in BASE_ENTITIES:
        return (
            f"entity: {value!r} is the base project's own "
            f"({BASE_ENTITIES[snake(value)]}); name your resource otherwise"
        )
    names = entity_names(value)
    if names["plural"] == names["snake"]:
        return (
            f"entity: {value!r} has the same singular and plural; "
            f"name a countable thing (e.g. {value}-item)"
        )
    return ""


def operation_list(value: Any) -> list[str]:
    return [operation.strip() for operation in text(value).split(",") if operation.strip()]


def operations_error(value: Any) -> str:
    chosen = operation_list(value)
    unknown = [operation for operation in chosen if operation not in OPERATIONS]
    if unknown or not chosen:
        shown = repr(unknown[0]) if unknown else "(none)"
        return f"operations: {shown} is not one of {', '.join(OPERATIONS)} (comma-separated)"
    return ""


def route_params(route: Any) -> list[str]:
    """The dynamic segments of a route: `leads/[id]` -> ["id"]."""
    return [segment[1:-1] for segment in text(route).split("/") if segment.startswith("[")]


def route_error(route: Any) -> str:
    route = text(route)
    if not route:
        return ""
    if len(route) > ROUTE_MAX_LENGTH:
        return f"route: at most {ROUTE_MAX_LENGTH} characters (got {len(route)})"
    for segment in route.split("/"):
        if len(segment) > ROUTE_SEGMENT_MAX_LENGTH:
            return (
                f"route: a segment has at most {ROUTE_SEGMENT_MAX_LENGTH} characters "
                f"(got {len(segment)})"
            )
        if not ROUTE_SEGMENT.fullmatch(segment):
            return (
                f"route: {route!r} has the segment {segment!r}; segments are lowercase "
                "kebab-case words or a [param], separated by /"
            )
    params = route_params(route)
    if repeated := sorted({param for param in params if params.count(param) > 1}):
        return f"route: {route!r} uses the parameter [{repeated[0]}] twice"
    return ""


def target_error(value: Any) -> str:
    """A module, entity, agent, component or route; no spaces, no `..`."""
    value = text(value)
    if len(value) > TARGET_MAX_LENGTH:
        return f"target: at most {TARGET_MAX_LENGTH} characters (got {len(value)})"
    if value and (".." in value or not TARGET_PATTERN.fullmatch(value)):
        return (
            f"target: {value!r} must name a module, entity, agent, component or route "
            "(letters, digits, ., -, _, / and [param]; no spaces, no ..)"
        )
    return ""


RULES: dict[str, Callable[[Any], str]] = {
    "type": lambda value: choice_error("type", value, type_names()),
    "name": name_error,
    "lang": lambda value: choice_error("lang", value, LANGS),
    "date": date_error,
    "priority": lambda value: choice_error("priority", value, PRIORITIES),
    "status": lambda value: choice_error("status", value, STATUSES),
    "objective": objective_error,
    "issue": lambda value: number_error("issue", value),
    "pr": lambda value: number_error("pr", value),
    "msg": msg_error,
    "kind": lambda value: choice_error("kind", value, KINDS),
    "route": route_error,
    "entity": entity_error,
    "fields": lambda value: (
        length_error("fields", value, FIELDS_MAX_LENGTH) or fields_error("fields", value)
    ),
    "labels": syntax_error,
    "operations": operations_error,
    "input_fields": lambda value: (
        length_error("input_fields", value, FIELDS_MAX_LENGTH)
        or fields_error("input_fields", value)
        or plain_fields_error("input_fields", value, "an agent")
    ),
    "output_fields": lambda value: (
        length_error("output_fields", value, FIELDS_MAX_LENGTH)
        or fields_error("output_fields", value)
        or plain_fields_error("output_fields", value, "an agent")
    ),
    "area": lambda value: choice_error("area", value, AREAS),
    "test_kind": lambda value: choice_error("test_kind", value, test_kinds()),
    "target": target_error,
    "template_source": lambda value: length_error("template_source", value, SOURCE_MAX_LENGTH),
    "revision": revision_error,
    "down_revision": down_revision_error,
    **{
        question: (lambda value, question=question: boolean_error(question, value))
        for question in boolean_questions()
    },
}

# Each free answer's rule in one line, as `vectra-scaffold list` shows it
# (questions with choices show their choices instead).
RULE_TEXT = {
    "name": f"kebab-case, at most {NAME_MAX_LENGTH} characters, not a reserved word",
    "date": "a real calendar date, YYYY-MM-DD",
    "objective": f"one line, at most {OBJECTIVE_MAX_LENGTH} characters",
    "issue": f"empty, or at most {NUMBER_MAX_LENGTH} digits",
    "pr": f"empty, or at most {NUMBER_MAX_LENGTH} digits",
    "msg": f"one line, at most {MSG_MAX_LENGTH} characters, no double quote or backslash",
    "route": (
        f"kebab-case segments or [param] separated by /, at most {ROUTE_MAX_LENGTH} "
        "characters, no parameter twice"
    ),
    "entity": f"a countable singular noun, at most {ENTITY_MAX_LENGTH} characters",
    "fields": "the field grammar: name:type[?] ... (see README)",
    "labels": (
        "key=label ... (entity=Singular/Plural, field=Label, field.value=Label), "
        f"each at most {LABEL_MAX_LENGTH} characters, one line, at most {LABELS_MAX_LENGTH} in all"
    ),
    "operations": f"comma-separated among {','.join(OPERATIONS)}",
    "input_fields": "the field grammar, at least one field",
    "output_fields": "the field grammar, at least one field",
    "target": (
        f"a module, entity, agent, component or route, at most {TARGET_MAX_LENGTH} characters"
    ),
    "template_source": f"copier's URL or path, at most {SOURCE_MAX_LENGTH} characters",
    **{question: "yes or no" for question in boolean_questions()},
}


def answer_error(question: str, value: Any) -> str:
    """The rule an answer breaks, or ""."""
    rule = RULES.get(question)
    return rule(value) if rule else ""


def unknown_answer_error(answers: dict[str, Any]) -> str:
    """An answer to no question (a typo in --data) would be ignored silently."""
    known = question_names()
    for question in answers:
        if question not in known and not question.startswith("_"):
            close = difflib.get_close_matches(question, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            return f"{question}: not a question of the scaffold{hint}"
    return ""


def first_answer_error(answers: dict[str, Any]) -> str:
    for question in RULES:
        if question in answers and (error := answer_error(question, answers[question])):
            return error
    return ""


def shape_error(answers: dict[str, Any]) -> str:
    """Rules between answers: what a type needs once its questions are answered."""
    type_ = answers.get("type")
    if type_ == "feature" and answers.get("backend") is False and answers.get("frontend") is False:
        return "frontend: a feature writes at least one side: backend, frontend or both"
    if type_ in ("fix", "test") and "target" in answers and not answers["target"]:
        return f"target: required for the {type_} type (the module, entity or component concerned)"
    if type_ == "agent":
        for question in ("input_fields", "output_fields"):
            if question in answers and not safe_fields(answers[question]):
                return f"{question}: an agent needs at least one field (e.g. summary:str)"
    if answers.get("kind") == "page" and "route" in answers and not answers["route"]:
        return "route: required for a page (e.g. campaigns/new or leads/[id])"
    if "entity" not in answers or "fields" not in answers:
        return ""
    if answers.get("labels") and (
        error := labels_error(
            answers["labels"], text(answers["entity"]), safe_fields(answers["fields"])
        )
    ):
        return error
    has_fields = bool(text(answers["fields"]).strip())
    if type_ in ("api", "feature"):
        if not answers.get("entity"):
            return f"entity: required for the {type_} type (e.g. campaign)"
        if not has_fields:
            return f"fields: the {type_} type needs at least one field (e.g. name:str)"
    if type_ == "component" and bool(answers["entity"]) != has_fields:
        return "fields: a page shows an entity with its fields: give both, or neither"
    if type_ == "database" and bool(answers["entity"]) != has_fields:
        return "fields: a database unit takes entity and fields together, or neither"
    if type_ in ("component", "database"):
        return plain_fields_error("fields", answers["fields"], f"a {type_} unit")
    return ""
