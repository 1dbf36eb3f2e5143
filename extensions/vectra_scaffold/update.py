"""Update the scaffolded units to one template version, one at a time.

The target version is fixed once, at the start (`--vcs-ref`, else the
template's latest release tag, else its HEAD), as a commit: every unit of the
run is rendered at that commit, whatever is tagged meanwhile. For each
`.copier-answers/<type>-<name>.yml` (then the project's own
`.copier-answers.yml`): report whether it is behind; if it is, run copier's
update for it alone and commit the result, so that the next unit starts from
a clean tree as copier requires. Stops at the first unit whose update leaves a
conflict, naming the files to resolve.

The updates run in this process, one after the other (copier's three-way merge
for each), without copier's post-copy task: the unit's changed files are laid
out and the docs synced here (`unit_written`), and the file list of the unit's
activity log follows the files the update created or deleted (logs are
excluded from copier's updates: the rest of the log is the developer's).

Usage: vectra-scaffold update [UNIT ...] [--check] [--json] [--vcs-ref REF]
  UNIT         only these units (`<type>-<name>`, `project` for the project's
               own answers); an unknown one is refused in one line (exit 1)
  --check      only report which units are behind; change nothing (exit 1 if any)
  --json       print one JSON object: {"units": [...], "stopped_at": ..., "to": ...}
  --vcs-ref    the template version to update to (a tag or a commit)
Exit status: 0 done (or, with --check, every unit current), 1 a unit behind
(--check), a conflict, a failure or a refusal, 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
from pathlib import Path

from . import data, logs, unit_written, versions
from .data import read_yaml

CONFLICT_MARKER = "<<<<<<< "
PROJECT_ANSWERS = ".copier-answers.yml"


def answers_files(root: Path) -> list[Path]:
    units = sorted((root / ".copier-answers").glob("*.yml"))
    project = root / ".copier-answers.yml"
    return [*units, project] if project.exists() else units


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def unit_id(answers: str) -> str:
    """`.copier-answers/<type>-<name>.yml` -> `<type>-<name>`; the project's own: `project`."""
    return "project" if answers == ".copier-answers.yml" else Path(answers).stem


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def conflicted_files(root: Path) -> list[str]:
    changed = git(root, "status", "--porcelain").splitlines()
    paths = [line[3:] for line in changed]
    return [
        path
        for path in paths
        if path.endswith(".rej")
        or (
            (root / path).is_file()
            and CONFLICT_MARKER in (root / path).read_text(encoding="utf-8", errors="ignore")
        )
    ]


def read_answers(path: Path) -> dict:
    try:
        return read_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, ValueError):
        return {}


def changes(root: Path) -> tuple[list[str], list[str], list[str]]:
    """(changed, created, deleted) paths of the work tree."""
    lines = git(root, "status", "--porcelain", "--untracked-files=all").splitlines()
    changed = [line[3:] for line in lines]
    created = [line[3:] for line in lines if line[:2] in ("??", "A ")]
    deleted = [line[3:] for line in lines if "D" in line[:2]]
    return changed, created, deleted


def update_one(root: Path, answers: str, commit: str) -> str:
    """`copier update` of one unit to `commit`, in this process; the error's
    last line, or ""."""
    from copier import run_update

    try:
        with contextlib.redirect_stdout(sys.stderr):
            run_update(
                root,
                answers_file=answers,
                vcs_ref=commit,
                defaults=True,
                overwrite=True,
                unsafe=True,
                conflict="inline",
                quiet=True,
                skip_tasks=True,
            )
    except Exception as error:  # copier's, git's and the template's errors alike
        return last_line(str(error)) or type(error).__name__
    changed, created, deleted = changes(root)
    recorded = read_answers(root / answers)
    if answers != PROJECT_ANSWERS and recorded.get("date"):
        type_, name = str(recorded.get("type")), str(recorded.get("name"))
        log = data.log_path(type_, str(recorded["date"]), name)
        if log:
            logs.follow_files(root / log, created=created, deleted=deleted)
    with contextlib.chdir(root):
        unit_written.main([path for path in changed if path not in deleted])
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vectra-scaffold update", description=__doc__.splitlines()[0]
    )
    parser.add_argument("units", nargs="*", metavar="UNIT", help="<type>-<name> (default: all)")
    parser.add_argument("--check", action="store_true", help="report only (exit 1 if behind)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--vcs-ref", help="the template version (default: its latest tag)")
    args = parser.parse_args(argv)
    root = Path.cwd()
    say = (lambda line: None) if args.json else print
    # A failure's line: on stdout as always, on stderr with --json (stdout is the JSON).
    warn = (lambda line: print(line, file=sys.stderr)) if args.json else print

    paths = answers_files(root)
    if args.units:
        by_id = {unit_id(path.relative_to(root).as_posix()): path for path in paths}
        unknown = [unit for unit in args.units if unit not in by_id]
        if unknown:
            print(f"scaffold-update: no unit {unknown[0]} in this project", file=sys.stderr)
            return 1
        paths = [by_id[unit] for unit in dict.fromkeys(args.units)]

    project = read_answers(root / PROJECT_ANSWERS)
    source = str(project.get("template_source") or project.get("_src_path") or "")
    if not source:
        print(f"scaffold-update: {PROJECT_ANSWERS} records no template_source", file=sys.stderr)
        return 1
    report: list[dict] = []
    behind = []
    try:
        with versions.template(source) as template:
            target = template.commit(args.vcs_ref)
            name = template.describe(target)
            for path in paths:
                answers = path.relative_to(root).as_posix()
                recorded = str(read_answers(path).get("_commit") or "")
                try:
                    current = template.commit(recorded) if recorded else ""
                except versions.VersionError:
                    current = ""  # a version the template no longer has
                is_behind = current != target
                state = "behind" if is_behind else "up to date"
                say(f"{answers}: {recorded or '?'} -> {name} ({state})")
                entry = {
                    "unit": unit_id(answers),
                    "from": recorded or None,
                    "to": name,
                    "status": "behind" if is_behind else "current",
                    "commit": None,
                }
                report.append(entry)
                if is_behind:
                    behind.append((answers, entry))
    except versions.VersionError as error:
        warn(f"scaffold-update: {error}")
        return 1

    def done(status: int, stopped_at: str | None = None) -> int:
        if args.json:
            payload = {"units": report, "stopped_at": stopped_at, "to": name, "commit": target}
            print(json.dumps(payload, indent=2, ensure_ascii=False))
        return status

    if args.check or not behind:
        return done(1 if behind else 0)
    if git(root, "status", "--porcelain"):
        warn("scaffold-update: the work tree has changes; commit or stash them first")
        return 1

    for answers, entry in behind:
        error = update_one(root, answers, target)
        if error:
            warn(f"scaffold-update: copier update failed for {answers}: {error}")
            entry["status"] = "failed"
            return done(1, entry["unit"])
        conflicts = conflicted_files(root)
        if conflicts:
            warn(
                f"scaffold-update: conflict while updating {answers} "
                f"in {', '.join(conflicts)}; resolve the markers, commit, and run it again"
            )
            entry["status"] = "conflict"
            return done(1, entry["unit"])
        if git(root, "status", "--porcelain"):
            git(root, "add", "-A")
            git(root, "commit", "-q", "-m", f"chore(scaffold): update {answers} to {name}")
            entry["commit"] = git(root, "rev-parse", "HEAD").strip()
        entry["status"] = "updated"
        say(f"updated {answers} to {name}")
    return done(0)
