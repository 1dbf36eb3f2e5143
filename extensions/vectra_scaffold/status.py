"""Change a unit's status: its activity log and its STATUS.md block together.

The log's `**Statut:**` line and the `**Statut:**` line of the unit's block in
docs/workflow/STATUS.md take the new status; a note (`--note`) is appended,
dated, to the log's Notes section and shown in the block (`**Note:**`, which
STATUS.md's overview lists for a blocked unit); the overview is written again;
then the two files are committed as `docs(workflow): <unit> <status>` when the
project is a git repository.

`completed` is WORKFLOW-001's final checklist as a gate: refused, listing what
is missing, when the workflow check (workflow_check) finds anything wrong with
the unit as it would be once completed (unticked boxes, coverage under its
target, files listed but missing, a reference-document section missing...),
or when its block says its tests do not pass (`Tests passent: ❌`, until
`vectra-scaffold verify` measures them passing),
unless `--force "reason"`, which records the reason and what was missing in
the log's Notes.

A unit is named as `remove` and `update` name it, `<type>-<name>`, its answers
file `.copier-answers/<type>-<name>.yml` (remove.unit_answers_file). Every
refusal is written on stderr, nothing is changed (exit 1).

Usage: vectra-scaffold status <type>-<name> <in_progress|completed|blocked>
           [--note TEXT] [--force REASON]
Exit status: 0 changed (or already so), 1 refused, 2 usage.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from . import clock, data, overview, remove, workflow_check
from .doc_blocks import parse

PROG = "scaffold-status"
STATUS_DOC = Path(data.STATUS_DOC)
GATED = "completed"
STATUS_LINE = re.compile(r"^(\*\*(?:Statut|Status):\*\*[ \t]*)(\S*)", re.MULTILINE)
NOTE_LINE = re.compile(r"^\*\*Note:\*\*")
# How a dated line of the log's Notes reads, per language of the unit.
NOTE_WORDS = {
    "fr": {"status": "statut", "forced": "forcé", "missing": "manquait"},
    "en": {"status": "status", "forced": "forced", "missing": "was missing"},
}


class Refused(Exception):
    """Nothing changed (exit 1); each argument is one line to print."""


def one_line(text: str) -> str:
    return " ".join(text.split())


def menu() -> str:
    *first, last = data.STATUSES
    return f"{', '.join(first)} or {last}"


def unit_log(root: Path, unit: str) -> tuple[Path, str]:
    """(the unit's activity log, its language), from its answers file."""
    try:
        answers_file = remove.unit_answers_file(root, unit, PROG)
    except remove.Refused as refusal:
        raise Refused(*refusal.args) from None
    try:
        answers = data.read_yaml(answers_file.read_text(encoding="utf-8")) or {}
    except (OSError, ValueError) as error:
        raise Refused(f"{PROG}: cannot read {answers_file.name}: {one_line(str(error))}") from None
    answers = answers if isinstance(answers, dict) else {}
    fields = [answers.get(key) for key in ("type", "name", "date")]
    if not all(fields):
        raise Refused(f"{PROG}: {answers_file.name} records no type, name and date")
    type_, name, date = (str(value) for value in fields)
    log = data.log_path(type_, date, name) if type_ in data.type_names() else ""
    if not log or not (root / log).is_file():
        raise Refused(f"{PROG}: {unit} has no activity log{f' at {log}' if log else ''}")
    lang = str(answers.get("lang") or "fr")
    return root / log, lang if lang in NOTE_WORDS else "fr"


def read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"{PROG}: cannot read {path.name}: {one_line(str(error))}") from None


def status_of(text: str) -> str | None:
    match = STATUS_LINE.search(text)
    return match.group(2) if match else None


def with_status(text: str, status: str) -> str:
    return STATUS_LINE.sub(lambda match: match.group(1) + status, text, count=1)


def with_notes(text: str, lines: list[str], lang: str) -> str:
    """The log with `lines` appended to its Notes section (its placeholder,
    still there, replaced)."""
    if not lines:
        return text
    rows = text.split("\n")
    headings = {f"## {data.labels(lang)['notes']}"} | {
        f"## {data.labels(other)['notes']}" for other in data.LANGS
    }
    start = next((i for i, row in enumerate(rows) if row.strip() in headings), None)
    if start is None:
        raise Refused(f"{PROG}: the log has no '## {data.labels(lang)['notes']}' section")
    end = next((i for i in range(start + 1, len(rows)) if rows[i].startswith("## ")), len(rows))
    placeholders = {data.labels(other)["notes_text"] for other in data.LANGS}
    section = [row for row in rows[start + 1 : end] if row.strip() not in placeholders]
    while section and not section[-1].strip():
        section.pop()
    while section and not section[0].strip():
        section.pop(0)
    # A blank line after the section: before the next heading, or the file's last newline.
    rows[start + 1 : end] = ["", *section, *lines, ""]
    return "\n".join(rows)


def with_block(text: str, unit: str, status: str, note: str) -> str:
    """STATUS.md with the unit's block at `status` (and its note, or none),
    and its overview written again."""
    document = parse(text)
    index = next((i for i, block in enumerate(document.blocks) if block.unit == unit), None)
    if index is None:
        raise Refused(f"{PROG}: {STATUS_DOC} has no whole block of {unit} (run make docs-sync)")
    block = document.blocks[index]
    body: list[str] = []
    found = False
    for line in block.body:
        if NOTE_LINE.match(line):
            continue
        if not found and STATUS_LINE.match(line):
            found = True
            body.append(with_status(line, status))
            if note:
                body.append(f"**Note:** {note}  \n")
            continue
        body.append(line)
    if not found:
        raise Refused(f"{PROG}: the block of {unit} in {STATUS_DOC} has no '**Statut:**' line")
    document.blocks[index] = block._replace(body=body)
    return overview.refresh(document.render())


# The block's `Tests passent: ✅|❌`, which `vectra-scaffold verify` writes from the unit's tests.
TESTS_FAIL = re.compile(r"^- (?:Tests passent|Tests pass):[ \t]*❌", re.MULTILINE)


def missing(root: Path, log: Path, text: str, unit: str, status_text: str) -> list[str]:
    """What the workflow check finds wrong with the unit, its log being `text`,
    and its block saying that its tests do not pass (or were never verified)."""
    context = workflow_check.context_of(root, [])
    problems = workflow_check.check_unit(log, context, text=text).problems
    block = next((b for b in parse(status_text).blocks if b.unit == unit), None)
    if block is not None and TESTS_FAIL.search("".join(block.body)):
        problems.append(f"tests: not verified passing (run make unit-verify UNIT={unit})")
    return problems


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def is_repository(root: Path) -> bool:
    result = git(root, "rev-parse", "--is-inside-work-tree")
    return result.returncode == 0 and result.stdout.strip() == "true"


def commit(root: Path, message: str, paths: list[str]) -> str:
    for args in (("add", "--", *paths), ("commit", "-q", "-m", message, "--", *paths)):
        result = git(root, *args)
        if result.returncode != 0:
            why = remove.last_line(result.stderr or result.stdout)
            raise Refused(
                f"{PROG}: written but not committed (git {args[0]}: {why}); commit it yourself"
            )
    return message


def change(root: Path, unit: str, status: str, note: str, force: str) -> list[str]:
    """Change the unit's status; the lines to print. Refused before anything
    is written (but for a commit that fails)."""
    if status not in data.STATUSES:
        raise Refused(f"{PROG}: {status!r} is not a status: {menu()}")
    if force and status != GATED:
        raise Refused(f"{PROG}: --force is for {GATED} only (the one status with a gate)")
    log, lang = unit_log(root, unit)
    log_text, status_text = read(log), read(root / STATUS_DOC)
    before = status_of(log_text)
    if before is None:
        raise Refused(f"{PROG}: {log.name} has no '**Statut:**' line")
    words = NOTE_WORDS[lang]
    try:
        today = clock.today()
    except ValueError as error:
        raise Refused(f"{PROG}: {error}") from None
    new_log = with_status(log_text, status)
    notes = [f"- {today} — {words['status']} {status} : {note}"] if note else []
    new_status = with_block(status_text, unit, status, note)
    if new_log == log_text and new_status == status_text and not notes:
        return [f"{PROG}: {unit} is already {status}; nothing changed"]
    if status == GATED:
        problems = missing(root, log, with_notes(new_log, notes, lang), unit, status_text)
        if problems and not force:
            raise Refused(
                f"{PROG}: {unit} not {GATED}: {len(problems)} "
                f"{'thing' if len(problems) == 1 else 'things'} missing "
                f'(or rerun with --force "reason"):',
                *(f"  - {problem}" for problem in problems),
            )
        if not problems and force:
            force = ""  # nothing to force: no reason recorded
        if problems:
            notes.append(f"- {today} — {words['status']} {status}, {words['forced']} : {force}")
            notes.extend(f"  - {words['missing']} : {problem}" for problem in problems)
    new_log = with_notes(new_log, notes, lang)

    log.write_bytes(new_log.encode("utf-8"))
    (root / STATUS_DOC).write_bytes(new_status.encode("utf-8"))
    relative = log.relative_to(root).as_posix()
    lines = [f"{PROG}: {unit} {before} -> {status}"]
    lines += [f"  {relative}: {line.strip().removeprefix('- ')}" for line in notes]
    lines.append(f"  {STATUS_DOC.as_posix()}: its block and the overview")
    if is_repository(root):
        message = f"docs(workflow): {unit} {status}"
        lines.append(f"committed: {commit(root, message, [relative, STATUS_DOC.as_posix()])}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vectra-scaffold status", description=__doc__.splitlines()[0]
    )
    parser.add_argument("unit", help="<type>-<name>, e.g. agent-bant-qualifier")
    parser.add_argument("status", help=menu())
    parser.add_argument("--note", default="", help="appended, dated, to the log's Notes")
    parser.add_argument(
        "--force", default="", metavar="REASON", help=f"{GATED} despite what is missing, and why"
    )
    args = parser.parse_args(argv)
    try:
        lines = change(
            Path.cwd().resolve(), args.unit, args.status, one_line(args.note), one_line(args.force)
        )
    except Refused as refusal:
        print("\n".join(str(line) for line in refusal.args), file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0
