"""The unit model: one typed class per work type, built once from the answers.

A unit knows its names (module, classes, entity forms), its parsed fields,
the questions its type asks, and the parts it writes. Which file each part is
lives in the template tree itself: every file of `template/unit/` is named
`{% if unit.writes.<part> %}<path>{% endif %}.jinja`, and `paths` renders
those names, so the tree is the one file map.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, cached_property
from pathlib import Path
from typing import Any, ClassVar, Literal

import jinja2
from pydantic import BaseModel, ConfigDict, Field

from . import compiled, data
from .fields import safe_fields, with_entity
from .labels import labelled_entity, labelled_fields
from .naming import class_name, entity_names, pascal, snake, words
from .rules import operation_list, route_params

UNIT_TREE = Path(__file__).resolve().parents[2] / "template/unit"
PART_IN_PATH = re.compile(r"unit\.writes\.(\w+)")


class Writes:
    """`unit.writes.<name>`: whether the unit writes the part `name`, or, for the
    name of a folder's condition (`{% if unit.writes.backend_app %}app{% endif %}`),
    any part below that folder; False for any other name. copier renders every
    part of every path of the tree: a folder the unit writes nothing into is
    skipped at its own name instead of at each file's."""

    def __init__(self, parts: set[str]) -> None:
        self.parts = frozenset(parts)

    def __getattr__(self, name: str) -> bool:
        if name.startswith("_"):
            raise AttributeError(name)
        return name in self.parts or not self.parts.isdisjoint(folder_parts(name))


class Unit(BaseModel):
    """What every unit answers; subclasses add their type's questions and parts."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True, defer_build=True)

    type: str
    name: str
    lang: str = "fr"
    date: str = ""
    priority: str = "P1"
    status: str = "in_progress"
    objective: str = ""
    issue: str = ""
    pr: str = ""

    # The questions of this type beyond the common ones.
    QUESTIONS: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def asks(cls, question: str, answers: dict[str, Any]) -> bool:
        return question in cls.QUESTIONS

    def parts(self) -> set[str]:
        return {"log", "status_section"}

    @cached_property
    def writes(self) -> Writes:
        return Writes(self.parts())

    @cached_property
    def id(self) -> str:
        return data.unit_id(self.type, self.name)

    @cached_property
    def module(self) -> str:
        return snake(self.name)

    @cached_property
    def pascal(self) -> str:
        return pascal(self.name)

    @cached_property
    def title(self) -> str:
        return " ".join(words(self.name)).capitalize()

    @cached_property
    def log_folder(self) -> str:
        return data.log_folder(self.type)

    @cached_property
    def log_file(self) -> str:
        return data.log_file(self.type, self.date, self.name)

    @cached_property
    def answers_file(self) -> str:
        return data.answers_file(self.type, self.name)

    @cached_property
    def log_path(self) -> str:
        return data.log_path(self.type, self.date, self.name)

    @cached_property
    def tree_files(self) -> list[tuple[str, str, str]]:
        return tree_files(self)

    @cached_property
    def files(self) -> list[str]:
        """The files the unit writes, sorted: its answers file and the template
        tree's names rendered for this unit."""
        return sorted([self.answers_file, *(path for _, path, _ in self.tree_files)])

    @cached_property
    def paths(self) -> dict[str, str]:
        """The first file of each part the unit writes, for documents that name it."""
        paths: dict[str, str] = {}
        for part, path, _ in self.tree_files:
            paths.setdefault(part, path)
        return paths

    @cached_property
    def modified_docs(self) -> list[str]:
        """The documents the unit's sections are appended to (see sync_docs.py)."""
        sections = f"{data.UNIT_DOCS_ROOT}/{self.id}/"
        return sorted(
            "docs/" + path.removeprefix(sections)
            for path in self.files
            if path.startswith(sections)
        )


class Resource(Unit):
    """A unit on an entity described by a field list."""

    entity_answer: str = Field("", alias="entity")
    fields_answer: str = Field("", alias="fields")
    # The labels people read, in the project's language (labels.py): the one
    # source of the entity's `human`/`plural_human` and each field's `label`.
    labels: str = ""

    @cached_property
    def entity(self) -> dict[str, str]:
        if not self.entity_answer:
            return {}
        names = entity_names(self.entity_answer)
        return labelled_entity(names, self.labels, safe_fields(self.fields_answer))

    @cached_property
    def fields(self) -> list[dict[str, Any]]:
        fields = with_entity(safe_fields(self.fields_answer), self.entity_answer)
        return labelled_fields(fields, self.labels, self.entity_answer)

    @cached_property
    def references(self) -> list[dict[str, Any]]:
        return [field for field in self.fields if field["type"] == "ref"]

    @cached_property
    def enums(self) -> list[dict[str, Any]]:
        return [field for field in self.fields if field["type"] == "enum"]

    @cached_property
    def indexes(self) -> list[dict[str, Any]]:
        """The model's indexes besides tenant_id's: the lists' default order, then
        (tenant_id, field) for each reference, enum and `:index` field (a
        `:unique` field's constraint is its index), then a trigram index per
        searchable field (`trigram`: PostgreSQL's pg_trgm GIN index, which serves
        the list's `q`, an ILIKE '%...%'; a plain index elsewhere)."""
        table = self.entity.get("table", "")
        ordered = {
            "name": f"ix_{table}_tenant_id_created_at_id",
            "columns": ["tenant_id", "created_at", "id"],
        }
        filtered = [
            {
                "name": f"ix_{table}_tenant_id_{field['name']}",
                "columns": ["tenant_id", field["name"]],
            }
            for field in self.fields
            if field["indexed"] and not field["unique"]
        ]
        searched = [
            {
                "name": f"ix_{table}_{field['name']}_trgm",
                "columns": [field["name"]],
                "trigram": True,
            }
            for field in self.fields
            if field.get("searchable")
        ]
        return [
            {**index, "name": identifier(index["name"])}
            for index in [ordered, *filtered, *searched]
        ]


IDENTIFIER_MAX_LENGTH = 63


def identifier(name: str) -> str:
    """`name` as a database identifier: PostgreSQL keeps 63 bytes of a name, so a
    longer one is cut, with a hash of the whole that keeps two such names apart."""
    if len(name) <= IDENTIFIER_MAX_LENGTH:
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"{name[: IDENTIFIER_MAX_LENGTH - 9]}_{digest}"


class Migrating(Resource):
    """A unit that may write an Alembic revision, recorded without being asked."""

    revision: str = ""
    down_revision: str = ""

    @cached_property
    def migration_slug(self) -> str:
        return f"create_{self.entity.get('table', '')}"


class ApiUnit(Migrating):
    type: Literal["api"]
    operations: str = ",".join(data.OPERATIONS)
    with_model: bool = True

    QUESTIONS = frozenset({"entity", "fields", "operations", "with_model", "revision"})

    @classmethod
    def asks(cls, question: str, answers: dict[str, Any]) -> bool:
        if question == "revision":
            return bool(answers.get("with_model", True))
        return super().asks(question, answers)

    @cached_property
    def operation_list(self) -> list[str]:
        return operation_list(self.operations)

    def parts(self) -> set[str]:
        return super().parts() | backend_parts(self.with_model)


class FeatureUnit(Migrating):
    type: Literal["feature"]
    backend: bool = True
    frontend: bool = True
    with_model: bool = True

    QUESTIONS = frozenset(
        {"entity", "fields", "labels", "backend", "frontend", "with_model", "revision"}
    )

    @classmethod
    def asks(cls, question: str, answers: dict[str, Any]) -> bool:
        backend = bool(answers.get("backend", True))
        if question == "labels":
            return bool(answers.get("frontend", True))
        if question == "with_model":
            return backend
        if question == "revision":
            return backend and bool(answers.get("with_model", True))
        return super().asks(question, answers)

    @cached_property
    def operation_list(self) -> list[str]:
        return list(data.OPERATIONS)

    def parts(self) -> set[str]:
        parts = super().parts() | {"specs_section"}
        if self.backend:
            parts |= backend_parts(self.with_model)
        if self.frontend:
            parts |= {"resource_client", "hook", "list_component", "form_component"}
            parts |= {"list_page", "detail_page", "edit_page", "nav_entry", "journey_e2e"}
        return parts


class DatabaseUnit(Migrating):
    type: Literal["database"]
    msg: str = ""

    QUESTIONS = frozenset({"msg", "entity", "fields", "revision"})

    def parts(self) -> set[str]:
        parts = super().parts() | {"migration", "test_migration", "db_schema_section"}
        return parts | ({"model"} if self.entity else set())

    @cached_property
    def migration_slug(self) -> str:
        return self.module


class AgentUnit(Unit):
    type: Literal["agent"]
    input_fields_answer: str = Field("content:text", alias="input_fields")
    output_fields_answer: str = Field("summary:str confidence:float", alias="output_fields")
    async_task: bool = True

    QUESTIONS = frozenset({"input_fields", "output_fields", "async_task"})

    @cached_property
    def input_fields(self) -> list[dict[str, Any]]:
        return safe_fields(self.input_fields_answer)

    @cached_property
    def output_fields(self) -> list[dict[str, Any]]:
        return safe_fields(self.output_fields_answer)

    @cached_property
    def agent_class(self) -> str:
        return class_name(self.name, "Agent")

    def parts(self) -> set[str]:
        parts = {"agent", "prompt", "agent_service", "test_agent", "agent_prompts_section"}
        # Runs over HTTP (POST/GET /api/v1/agents/<name>/runs) and their tests.
        parts |= {"agent_runs_endpoint", "test_agent_runs"}
        return super().parts() | parts | ({"agent_task"} if self.async_task else set())


class ComponentUnit(Resource):
    type: Literal["component"]
    kind: str = "component"
    route: str = ""
    reusable: bool = False
    zod_props: bool = False

    @classmethod
    def asks(cls, question: str, answers: dict[str, Any]) -> bool:
        if answers.get("kind", "component") == "page":
            return question in {"kind", "route", "entity", "fields", "labels"}
        return question in {"kind", "reusable", "zod_props"}

    @cached_property
    def route_params(self) -> list[str]:
        return route_params(self.route)

    @cached_property
    def title(self) -> str:
        """A page whose labels name its entity is titled by them: the entity's
        label on a dynamic route (one item), its plural otherwise (a list)."""
        names = entity_names(self.entity_answer) if self.entity_answer else {}
        if self.kind == "page" and self.entity and self.entity != names:
            return self.entity["human" if self.route_params else "plural_human"]
        return super().title

    def parts(self) -> set[str]:
        if self.kind == "page":
            entity = {"resource_client", "hook", "page_view"} if self.entity else set()
            parts = {"page", "e2e"} | entity
            return super().parts() | parts
        parts = {"component"}
        return (
            super().parts() | parts | ({"components_catalog_section"} if self.reusable else set())
        )


class Targeted(Unit):
    """A unit about something that exists: a module, an entity, a component."""

    target: str = ""

    @cached_property
    def target_pascal(self) -> str:
        return pascal(self.target)


class FixUnit(Targeted):
    type: Literal["fix"]
    area: str = "backend"

    QUESTIONS = frozenset({"area", "target"})

    def parts(self) -> set[str]:
        return super().parts() | {f"{self.area}_regression_test"}


class TestUnit(Targeted):
    __test__ = False  # not a pytest class

    type: Literal["test"]
    test_kind: str = "unit-service"

    QUESTIONS = frozenset({"test_kind", "target"})

    @cached_property
    def test_file_part(self) -> str:
        if self.test_kind in ("component", "e2e"):
            return f"{self.test_kind}_test_file"
        return "backend_test_file"

    def parts(self) -> set[str]:
        return super().parts() | {self.test_file_part, "test_plan_section"}


class ProjectUnit(Unit):
    type: Literal["project"]
    template_source: str = "gh:vectra/scaffold"

    QUESTIONS = frozenset({"template_source"})

    def parts(self) -> set[str]:
        return set()


UNIT_CLASSES = {
    cls.model_fields["type"].annotation.__args__[0]: cls
    for cls in (
        ApiUnit,
        FeatureUnit,
        DatabaseUnit,
        AgentUnit,
        ComponentUnit,
        FixUnit,
        TestUnit,
        ProjectUnit,
    )
}


def backend_parts(with_model: bool) -> set[str]:
    parts = {"schemas", "repository", "service", "endpoint", "test_service", "test_api"}
    parts.add("api_contracts_section")
    if with_model:
        parts |= {"model", "migration", "db_schema_section"}
    return parts


def build_unit(answers: dict[str, Any]) -> Unit:
    """The unit of a complete set of answers (their rules already checked): the
    class of its `type` (each has `type: Literal[...]`), whose validator is built
    then, for that class alone (`defer_build`)."""
    cls = UNIT_CLASSES.get(str(answers.get("type")))
    if cls is None:
        raise ValueError(f"type: {answers.get('type')!r} is not a work type")
    return cls.model_validate({key: value for key, value in answers.items() if value is not None})


def asks(answers: dict[str, Any], question: str) -> bool:
    """Whether the type answered so far asks `question` (copier.yml's `when:`)."""
    cls = UNIT_CLASSES.get(str(answers.get("type")))
    return bool(cls) and cls.asks(question, answers)


def revision_id(type_: str, name: str, date_: str) -> str:
    """A migration's Alembic revision: stable for a unit, so it is recorded once."""
    return hashlib.sha1(f"{type_}-{name}-{date_}".encode()).hexdigest()[:12]


@cache
def tree_templates(tree: Path = UNIT_TREE) -> tuple[tuple[str, str], ...]:
    """The unit tree's files: the part each belongs to (the nearest
    `unit.writes.<part>` of its path) and its source path under template/unit/."""
    names = []
    for path in sorted(tree.rglob("*.jinja")):
        source = path.relative_to(tree).as_posix()
        if parts := PART_IN_PATH.findall(source):
            names.append((parts[-1], source))
    return tuple(names)


@cache
def folder_parts(folder: str) -> frozenset[str]:
    """The parts whose files are below a folder named `{% if unit.writes.<folder> %}…`."""
    return frozenset(
        part for part, source in tree_templates() if folder in PART_IN_PATH.findall(source)[:-1]
    )


NAMES = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
compiled.keep_compiled(NAMES)


@cache
def file_name_template(source: str) -> jinja2.Template:
    """A source's file name, compiled once (only for the parts a unit writes)."""
    return NAMES.from_string(source.removesuffix(".jinja"))


def tree_files(unit: Unit) -> list[tuple[str, str, str]]:
    """(part, file, source) for every file `unit` writes, its name rendered from the tree."""
    return [
        (part, file_name_template(source).render(unit=unit), source)
        for part, source in tree_templates()
        if part in unit.writes.parts
    ]
