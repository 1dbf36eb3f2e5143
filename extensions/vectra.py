"""Jinja extensions of the VECTRA scaffold.

Plain functions first (unit-tested directly), then the two small classes that
register them with Jinja and derive a unit's names once per render.
"""

from __future__ import annotations

import ast
import hashlib
import json
import keyword
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from copier.errors import UserMessageError
from copier_template_extensions import ContextHook
from jinja2.ext import Extension

WORK_TYPES_FILE = Path(__file__).with_name("work_types.yml")
LOGS_ROOT = "docs/workflow/logs"
UNIT_DOCS_ROOT = "docs/workflow/units"
STATUS_DOC = "docs/workflow/STATUS.md"
ANSWERS_ROOT = ".copier-answers"
MODEL_DIR = "backend/app/models"
PROJECT_ANSWERS_FILE = ".copier-answers.yml"

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
NAME_MAX_LENGTH = 60
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANGS = ["fr", "en"]
PRIORITIES = ["P0", "P1", "P2"]
STATUSES = ["in_progress", "completed", "blocked"]

# Words a generated identifier may not be: JavaScript's reserved words in strict
# mode (TypeScript compiles as strict) and Python's keywords.
TYPESCRIPT_RESERVED = frozenset(
    "await break case catch class const continue debugger default delete do else enum "
    "export extends false finally for function if implements import in instanceof "
    "interface let new null package private protected public return static super switch "
    "this throw true try typeof var void while with yield".split()
)
PYTHON_RESERVED = frozenset(keyword.kwlist)


@cache
def load_work_types() -> dict[str, Any]:
    """The whole data file: `types`, `test_kinds` and `labels`."""
    return yaml.safe_load(WORK_TYPES_FILE.read_text(encoding="utf-8"))


def work_type(type_: str) -> dict[str, Any]:
    return load_work_types()["types"][type_]


def type_names() -> list[str]:
    return list(load_work_types()["types"])


def labels(lang: str) -> dict[str, str]:
    return load_work_types()["labels"][lang]


# --- naming -----------------------------------------------------------------


def words(text: str) -> list[str]:
    """Split kebab, snake, camel or Pascal case into lowercase words."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", str(text))
    return [word.lower() for word in re.split(r"[^A-Za-z0-9]+", spaced) if word]


def snake(text: str) -> str:
    return "_".join(words(text))


def kebab(text: str) -> str:
    return "-".join(words(text))


def pascal(text: str) -> str:
    return "".join(word.capitalize() for word in words(text))


def camel(text: str) -> str:
    pascal_form = pascal(text)
    return pascal_form[:1].lower() + pascal_form[1:]


def _plural_word(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def _singular_word(word: str) -> str:
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if re.search(r"(ss|x|z|ch|sh)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 1:
        return word[:-1]
    return word


def _on_last_word(text: str, change) -> str:
    """Apply `change` to the last word, keeping the separators of `text`."""
    match = re.search(r"[A-Za-z0-9]+$", str(text))
    if not match:
        return str(text)
    return text[: match.start()] + change(match.group())


def plural(text: str) -> str:
    return _on_last_word(text, _plural_word)


def singular(text: str) -> str:
    return _on_last_word(text, _singular_word)


# --- answers: rules ---------------------------------------------------------


def name_error(name: str) -> str:
    """The rule `name` breaks, or "" when it is valid."""
    name = "" if name is None else str(name)
    if not name:
        return "name: required, a kebab-case slug such as bant-qualifier"
    if len(name) > NAME_MAX_LENGTH:
        return f"name: at most {NAME_MAX_LENGTH} characters (got {len(name)})"
    if not NAME_PATTERN.match(name):
        return (
            f"name: {name!r} is not kebab-case: lowercase letters, digits and single "
            "hyphens, starting with a letter (e.g. bant-qualifier)"
        )
    identifiers = {snake(name), camel(name)}
    reserved = sorted(
        ident for ident in identifiers if ident in PYTHON_RESERVED | TYPESCRIPT_RESERVED
    )
    if reserved:
        return (
            f"name: {name!r} would generate the identifier {reserved[0]!r}, "
            "a reserved word in Python or TypeScript"
        )
    return ""


def date_error(value: str) -> str:
    """The rule `date` breaks, or "" when it is a real YYYY-MM-DD date."""
    value = "" if value is None else str(value)
    if not DATE_PATTERN.match(value):
        return f"date: {value!r} is not a date in the form YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"date: {value!r} is not a real calendar date (YYYY-MM-DD)"
    return ""


def choice_error(question: str, value: str, allowed: list[str]) -> str:
    if value in allowed:
        return ""
    shown = "(none)" if value in (None, "") else repr(value)
    return f"{question}: {shown} is not one of {', '.join(allowed)}"


def number_error(question: str, value: str) -> str:
    """Issue and PR numbers are optional: empty, or digits without `#`."""
    if value in (None, "") or str(value).isdigit():
        return ""
    return f"{question}: {value!r} is not a number such as 42 (without #)"


RULES = {
    "type": lambda value: choice_error("type", value, type_names()),
    "name": name_error,
    "lang": lambda value: choice_error("lang", value, LANGS),
    "date": date_error,
    "priority": lambda value: choice_error("priority", value, PRIORITIES),
    "status": lambda value: choice_error("status", value, STATUSES),
    "issue": lambda value: number_error("issue", value),
    "pr": lambda value: number_error("pr", value),
    "entity": lambda value: entity_error(value),
    "fields": lambda value: fields_error("fields", value),
    "operations": lambda value: operations_error(value),
    "kind": lambda value: choice_error("kind", value, KINDS),
    "area": lambda value: choice_error("area", value, AREAS),
    "test_kind": lambda value: choice_error("test_kind", value, test_kinds()),
    "target": lambda value: target_error(value),
    "route": lambda value: route_error(value),
    "input_fields": lambda value: fields_error("input_fields", value),
    "output_fields": lambda value: fields_error("output_fields", value),
}


ROUTE_SEGMENT = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*|\[[a-z][a-zA-Z0-9]*\])$")
KINDS = ["component", "page"]
AREAS = ["backend", "frontend"]
TARGET_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-\[\]/]*$")


def test_kinds() -> list[str]:
    return list(load_work_types()["test_kinds"])


def target_error(value: str) -> str:
    """A module, entity, agent, component or route; no spaces, no `..`."""
    value = "" if value is None else str(value)
    if value and (".." in value or not TARGET_PATTERN.match(value)):
        return (
            f"target: {value!r} must name a module, entity, agent, component or route "
            "(letters, digits, ., -, _, / and [param]; no spaces, no ..)"
        )
    return ""


def route_error(route: str) -> str:
    """A page route such as `campaigns/new` or `leads/[id]`, or "" when valid."""
    route = "" if route is None else str(route)
    if not route:
        return ""
    for segment in route.split("/"):
        if not ROUTE_SEGMENT.match(segment):
            return (
                f"route: {route!r} has the segment {segment!r}; segments are lowercase "
                "kebab-case words or a [param], separated by /"
            )
    return ""


def route_conflict_error(dst_path: str, route: str) -> str:
    """Next.js allows one name per dynamic segment: `leads/[id]` and `leads/[leadId]`
    cannot both exist."""
    app = Path(str(dst_path)) / "frontend/src/app"
    parent = app
    for segment in str(route or "").split("/"):
        if segment.startswith("["):
            others = sorted(
                path.name
                for path in parent.glob("[[]*[]]")
                if path.is_dir() and path.name != segment
            )
            if others:
                existing = (parent / others[0]).relative_to(app).as_posix()
                return (
                    f"route: {route!r} conflicts with the existing route {existing!r}; "
                    "Next.js needs one name per dynamic segment"
                )
        parent = parent / segment
    return ""


def route_params(route: str) -> list[str]:
    """The dynamic segments of a route: `leads/[id]` -> ["id"]."""
    return [segment[1:-1] for segment in str(route or "").split("/") if segment.startswith("[")]


OPERATIONS = ["list", "get", "create", "update", "delete"]


def operation_list(value: str) -> list[str]:
    return [operation.strip() for operation in str(value or "").split(",") if operation.strip()]


def operations_error(value: str) -> str:
    chosen = operation_list(value)
    unknown = [operation for operation in chosen if operation not in OPERATIONS]
    if unknown or not chosen:
        shown = repr(unknown[0]) if unknown else "(none)"
        return f"operations: {shown} is not one of {', '.join(OPERATIONS)} (comma-separated)"
    return ""


def answer_error(question: str, value: Any) -> str:
    """The rule an answer breaks, or ""."""
    return RULES[question](value)


def prompt_error(question: str, value: Any, data: dict[str, Any], dst_path: str = "") -> str:
    """Validator text: the rule broken by an answer typed at the prompt.

    An answer given with --data, and an empty one (a default such as type's,
    which copier validates too), is let through here and refused by
    UnitContext once recorded: copier turns a validator's message into a
    traceback, but prints a UserMessageError as one clean line. With
    `dst_path`, `type=project` typed where a project already is is refused
    here, so that the prompt asks again.
    """
    from_data = question in (data or {}) and str(data[question]) == str(value)
    if from_data or value in (None, ""):
        return ""
    if question == "type" and value == "project" and dst_path:
        return existing_unit_error(str(dst_path), "project", "")
    return answer_error(question, value)


def first_answer_error(answers: dict[str, Any]) -> str:
    for question in RULES:
        if question in answers and (error := answer_error(question, answers[question])):
            return error
    return ""


def today() -> str:
    """The only clock read of the template; the result is recorded as an answer."""
    return date.today().isoformat()


# --- field lists ------------------------------------------------------------

FIELD_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# Columns every tenant-owned table already has (IdMixin, TenantMixin, TimestampMixin).
BUILT_IN_COLUMNS = frozenset({"id", "tenant_id", "created_at", "updated_at"})


class FieldListError(ValueError):
    pass


def field_types() -> dict[str, dict[str, str]]:
    return load_work_types()["field_types"]


def parse_fields(spec: str) -> list[dict[str, Any]]:
    """`"name:str budget:int?"` -> one dict per field: its name, type, optionality
    and what each layer generates (the field_types row of the data file)."""
    fields, seen = [], set()
    allowed = ", ".join(field_types())
    for token in str(spec or "").split():
        name, colon, type_ = token.partition(":")
        optional = type_.endswith("?")
        type_ = type_.removesuffix("?")
        if not colon or not name or not type_:
            raise FieldListError(f"{token!r} is not name:type (e.g. budget:int?)")
        if not FIELD_NAME_PATTERN.match(name):
            raise FieldListError(f"{token!r}: the field name must be snake_case")
        if name in PYTHON_RESERVED | TYPESCRIPT_RESERVED:
            raise FieldListError(f"{token!r}: {name!r} is a reserved word")
        if name in BUILT_IN_COLUMNS:
            raise FieldListError(f"{token!r}: {name!r} is a built-in column")
        if name in seen:
            raise FieldListError(f"{token!r}: the field {name!r} is given twice")
        if type_ not in field_types():
            raise FieldListError(f"{token!r} has an unknown type {type_!r}; allowed: {allowed}")
        seen.add(name)
        fields.append(
            {"name": name, "type": type_, "optional": optional, "camel": camel(name)}
            | field_types()[type_]
        )
    return fields


def fields_error(question: str, spec: str) -> str:
    try:
        parse_fields(spec)
    except FieldListError as error:
        return f"{question}: {error}"
    return ""


def python_imports(fields: list[dict[str, Any]], also: tuple[str, ...] = ()) -> list[str]:
    """The standard-library imports that the fields' Python types (and the field
    types in `also`, plus "path" for pathlib) need, sorted as ruff sorts them."""
    types = {field["type"] for field in fields} | set(also)
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


def sqlalchemy_imports(fields: list[dict[str, Any]]) -> str:
    """`JSON, Integer, String`: the column types, in ruff's order (constants first)."""
    names = {field["sqlalchemy"].split("(")[0] for field in fields}
    return ", ".join(sorted(names, key=lambda name: (not name.isupper(), name)))


def ts_value(python_source: str) -> str:
    """A field sample (Python source of a JSON-ready value) as a TypeScript literal,
    written the way prettier writes it."""
    return _ts_literal(ast.literal_eval(python_source))


def _ts_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        items = ", ".join(f"{_ts_key(key)}: {_ts_literal(item)}" for key, item in value.items())
        return f"{{ {items} }}" if items else "{}"
    if isinstance(value, str):
        return ts_string(value)
    return json.dumps(value, ensure_ascii=False)


def ts_string(value: str) -> str:
    """A TypeScript string literal in prettier's quotes: double, unless the text
    has double quotes and no single ones."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _ts_key(key: str) -> str:
    return key if re.match(r"^[A-Za-z_$][A-Za-z0-9_$]*$", key) else json.dumps(key)


LINE_LENGTH = 100  # the generated projects' ruff line-length


def fit_call(indent: int, head: str, args: list[str], tail: str = "") -> str:
    """`head(args)tail` laid out as ruff format lays it out, so generated code
    passes `ruff format --check`: one line if it fits, else the arguments on
    one indented line, else one argument a line with a trailing comma."""
    pad = " " * indent
    joined = ", ".join(args)
    one_line = f"{pad}{head}({joined}){tail}"
    if len(one_line) <= LINE_LENGTH:
        return one_line
    if len(pad) + 4 + len(joined) <= LINE_LENGTH:
        return f"{pad}{head}(\n{pad}    {joined}\n{pad}){tail}"
    lines = "".join(f"{pad}    {arg},\n" for arg in args)
    return f"{pad}{head}(\n{lines}{pad}){tail}"


def fit_import(module: str, names: list[str]) -> str:
    """`from module import a, b` as ruff's isort writes it: one line, or one name a line."""
    names = sorted(names, key=lambda name: (not name.isupper(), not name[:1].isupper(), name))
    one_line = f"from {module} import {', '.join(names)}"
    if len(one_line) <= LINE_LENGTH:
        return one_line
    lines = "".join(f"    {name},\n" for name in names)
    return f"from {module} import (\n{lines})"


def fit_ts_import(names: list[str], module: str, keyword: str = "import") -> str:
    """`import { a, b } from "module";` (or `export`, `export type`) as prettier
    writes it, names kept in order."""
    one_line = f'{keyword} {{ {", ".join(names)} }} from "{module}";'
    if len(one_line) <= LINE_LENGTH:
        return one_line
    lines = "".join(f"  {name},\n" for name in names)
    return f'{keyword} {{\n{lines}}} from "{module}";'


def fit_jsx(indent: int, tag: str, attributes: list[str]) -> str:
    """A self-closing JSX element as prettier writes it: one line if it fits,
    else one attribute a line."""
    pad = " " * indent
    one_line = f"{pad}<{tag} {' '.join(attributes)} />"
    if len(one_line) <= LINE_LENGTH:
        return one_line
    lines = "".join(f"{pad}  {attribute}\n" for attribute in attributes)
    return f"{pad}<{tag}\n{lines}{pad}/>"


ENTITY_SUFFIXES = ("endpoints", "endpoint", "api", "apis", "crud", "routes", "resource")


def default_entity(name: str) -> str:
    """`campaigns-endpoints` -> `campaign`: the name without its suffix, singular."""
    parts = words(name)
    while len(parts) > 1 and parts[-1] in ENTITY_SUFFIXES:
        parts.pop()
    return kebab(singular("-".join(parts)))


def entity_error(value: str) -> str:
    value = "" if value is None else str(value)
    if not value:
        return ""
    if not re.match(r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$", value):
        return f"entity: {value!r} must be a lowercase singular noun, kebab or snake case"
    if snake(value) in PYTHON_RESERVED | TYPESCRIPT_RESERVED:
        return f"entity: {value!r} is a reserved word in Python or TypeScript"
    return ""


def entity_names(entity: str) -> dict[str, str]:
    """Every form of an entity's name the generated code uses."""
    return {
        "snake": snake(entity),
        "kebab": kebab(entity),
        "pascal": pascal(entity),
        "camel": camel(entity),
        "plural": snake(plural(kebab(entity))),
        "plural_kebab": plural(kebab(entity)),
        "plural_pascal": pascal(plural(kebab(entity))),
        "plural_camel": camel(plural(kebab(entity))),
        "table": snake(plural(kebab(entity))),
        "label": " ".join(words(entity)),
    }


def revision_id(type_: str, name: str, date_: str) -> str:
    """A migration's Alembic revision: stable for a unit, so it is recorded once."""
    return hashlib.sha1(f"{type_}-{name}-{date_}".encode()).hexdigest()[:12]


REVISION_LINE = re.compile(r"^revision(?::[^=]+)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
DOWN_REVISION_LINE = re.compile(
    r"^down_revision(?::[^=]+)?=\s*(?:None|[\"']([^\"']*)[\"'])", re.MULTILINE
)


def alembic_head(dst_path: str) -> str:
    """The current head revision of the project's migrations ("" when none)."""
    versions = Path(str(dst_path)) / "backend/alembic/versions"
    revisions, parents = set(), set()
    for script in sorted(versions.glob("*.py")):
        text = script.read_text(encoding="utf-8")
        if match := REVISION_LINE.search(text):
            revisions.add(match.group(1))
        if (match := DOWN_REVISION_LINE.search(text)) and match.group(1):
            parents.add(match.group(1))
    heads = sorted(revisions - parents)
    return heads[-1] if heads else ""


def model_exists(dst_path: str, entity: str) -> bool:
    return bool(entity) and (Path(str(dst_path)) / MODEL_DIR / f"{snake(entity)}.py").exists()


# --- per-type facts ----------------------------------------------------------


def log_folder(type_: str) -> str:
    return work_type(type_)["log_folder"] or ""


def log_file(type_: str, date_: str, name: str) -> str:
    return f"{date_}_{type_}_{name}.md" if log_folder(type_) else ""


def log_path(type_: str, date_: str, name: str) -> str:
    """Where the unit's activity log lives, "" for a type without a log."""
    if not log_folder(type_):
        return ""
    return f"{LOGS_ROOT}/{log_folder(type_)}/{log_file(type_, date_, name)}"


def reference_doc(type_: str) -> str:
    return work_type(type_)["reference"] or ""


def coverage_target(type_: str, test_kind: str | None = None) -> int | dict | None:
    """The seed's coverage target: a percentage, one per part, or None."""
    if type_ == "test" and test_kind:
        return load_work_types()["test_kinds"][test_kind]
    return work_type(type_)["coverage"]


def coverage_text(type_: str, lang: str, test_kind: str | None = None) -> str:
    """The target as the log shows it: `70 %`, `backend 80 %, frontend 70 %` or ""."""
    target = coverage_target(type_, test_kind)
    if target is None:
        return ""
    if isinstance(target, dict):
        return ", ".join(f"{part} {value} %" for part, value in target.items())
    return f"{target} %"


def unit_id(type_: str, name: str) -> str:
    return f"{type_}-{name}"


def answers_file(type_: str, name: str) -> str:
    if type_ == "project":
        return PROJECT_ANSWERS_FILE
    return f"{ANSWERS_ROOT}/{unit_id(type_, name)}.yml"


def section_path(unit: str, document: str) -> str:
    """Where a unit keeps what it adds to `document` (a path under docs/)."""
    return f"{UNIT_DOCS_ROOT}/{unit}/{document.removeprefix('docs/')}"


def unit_paths(answers: dict[str, Any]) -> dict[str, str]:
    """Every file one run writes for a unit, by part ("" for a part it does not have)."""
    type_, name, date_ = answers["type"], answers["name"], answers["date"]
    unit = unit_id(type_, name)
    entity = snake(answers.get("entity") or "")
    names = entity_names(entity) if entity else {}
    module = snake(name)
    is_feature = type_ == "feature"
    with_backend = not is_feature or answers.get("backend", True) is not False
    with_frontend = is_feature and answers.get("frontend", True) is not False
    has_resource = type_ in ("api", "feature") and bool(entity) and with_backend
    has_model = bool(entity) and (
        (type_ == "database" and bool(answers.get("fields")))
        or (has_resource and bool(answers.get("with_model")))
    )
    has_migration = type_ == "database" or has_model
    slug = snake(name) if type_ == "database" else f"create_{names.get('table', '')}"
    is_agent = type_ == "agent"
    is_component = type_ == "component" and answers.get("kind", "component") == "component"
    is_page = type_ == "component" and answers.get("kind") == "page"
    component_dir = f"frontend/src/components/{pascal(name)}"
    page_dir = f"frontend/src/app/{answers.get('route') or ''}"
    has_frontend_resource = bool(entity) and (is_page or with_frontend)
    ui = with_frontend and bool(entity)
    list_dir = f"frontend/src/components/{names.get('pascal')}List"
    form_dir = f"frontend/src/components/{names.get('pascal')}Form"
    pages_dir = f"frontend/src/app/{names.get('plural_kebab')}"
    hook = f"use{names.get('plural_pascal', '')}"
    paths = {
        "log": log_path(type_, date_, name),
        "answers": answers_file(type_, name),
        "status_section": type_ != "project" and section_path(unit, STATUS_DOC),
        "model": has_model and f"{MODEL_DIR}/{entity}.py",
        "migration": has_migration
        and f"backend/alembic/versions/{answers.get('revision')}_{slug}.py",
        "schemas": has_resource and f"backend/app/schemas/{entity}.py",
        "repository": has_resource and f"backend/app/repositories/{entity}.py",
        "service": has_resource and f"backend/app/services/{entity}.py",
        "endpoint": has_resource and f"backend/app/api/v1/endpoints/{names['plural']}.py",
        "test_service": has_resource and f"backend/tests/test_{entity}_service.py",
        "test_api": has_resource and f"backend/tests/test_{names['plural']}_api.py",
        "test_migration": type_ == "database" and f"backend/tests/test_migration_{module}.py",
        "agent": is_agent and f"backend/app/agents/{module}.py",
        "prompt": is_agent and f"backend/app/agents/prompts/{module}.md",
        "agent_service": is_agent and f"backend/app/services/{module}.py",
        "agent_task": is_agent
        and bool(answers.get("async_task"))
        and f"backend/app/tasks/{module}.py",
        "test_agent": is_agent and f"backend/tests/test_{module}_agent.py",
        "component": is_component and f"{component_dir}/{pascal(name)}.tsx",
        "component_types": is_component and f"{component_dir}/types.ts",
        "component_index": is_component and f"{component_dir}/index.ts",
        "component_test": is_component and f"{component_dir}/{pascal(name)}.test.tsx",
        "page": is_page and f"{page_dir}/page.tsx",
        "page_loading": is_page and f"{page_dir}/loading.tsx",
        "page_error": is_page and f"{page_dir}/error.tsx",
        "page_test": is_page and f"{page_dir}/page.test.tsx",
        "e2e": is_page and f"frontend/tests/e2e/{answers.get('route')}.spec.ts",
        "resource_client": has_frontend_resource
        and f"frontend/src/lib/resources/{kebab(entity)}.ts",
        "hook": has_frontend_resource and f"frontend/src/hooks/{hook}.ts",
        "hook_test": has_frontend_resource and f"frontend/src/hooks/{hook}.test.tsx",
        "list_component": ui and f"{list_dir}/{names['pascal']}List.tsx",
        "list_component_test": ui and f"{list_dir}/{names['pascal']}List.test.tsx",
        "list_component_index": ui and f"{list_dir}/index.ts",
        "form_component": ui and f"{form_dir}/{names['pascal']}Form.tsx",
        "form_component_test": ui and f"{form_dir}/{names['pascal']}Form.test.tsx",
        "form_component_index": ui and f"{form_dir}/index.ts",
        "list_page": ui and f"{pages_dir}/page.tsx",
        "list_page_test": ui and f"{pages_dir}/page.test.tsx",
        "list_page_loading": ui and f"{pages_dir}/loading.tsx",
        "list_page_error": ui and f"{pages_dir}/error.tsx",
        "new_page": ui and f"{pages_dir}/new/page.tsx",
        "new_page_test": ui and f"{pages_dir}/new/page.test.tsx",
        "journey_e2e": ui and f"frontend/tests/e2e/{name}.spec.ts",
        "specs_section": is_feature and section_path(unit, reference_doc("feature")),
        "regression_test": type_ == "fix" and regression_test_path(answers),
        "test_file": type_ == "test" and test_file_path(answers),
        "api_contracts_section": has_resource and section_path(unit, reference_doc("api")),
        "db_schema_section": has_migration and section_path(unit, reference_doc("database")),
        "agent_prompts_section": is_agent and section_path(unit, reference_doc("agent")),
        "test_plan_section": type_ == "test" and section_path(unit, reference_doc("test")),
        "components_catalog_section": is_component
        and bool(answers.get("reusable"))
        and section_path(unit, reference_doc("component")),
    }
    return {part: path or "" for part, path in paths.items()}


def component_test_path(component: str, unit_name: str) -> str:
    """A test beside a component: frontend/src/components/<Pascal>/<Pascal>.<unit>.test.tsx."""
    return f"frontend/src/components/{pascal(component)}/{pascal(component)}.{unit_name}.test.tsx"


def regression_test_path(answers: dict[str, Any]) -> str:
    """A fix's regression test, next to the code it concerns."""
    target = answers.get("target") or ""
    if not target:
        return ""
    if answers.get("area") == "frontend":
        return component_test_path(target, answers["name"])
    return f"backend/tests/test_regression_{snake(answers['name'])}.py"


def test_file_path(answers: dict[str, Any]) -> str:
    """Where the project's conventions put a test of this kind for this target."""
    kind, target = answers.get("test_kind"), answers.get("target") or ""
    if not target or not kind:
        return ""
    if kind == "component":
        return component_test_path(target, answers["name"])
    if kind == "e2e":
        return f"frontend/tests/e2e/{answers['name']}.spec.ts"
    return f"backend/tests/test_{snake(answers['name'])}.py"


def unit_files(paths: dict[str, str]) -> list[str]:
    """The files a unit writes, sorted."""
    return sorted(path for path in paths.values() if path)


def modified_docs(paths: dict[str, str]) -> list[str]:
    """The documents a unit's sections are appended to (see sync_docs.py)."""
    return sorted(
        "docs/" + path.split("/", 4)[4]
        for part, path in paths.items()
        if part.endswith("_section") and path
    )


def step_done(item: dict[str, Any], paths: dict[str, str]) -> bool:
    """A step is ticked when the scaffold did it: always (`true`) or when it
    wrote the part(s) the step names."""
    done = item.get("scaffold", False)
    if isinstance(done, bool):
        return done
    parts = [done] if isinstance(done, str) else done
    return any(paths.get(part) for part in parts)


def default_objective(type_: str, name: str, lang: str) -> str:
    return work_type(type_)["objective"][lang].format(name=name)


def steps(type_: str, lang: str) -> list[dict[str, Any]]:
    return work_type(type_)["steps"][lang]


def pending_steps(type_: str, lang: str, paths: dict[str, str]) -> list[str]:
    """Step items the scaffold did not do, in the seed's order."""
    return [
        item["text"]
        for stage in steps(type_, lang)
        for item in stage["items"]
        if not step_done(item, paths)
    ]


def existing_unit_error(dst_path: str, type_: str, name: str) -> str:
    """Refusal when the destination already holds this unit (or project)."""
    recorded = answers_file(type_, name)
    if not (Path(dst_path) / recorded).exists():
        return ""
    if type_ == "project":
        return (
            f"type: {dst_path} already holds a VECTRA project ({recorded}); "
            f"update it with: copier update --trust -a {recorded}"
        )
    return (
        f"name: the unit {unit_id(type_, name)} already exists ({recorded}); "
        f"update it with: copier update --trust -a {recorded}"
    )


# --- Jinja registration -----------------------------------------------------

FILTERS = (snake, kebab, pascal, camel, plural, singular, ts_value, ts_string)
GLOBALS = (
    today,
    type_names,
    work_type,
    labels,
    prompt_error,
    log_path,
    reference_doc,
    coverage_target,
    coverage_text,
    default_objective,
    default_entity,
    entity_names,
    steps,
    step_done,
    pending_steps,
    python_imports,
    sqlalchemy_imports,
    fit_call,
    fit_import,
    fit_ts_import,
    fit_jsx,
    operation_list,
    revision_id,
    alembic_head,
    model_exists,
)


class VectraExtension(Extension):
    """Registers the naming filters and the per-type functions."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update({function.__name__: function for function in FILTERS})
        environment.globals.update({function.__name__: function for function in GLOBALS})


class UnitContext(ContextHook):
    """Refuses bad answers and existing units; derives the unit's names and paths once."""

    def hook(self, context: dict[str, Any]) -> None:
        phase = str(context.get("_copier_phase"))
        if phase == "prompt":
            refuse_bad_answers(context)
        elif phase == "render":
            # The last question is recorded after the last prompt-phase render:
            # check the whole set once more before the first file is written.
            answers = context.get("_copier_answers") or {}
            if error := first_answer_error(answers) or unit_shape_error(answers):
                raise UserMessageError(error)
        type_, name, date_ = context.get("type"), context.get("name"), context.get("date")
        if type_ not in type_names() or not name or not date_ or name_error(name):
            return
        paths = unit_paths(context)
        entity = context.get("entity") or ""
        context["unit"] = {
            "id": unit_id(type_, name),
            "module": snake(name),
            "log_folder": log_folder(type_),
            "log_file": log_file(type_, date_, name),
            "paths": paths,
            # Each template file is named {{ unit.file.<part> }}: empty, so
            # skipped, when the unit has no such part.
            "file": {part: path.rsplit("/", 1)[-1] for part, path in paths.items()},
            "files": unit_files(paths),
            "pascal": pascal(name),
            "title": " ".join(words(name)).capitalize(),
            "route": context.get("route") or "",
            "route_params": route_params(context.get("route")),
            # Folders named after the unit, empty (so skipped) for other types.
            "component_dir": pascal(name) if paths["component"] else "",
            "page_dir": context.get("route") if paths["page"] else "",
            "list_dir": paths["list_component"].split("/")[-2] if paths["list_component"] else "",
            "form_dir": paths["form_component"].split("/")[-2] if paths["form_component"] else "",
            "pages_dir": paths["list_page"].split("/")[-2] if paths["list_page"] else "",
            "e2e_file": f"{context.get('route')}.spec.ts" if paths["e2e"] else "",
            "modified_docs": modified_docs(paths),
            "entity": entity_names(entity) if entity else {},
            "fields": safe_fields(context.get("fields")),
            "input_fields": safe_fields(context.get("input_fields")),
            "output_fields": safe_fields(context.get("output_fields")),
        }


def safe_fields(spec: str | None) -> list[dict[str, Any]]:
    try:
        return parse_fields(spec or "")
    except FieldListError:
        return []


def unit_shape_error(answers: dict[str, Any]) -> str:
    """Rules between answers: what a type needs once its questions are answered."""
    type_ = answers.get("type")
    if type_ in ("fix", "test") and "target" in answers and not answers["target"]:
        return f"target: required for the {type_} type (the module, entity or component concerned)"
    if answers.get("kind") == "page" and "route" in answers and not answers["route"]:
        return "route: required for a page (e.g. campaigns/new or leads/[id])"
    if "entity" not in answers or "fields" not in answers:
        return ""
    if type_ in ("api", "feature"):
        if not answers.get("entity"):
            return f"entity: required for the {type_} type (e.g. campaign)"
        if not answers["fields"].strip():
            return f"fields: the {type_} type needs at least one field (e.g. name:str)"
    if type_ == "component" and bool(answers["entity"]) != bool(answers["fields"].strip()):
        return "fields: a page shows an entity with its fields: give both, or neither"
    if type_ == "database" and bool(answers["entity"]) != bool(answers["fields"].strip()):
        return "fields: a database unit takes entity and fields together, or neither"
    return ""


def refuse_bad_answers(context: dict[str, Any]) -> None:
    """Stop copier with one clean line, before anything is written.

    Looks only at recorded answers (`_copier_answers`: those answered so far,
    and every --data value from the start), so it never fires inside a
    validator's render, whose errors copier rewraps. An update runs
    with overwrite on and may find its own unit: it is let through.
    """
    recorded = context.get("_copier_answers") or {}
    if error := first_answer_error(recorded):
        raise UserMessageError(error)
    if error := unit_shape_error(recorded):
        raise UserMessageError(error)
    # A unit is checked once its date is answered: the project's answers file,
    # which copier reads as last answers (type and name included), has no date.
    # A project is checked when its type comes from --data; typed at the
    # prompt, the type's validator refuses it (prompt_error).
    checked = {"type", "name", "date"} <= set(recorded) or (
        recorded.get("type") == "project" and "type" in (context["_copier_conf"]["data"] or {})
    )
    if checked and "name" in recorded and not context["_copier_conf"]["overwrite"]:
        dst_path = str(context["_copier_conf"]["dst_path"])
        if error := existing_unit_error(dst_path, recorded["type"], recorded["name"]):
            raise UserMessageError(error)
    if recorded.get("kind") == "page" and not context["_copier_conf"]["overwrite"]:
        dst_path = str(context["_copier_conf"]["dst_path"])
        if error := route_conflict_error(dst_path, recorded.get("route", "")):
            raise UserMessageError(error)
    if (
        recorded.get("type") == "database"
        and recorded.get("fields")
        and not context["_copier_conf"]["overwrite"]
        and model_exists(str(context["_copier_conf"]["dst_path"]), recorded.get("entity", ""))
    ):
        raise UserMessageError(
            f"entity: {MODEL_DIR}/{snake(recorded['entity'])}.py already exists; "
            "a database unit with fields creates a new table"
        )
