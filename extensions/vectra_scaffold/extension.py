"""What copier and Jinja are given: the filters and functions templates call,
and the context hook that checks the answers and builds the unit once per run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from copier.errors import UserMessageError
from copier_template_extensions import ContextHook
from jinja2.ext import Extension

from . import (
    clock,
    collisions,
    compiled,
    data,
    fields,
    layout,
    naming,
    probes,
    rules,
    steps,
    unit,
    versions,
)


def today() -> str:
    """The date's default; a bad VECTRA_TODAY is refused in one line."""
    try:
        return clock.today()
    except ValueError as error:
        raise UserMessageError(str(error)) from None


def prompt_error(question: str, value: Any, conf: Any = None) -> str:
    """Validator text: the rule broken by an answer typed at the prompt.

    An answer given with --data, and an empty one (a default such as type's,
    which copier validates too), is let through here and refused by
    UnitContext: copier turns a validator's message into a traceback, but
    prints a UserMessageError as one line. Where a project is, `type=project`
    and the project's own name (copier offers the project's answers as
    defaults) are refused here, so that the prompt asks again.
    """
    given = (conf or {}).get("data") or {}
    if (question in given and str(given[question]) == str(value)) or value in (None, ""):
        return ""
    dst_path = str(conf["dst_path"]) if conf and not conf["overwrite"] else ""
    if question == "type" and value == "project" and dst_path:
        return probes.existing_unit_error(dst_path, "project", "")
    if question == "name" and dst_path and value == probes.project_name(dst_path):
        return f"name: {value!r} is the project's name; name the unit after what it does"
    return rules.answer_error(question, value)


@jinja2.pass_context
def asks(context: Any, question: str) -> bool:
    """copier.yml's `when:`: whether the unit's type asks `question`."""
    keys = ("type", "kind", "backend", "frontend", "with_model")
    answers = {key: context[key] for key in keys if key in context}
    return unit.asks(answers, question)


FILTERS = {
    function.__name__: function
    for function in (
        naming.snake,
        naming.kebab,
        naming.pascal,
        naming.camel,
        naming.human,
        naming.plural,
        naming.singular,
        layout.ts_value,
        layout.ts_string,
        layout.json_string,
        layout.jsx_attr,
        layout.jsx_text,
    )
}
GLOBALS = {
    function.__name__: function
    for function in (
        today,
        prompt_error,
        asks,
        data.type_names,
        data.work_type,
        data.reference_doc,
        data.coverage_text,
        data.default_objective,
        naming.default_entity,
        naming.entity_names,
        naming.class_name,
        steps.steps,
        steps.step_done,
        steps.pending_steps,
        fields.python_imports,
        fields.safe_fields,
        fields.sqlalchemy_imports,
        layout.fit_call,
        layout.fit_import,
        layout.fit_ts_import,
        layout.fit_jsx,
        unit.revision_id,
        versions.scaffold_requirement,
        probes.alembic_head,
        probes.has_pages,
        probes.is_project_root,
        probes.model_exists,
        probes.model_fields,
        probes.referenced_models,
        probes.interrupted_answer,
        probes.resource_operations,
    )
}
# The documents' words in the unit's language, under a name no answer takes
# (`labels` is a question: its answer would shadow a global of that name).
GLOBALS["doc_labels"] = data.labels


class VectraExtension(Extension):
    """Registers the naming filters and the template's functions, and keeps
    what copier's environment compiles (`vectra_scaffold.compiled`)."""

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.filters.update(FILTERS)
        environment.globals.update(GLOBALS)
        compiled.keep_compiled(environment)


class UnitContext(ContextHook):
    """Refuses bad answers in one line; gives templates `unit`, built once per
    set of answers (copier makes a context for every template string it renders)."""

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.checked: list[dict[str, Any]] = []
        self.units: list[tuple[dict[str, Any], unit.Unit | None]] = []

    def hook(self, context: dict[str, Any]) -> None:
        # copier makes a context for every template string it renders (hundreds a
        # unit) with a new copy of the same answers: the last set seen is looked at first.
        recorded = context.get("_copier_answers") or {}
        if context.get("_copier_phase") == "prompt":
            if recorded not in self.checked:
                refuse_bad_answers(recorded, context["_copier_conf"])
                self.checked.append(dict(recorded))
            return
        if self.units and self.units[-1][0] == recorded:
            built = self.units[-1][1]
        else:
            built = next((built for seen, built in self.units if seen == recorded), None)
        if built is None and all(seen != recorded for seen, _ in self.units):
            # The last question is recorded after the last prompt-phase render:
            # the whole set is checked once more before the first file is written.
            if error := rules.first_answer_error(recorded) or rules.shape_error(recorded):
                raise UserMessageError(error)
            built = build_unit(recorded)
            self.units.append((dict(recorded), built))
            if built is not None:
                context["unit"] = built
                self.refuse_collisions(context)
                self.write_answers_first(context)
        if built is not None:
            context["unit"] = built

    def refuse_collisions(self, context: dict[str, Any]) -> None:
        built = context["unit"]
        if built.type == "project":
            return

        def render(source: str) -> str:
            return self.environment.get_template(f"template/unit/{source}").render(context)

        dst_path = str(context["_copier_conf"]["dst_path"])
        if error := collisions.collision_error(dst_path, built, render):
            raise UserMessageError(error)

    def write_answers_first(self, context: dict[str, Any]) -> None:
        """Write the unit's answers file before any other file, as copier will
        write it (copier then finds it identical): a run killed at any point
        leaves the answers that let the same command complete it, whatever
        order copier walks the tree in."""
        built, conf = context["unit"], context["_copier_conf"]
        if built.type == "project" or conf["pretend"]:
            return
        target = Path(str(conf["dst_path"])) / built.answers_file
        if target.exists():
            return
        source = "template/unit/{{ _copier_conf.answers_file }}.jinja"
        text = self.environment.get_template(source).render(context)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def build_unit(recorded: dict[str, Any]) -> unit.Unit | None:
    if recorded.get("type") not in data.type_names() or not recorded.get("name"):
        return None
    return unit.build_unit(recorded)


def refuse_bad_answers(recorded: dict[str, Any], conf: Any) -> None:
    """Stop copier with one clean line, before anything is written.

    Looks at every --data value from the start (before copier parses them:
    its own error for a value outside a question's choices is a traceback)
    and at the answers recorded so far. An update runs with overwrite on and
    finds its own unit: it is let through.
    """
    given = conf["data"] or {}
    if error := (
        rules.unknown_answer_error(given)
        or rules.first_answer_error(given)
        or rules.first_answer_error(recorded)
    ):
        raise UserMessageError(error)
    typed = "type" in given or "type" in (conf["user_defaults"] or {})
    if conf["defaults"] and not conf["overwrite"] and not typed:
        # copier would offer the empty default to the choices: a traceback.
        raise UserMessageError(rules.answer_error("type", ""))
    if error := rules.shape_error(recorded):
        raise UserMessageError(error)
    if conf["overwrite"]:
        return
    if error := destination_error(recorded, given, str(conf["dst_path"])):
        raise UserMessageError(error)


def destination_error(recorded: dict[str, Any], given: dict[str, Any], dst_path: str) -> str:
    """What the destination makes impossible for the answers recorded so far ("" if nothing)."""
    type_, name = recorded.get("type"), recorded.get("name")
    if type_ in data.type_names() and type_ != "project":
        error = probes.project_root_error(dst_path) or probes.writable_error(dst_path)
        if error:
            return error
    if unit.asks(recorded, "revision") and (type_ == "database" or "with_model" in recorded):
        error = probes.heads_error(dst_path)
        if error:
            return error
    if given.get("down_revision"):
        error = probes.down_revision_error(dst_path, str(given["down_revision"]))
        if error:
            return error
    if type_ in ("api", "feature") and recorded.get("with_model") is False and "fields" in recorded:
        error = probes.model_fields_error(dst_path, recorded["entity"], recorded["fields"])
        if error:
            return error
    if type_ in ("api", "feature") and recorded.get("fields"):
        entities = set(probes.model_entities(dst_path))
        error = fields.references_error(recorded["fields"], entities, recorded.get("entity", ""))
        if error:
            return error
    # A unit is checked once its date is answered: the project's answers file,
    # which copier reads as last answers (type and name included), has no date.
    # A project is checked when its type comes from --data; typed at the
    # prompt, the type's validator refuses it (prompt_error).
    answered = {"type", "name", "date"} <= set(recorded)
    if name and (answered or (type_ == "project" and "type" in given)):
        error = probes.existing_unit_error(dst_path, type_, name)
        if error:
            return error
    if recorded.get("kind") == "page":
        error = probes.route_conflict_error(dst_path, recorded.get("route", ""))
        if error:
            return error
    entity = recorded.get("entity", "")
    if type_ == "database" and recorded.get("fields") and probes.model_exists(dst_path, entity):
        return (
            f"entity: {data.MODEL_DIR}/{naming.snake(entity)}.py already exists; "
            "a database unit with fields creates a new table"
        )
    return ""
