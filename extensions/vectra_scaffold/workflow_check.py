"""WORKFLOW-001's final checklist, as a command: what each unit still owes.

For every activity log in docs/workflow/logs/ (and every unit answers file in
.copier-answers/, whose log must exist), checks:

- log: named YYYY-MM-DD_<type>_<name>.md in its type's folder, with the title,
  the required sections, a valid status and priority;
- status: docs/workflow/STATUS.md has an entry pointing at the log;
- files: every file the log lists exists;
- reference: every reference document the unit writes a section for holds
  its block;
- completed: a log marked completed has no unticked box;
- coverage: the unit's files reach the target its log states, from the
  coverage reports of `make test` (backend/coverage.json,
  frontend/coverage/coverage-summary.json);
- regression: no regression test of the unit is still unwritten.

And for the project as a whole (a "project" entry, only when something fails):

- docs: every unit block of STATUS.md and the reference documents is whole
  (not duplicated, nested, unclosed), without conflict markers;
- alembic: backend/alembic/versions has one head;
- inputs: every log, STATUS.md and coverage report can be read as what it
  should be (a folder, a broken link, binary or malformed JSON is reported).

Usage: vectra-scaffold check [--json] [--root PATH]
Exit status 1 when anything fails.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import data
from .doc_blocks import scan, start_marker

DOCS = Path("docs")
LOGS = Path("docs/workflow/logs")
STATUS = Path("docs/workflow/STATUS.md")
UNITS = Path("docs/workflow/units")
# Below docs/: what units write that is not a document with blocks.
NOT_DOCUMENTS = ("workflow/logs/", "workflow/units/")
MIGRATIONS = Path("backend/alembic/versions")
ANSWERS = Path(".copier-answers")
BACKEND_COVERAGE = Path("backend/coverage.json")
FRONTEND_COVERAGE = Path("frontend/coverage/coverage-summary.json")
# The marker a fix unit's regression test skeleton carries until it is written.
UNWRITTEN_MARKER = "REGRESSION-TEST-NOT-WRITTEN"

# From the table of work types (work_types.yml).
FOLDERS = {type_: data.log_folder(type_) for type_ in data.type_names() if data.log_folder(type_)}
LOG_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})_([a-z]+)_([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.md$")
# Each required section of the log, in French or in English.
SECTION_KEYS = ("objective", "references", "steps", "files", "tests", "notes", "next_steps")
SECTIONS = [(data.labels("fr")[key], data.labels("en")[key]) for key in SECTION_KEYS]
DATE_LABELS = dict.fromkeys(data.labels(lang)["date"] for lang in data.LANGS)
DATE_LINE = re.compile(
    rf"^\*\*(?:{'|'.join(map(re.escape, DATE_LABELS))}):\*\*[ \t]*(\S*)", re.MULTILINE
)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
CONFLICT_LINE = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.MULTILINE)
STATUS_LINE = re.compile(r"^\*\*(?:Statut|Status):\*\*\s*(\S+)", re.MULTILINE)
PRIORITY_LINE = re.compile(r"^\*\*(?:Priorité|Priority):\*\*\s*(\S+)", re.MULTILINE)
STATUSES = set(data.STATUSES)
PRIORITIES = set(data.PRIORITIES)
LISTED_FILE = re.compile(r"^- `([^`]+)`\s*$", re.MULTILINE)
TARGET = re.compile(r"(?:(backend|frontend) )?(\d+) %")
# The name of the project's own report (a unit's is <type>-<name>).
PROJECT = "project"


@dataclass
class UnitReport:
    unit: str
    log: str
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Context:
    """What every unit's checks share, read once."""

    root: Path
    # None when STATUS.md cannot be read (reported for the project).
    status_text: str | None
    # (covered, total) lines per file, as each report names it.
    backend_coverage: dict[str, tuple[int, int]] | None
    frontend_coverage: dict[str, tuple[int, int]] | None
    unwritten: dict[str, list[str]]
    # The documents below docs/ that could be read, by their path below docs/.
    document_texts: dict[str, str] = field(default_factory=dict)


def read_text(path: Path) -> tuple[str | None, str | None]:
    """(text, None), or (None, why it cannot be read as UTF-8 text)."""
    if not path.is_file():
        if path.is_dir():
            return None, "is a folder, not a file"
        if path.is_symlink() and not path.exists():
            return None, "is a broken symbolic link"
        return None, "is not a regular file" if path.exists() else "is missing"
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, f"cannot be read ({error.strerror or error})"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "is binary, not UTF-8 text"
    if "\0" in text:
        return None, "is binary, not UTF-8 text"
    return text.replace("\r\n", "\n"), None


def section(text: str, titles: tuple[str, ...]) -> str | None:
    for title in titles:
        match = re.search(rf"^## {re.escape(title)}\s*$", text, re.MULTILINE)
        if match:
            rest = text[match.end() :]
            end = re.search(r"^## ", rest, re.MULTILINE)
            return rest[: end.start()] if end else rest
    return None


def read_json(path: Path) -> tuple[object, str | None]:
    text, error = read_text(path)
    if error:
        return None, error
    try:
        return json.loads(text), None
    except ValueError as error:
        return None, f"is not valid JSON ({error})"


def count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def malformed(name: str, bad: list[str]) -> str:
    shown = ", ".join(bad[:3]) + (f" and {len(bad) - 3} more" if len(bad) > 3 else "")
    return f"coverage: {name} has malformed entries: {shown} (run make test again)"


def backend_coverage(
    root: Path, problems: list[str], name: str | Path = BACKEND_COVERAGE
) -> dict[str, tuple[int, int]] | None:
    """coverage.py's JSON report: {"files": {path: {"summary": {...}}}}."""
    path = root / name
    if not path.exists() and not path.is_symlink():
        return None
    report, error = read_json(path)
    if error:
        problems.append(f"coverage: {BACKEND_COVERAGE} {error}")
        return None
    files = report.get("files") if isinstance(report, dict) else None
    if not isinstance(files, dict):
        problems.append(f"coverage: {BACKEND_COVERAGE} has no 'files' object (run make test again)")
        return None
    found, bad = {}, []
    for name, entry in files.items():
        summary = entry.get("summary") if isinstance(entry, dict) else None
        numbers = (
            (summary.get("covered_lines"), summary.get("num_statements"))
            if isinstance(summary, dict)
            else (None, None)
        )
        if all(count(number) for number in numbers):
            found[name] = numbers
        else:
            bad.append(name)
    if bad:
        problems.append(malformed(str(BACKEND_COVERAGE), bad))
    return found


def frontend_coverage(
    root: Path, problems: list[str], name: str | Path = FRONTEND_COVERAGE
) -> dict[str, tuple[int, int]] | None:
    """Vitest's json-summary: {path: {"lines": {"covered": n, "total": n}}, "total": ...},
    keyed here by the path below frontend/."""
    path = root / name
    if not path.exists() and not path.is_symlink():
        return None
    report, error = read_json(path)
    if error:
        problems.append(f"coverage: {FRONTEND_COVERAGE} {error}")
        return None
    if not isinstance(report, dict):
        problems.append(f"coverage: {FRONTEND_COVERAGE} is not a JSON object (run make test again)")
        return None
    found, bad = {}, []
    for name, entry in report.items():
        if name == "total":
            continue
        lines = entry.get("lines") if isinstance(entry, dict) else None
        numbers = (
            (lines.get("covered"), lines.get("total")) if isinstance(lines, dict) else (None, None)
        )
        if all(count(number) for number in numbers):
            found[Path(name).as_posix().split("/frontend/", 1)[-1]] = numbers
        else:
            bad.append(name)
    if bad:
        problems.append(malformed(str(FRONTEND_COVERAGE), bad))
    return found


def unwritten_regression_tests(root: Path) -> dict[str, list[str]]:
    """Files still carrying the skeleton marker, by the unit named in it."""
    found: dict[str, list[str]] = {}
    pattern = re.compile(rf"{UNWRITTEN_MARKER}\s+([a-z][a-z0-9-]*)")
    for folder, glob in (("backend/tests", "*.py"), ("frontend/src", "*.test.ts*")):
        for path in (root / folder).rglob(glob) if (root / folder).is_dir() else []:
            if "node_modules" in path.parts or not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8", errors="ignore")
            except OSError:
                continue
            for match in pattern.finditer(text):
                found.setdefault(match.group(1), []).append(path.relative_to(root).as_posix())
    return found


def real_date(value: str) -> bool:
    if not ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_log(report: UnitReport, folder: str, text: str, type_: str, name: str, day: str) -> None:
    expected = FOLDERS.get(type_)
    if folder == "." or "/" in folder:
        where = "logs/" if folder == "." else f"logs/{folder}/"
        report.problems.append(
            f"log: misplaced in {where}: a {type_} log belongs in logs/{expected}/"
        )
    elif folder != expected:
        report.problems.append(f"log: a {type_} log belongs in logs/{expected}/")
    if not text.startswith(f"# [{type_.upper()}] - {name}\n"):
        report.problems.append(f"log: the title must be '# [{type_.upper()}] - {name}'")
    date = DATE_LINE.search(text)
    if not date:
        report.problems.append("log: the '**Date:**' line is missing")
    elif not real_date(date.group(1)):
        report.problems.append(f"log: date '{date.group(1)}' is not a real YYYY-MM-DD date")
    elif real_date(day) and date.group(1) != day:
        report.problems.append(f"log: date {date.group(1)} differs from the file name's {day}")
    for titles in SECTIONS:
        if section(text, titles) is None:
            report.problems.append(f"log: section '## {titles[0]}' is missing")
    status = STATUS_LINE.search(text)
    if not status or status.group(1) not in STATUSES:
        report.problems.append("log: status must be in_progress, completed or blocked")
    priority = PRIORITY_LINE.search(text)
    if not priority or priority.group(1) not in PRIORITIES:
        report.problems.append("log: priority must be P0, P1 or P2")
    report.checked.append("log")


def listed_files(text: str) -> list[str]:
    files = section(text, SECTIONS[3]) or ""
    return LISTED_FILE.findall(files)


def coverage_of(files: list[str], context: Context) -> dict[str, tuple[int, int]]:
    """(covered, total) lines per part, for the listed files a report covers."""
    parts: dict[str, tuple[int, int]] = {}
    backend = context.backend_coverage or {}
    frontend = context.frontend_coverage or {}
    for file in files:
        numbers = None
        if file.startswith("backend/app/") and file.endswith(".py"):
            part, numbers = "backend", backend.get(file.removeprefix("backend/"))
        elif file.startswith("frontend/src/") and ".test." not in file:
            part, numbers = "frontend", frontend.get(file.removeprefix("frontend/"))
        if numbers:
            covered, total = parts.get(part, (0, 0))
            parts[part] = (covered + numbers[0], total + numbers[1])
    return parts


def coverage_targets(text: str) -> dict[str, int]:
    """The coverage targets a log states (`cible : backend 80 %, frontend 70 %`), by part."""
    tests = section(text, SECTIONS[4]) or ""
    line = next((row for row in tests.splitlines() if "Coverage" in row), "")
    return {part or "": int(value) for part, value in TARGET.findall(line)}


def check_coverage(report: UnitReport, text: str, files: list[str], context: Context) -> None:
    targets = coverage_targets(text)
    code = [
        file
        for file in files
        if file.startswith(("backend/app/", "frontend/src/")) and ".test." not in file
    ]
    if not targets or not code:
        return
    measured = coverage_of(code, context)
    if not measured:
        report.problems.append("coverage: no coverage report for its files (run make test)")
        return
    for part, (covered, total) in sorted(measured.items()):
        target = targets.get(part, targets.get(""))
        if target is None or total == 0:
            continue
        percent = 100 * covered / total
        if percent < target:
            report.problems.append(f"coverage: {part} {percent:.0f} % < target {target} %")
    report.checked.append("coverage")


def check_sections(report: UnitReport, context: Context) -> None:
    """Each reference document the unit writes a section for holds its block
    (STATUS.md's is the `status` check)."""
    sections = context.root / UNITS / report.unit
    if not sections.is_dir():
        return
    for path in sorted(sections.rglob("*.md")):
        relative = path.relative_to(sections).as_posix()
        if relative == STATUS.relative_to(DOCS).as_posix():
            continue
        text = context.document_texts.get(relative)
        # A document that cannot be read is the project's problem already.
        missing = text is None and not os.path.lexists(context.root / DOCS / relative)
        if missing or (text is not None and start_marker(report.unit) not in text):
            report.problems.append(
                f"reference: docs/{relative} has no section of {report.unit} (run make docs-sync)"
            )
    report.checked.append("reference")


def check_unit(path: Path, context: Context, text: str | None = None) -> UnitReport:
    """The checks of the unit whose log is `path` (its text `text` instead of
    the file's, when given: what the log would be)."""
    root = context.root
    relative = path.relative_to(root).as_posix()
    match = LOG_NAME.match(path.name)
    if not match:
        report = UnitReport(unit=path.stem, log=relative)
        report.problems.append("log: the file name must be YYYY-MM-DD_<type>_<name>.md")
        return report
    day, type_, name = match.groups()
    report = UnitReport(unit=f"{type_}-{name}", log=relative)
    if not real_date(day):
        report.problems.append(f"log: the file name's date {day} is not a real date")
    error = None
    if text is None:
        text, error = read_text(path)
    if error:
        report.problems.append(f"log: {relative} {error}")
        return report
    folder = path.parent.relative_to(root / LOGS).as_posix()
    check_log(report, folder, text, type_, name, day)

    if context.status_text is not None:
        pointer = path.relative_to(root / "docs/workflow").as_posix()
        if f"`{pointer}`" not in context.status_text:
            report.problems.append(f"status: STATUS.md has no entry pointing at {pointer}")
        report.checked.append("status")

    files = listed_files(text)
    missing = [file for file in files if not (root / file).exists()]
    if missing:
        report.problems.append(f"files: listed but missing: {', '.join(missing)}")
    report.checked.append("files")

    check_sections(report, context)

    status = STATUS_LINE.search(text)
    if status and status.group(1) == "completed" and "- [ ]" in text:
        report.problems.append("completed: the log is completed but has unticked boxes")
    report.checked.append("completed")

    check_coverage(report, text, files, context)

    for file in context.unwritten.get(report.unit, []):
        report.problems.append(f"regression: {file} is still the unwritten skeleton")
    report.checked.append("regression")
    return report


def documents(root: Path) -> list[Path]:
    """STATUS.md and every other Markdown document below docs/ (logs and
    unit sections aside): those the units append their blocks to."""
    found = [root / STATUS]
    for folder, subfolders, files in os.walk(root / DOCS):
        here = Path(folder)
        subfolders[:] = sorted(
            name
            for name in subfolders
            if f"{(here / name).relative_to(root / DOCS).as_posix()}/" not in NOT_DOCUMENTS
        )
        # A folder named like a document is reported as one.
        names = sorted(name for name in files + subfolders if name.endswith(".md"))
        found.extend(here / name for name in names if here / name != root / STATUS)
    return found


def check_documents(
    root: Path, problems: list[str], texts: dict[str, str] | None = None
) -> str | None:
    """Every unit block whole, no conflict markers. Returns STATUS.md's text;
    `texts` gets every document read, by its path below docs/."""
    status_text = None
    for path in documents(root):
        name = path.name
        if path == root / STATUS and not path.exists() and not path.is_symlink():
            status_text = ""
            continue
        text, error = read_text(path)
        if error:
            problems.append(f"docs: {name} {error}")
            continue
        if path == root / STATUS:
            status_text = text
        if texts is not None:
            texts[path.relative_to(root / DOCS).as_posix()] = text
        problems.extend(
            f"docs: {name}: {problem} (run make docs-sync)" for problem in scan(text).problems
        )
        conflict = CONFLICT_LINE.search(text)
        if conflict:
            line = text.count("\n", 0, conflict.start()) + 1
            problems.append(
                f"docs: {name}: conflict markers from a merge (line {line}): resolve them"
            )
    return status_text


def revisions_of(path: Path) -> tuple[str, tuple[str, ...]]:
    """(revision, down revisions) from a migration's module-level assignments."""
    tree = ast.parse(path.read_bytes(), filename=path.name)
    values: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            values[target.id] = ast.literal_eval(value)
    revision, down = values.get("revision"), values.get("down_revision")
    downs = (down,) if isinstance(down, str) else down if down is not None else ()
    if not isinstance(revision, str) or not all(isinstance(item, str) for item in downs):
        raise ValueError("revision and down_revision must be strings (down_revision a tuple)")
    return revision, tuple(downs)


def check_migrations(root: Path, problems: list[str]) -> None:
    """One Alembic history: one head (a revision no other one revises)."""
    folder = root / MIGRATIONS
    if not folder.is_dir():
        return
    files: dict[str, str] = {}
    revised: set[str] = set()
    for path in sorted(folder.glob("[!_]*.py")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file():
            problems.append(f"alembic: {relative} {read_text(path)[1]}")
            continue
        try:
            revision, downs = revisions_of(path)
        except (OSError, SyntaxError, ValueError, TypeError) as error:
            problems.append(f"alembic: cannot read the revision of {relative} ({error})")
            continue
        if revision in files:
            problems.append(f"alembic: revision {revision} is in {files[revision]} and {relative}")
        files[revision] = relative
        revised.update(downs)
    heads = [revision for revision in sorted(files) if revision not in revised]
    if len(heads) > 1:
        named = ", ".join(f"{head} ({files[head]})" for head in heads)
        problems.append(f"alembic: {len(heads)} heads, {named}: run make migrate-merge")
    elif files and not heads:
        problems.append("alembic: no head, the revisions form a cycle")


def context_of(root: Path, problems: list[str]) -> Context:
    """What the units' checks share, read once; what is wrong with the
    documents and the coverage reports goes to `problems` (the project's)."""
    texts: dict[str, str] = {}
    status_text = check_documents(root, problems, texts)
    return Context(
        root=root,
        status_text=status_text,
        backend_coverage=backend_coverage(root, problems),
        frontend_coverage=frontend_coverage(root, problems),
        unwritten=unwritten_regression_tests(root),
        document_texts=texts,
    )


def check(root: Path) -> list[UnitReport]:
    project = UnitReport(unit=PROJECT, log="")
    context = context_of(root, project.problems)
    project.checked.append("docs")
    check_migrations(root, project.problems)
    project.checked.append("alembic")
    logs = sorted((root / LOGS).rglob("*.md")) if (root / LOGS).is_dir() else []
    # Logs nested deeper than their type's folder, or above it, are checked too
    # (and reported as misplaced).
    reports = [project] if project.problems else []
    reports.extend(check_unit(path, context) for path in logs)
    logged = {report.unit for report in reports}
    for answers in sorted((root / ANSWERS).glob("*.yml")):
        if answers.stem not in logged:
            report = UnitReport(unit=answers.stem, log="")
            report.problems.append("log: the unit has no activity log (golden rule: log first)")
            reports.append(report)
    return reports


def is_project(report: UnitReport) -> bool:
    """The project's own report (a unit's always has a log or a <type>-<name>)."""
    return report.unit == PROJECT and not report.log


def human(reports: list[UnitReport]) -> str:
    lines = []
    for report in reports:
        mark = "ok  " if report.ok else "FAIL"
        lines.append(f"{mark} {report.unit}")
        lines.extend(f"     - {problem}" for problem in report.problems)
    units = [report for report in reports if not is_project(report)]
    failing = sum(not report.ok for report in units)
    summary = f"{len(units)} units, {failing} failing"
    for report in reports:
        if is_project(report):
            summary += f"; project: {len(report.problems)} problems"
    lines.append(summary)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vectra-scaffold check", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--root", type=Path, default=Path("."), help="project root")
    args = parser.parse_args(argv)
    reports = check(args.root.resolve())
    if args.json:
        payload = [asdict(report) | {"ok": report.ok} for report in reports]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(human(reports))
    return 0 if all(report.ok for report in reports) else 1
