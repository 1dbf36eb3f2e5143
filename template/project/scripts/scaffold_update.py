"""Update every scaffolded unit to the latest template version, one at a time.

For each `.copier-answers/<type>-<name>.yml` (then the project's own
`.copier-answers.yml`): report whether it is behind the latest template
version; if it is, run `copier update` for it alone and commit the result,
so that the next unit starts from a clean tree as copier requires. Stops at the
first unit whose update leaves a conflict, naming the files to resolve.

Usage: python scripts/scaffold_update.py [--check]
  --check  only report which units are behind; change nothing (exit 2 if any)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

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


def check_all(root: Path, paths: list[Path]) -> dict[str, dict]:
    """check-update once per distinct template and version, not once per unit
    (each check clones the template)."""
    by_ref: dict[tuple[str, str], dict] = {}
    found = {}
    for path in paths:
        answers = path.relative_to(root).as_posix()
        ref = template_ref(path)
        if ref not in by_ref:
            by_ref[ref] = versions(root, answers)
        found[answers] = by_ref[ref]
    return found


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only")
    args = parser.parse_args(argv)
    root = Path.cwd()

    behind = []
    for answers, info in check_all(root, answers_files(root)).items():
        state = "behind" if info["update_available"] else "up to date"
        print(f"{answers}: {info['current_version']} -> {info['latest_version']} ({state})")
        if info["update_available"]:
            behind.append((answers, info))

    if args.check or not behind:
        return 2 if behind else 0
    if git(root, "status", "--porcelain"):
        print("scaffold-update: the work tree has changes; commit or stash them first")
        return 1

    for answers, info in behind:
        result = copier(
            root, "update", "--trust", "--defaults", "--conflict", "inline", "-a", answers
        )
        if result.returncode != 0:
            print(
                f"scaffold-update: copier update failed for {answers}: {last_line(result.stderr)}"
            )
            return 1
        conflicts = conflicted_files(root)
        if conflicts:
            print(
                f"scaffold-update: conflict while updating {answers} "
                f"in {', '.join(conflicts)}; resolve the markers, commit, and run it again"
            )
            return 1
        if git(root, "status", "--porcelain"):
            git(root, "add", "-A")
            git(
                root,
                "commit",
                "-q",
                "-m",
                f"chore(scaffold): update {answers} to {info['latest_version']}",
            )
        print(f"updated {answers} to {info['latest_version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
