"""What the destination already holds: migrations, models, units, routes.

Read-only looks at files; the only part of the template that reads the
destination.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .data import ANSWERS_ROOT, MODEL_DIR, OPERATIONS, PROJECT_ANSWERS_FILE, answers_file, unit_id
from .naming import snake

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


def alembic_head(dst_path: str) -> str:
    """The current head revision of the project's migrations ("" when none)."""
    heads = alembic_heads(dst_path)
    return heads[-1] if heads else ""


def model_exists(dst_path: str, entity: str) -> bool:
    return bool(entity) and (Path(str(dst_path)) / MODEL_DIR / f"{snake(entity)}.py").exists()


def resource_operations(dst_path: str, entity: str) -> list[str]:
    """The operations the project's api unit on `entity` generated (all of them
    for a feature, or when no unit of the project serves the entity)."""
    for path in sorted((Path(str(dst_path)) / ANSWERS_ROOT).glob("*.yml")):
        try:
            answers = yaml.safe_load(path.read_text(encoding="utf-8"))
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


def project_name(dst_path: str) -> str:
    """The name the project was bootstrapped with ("" outside a project)."""
    try:
        answers = yaml.safe_load((Path(str(dst_path)) / PROJECT_ANSWERS_FILE).read_text())
    except (OSError, yaml.YAMLError):
        return ""
    return str(answers.get("name", "")) if isinstance(answers, dict) else ""


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
