"""Update every scaffolded unit to the latest template version, one at a time.

For each `.copier-answers/<type>-<name>.yml` (then the project's own
`.copier-answers.yml`): report whether it is behind the latest template
version; if it is, run copier's update for it alone and commit the result,
so that the next unit starts from a clean tree as copier requires. Stops at the
first unit whose update leaves a conflict, naming the files to resolve.

The updates run in this process, one after the other (copier's three-way merge
for each), without copier's post-copy task: the unit's changed files are laid
out and the docs synced here, in-process (`unit_written.py`), before its commit.

Usage: python scripts/scaffold_update.py [UNIT ...] [--check] [--json] [--vcs-ref REF]
  UNIT         only these units (`<type>-<name>`, `project` for the project's
               own answers); an unknown one is refused in one line (exit 1)
  --check      only report which units are behind; change nothing (exit 1 if any)
  --json       print one JSON object: {"units": [...], "stopped_at": ...}
  --vcs-ref    update to this template ref (copier's -r) instead of the latest;
               a unit is behind when its recorded commit is not that ref's
Exit status: 0 done (or, with --check, every unit current), 1 a unit behind
(--check), a conflict, a failure or a refusal, 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import unit_written
import yaml

CONFLICT_MARKER = "<<<<<<< "


def answers_files(root: Path) -> list[Path]:
    units = sorted((root / ".copier-answers").glob("*.yml"))
    project = root / ".copier-answers.yml"
    return [*units, project] if project.exists() else units


def copier(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "copier", *args], cwd=root, capture_output=True, text=True
    )


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def versions(root: Path, answers: str) -> dict:
    result = copier(root, "check-update", "-a", answers, "--output-format", "json")
    if result.returncode != 0:
        raise SystemExit(f"scaffold-update: cannot check {answers}: {last_line(result.stderr)}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def template_ref(path: Path) -> tuple[str, str]:
    """(_src_path, _commit) of an answers file: units that share them are equally behind."""
    recorded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return str(recorded.get("_src_path")), str(recorded.get("_commit"))


def commit_at(source: str, ref: str) -> str:
    """The commit copier records for `ref` of the template at `source` (one clone)."""
    try:
        from copier._template import Template
    except ImportError:  # pragma: no cover - older copier
        from copier.template import Template
    template = Template(url=source, ref=ref)
    try:
        return str(template.commit)
    except Exception as error:  # copier's and git's errors alike
        raise SystemExit(
            f"scaffold-update: cannot read {source} at {ref}: {last_line(str(error))}"
        ) from None
    finally:
        with contextlib.suppress(Exception):
            template._cleanup()


def check_all(root: Path, paths: list[Path], vcs_ref: str | None = None) -> dict[str, dict]:
    """check-update once per distinct template and version, not once per unit
    (each check clones the template). With `vcs_ref`, a unit is behind when
    its recorded commit is not that ref's."""
    by_ref: dict[tuple[str, str], dict] = {}
    found = {}
    for path in paths:
        answers = path.relative_to(root).as_posix()
        ref = template_ref(path)
        if vcs_ref is not None:
            source, recorded = ref
            if source not in by_ref:
                by_ref[source] = commit_at(source, vcs_ref)
            target = by_ref[source]
            found[answers] = {
                "current_version": recorded,
                "latest_version": target,
                "update_available": recorded != target,
            }
            continue
        if ref not in by_ref:
            by_ref[ref] = versions(root, answers)
        found[answers] = by_ref[ref]
    return found


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


@contextlib.contextmanager
def template_cloned_once_per_version() -> Iterator[None]:
    """Within the block, copier's clone of a template version is made once:
    copier clones the template for every copy it renders (five clones for one
    update, all of two versions) and deletes each clone when done; the first
    clone of each version is kept aside, later ones are hard-linked copies of
    it. (copier's private `clone`, of the copier version the project pins.)"""
    from copier import _template

    clone = _template.clone
    kept: dict[tuple[str, str], Path] = {}
    with tempfile.TemporaryDirectory(prefix="scaffold-update-") as folder:

        def clone_once(url: str, ref: str = "HEAD", location: str | None = None) -> str:
            key = (url, ref)
            if key not in kept or location is None:
                result = clone(url, ref, location)
                kept.setdefault(key, Path(folder) / str(len(kept)))
                if not kept[key].exists():
                    shutil.copytree(result, kept[key], symlinks=True)
                return result
            shutil.copytree(
                kept[key], location, symlinks=True, dirs_exist_ok=True, copy_function=os.link
            )
            return location

        _template.clone = clone_once
        try:
            yield
        finally:
            _template.clone = clone


def update_one(root: Path, answers: str, vcs_ref: str | None) -> str:
    """`copier update` of one unit, in this process; the error's last line, or ""."""
    from copier import run_update

    try:
        with contextlib.redirect_stdout(sys.stderr):
            run_update(
                root,
                answers_file=answers,
                vcs_ref=vcs_ref,
                defaults=True,
                overwrite=True,
                unsafe=True,
                conflict="inline",
                quiet=True,
                skip_tasks=True,
            )
    except Exception as error:  # copier's, git's and the template's errors alike
        return last_line(str(error)) or type(error).__name__
    changed = [line[3:] for line in git(root, "status", "--porcelain").splitlines()]
    with contextlib.chdir(root):
        unit_written.main(changed)
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("units", nargs="*", metavar="UNIT", help="<type>-<name> (default: all)")
    parser.add_argument("--check", action="store_true", help="report only (exit 1 if behind)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--vcs-ref", help="the template's git ref (default: its latest)")
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

    report: list[dict] = []
    behind = []
    for answers, info in check_all(root, paths, args.vcs_ref).items():
        state = "behind" if info["update_available"] else "up to date"
        say(f"{answers}: {info['current_version']} -> {info['latest_version']} ({state})")
        entry = {
            "unit": unit_id(answers),
            "from": info["current_version"],
            "to": info["latest_version"],
            "status": "behind" if info["update_available"] else "current",
            "commit": None,
        }
        report.append(entry)
        if info["update_available"]:
            behind.append((answers, info, entry))

    def done(status: int, stopped_at: str | None = None) -> int:
        if args.json:
            payload = {"units": report, "stopped_at": stopped_at}
            print(json.dumps(payload, indent=2, ensure_ascii=False))
        return status

    if args.check or not behind:
        return done(1 if behind else 0)
    if git(root, "status", "--porcelain"):
        warn("scaffold-update: the work tree has changes; commit or stash them first")
        return 1

    with template_cloned_once_per_version():
        for answers, info, entry in behind:
            error = update_one(root, answers, args.vcs_ref)
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
                git(
                    root,
                    "commit",
                    "-q",
                    "-m",
                    f"chore(scaffold): update {answers} to {info['latest_version']}",
                )
                entry["commit"] = git(root, "rev-parse", "HEAD").strip()
            entry["status"] = "updated"
            say(f"updated {answers} to {info['latest_version']}")
    return done(0)


if __name__ == "__main__":
    sys.exit(main())
