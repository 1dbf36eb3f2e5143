"""What the destination already holds: migrations, models, units, routes.

Read-only looks at files; the only part of the template that reads the
destination. A model's fields are the answers recorded by the unit that
created it, never read back from generated code.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import Any

import yaml

from .data import (
    ANSWERS_ROOT,
    MODEL_DIR,
    OPERATIONS,
    PROJECT_ANSWERS_FILE,
    STATUS_DOC,
    answers_file,
    read_yaml,
    unit_id,
)
from .fields import safe_fields
from .naming import entity_names, snake

# The namespace of the fixed ids the generated tests give referenced rows.
ROW_IDS = uuid.UUID("6f1c1f0e-3a57-4c1e-9d2b-7b9a0c4e5d10")

REVISION_LINE = re.compile(r"^revision(?::[^=]+)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
DOWN_REVISION_LINE = re.compile(r"^down_revision(?::[^=]+)?=\s*(.*)$", re.MULTILINE)
QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


def alembic_heads(dst_path: str) -> list[str]:
    """The head revisions of the project's migrations, sorted."""
    versions = Path(str(dst_path)) / "backend/alembic/versions"
    revisions, parents = set(), set()
    for script in sorted(versions.glob("*.py")):
        text = script.read_text(encoding="utf-8", errors="replace")
        if match := REVISION_LINE.search(text):
            revisions.add(match.group(1))
        if match := DOWN_REVISION_LINE.search(text):
            parents.update(QUOTED.findall(match.group(1)))
    return sorted(revisions - parents)


def alembic_head(dst_path: str, own_revision: str = "") -> str:
    """The current head revision of the project's migrations ("" when none);
    a rerun of an interrupted unit does not chain onto its own migration."""
    heads = alembic_heads(dst_path)
    if own_revision in heads and len(heads) == 1:
        return down_revision_of(dst_path, own_revision)
    return heads[-1] if heads else ""


def down_revision_of(dst_path: str, revision: str) -> str:
    for script in (Path(str(dst_path)) / "backend/alembic/versions").glob(f"{revision}_*.py"):
        text = script.read_text(encoding="utf-8", errors="replace")
        if match := DOWN_REVISION_LINE.search(text):
            parents = QUOTED.findall(match.group(1))
            return parents[0] if parents else ""
    return ""


def down_revision_error(dst_path: str, down_revision: str) -> str:
    """A migration chains onto a revision the project has."""
    versions = Path(str(dst_path)) / "backend/alembic/versions"
    if not versions.is_dir():  # a scratch render (remove, plan): nothing to chain onto
        return ""
    known = set()
    for script in versions.glob("*.py"):
        text = script.read_text(encoding="utf-8", errors="replace")
        if match := REVISION_LINE.search(text):
            known.add(match.group(1))
    if down_revision in known:
        return ""
    return f"down_revision: {down_revision!r} is not a revision of this project's migrations"


def heads_error(dst_path: str) -> str:
    """A unit that chains a migration needs one Alembic history."""
    heads = alembic_heads(dst_path)
    if len(heads) < 2:
        return ""
    return (
        f"revision: the project's migrations have {len(heads)} heads ({', '.join(heads)}); "
        "merge them first: make migrate-merge"
    )


def model_exists(dst_path: str, entity: str) -> bool:
    """A unit recorded creating the model, or its module is there (written by hand)."""
    if not entity:
        return False
    return (
        bool(model_answers(dst_path, entity))
        or (Path(str(dst_path)) / MODEL_DIR / f"{snake(entity)}.py").exists()
    )


def resource_operations(dst_path: str, entity: str) -> list[str]:
    """The operations the project's api unit on `entity` generated (all of them
    for a feature, or when no unit of the project serves the entity)."""
    for path in sorted((Path(str(dst_path)) / ANSWERS_ROOT).glob("*.yml")):
        try:
            answers = read_yaml(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if not isinstance(answers, dict) or snake(answers.get("entity") or "") != snake(entity):
            continue
        if answers.get("type") == "api":
            chosen = str(answers.get("operations", "")).split(",")
            return [operation for operation in OPERATIONS if operation in chosen]
        if answers.get("type") == "feature" and answers.get("backend", True):
            return list(OPERATIONS)
    return list(OPERATIONS)


def creates_model(answers: dict[str, Any]) -> bool:
    """Whether a unit with these recorded answers wrote its entity's model."""
    type_ = answers.get("type")
    if not answers.get("entity"):
        return False
    if type_ == "api":
        return answers.get("with_model", True) is not False
    if type_ == "feature":
        return (
            answers.get("backend", True) is not False
            and answers.get("with_model", True) is not False
        )
    return type_ == "database"


def model_answers(dst_path: str, entity: str) -> dict[str, Any]:
    """The recorded answers of the unit that created the project's model of
    `entity` ({} when no unit did)."""
    if not entity:
        return {}
    for answers in recorded_units(dst_path).values():
        if creates_model(answers) and snake(str(answers["entity"])) == snake(entity):
            return answers
    return {}


def model_fields(dst_path: str, entity: str) -> str:
    """The field list of the project's model of `entity`, as the unit that
    created it recorded it ("" without one)."""
    return " ".join(str(model_answers(dst_path, entity).get("fields") or "").split())


def model_entities(dst_path: str) -> dict[str, str]:
    """The entities the project's units created a model of, with their field lists."""
    return {
        snake(str(answers["entity"])): " ".join(str(answers.get("fields") or "").split())
        for answers in recorded_units(dst_path).values()
        if creates_model(answers)
    }


def has_pages(dst_path: str, entity: str) -> bool:
    """Whether a feature unit of the project wrote pages for `entity` (a
    reference to one of its rows is then shown as a link to its page)."""
    wanted = snake(entity)
    return any(
        answers.get("type") == "feature" and snake(str(answers.get("entity") or "")) == wanted
        for answers in recorded_units(dst_path).values()
    )


def referenced_models(dst_path: str, fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The models the fields refer to, and the ones those refer to, dependencies
    first (a chain lead -> campaign -> account gives account, campaign): each
    with its names, its fields as recorded, and a fixed row id per test tenant
    ("a", "b") for the generated tests."""
    ordered: list[dict[str, Any]] = []
    seen: set[str] = set()

    def visit(entity: str) -> None:
        if entity in seen:
            return
        seen.add(entity)
        own = safe_fields(model_fields(dst_path, entity))
        for field in own:
            if field["type"] == "ref":
                visit(field["ref"]["snake"])
        names = entity_names(entity)
        ids = {tenant: str(uuid.uuid5(ROW_IDS, f"{entity}-{tenant}")) for tenant in "ab"}
        ordered.append({"names": names, "fields": own, "ids": ids})

    for field in fields:
        if field["type"] == "ref":
            visit(field["ref"]["snake"])
    return ordered


def model_fields_error(dst_path: str, entity: str, fields: str) -> str:
    """An api or feature on an existing model takes the model's fields (as the
    unit that created the model recorded them)."""
    existing = model_fields(dst_path, entity)
    if not existing or set(existing.split()) == set(str(fields).split()):
        return ""
    return (
        f"fields: {MODEL_DIR}/{snake(entity)}.py has the fields {existing!r}, not {fields!r}; "
        "take the model's fields, or add its columns with a database unit first"
    )


def is_project_root(dst_path: str) -> bool:
    return (Path(str(dst_path)) / PROJECT_ANSWERS_FILE).is_file()


def project_root_error(dst_path: str) -> str:
    """Units are written at the root of a project, where its answers file is."""
    dst = Path(str(dst_path))
    if (dst / PROJECT_ANSWERS_FILE).is_file():
        return ""
    root = next(
        (parent for parent in dst.resolve().parents if (parent / PROJECT_ANSWERS_FILE).is_file()),
        None,
    )
    where = f"run it from {root}" if root else "bootstrap one first with type=project"
    return (
        f"type: {dst_path} is not the root of a VECTRA project (no {PROJECT_ANSWERS_FILE}); {where}"
    )


def writable_error(dst_path: str) -> str:
    """A read-only destination is one line, not copier's traceback half-way."""
    if os.access(str(dst_path), os.W_OK):
        return ""
    return f"type: {dst_path} is not writable (read-only folder or file system)"


def recorded_units(dst_path: str) -> dict[str, dict]:
    """The recorded answers of the project's units, by unit id."""
    units = {}
    for path in sorted((Path(str(dst_path)) / ANSWERS_ROOT).glob("*.yml")):
        try:
            answers = read_yaml(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(answers, dict) and answers.get("type") and answers.get("name"):
            units[unit_id(answers["type"], answers["name"])] = answers
    return units


def project_name(dst_path: str) -> str:
    """The name the project was bootstrapped with ("" outside a project)."""
    try:
        answers = read_yaml((Path(str(dst_path)) / PROJECT_ANSWERS_FILE).read_text())
    except (OSError, yaml.YAMLError):
        return ""
    return str(answers.get("name", "")) if isinstance(answers, dict) else ""


def is_recorded(dst_path: str, type_: str, name: str) -> bool:
    """A unit is complete once its answers file and its STATUS entry exist (an
    interrupted run may leave the first without the second)."""
    if not (Path(dst_path) / answers_file(type_, name)).exists():
        return False
    if type_ == "project":
        return True
    try:
        status = (Path(dst_path) / STATUS_DOC).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return f"<!-- unit:{unit_id(type_, name)} -->" in status


def interrupted_answer(dst_path: str, type_: str, name: str, question: str, default: Any) -> Any:
    """The answer an interrupted run of this unit recorded (its answers file is
    there, its STATUS entry not), so that rerunning the same command writes the
    same files; `default` otherwise."""
    path = Path(str(dst_path)) / answers_file(type_, name)
    if not type_ or not name or not path.is_file() or is_recorded(dst_path, type_, name):
        return default
    try:
        answers = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return default
    return answers.get(question, default) if isinstance(answers, dict) else default


def existing_unit_error(dst_path: str, type_: str, name: str) -> str:
    """Refusal when the destination already holds this unit (or project)."""
    recorded = answers_file(type_, name)
    if not is_recorded(dst_path, type_, name):
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
