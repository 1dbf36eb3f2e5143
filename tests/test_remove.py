"""`make scaffold-remove UNIT=<type>-<name>`: `vectra-scaffold remove` removes
one unit (its files, answers, doc blocks, migration) as one commit, and refuses
in one line what it cannot remove safely.

The script runs as the Makefile runs it: the project's backend/.venv python,
where copier comes from the `scaffold` extra.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import (
    commit_all,
    git,
    project_sharing_installs,
    run,
    scaffold,
    use_template_source,
)

pytestmark = pytest.mark.slow

BLOCK = re.compile(r"^<!-- unit:(\S+) -->\n.*?^<!-- /unit:\1 -->$", re.MULTILINE | re.DOTALL)
MARKER = re.compile(r"^<!-- /?unit:\S+ -->$", re.MULTILINE)


def new_project(installed: Path, template: Path, destination: Path, units: list[dict]) -> Path:
    """A project (sharing the session's installs) whose units come from
    `template`, one commit each; its bootstrap commit is tagged `bootstrap`."""
    project = project_sharing_installs(installed, destination)
    use_template_source(project, template)
    git(project, "tag", "bootstrap")
    for unit in units:
        scaffold(project, src=template, **unit)
        commit_all(project, f"{unit['type']}-{unit['name']}")
    return project


def remove(project: Path, *args: str, cwd: Path | None = None):
    return subprocess.run(
        [str(project / "backend/.venv/bin/vectra-scaffold"), "remove", *args],
        cwd=cwd or project,
        capture_output=True,
        text=True,
    )


def head(project: Path) -> str:
    return git(project, "rev-parse", "HEAD").strip()


def unit_commit(project: Path, unit: str) -> str:
    return git(project, "log", "--format=%H", "-1", f"--grep=^{unit}$").strip()


def added_files(project: Path, unit: str) -> list[str]:
    """The files the unit's scaffold commit added."""
    commit = unit_commit(project, unit)
    assert commit, unit
    return git(project, "diff", "--name-only", "--diff-filter=A", f"{commit}~", commit).split()


def blocks(project: Path) -> dict[str, dict[str, str]]:
    """Per document under docs/ (but the logs and unit sections): its unit blocks."""
    found = {}
    for path in sorted((project / "docs").rglob("*.md")):
        relative = path.relative_to(project).as_posix()
        if relative.startswith(("docs/workflow/units/", "docs/workflow/logs/")):
            continue
        text = path.read_text(encoding="utf-8")
        units = {match.group(1): match.group(0) for match in BLOCK.finditer(text)}
        assert len(MARKER.findall(text)) == 2 * len(units), relative
        if units:
            found[relative] = units
    return found


def without(found: dict[str, dict[str, str]], unit: str) -> dict[str, dict[str, str]]:
    kept = {
        document: {name: block for name, block in units.items() if name != unit}
        for document, units in found.items()
    }
    return {document: units for document, units in kept.items() if units}


def assert_clean(project: Path) -> None:
    assert git(project, "status", "--porcelain") == ""


def assert_removed(project: Path, unit: str, files: list[str], blocks_before: dict) -> None:
    """The unit's files, answers and blocks are gone, in one commit; the other
    units' blocks are as they were; no folder of the unit is left empty."""
    for path in files:
        assert not (project / path).exists(), path
        for folder in (project / path).parents:
            if folder == project:
                break
            assert not folder.exists() or any(folder.iterdir()), f"empty folder {folder}"
    assert not (project / f".copier-answers/{unit}.yml").exists()
    assert not (project / f"docs/workflow/units/{unit}").exists()
    assert any(unit in blocks_of for blocks_of in blocks_before.values())
    assert blocks(project) == without(blocks_before, unit)
    assert git(project, "log", "-1", "--format=%s").strip() == f"chore(scaffold): remove {unit}"
    changed = git(project, "show", "--name-only", "--format=", "HEAD").split()
    assert set(files) <= set(changed)
    assert_clean(project)


# --- (a) clean removals -------------------------------------------------------


def test_units_are_removed_one_commit_each_and_the_project_is_as_before(
    installed_project, committed_template, tmp_path
):
    units = [
        {"type": "api", "name": "leads-endpoints", "fields": "email:str company:str?"},
        # Long names: the scaffold's formatting (ruff, prettier) changes some of
        # its files, which the removal must format the same way to compare them.
        {"type": "agent", "name": "extremely-long-lead-qualification-agent-name"},
        {
            "type": "feature",
            "name": "campaign-wizard",
            "entity": "campaign",
            "fields": "name:str budget:int? starts_at:datetime",
        },
    ]
    project = new_project(installed_project, committed_template, tmp_path / "vectra", units)
    files = {
        unit: added_files(project, unit)
        for unit in [
            "api-leads-endpoints",
            "agent-extremely-long-lead-qualification-agent-name",
            "feature-campaign-wizard",
        ]
    }
    assert (
        "frontend/src/components/CampaignForm/CampaignForm.tsx" in files["feature-campaign-wizard"]
    )

    # Not in the order they came: the agent sits between the two others.
    for unit in ["agent-extremely-long-lead-qualification-agent-name", "feature-campaign-wizard"]:
        before = blocks(project)
        result = remove(project, unit)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"scaffold-remove: removed {unit}" in result.stdout
        assert_removed(project, unit, files[unit], before)
    assert not (project / "frontend/src/components/CampaignForm").exists()
    assert not (project / "frontend/src/features/campaigns.json").exists()
    # The project's own primitives and feature index stay.
    assert (project / "frontend/src/components/ui/button.tsx").is_file()
    assert (project / "frontend/src/features/index.ts").is_file()
    assert not (project / "backend/app/agents/prompts").exists()

    # What is left is a project whose checks pass.
    assert (project / "backend/app/api/v1/endpoints/leads.py").is_file()
    run(project, "make", "lint", "test-backend")

    before = blocks(project)
    result = remove(project, "api-leads-endpoints")
    assert result.returncode == 0, result.stdout + result.stderr
    assert_removed(project, "api-leads-endpoints", files["api-leads-endpoints"], before)
    # Every unit removed: the project is what it was before the first one.
    assert git(project, "diff", "--stat", "bootstrap", "HEAD") == ""
    assert not (project / ".copier-answers").exists()
    assert git(project, "log", "--format=%s", "-3").splitlines() == [
        "chore(scaffold): remove api-leads-endpoints",
        "chore(scaffold): remove feature-campaign-wizard",
        "chore(scaffold): remove agent-extremely-long-lead-qualification-agent-name",
    ]


# --- (b), (c), (d): one project -------------------------------------------------


@pytest.fixture(scope="module")
def project(installed_project, committed_template, tmp_path_factory):
    units = [
        {"type": "component", "name": "extremely-long-lead-card-component-name-here"},
        {"type": "database", "name": "add-lead-score"},
        {"type": "database", "name": "add-lead-notes"},
        {"type": "fix", "name": "celery-startup"},
    ]
    destination = tmp_path_factory.mktemp("remove-shared") / "vectra"
    return new_project(installed_project, committed_template, destination, units)


def test_an_edited_file_is_listed_and_nothing_removed_until_forced(project):
    unit = "component-extremely-long-lead-card-component-name-here"
    files = added_files(project, unit)
    # Not the component itself: prettier changed that one after the copy, and
    # must be seen as unchanged.
    edited = "frontend/src/components/ExtremelyLongLeadCardComponentNameHere/types.ts"
    assert edited in files
    path = project / edited
    path.write_text(path.read_text(encoding="utf-8") + "// à garder\n", encoding="utf-8")
    commit_all(project, "edit the lead card")
    commit = head(project)

    result = remove(project, unit)

    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[:-1] == [f"{edited}: changed since {unit} generated it"]
    assert "FORCE=1" in lines[-1]
    assert head(project) == commit
    assert_clean(project)
    assert all((project / file).is_file() for file in files)

    before = blocks(project)
    result = remove(project, unit, "--force")

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"deleted {edited}" in result.stdout
    assert_removed(project, unit, files, before)


def test_a_migration_another_chains_onto_is_refused_or_kept(project):
    first, last = "database-add-lead-score", "database-add-lead-notes"
    first_files, last_files = added_files(project, first), added_files(project, last)
    (first_migration,) = [f for f in first_files if f.startswith("backend/alembic/versions/")]
    (last_migration,) = [f for f in last_files if f.startswith("backend/alembic/versions/")]
    first_revision = Path(first_migration).name.split("_")[0]
    last_text = (project / last_migration).read_text(encoding="utf-8")
    assert re.search(rf'^down_revision\b.*= "{first_revision}"$', last_text, re.MULTILINE)
    commit = head(project)

    refused = remove(project, first)

    assert refused.returncode == 1, refused.stdout + refused.stderr
    (line,) = refused.stdout.splitlines()
    assert f"its migration {first_migration} is the down_revision of {last_migration}" in line
    assert f"({last})" in line
    assert head(project) == commit
    assert_clean(project)

    before = blocks(project)
    forced = remove(project, first, "--force")

    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert f"kept {first_migration}: the down_revision of {last_migration}" in forced.stdout
    assert (project / first_migration).is_file()
    others = [path for path in first_files if path != first_migration]
    assert_removed(project, first, others, before)

    before = blocks(project)
    result = remove(project, last)

    assert result.returncode == 0, result.stdout + result.stderr
    assert_removed(project, last, last_files, before)
    assert (project / first_migration).is_file()


def test_refusals_are_one_line(project):
    commit = head(project)

    unknown = remove(project, "agent-nowhere")
    assert unknown.returncode == 1
    (line,) = unknown.stdout.splitlines()
    assert "no unit agent-nowhere" in line

    (project / "notes.txt").write_text("en cours\n", encoding="utf-8")
    try:
        dirty = remove(project, "fix-celery-startup")
    finally:
        (project / "notes.txt").unlink()
    assert dirty.returncode == 1
    assert dirty.stdout.splitlines() == [
        "scaffold-remove: the work tree has changes; commit or stash them first"
    ]

    elsewhere = remove(project, "fix-celery-startup", cwd=project / "backend")
    assert elsewhere.returncode == 1
    (line,) = elsewhere.stdout.splitlines()
    assert "is not a VECTRA project root" in line

    assert remove(project).returncode == 2
    assert remove(project, "../fix-celery-startup").returncode == 2

    assert head(project) == commit
    assert_clean(project)
    assert (project / ".copier-answers/fix-celery-startup.yml").is_file()
