"""vectra-scaffold: the scaffold's one command, the version of the template
this project pins (backend/pyproject.toml, extra `scaffold`).

Run from the project's root (`make install` puts it in backend/.venv/bin):

  vectra-scaffold list [--json]
  vectra-scaffold new <type> <name> [--data k=v ...] [--json] [--vcs-ref REF]
  vectra-scaffold plan <type> <name> [--data k=v ...] [--json] [--vcs-ref REF]
  vectra-scaffold update [UNIT ...] [--check] [--json] [--vcs-ref REF]
  vectra-scaffold upgrade [--to REF] [--json]
  vectra-scaffold remove <type>-<name> [--force] [--json]
  vectra-scaffold status <type>-<name> <in_progress|completed|blocked> [--note T] [--force WHY]
  vectra-scaffold verify <type>-<name>|<type> ...
  vectra-scaffold check [--json]
  vectra-scaffold docs-sync
  vectra-scaffold format [PATH ...]
  vectra-scaffold merge-docs BASE OURS THEIRS   (git's merge driver)

`list` describes this version's work types and questions (the package's own
questions.yml, work_types.yml and unit model: what copier asks at this
version). `new` and `plan` render the unit at the version the project is on
(its recorded `_commit`), so that every unit of a project is of one version;
`plan` runs the very `new` in a temporary git worktree of HEAD and prints what
it would create and change. Exit status: 0 ok, 1 refused or failing (one line
on stderr), 2 usage; `update --check`: 1 when a unit is behind. See
docs/scaffold-command.md in the template for the JSON shapes.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import (
    data,
    docs_sync,
    formatting,
    logs,
    merge_docs,
    remove,
    unit,
    update,
    upgrade,
    versions,
    workflow_check,
)
from . import status as unit_status
from . import verify as unit_verify
from .data import read_yaml

PROG = "vectra-scaffold"
PROJECT_ANSWERS = ".copier-answers.yml"
QUESTIONS_FILE = Path(__file__).resolve().parent / "questions.yml"
LOGS = "docs/workflow/logs/"
# Installed tools the copy's formatting task uses (formatting.py): linked into
# the plan's worktree so that it formats the same way.
INSTALLS = ("backend/.venv", "frontend/node_modules")


class Refused(Exception):
    """A one-line refusal: printed on stderr, exit status 1."""


# --- the project and this version's questions --------------------------------


def project_root() -> Path:
    root = Path.cwd().resolve()
    if not (root / PROJECT_ANSWERS).is_file():
        raise Refused(f"{PROG}: no {PROJECT_ANSWERS} here: run it from the project's root")
    return root


def project_answers(root: Path) -> dict[str, Any]:
    try:
        return read_yaml((root / PROJECT_ANSWERS).read_text(encoding="utf-8")) or {}
    except (OSError, ValueError) as error:
        raise Refused(f"{PROG}: cannot read {PROJECT_ANSWERS}: {one_line(str(error))}") from None


def template_source(root: Path) -> str:
    answers = project_answers(root)
    source = answers.get("template_source") or answers.get("_src_path")
    if not source:
        raise Refused(f"{PROG}: {PROJECT_ANSWERS} records no template_source")
    return str(source)


def project_version(root: Path, ref: str | None) -> str | None:
    """The template version new units are rendered at: `ref`, else the one
    the project is on (its recorded `_commit`)."""
    if ref:
        return ref
    commit = project_answers(root).get("_commit")
    return str(commit) if commit else None


def questions() -> dict[str, dict[str, Any]]:
    """This version's questions, in order, without the computed ones (never asked)."""
    config = read_yaml(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return {
        name: spec if isinstance(spec, dict) else {"default": spec}
        for name, spec in config.items()
        if spec.get("ask") is not False
    }


def choice_values(spec: dict[str, Any]) -> list[Any] | None:
    choices = spec.get("choices")
    if choices is None:
        return None
    return list(choices.values()) if isinstance(choices, dict) else list(choices)


JINJA_MARK = re.compile(r"\{(\{|%)")  # an expression or a statement


def is_template(value: Any) -> bool:
    return isinstance(value, str) and JINJA_MARK.search(value) is not None


def base_answers(type_: str, asked: dict[str, dict[str, Any]]) -> dict[str, Any]:
    answers: dict[str, Any] = {"type": type_, "name": "example"}
    for name, spec in asked.items():
        default = spec.get("default")
        if "default" in spec and not is_template(default):
            answers[name] = default
    return answers


@functools.cache
def when_template(when: str) -> Any:
    import jinja2

    return jinja2.Environment().from_string(when)


def is_asked(when: Any, answers: dict[str, Any]) -> bool:
    """copier's `when` of a question for these answers (true without one)."""
    if when is None:
        return True
    if not isinstance(when, str):
        return bool(when)
    rendered = when_template(when).render(
        **answers, asks=lambda question: unit.asks(answers, question)
    )
    return rendered.strip().lower() not in ("", "false", "0", "no", "none", "null")


def fmt(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


def conditions(spec: dict[str, Any], name: str, controllers, base):
    """Whether the type asks `name` at all, and under which other answers
    (e.g. "kind=page") when it depends on them."""
    when = spec.get("when")
    variants = [(None, None, base)] + [
        (other, value, {**base, other: value})
        for other, values in controllers
        if other != name
        for value in values
    ]
    try:
        seen = {(other, value): is_asked(when, answers) for other, value, answers in variants}
    except Exception:
        return True, f"when {when}"
    if not any(seen.values()):
        return False, None
    parts = []
    for other, values in controllers:
        if other == name:
            continue
        yes = [value for value in values if seen[(other, value)]]
        if 0 < len(yes) < len(values):
            parts.append(f"{other}={'|'.join(fmt(value) for value in yes)}")
    if not parts and not seen[(None, None)]:
        return True, f"when {when}"
    return True, (f"asked for {', '.join(parts)}" if parts else None)


def rule_of(name: str, spec: dict[str, Any]) -> str | None:
    values = choice_values(spec)
    if values is not None:
        return "one of " + ", ".join(fmt(value) for value in values)
    return rules_text().get(name)


def rules_text() -> dict[str, str]:
    from . import rules

    return rules.RULE_TEXT


def describe(root: Path) -> dict[str, Any]:
    """This version's work types and their questions."""
    asked_questions = questions()
    type_spec = asked_questions.pop("type")
    labels = type_spec["choices"]
    all_types = data.load_work_types()
    types = []
    for label, type_ in labels.items():
        table = all_types["types"].get(type_, {})
        base = base_answers(type_, asked_questions)
        controllers = [
            (name, choice_values(spec) or [True, False])
            for name, spec in asked_questions.items()
            if choice_values(spec) is not None or spec.get("type") == "bool"
        ]
        # Only the questions the type can ask steer others.
        controllers = [
            (name, values)
            for name, values in controllers
            if conditions(asked_questions[name], name, [], base)[0]
        ]
        listed = []
        for name, spec in asked_questions.items():
            asked, note = conditions(spec, name, controllers, base)
            if not asked:
                continue
            listed.append(
                {
                    "name": name,
                    "help": spec.get("help"),
                    "type": spec.get("type", "str"),
                    "choices": choice_values(spec),
                    "default": spec.get("default"),
                    "rule": rule_of(name, spec),
                    "when": note,
                }
            )
        entry = {
            "type": type_,
            "description": str(label).split(": ", 1)[-1],
            "log_folder": table.get("log_folder"),
            "reference": table.get("reference"),
            "coverage": table.get("coverage"),
            "command": table.get("command"),
            "questions": listed,
        }
        if type_ == "test":
            entry["coverage_by_test_kind"] = all_types.get("test_kinds")
        types.append(entry)
    template = {
        "source": template_source(root),
        "version": versions.tool_version(),
        "commit": project_answers(root).get("_commit"),
    }
    return {"template": template, "types": types}


def human_types(described: dict[str, Any]) -> str:
    template = described["template"]
    lines = [f"Template: {template['source']} ({template['commit']}; tool {template['version']})"]
    for entry in described["types"]:
        lines.append("")
        lines.append(f"{entry['type']}: {entry['description']}")
        facts = [
            f"log docs/workflow/logs/{entry['log_folder']}/" if entry["log_folder"] else "no log",
            f"reference {entry['reference']}" if entry["reference"] else None,
            f"coverage {json.dumps(entry['coverage'])}" if entry["coverage"] else None,
            f"command {entry['command']}" if entry["command"] else None,
        ]
        lines.append("  " + "; ".join(fact for fact in facts if fact))
        for question in entry["questions"]:
            extra = []
            if question["choices"] is not None:
                extra.append("choices " + ", ".join(fmt(v) for v in question["choices"]))
            if question["default"] not in (None, "") and not is_template(question["default"]):
                extra.append(f"default {fmt(question['default'])}")
            if question["when"]:
                extra.append(question["when"])
            suffix = f" [{'; '.join(extra)}]" if extra else ""
            lines.append(f"  --data {question['name']}=...  {question['help']}{suffix}")
    return "\n".join(lines)


# --- git and copier -----------------------------------------------------------


def one_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def git(cwd: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if check and result.returncode != 0:
        raise Refused(f"{PROG}: git {args[0]}: {one_line(result.stderr or result.stdout)}")
    return result.stdout


def snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every path git reports as changed or untracked, with its status and content hash."""
    output = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all")
    entries = output.split("\0")
    found: dict[str, tuple[str, str]] = {}
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if not entry:
            continue
        status, path = entry[:2], entry[3:]
        if status[0] in "RC":
            index += 1  # the rename's source
        file = root / path
        digest = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else ""
        found[path] = (status, digest)
    return found


def copier_copy(cwd: Path, source: str, ref: str | None, answers: list[str]):
    command = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults"]
    if ref:
        command += ["-r", ref]
    command += [source, "."]
    for answer in answers:
        command += ["--data", answer]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def unit_answers(args: argparse.Namespace) -> list[str]:
    return [f"type={args.type}", f"name={args.name}", *args.data]


def new(args: argparse.Namespace) -> int:
    root = project_root()
    source = template_source(root)
    before = snapshot(root)
    result = copier_copy(root, source, project_version(root, args.vcs_ref), unit_answers(args))
    if result.returncode != 0:
        raise Refused(one_line(result.stderr or result.stdout))
    after = snapshot(root)
    changed = sorted(path for path, state in after.items() if before.get(path) != state)
    created = [path for path in changed if after[path][0] == "??" and path not in before]
    documents = [path for path in changed if path not in created]
    if args.json:
        log = next((path for path in created if path.startswith(LOGS)), None)
        unit = f"{args.type}-{args.name}"
        payload = {"unit": unit, "log": log, "files": created, "documents": documents}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
    return 0


@contextlib.contextmanager
def scratch_worktree(root: Path) -> Iterator[Path]:
    """A detached worktree of HEAD, with the project's installs linked in; removed after."""
    git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    scratch = Path(tempfile.mkdtemp(prefix="scaffold-plan-"))
    tree = scratch / "tree"
    links: list[Path] = []
    try:
        git(root, "worktree", "add", "--detach", "--quiet", str(tree), "HEAD")
        for install in INSTALLS:
            target, link = root / install, tree / install
            if target.exists() and link.parent.is_dir() and not os.path.lexists(link):
                link.symlink_to(target.resolve(), target_is_directory=True)
                links.append(link)
        yield tree
    finally:
        for link in links:
            with contextlib.suppress(OSError):
                link.unlink()
        git(root, "worktree", "remove", "--force", str(tree), check=False)
        git(root, "worktree", "prune", check=False)
        shutil.rmtree(scratch, ignore_errors=True)


def untracked_links(scratch: Path) -> str:
    """A git option hiding the install links from `git add` and `git diff`."""
    excludes = scratch / "exclude"
    excludes.write_text("".join(f"/{install}\n" for install in INSTALLS), encoding="utf-8")
    return f"core.excludesFile={excludes}"


def diff_entries(tree: Path) -> list[dict[str, Any]]:
    names = git(tree, "diff", "--name-status", "--no-renames", "-z").split("\0")
    statuses = {"A": "created", "M": "modified", "D": "deleted", "T": "modified"}
    entries = []
    for status, path in zip(names[0::2], names[1::2], strict=False):
        if not path:
            continue
        patch = git(tree, "diff", "--no-color", "--no-ext-diff", "-U0", "--", path)
        added: list[str] = []
        entry: dict[str, Any] = {"path": path, "status": statuses.get(status[:1], status)}
        in_hunk = False
        for line in patch.split("\n"):
            if line.startswith("@@"):
                in_hunk = True
            elif line.startswith("Binary files "):
                entry["binary"] = True
            elif in_hunk and line.startswith("+"):
                added.append(line[1:])
            elif in_hunk and line.startswith("\\") and entry["status"] == "created":
                entry["no_newline_at_end"] = True
        entry["added"] = added
        entries.append(entry)
    return entries


def plan(args: argparse.Namespace) -> int:
    root = project_root()
    source = template_source(root)
    ref = project_version(root, args.vcs_ref)
    with scratch_worktree(root) as tree:
        result = copier_copy(tree, source, ref, unit_answers(args))
        if result.returncode != 0:
            raise Refused(one_line(result.stderr or result.stdout))
        git(tree, "-c", untracked_links(tree.parent), "add", "-A", "-N")
        if args.json:
            print(json.dumps(diff_entries(tree), indent=2, ensure_ascii=False))
        else:
            sys.stdout.write(git(tree, "diff", "--no-color", "--no-ext-diff"))
    return 0


def list_types(args: argparse.Namespace) -> int:
    described = describe(project_root())
    if args.json:
        print(json.dumps(described, indent=2, ensure_ascii=False))
    else:
        print(human_types(described))
    return 0


# --- the other commands, each a module of the package -------------------------


def run_update(args: argparse.Namespace) -> int:
    project_root()
    flags = (["--check"] if args.check else []) + (["--json"] if args.json else [])
    flags += ["--vcs-ref", args.vcs_ref] if args.vcs_ref else []
    return update.main([*flags, "--", *args.units])


def run_upgrade(args: argparse.Namespace) -> int:
    return upgrade.main(project_root(), args.to, as_json=args.json)


def run_remove(args: argparse.Namespace) -> int:
    # remove checks where it runs itself (its refusals, JSON included, on stdout).
    flags = (["--force"] if args.force else []) + (["--json"] if args.json else [])
    return remove.main([args.unit, *flags])


def run_status(args: argparse.Namespace) -> int:
    # status checks where it runs itself (its refusals on stderr, one line each).
    flags = ["--note", args.note] if args.note else []
    flags += ["--force", args.force] if args.force else []
    return unit_status.main([args.unit, args.status, *flags])


def run_verify(args: argparse.Namespace) -> int:
    return unit_verify.main(args.units)


def run_check(args: argparse.Namespace) -> int:
    return workflow_check.main(["--json"] if args.json else [])


def run_docs_sync(args: argparse.Namespace) -> int:
    return docs_sync.sync(project_root())


def run_format(args: argparse.Namespace) -> int:
    """The project's formatters on these paths, the whole project (`--all`),
    or every unit's files."""
    root = project_root()
    paths = args.paths if args.paths or args.all else logs.unit_files(root)
    if paths or args.all:  # no unit yet: nothing to format (not the whole project)
        with contextlib.chdir(root):
            formatting.main(paths)
    return 0


def run_merge_docs(args: argparse.Namespace) -> int:
    return merge_docs.main([args.base, args.ours, args.theirs])


# --- command line -------------------------------------------------------------


def data_answer(value: str) -> str:
    key, equals, _ = value.partition("=")
    if not equals or not key:
        raise argparse.ArgumentTypeError(f"{value!r} is not key=value")
    if key in ("type", "name"):
        raise argparse.ArgumentTypeError(f"{key} is a positional argument, not --data")
    return value


def unit_type(value: str) -> str:
    if value == "project":
        raise argparse.ArgumentTypeError("project bootstraps a project; it is not a unit type")
    return value


def types_epilog() -> str:
    """The types and their questions, for `new --help` and `plan --help`."""
    try:
        return human_types(describe(project_root()))
    except Refused as refusal:
        return f"(the types could not be read: {refusal})"


def parser_for(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=versions.tool_version())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wants_types = (
        len(argv) > 0 and argv[0] in ("new", "plan") and ("-h" in argv or "--help" in argv)
    )
    epilog = types_epilog() if wants_types else None

    listing = commands.add_parser("list", help="the work types and their questions")
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    listing.set_defaults(run=list_types)

    for name, run, text in (
        ("new", new, "scaffold one unit into the project (copier copy)"),
        ("plan", plan, "what `new` would create and change, in a scratch worktree of HEAD"),
    ):
        sub = commands.add_parser(
            name, help=text, description=text, epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )  # fmt: skip
        sub.add_argument("type", type=unit_type, help="the work type (see `list`)")
        sub.add_argument("name", help="the unit's name, kebab-case")
        sub.add_argument(
            "--data", action="append", default=[], type=data_answer, metavar="KEY=VALUE",
            help="an answer to one of the type's questions (repeatable)",
        )  # fmt: skip
        sub.add_argument("--json", action="store_true", help="print the result as JSON")
        sub.add_argument("--vcs-ref", help="the template's git ref (default: the project's)")
        sub.set_defaults(run=run)

    updating = commands.add_parser("update", help="update the units to one template version")
    updating.add_argument("units", nargs="*", metavar="UNIT", help="<type>-<name> (default: all)")
    updating.add_argument("--check", action="store_true", help="report only (1 when behind)")
    updating.add_argument("--json", action="store_true", help="print the result as JSON")
    updating.add_argument("--vcs-ref", help="the template's git ref (default: its latest)")
    updating.set_defaults(run=run_update)

    upgrading = commands.add_parser(
        "upgrade", help="move the project and all its units to one version, and check it"
    )
    upgrading.add_argument("--to", metavar="REF", help="a tag or commit (default: the latest tag)")
    upgrading.add_argument("--json", action="store_true", help="print the result as JSON")
    upgrading.set_defaults(run=run_upgrade)

    removing = commands.add_parser("remove", help="remove one unit, as one commit")
    removing.add_argument("unit", help="<type>-<name>, e.g. agent-bant-qualifier")
    removing.add_argument("--force", action="store_true", help="remove changed files too")
    removing.add_argument("--json", action="store_true", help="print the result as JSON")
    removing.set_defaults(run=run_remove)

    statusing = commands.add_parser(
        "status", help="a unit's status, in its log and STATUS.md together, as one commit"
    )
    statusing.add_argument("unit", help="<type>-<name>, e.g. agent-bant-qualifier")
    statusing.add_argument("status", help="in_progress, completed or blocked")
    statusing.add_argument("--note", help="appended, dated, to the log's Notes")
    statusing.add_argument(
        "--force", metavar="REASON", help="completed despite what the check finds missing, and why"
    )
    statusing.set_defaults(run=run_status)

    verifying = commands.add_parser(
        "verify", help="a unit's own tests, coverage and linters, written into its log and STATUS"
    )
    verifying.add_argument(
        "units", nargs="+", help="<type>-<name> (e.g. api-leads-endpoints), or a type: its units"
    )
    verifying.set_defaults(run=run_verify)

    checking = commands.add_parser("check", help="WORKFLOW-001's final checklist, every unit")
    checking.add_argument("--json", action="store_true", help="machine-readable output")
    checking.set_defaults(run=run_check)

    syncing = commands.add_parser("docs-sync", help="append missing unit sections, repair blocks")
    syncing.set_defaults(run=run_docs_sync)

    formatting_ = commands.add_parser("format", help="the project's formatters on unit files")
    formatting_.add_argument("paths", nargs="*", metavar="PATH", help="default: every unit's")
    formatting_.add_argument("--all", action="store_true", help="the whole project")
    formatting_.set_defaults(run=run_format)

    merging = commands.add_parser("merge-docs", help="git's merge driver for the documents")
    for name in ("base", "ours", "theirs"):
        merging.add_argument(name)
    merging.set_defaults(run=run_merge_docs)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = parser_for(argv)
        args = parser.parse_args(argv)
        return args.run(args)
    except Refused as refusal:
        print(str(refusal), file=sys.stderr)
        return 1
