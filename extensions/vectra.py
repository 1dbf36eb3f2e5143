"""Jinja extensions of the VECTRA scaffold.

Plain functions first (unit-tested directly), then the two small classes that
register them with Jinja and derive a unit's names once per render.
"""

from __future__ import annotations

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
STATUS_FRAGMENTS_ROOT = "docs/workflow/status"
ANSWERS_ROOT = ".copier-answers"
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
}


def answer_error(question: str, value: Any) -> str:
    """The rule an answer breaks, or ""."""
    return RULES[question](value)


def prompt_error(question: str, value: Any, data: dict[str, Any]) -> str:
    """Validator text: the rule broken by an answer typed at the prompt.

    An answer given with --data, and an empty one (a default such as type's,
    which copier validates too), is let through here and refused by
    UnitContext once recorded: copier turns a validator's message into a
    traceback, but prints a UserMessageError as one clean line.
    """
    from_data = question in (data or {}) and str(data[question]) == str(value)
    if from_data or value in (None, ""):
        return ""
    return answer_error(question, value)


def first_answer_error(answers: dict[str, Any]) -> str:
    for question in RULES:
        if question in answers and (error := answer_error(question, answers[question])):
            return error
    return ""


def today() -> str:
    """The only clock read of the template; the result is recorded as an answer."""
    return date.today().isoformat()


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


def status_fragment(type_: str, name: str) -> str:
    """The unit's STATUS.md entry, one file per unit (see README, STATUS.md)."""
    if type_ == "project":
        return ""
    return f"{STATUS_FRAGMENTS_ROOT}/{unit_id(type_, name)}.md"


def default_objective(type_: str, name: str, lang: str) -> str:
    return work_type(type_)["objective"][lang].format(name=name)


def steps(type_: str, lang: str) -> list[dict[str, Any]]:
    return work_type(type_)["steps"][lang]


def pending_steps(type_: str, lang: str) -> list[str]:
    """Step items the scaffold did not do, in the seed's order."""
    return [
        item["text"]
        for stage in steps(type_, lang)
        for item in stage["items"]
        if not item.get("scaffold")
    ]


def unit_files(type_: str, date_: str, name: str) -> list[str]:
    """Every file one run of the template writes for a unit, sorted."""
    paths = [
        log_path(type_, date_, name),
        status_fragment(type_, name),
        answers_file(type_, name),
    ]
    return sorted(path for path in paths if path)


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

FILTERS = (snake, kebab, pascal, camel, plural, singular)
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
    steps,
    pending_steps,
    unit_files,
)


class VectraExtension(Extension):
    """Registers the naming filters and the per-type functions."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update({function.__name__: function for function in FILTERS})
        environment.globals.update({function.__name__: function for function in GLOBALS})


class UnitContext(ContextHook):
    """Refuses bad answers and existing units; derives the unit's paths once."""

    def hook(self, context: dict[str, Any]) -> None:
        if str(context.get("_copier_phase")) == "prompt":
            refuse_bad_answers(context)
        type_, name, date_ = context.get("type"), context.get("name"), context.get("date")
        if type_ not in type_names() or not name or not date_:
            return
        context["unit"] = {
            "id": unit_id(type_, name),
            "log_path": log_path(type_, date_, name),
            "log_folder": log_folder(type_),
            "log_file": log_file(type_, date_, name),
            "status_fragment": status_fragment(type_, name),
            "answers_file": answers_file(type_, name),
            "files": unit_files(type_, date_, name),
        }


def refuse_bad_answers(context: dict[str, Any]) -> None:
    """Stop copier with one clean line, before anything is written.

    Looks only at recorded answers (`_copier_answers`), so it never fires
    inside a validator's render, whose errors copier rewraps. An update runs
    with overwrite on and may find its own unit: it is let through.
    """
    recorded = context.get("_copier_answers") or {}
    if error := first_answer_error(recorded):
        raise UserMessageError(error)
    if "date" in recorded and not context["_copier_conf"]["overwrite"]:
        dst_path = str(context["_copier_conf"]["dst_path"])
        if error := existing_unit_error(dst_path, recorded["type"], recorded["name"]):
            raise UserMessageError(error)
