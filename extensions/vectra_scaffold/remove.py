"""Remove one scaffolded unit (like `rails destroy`), as one commit.

The unit's files are found by rendering the unit again, in a temporary folder,
from its recorded answers and template version (`.copier-answers/<unit>.yml`),
then formatting them as the scaffold did (the project's ruff and prettier, when
installed): each file is compared with what the unit wrote. Removal deletes
those files (its activity log included), its answers file, its folder
`docs/workflow/units/<unit>/`, its blocks in STATUS.md and the reference
documents under docs/ (each with the blank line before it, and STATUS.md's
overview written again: the document is as before the unit), and the folders
this leaves empty; then commits it all as `chore(scaffold): remove <unit>`.

It refuses, changing nothing (exit 1), outside a project root, for an unknown
unit, with uncommitted changes, when a file of the unit was changed since it
was generated or is missing, and when another migration chains onto the
unit's migration. With --force it removes the changed files too, and keeps a
migration another one chains onto (it says so).

Usage: vectra-scaffold remove <type>-<name> [--force] [--json]
Exit codes: 0 removed, 1 refused, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import overview
from .formatting import PRETTIER, PRETTIER_SUFFIXES, RUFF

PROJECT_ANSWERS = Path(".copier-answers.yml")
ANSWERS_DIR = Path(".copier-answers")
DOCS = Path("docs")
UNITS_DIR = DOCS / "workflow/units"
LOGS_DIR = DOCS / "workflow/logs"
STATUS = DOCS / "workflow/STATUS.md"
VERSIONS_DIR = Path("backend/alembic/versions")
UNIT_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)+")
REVISION_LINE = re.compile(r"^revision(?::[^=]+)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
DOWN_REVISION_LINE = re.compile(r"^down_revision(?::[^=]+)?=\s*(.*)$", re.MULTILINE)
QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


class Refused(Exception):
    """Stops the removal (exit 1); each argument is one line to print. Raised
    before anything is changed, but for a commit that fails."""


@dataclass
class Plan:
    unit: str
    files: list[str] = field(default_factory=list)  # the unit's files present, to delete
    changed: list[str] = field(default_factory=list)  # lines: "<path>: changed|missing ..."
    documents: dict[str, str] = field(default_factory=dict)  # path -> text without the blocks
    kept_migrations: dict[str, list[str]] = field(default_factory=dict)  # path -> dependents
    notes: list[str] = field(default_factory=list)


# --- reading the project -----------------------------------------------------


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def last_line(text: str) -> str:
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    return lines[-1] if lines else "(no message)"


def read_answers(path: Path) -> dict:
    import yaml  # copier's dependency

    try:
        answers = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise Refused(f"scaffold-remove: cannot read {path.name}: {last_line(error)}") from error
    if not isinstance(answers, dict):
        raise Refused(f"scaffold-remove: {path.name} holds no answers")
    return answers


# Beyond this many units, a refusal counts them rather than naming them all.
UNITS_NAMED = 12


def unit_answers_file(root: Path, unit: str, prog: str = "scaffold-remove") -> Path:
    """The unit's answers file, `.copier-answers/<type>-<name>.yml`: how a unit
    is named and found (remove, status). Refused, naming the project's units,
    when it is not a project root or has no such unit."""
    if not (root / PROJECT_ANSWERS).is_file():
        raise Refused(
            f"{prog}: {root} is not a VECTRA project root (no {PROJECT_ANSWERS}); "
            "run it from the project's root folder"
        )
    answers = root / ANSWERS_DIR / f"{unit}.yml"
    if not UNIT_ID.fullmatch(unit) or not answers.is_file():
        known = sorted(path.stem for path in (root / ANSWERS_DIR).glob("*.yml"))
        listed = ", ".join(known) if known else "none"
        if len(known) > UNITS_NAMED:
            listed = f"{len(known)} of them, in {ANSWERS_DIR}/"
        raise Refused(
            f"{prog}: no unit {unit} in this project "
            f"({ANSWERS_DIR / (unit + '.yml')} does not exist; units: {listed})"
        )
    return answers


def check_preconditions(root: Path, unit: str) -> Path:
    answers = unit_answers_file(root, unit)
    status = git(root, "status", "--porcelain")
    if status.returncode != 0:
        raise Refused(f"scaffold-remove: not a git repository: {last_line(status.stderr)}")
    if status.stdout.strip():
        raise Refused("scaffold-remove: the work tree has changes; commit or stash them first")
    return answers


# --- rendering the unit again --------------------------------------------------


def describe(error: Exception) -> str:
    """One line for a failed render: a missing module names itself."""
    cause = error.__cause__ or error.__context__
    if isinstance(cause, ModuleNotFoundError):
        return (
            f"the template's extensions need {cause.name!r}, missing from {sys.executable}: "
            f"install it there (pip install {cause.name})"
        )
    return f"{type(error).__name__}: {last_line(error)}"


def render_once(root: Path, unit: str, source: str, data: dict, ref: str | None, destination: Path):
    import copier

    if destination.exists():
        shutil.rmtree(destination)
    # The units refuse to render outside a project root: the destination holds
    # the project's answers, and the other units' (a test of an API reads which
    # operations its unit generated), not this unit's (that would be refused).
    (destination / ANSWERS_DIR).mkdir(parents=True)
    shutil.copy2(root / PROJECT_ANSWERS, destination / PROJECT_ANSWERS)
    for other in (root / ANSWERS_DIR).glob("*.yml"):
        if other.stem != unit:
            shutil.copy2(other, destination / ANSWERS_DIR / other.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        copier.run_copy(
            source,
            destination,
            data=data,
            vcs_ref=ref,
            defaults=True,
            unsafe=True,
            quiet=True,
            skip_tasks=True,
        )


def render(root: Path, unit: str, answers: dict, destination: Path, force: bool) -> list[str]:
    """Render the unit into `destination` from its recorded answers and version,
    from the project's template source (else the unit's own). With `force`, a
    version the source no longer has is replaced by its latest one. Returns
    notes for the report."""
    try:
        import copier  # noqa: F401
    except ImportError as error:
        raise Refused(
            f"scaffold-remove: copier is not installed in {sys.executable}: run make install first"
        ) from error

    project = read_answers(root / PROJECT_ANSWERS)
    sources: list[str] = []
    for source in (project.get("template_source"), answers.get("_src_path")):
        if source and str(source) not in sources:
            sources.append(str(source))
    if not sources:
        raise Refused(f"scaffold-remove: {unit}: no template source recorded")
    data = {key: value for key, value in answers.items() if not key.startswith("_")}
    commit = str(answers["_commit"]) if answers.get("_commit") else None
    attempts = [(source, commit) for source in sources]
    if force and commit:
        attempts.extend((source, None) for source in sources)
    errors = []
    for source, ref in attempts:
        try:
            render_once(root, unit, source, data, ref, destination)
        except Exception as error:  # copier's errors, git's, a template's
            errors.append(f"{source}: {describe(error)}")
            continue
        if ref == commit:
            return []
        return [
            f"{source} has no version {commit}: the unit's files were listed from its "
            "latest version"
        ]
    raise Refused(
        f"scaffold-remove: cannot render {unit} again at version {commit} to find its files "
        f"({'; '.join(dict.fromkeys(errors))})"
    )


def rendered_files(destination: Path, unit: str) -> dict[str, bytes]:
    """The unit's files with their content, but its answers file and doc sections."""
    found = {}
    for path in sorted(destination.rglob("*")):
        relative = path.relative_to(destination)
        if not path.is_file() or relative == PROJECT_ANSWERS:
            continue
        if relative.parts[0] == ANSWERS_DIR.name:
            continue
        if relative.is_relative_to(UNITS_DIR / unit):
            continue
        found[relative.as_posix()] = path.read_bytes()
    return found


# --- formatting as the scaffold did ------------------------------------------


def piped(command: list[str], cwd: Path, content: bytes) -> bytes:
    """`content` through a formatter reading stdin; left as it is on failure
    (formatting leaves a file the tool cannot parse as it is)."""
    result = subprocess.run(command, cwd=cwd, input=content, capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else content


def formatted(root: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    """The files as `formatting` left them after the copy: the same
    tools and steps, fed through stdin under each file's path in the project,
    so that each finds the configuration it found then (nothing is written)."""
    result = dict(files)
    if (root / RUFF).exists():
        ruff = str((root / RUFF).resolve())
        for path in [path for path in files if path.endswith(".py")]:
            content = piped(
                [ruff, "check", "--fix", "--select", "I", "--quiet", "--stdin-filename", path],
                root,
                result[path],
            )
            result[path] = piped(
                [ruff, "format", "--quiet", "--stdin-filename", path], root, content
            )
    typescript = [
        path for path in files if path.endswith(PRETTIER_SUFFIXES) and path.startswith("frontend/")
    ]
    if typescript and (root / PRETTIER).exists():
        prettier = str((root / PRETTIER).resolve())

        def run(path: str) -> tuple[str, bytes]:
            inside = str(Path(path).relative_to("frontend"))
            command = [prettier, "--log-level", "warn", "--stdin-filepath", inside]
            return path, piped(command, root / "frontend", result[path])

        with ThreadPoolExecutor(max_workers=8) as pool:
            result.update(pool.map(run, typescript))
    return result


# --- what to change ----------------------------------------------------------


def down_revisions(text: str) -> list[str]:
    match = DOWN_REVISION_LINE.search(text)
    return QUOTED.findall(match.group(1)) if match else []


def dependents(root: Path, migration: str, content: bytes, own: set[str]) -> list[str]:
    """The project's migrations (outside the unit) whose down_revision names it."""
    match = REVISION_LINE.search(content.decode("utf-8", errors="replace"))
    if not match:
        return []
    revision = match.group(1)
    found = []
    for script in sorted((root / VERSIONS_DIR).glob("*.py")):
        relative = script.relative_to(root).as_posix()
        if relative == migration or relative in own:
            continue
        if revision in down_revisions(script.read_text(encoding="utf-8", errors="replace")):
            found.append(relative)
    return found


def unit_of_revision(root: Path, migration: str) -> str:
    """The unit whose recorded revision names this migration ("" if none)."""
    text = (root / migration).read_text(encoding="utf-8", errors="replace")
    match = REVISION_LINE.search(text)
    if not match:
        return ""
    for path in sorted((root / ANSWERS_DIR).glob("*.yml")):
        try:
            if str(read_answers(path).get("revision", "")) == match.group(1):
                return path.stem
        except Refused:
            continue
    return ""


def without_blocks(text: str, unit: str) -> tuple[str, int, str]:
    """`text` without the unit's blocks, each with the blank line before it;
    (new text, blocks removed, problem or "")."""
    start, end = f"<!-- unit:{unit} -->", f"<!-- /unit:{unit} -->"
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    removed = 0
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if stripped == end:
            return text, 0, f"an end marker of {unit} without its start (line {index + 1})"
        if stripped != start:
            out.append(lines[index])
            index += 1
            continue
        closing = next(
            (
                number
                for number in range(index + 1, len(lines))
                if lines[number].strip() in (start, end)
            ),
            None,
        )
        if closing is None or lines[closing].strip() != end:
            return text, 0, f"the block of {unit} at line {index + 1} is not closed"
        if out and not out[-1].strip():
            out.pop()
        removed += 1
        index = closing + 1
    return "".join(out), removed, ""


def documents(root: Path, unit: str) -> tuple[dict[str, str], list[str]]:
    """STATUS.md and the reference documents under docs/ holding a block of the
    unit, each with its text without them; and the damaged ones."""
    changed, damaged = {}, []
    for path in sorted((root / DOCS).rglob("*.md")):
        relative = path.relative_to(root)
        if relative.is_relative_to(UNITS_DIR) or relative.is_relative_to(LOGS_DIR):
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if f"unit:{unit} -->" not in text:
            continue
        new, removed, problem = without_blocks(text, unit)
        if problem:
            damaged.append(f"{relative.as_posix()}: {problem}")
        elif removed:
            # STATUS.md's overview counts the units left.
            changed[relative.as_posix()] = overview.refresh(new) if relative == STATUS else new
    return changed, damaged


def plan(root: Path, unit: str, answers: dict, force: bool) -> Plan:
    found = Plan(unit)
    with tempfile.TemporaryDirectory(prefix="scaffold-remove-") as folder:
        destination = Path(folder) / "project"
        found.notes.extend(render(root, unit, answers, destination, force))
        files = formatted(root, rendered_files(destination, unit))
    if not files:
        raise Refused(f"scaffold-remove: rendering {unit} again gave no file; nothing removed")

    for path, content in files.items():
        target = root / path
        if not target.is_file():
            found.changed.append(f"{path}: missing")
            continue
        if target.read_bytes() != content:
            found.changed.append(f"{path}: changed since {unit} generated it")
        found.files.append(path)

    migrations = [path for path in files if Path(path).parent == VERSIONS_DIR]
    for migration in migrations:
        chained = dependents(root, migration, files[migration], set(files))
        if chained:
            found.kept_migrations[migration] = chained
    if found.kept_migrations and not force:
        migration, chained = next(iter(found.kept_migrations.items()))
        names = ", ".join(
            f"{path} ({owner})" if (owner := unit_of_revision(root, path)) else path
            for path in chained
        )
        raise Refused(
            f"scaffold-remove: {unit} not removed: its migration {migration} is the "
            f"down_revision of {names}; remove that first, or rerun with FORCE=1 to keep "
            "the migration"
        )
    for migration, chained in found.kept_migrations.items():
        if migration in found.files:
            found.files.remove(migration)
        found.changed = [line for line in found.changed if not line.startswith(f"{migration}: ")]
        found.notes.append(f"kept {migration}: the down_revision of {', '.join(chained)}")

    if found.changed and not force:
        raise Refused(
            *found.changed,
            f"scaffold-remove: {unit} not removed: the files above were changed or deleted "
            "since it was generated; rerun with FORCE=1 (--force) to remove it anyway",
        )

    found.documents, damaged = documents(root, unit)
    if damaged:
        raise Refused(
            *damaged,
            f"scaffold-remove: {unit} not removed: repair its blocks first "
            "(make docs-sync rebuilds a damaged block)",
        )
    return found


# --- removing ----------------------------------------------------------------


def prune(root: Path, folder: Path) -> list[str]:
    """Remove `folder` and its parents while they are empty, up to the root."""
    removed = []
    while folder != root and folder.is_relative_to(root) and folder.is_dir():
        if any(folder.iterdir()):
            break
        folder.rmdir()
        removed.append(folder.relative_to(root).as_posix())
        folder = folder.parent
    return removed


def remove(root: Path, found: Plan, answers_file: Path) -> tuple[list[str], list[str]]:
    """Apply the plan; (paths changed, for git; folders removed)."""
    paths = [*found.files, answers_file.relative_to(root).as_posix()]
    for path in paths:
        (root / path).unlink()
    sections = root / UNITS_DIR / found.unit
    if sections.is_dir():
        paths.extend(
            file.relative_to(root).as_posix() for file in sections.rglob("*") if file.is_file()
        )
        shutil.rmtree(sections)
        found.notes.insert(0, f"deleted {(UNITS_DIR / found.unit).as_posix()}/")
    for path, text in found.documents.items():
        (root / path).write_bytes(text.encode("utf-8"))
    paths.extend(found.documents)
    # Deepest first: a unit's folder goes before the folder holding it.
    parents = {Path(path).parent for path in [*found.files, str(ANSWERS_DIR / "x")]}
    folders: list[str] = []
    for parent in sorted(parents, key=lambda path: (-len(path.parts), path.as_posix())):
        folders.extend(prune(root, root / parent))
    return paths, folders


def commit(root: Path, unit: str, paths: list[str]) -> str:
    message = f"chore(scaffold): remove {unit}"
    for args in (("add", "-A", "--", *paths), ("commit", "-q", "-m", message)):
        result = git(root, *args)
        if result.returncode != 0:
            raise Refused(
                f"scaffold-remove: {unit} removed but not committed (git {args[0]}: "
                f"{last_line(result.stderr or result.stdout)}); commit it yourself"
            )
    return message


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vectra-scaffold remove", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "unit", help="the unit to remove, <type>-<name> (e.g. agent-bant-qualifier)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="remove files changed since generated; keep a migration another one chains onto",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not UNIT_ID.fullmatch(args.unit):
        parser.print_usage(sys.stderr)
        print(
            f"vectra-scaffold remove: error: {args.unit!r} is not a unit id, <type>-<name> "
            "as in .copier-answers/<type>-<name>.yml",
            file=sys.stderr,
        )
        return 2
    root = Path.cwd().resolve()
    try:
        answers_file = check_preconditions(root, args.unit)
        found = plan(root, args.unit, read_answers(answers_file), args.force)
        paths, folders = remove(root, found, answers_file)
        message = commit(root, args.unit, paths)
    except Refused as refusal:
        lines = [str(line) for line in refusal.args]
        if args.json:
            print(json.dumps({"unit": args.unit, "removed": False, "refused": lines}))
        else:
            print("\n".join(lines))
        return 1

    if args.json:
        print(
            json.dumps(
                {
                    "unit": args.unit,
                    "removed": True,
                    "files": found.files,
                    "changed": found.changed,
                    "documents": sorted(found.documents),
                    "folders": folders,
                    "kept": found.kept_migrations,
                    "commit": message,
                }
            )
        )
        return 0
    print(f"scaffold-remove: removed {args.unit}")
    for path in found.files:
        print(f"  deleted {path}")
    print(f"  deleted {(ANSWERS_DIR / args.unit).as_posix()}.yml")
    for note in found.notes:
        print(f"  {note}")
    for path in sorted(found.documents):
        print(f"  {path}: its block removed")
    for folder in folders:
        print(f"  removed the empty folder {folder}/")
    for line in found.changed:
        print(f"  forced: {line}")
    print(f"committed: {message}")
    return 0
