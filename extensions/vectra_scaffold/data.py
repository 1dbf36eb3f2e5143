"""The per-type table of WORKFLOW-001 (`extensions/vectra_scaffold/work_types.yml`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from . import compiled

WORK_TYPES_FILE = Path(__file__).resolve().parent / "work_types.yml"
QUESTIONS_FILE = Path(__file__).resolve().parent / "questions.yml"
LOGS_ROOT = "docs/workflow/logs"
UNIT_DOCS_ROOT = "docs/workflow/units"
STATUS_DOC = "docs/workflow/STATUS.md"
ANSWERS_ROOT = ".copier-answers"
PROJECT_ANSWERS_FILE = ".copier-answers.yml"
MODEL_DIR = "backend/app/models"
LANGS = ["fr", "en"]
PRIORITIES = ["P0", "P1", "P2"]
STATUSES = ["in_progress", "completed", "blocked"]
KINDS = ["component", "page"]
AREAS = ["backend", "frontend"]
OPERATIONS = ["list", "get", "create", "update", "delete"]


@cache
def load_work_types() -> dict[str, Any]:
    """The whole data file: `types`, `test_kinds`, `labels` and `field_types`."""
    text = WORK_TYPES_FILE.read_text(encoding="utf-8")
    return compiled.parsed(text, read_yaml)


def read_yaml(text: str) -> Any:
    """`yaml.safe_load`, with libyaml's loader when PyYAML has it (ten times faster)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def questions() -> dict[str, Any]:
    """The scaffold's questions (`questions.yml`, which copier.yml includes), in order."""
    return compiled.parsed(QUESTIONS_FILE.read_text(encoding="utf-8"), read_yaml)


def question_names() -> list[str]:
    return list(questions())


def boolean_questions() -> list[str]:
    return [name for name, spec in questions().items() if spec.get("type") == "bool"]


def work_type(type_: str) -> dict[str, Any]:
    return load_work_types()["types"][type_]


def type_names() -> list[str]:
    return list(load_work_types()["types"])


def test_kinds() -> list[str]:
    return list(load_work_types()["test_kinds"])


def labels(lang: str) -> dict[str, str]:
    return load_work_types()["labels"][lang]


def field_types() -> dict[str, dict[str, str]]:
    return load_work_types()["field_types"]


def log_folder(type_: str) -> str:
    return work_type(type_)["log_folder"] or ""


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


def default_objective(type_: str, name: str, lang: str) -> str:
    return work_type(type_)["objective"][lang].format(name=name)


def unit_id(type_: str, name: str) -> str:
    return f"{type_}-{name}"


def answers_file(type_: str, name: str) -> str:
    if type_ == "project":
        return PROJECT_ANSWERS_FILE
    return f"{ANSWERS_ROOT}/{unit_id(type_, name)}.yml"


def log_file(type_: str, date_: str, name: str) -> str:
    return f"{date_}_{type_}_{name}.md" if log_folder(type_) else ""


def log_path(type_: str, date_: str, name: str) -> str:
    """Where the unit's activity log lives, "" for a type without a log."""
    if not log_folder(type_):
        return ""
    return f"{LOGS_ROOT}/{log_folder(type_)}/{log_file(type_, date_, name)}"
