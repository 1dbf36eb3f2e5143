"""`make upgrade`: the project and all its units to one template version, green.

The version is fixed once, at the start (`--to`, else the template's latest
release tag), as a commit. Then, each step committed and the first failure
stopping the run with one line saying what to do:

1. the project's own files (copier's update of `.copier-answers.yml`), which
   also moves the pin of this tool in backend/pyproject.toml;
2. `make install`, so that the tool, the backend and the frontend are those of
   the new version;
3. every unit, by the new version's tool (`update --vcs-ref <commit>`);
4. the project's formatters on the units' files;
5. `make lint test workflow-check`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from . import update, versions

TOOL = Path("backend/.venv/bin/vectra-scaffold")
CHECKS = ("lint", "test", "workflow-check")


class Stop(Exception):
    """One line: where the upgrade stopped and what to do."""


def run(root: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=root, capture_output=True, text=True)


def tail(result: subprocess.CompletedProcess) -> str:
    return update.last_line(result.stderr or result.stdout)


def commit_all(root: Path, message: str) -> bool:
    if not update.git(root, "status", "--porcelain"):
        return False
    update.git(root, "add", "-A")
    update.git(root, "commit", "-q", "-m", message)
    return True


def upgrade(root: Path, to: str | None, say) -> dict:
    if update.git(root, "status", "--porcelain"):
        raise Stop("the work tree has changes; commit or stash them first")
    project = update.read_answers(root / update.PROJECT_ANSWERS)
    source = str(project.get("template_source") or project.get("_src_path") or "")
    try:
        with versions.template(source) as template:
            target = template.commit(to)
            name = template.describe(target)
            recorded = str(project.get("_commit") or "")
            try:
                current = template.commit(recorded) if recorded else ""
            except versions.VersionError:
                current = ""
    except versions.VersionError as error:
        raise Stop(str(error)) from None
    done: list[str] = []
    say(f"upgrade: {recorded or '?'} -> {name} ({target[:12]})")

    if current != target:
        error = update.update_one(root, update.PROJECT_ANSWERS, target)
        if error:
            raise Stop(f"copier update of the project failed: {error}")
        conflicts = update.conflicted_files(root)
        if conflicts:
            raise Stop(
                f"conflict in {', '.join(conflicts)}: resolve the markers, commit, "
                f"then run `make upgrade VERSION={name}` again"
            )
        commit_all(root, f"chore(scaffold): upgrade the project to {name}")
        done.append("project")
        say(f"upgrade: the project is at {name}")

    result = run(root, "make", "install")
    if result.returncode != 0:
        raise Stop(f"make install failed: {tail(result)}")
    commit_all(root, "style: the units laid out by the project's formatters")
    say("upgrade: installed")

    result = run(root, str(TOOL), "update", "--vcs-ref", target)
    sys.stdout.write(result.stdout)
    if result.returncode != 0:
        raise Stop(f"the units' update stopped: {tail(result)}")
    done.append("units")

    result = run(root, str(TOOL), "format")
    if result.returncode != 0:
        raise Stop(f"formatting failed: {tail(result)}")
    commit_all(root, "style: the units laid out by the project's formatters")

    for check in CHECKS:
        result = run(root, "make", check)
        if result.returncode != 0:
            raise Stop(f"make {check} fails after the upgrade to {name}: {tail(result)}")
        say(f"upgrade: make {check} passes")
    return {"to": name, "commit": target, "done": done}


def main(root: Path, to: str | None, *, as_json: bool = False) -> int:
    say = (lambda line: None) if as_json else print
    try:
        report = upgrade(root, to, say)
    except Stop as stop:
        if as_json:
            print(json.dumps({"upgraded": False, "stopped": str(stop)}))
        print(f"upgrade: {stop}", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps({"upgraded": True, **report}))
    else:
        print(f"upgrade: the project is green at {report['to']}")
    return 0
