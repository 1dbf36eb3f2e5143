"""`make upgrade` (issue 20): a project at one release, with units of every type
written before its `make install` (the README's order: units first, then
`make install`, with names at the edges), moves to the next release in one
command and ends green; and the log's file list follows what an update adds or
deletes. The upgraded project, whose own `make test` has just run, is then where
`make unit-verify` (issue 24) is compared with that run's coverage."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml
from conftest import (
    ROOT,
    commit_all,
    copy,
    git,
    git_init,
    run,
    template_repository,
    write_regression_tests,
)
from vectra_scaffold import data, logs
from vectra_scaffold import unit as unit_model

PROMPT = next((ROOT / "template/unit").rglob("{{ unit.module }}.md.jinja")).relative_to(ROOT)
# This tree's version as a release, then a patch release after it.
VERSION = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
NEXT_VERSION = ".".join([*VERSION.split(".")[:2], str(int(VERSION.split(".")[2]) + 1)])
PROMPT_NOTE = f"\nNote de la version {NEXT_VERSION} : répondre en JSON strict.\n"
RELEASE = f"v{VERSION}"
NEXT = f"v{NEXT_VERSION}"

UNITS = [
    {"type": "feature", "name": "campaign-wizard", "entity": "campaign",
     "fields": "name:str budget:int? starts_at:datetime"},
    {"type": "api", "name": "leads-endpoints", "fields": "email:str company:str?"},
    {"type": "component", "name": "lead-card"},
    {"type": "component", "name": "weekly-report", "kind": "page", "route": "reports/weekly"},
    {"type": "agent", "name": "bant-qualifier"},
    {"type": "agent", "name": "enterprise-account-campaign-summarizer-agent"},
    {"type": "database", "name": "add-lead-enrichment"},
    {"type": "fix", "name": "celery-startup", "target": "app.core.celery_app"},
    {"type": "fix", "name": "lead-score", "area": "frontend", "target": "LeadCard"},
    {"type": "test", "name": "bant-service", "test_kind": "unit-agent",
     "target": "bant-qualifier"},
    {"type": "test", "name": "campaign-checks", "test_kind": "integration-api",
     "target": "campaign"},
]  # fmt: skip


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """This template as two releases: its own version, then a patch changing a unit's file."""
    repo = template_repository(
        tmp_path_factory.mktemp("releases") / "scaffold", f"release {VERSION}"
    )
    git(repo, "tag", RELEASE)
    prompt = repo / PROMPT
    prompt.write_text(prompt.read_text(encoding="utf-8") + PROMPT_NOTE, encoding="utf-8")
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(f'version = "{VERSION}"', f'version = "{NEXT_VERSION}"'),
        encoding="utf-8",
    )
    commit_all(repo, f"release {NEXT_VERSION}")
    git(repo, "tag", NEXT)
    return repo


@pytest.fixture(scope="module")
def upgraded(releases, tmp_path_factory):
    """A project at RELEASE with UNITS, installed, then `make upgrade` to NEXT: it and
    what the upgrade printed."""
    project = git_init(tmp_path_factory.mktemp("upgrade") / "vectra")
    copy(project, releases, RELEASE, type="project", name="vectra", template_source=str(releases))
    commit_all(project, f"bootstrap at {VERSION}")
    for unit in UNITS:
        copy(project, releases, RELEASE, date="2026-01-15", **unit)
        commit_all(project, f"{unit['type']} {unit['name']}")
    write_regression_tests(project)
    assert not (project / "backend/.venv").exists()
    # The pinned tool of this release, installed from the template's repository at its tag.
    assert f"@{RELEASE}" in (project / "backend/pyproject.toml").read_text()
    run(project, "make", "install")
    commit_all(project, "style: formatted by make install")

    return project, run(project, "make", "upgrade", f"VERSION={NEXT}")


@pytest.mark.slow
def test_a_project_of_every_type_upgrades_to_the_next_release_in_one_command(upgraded):
    project, output = upgraded

    assert f"upgrade: the project is green at {NEXT}" in output
    assert git(project, "status", "--porcelain") == ""
    for answers in [project / ".copier-answers.yml", *(project / ".copier-answers").glob("*")]:
        assert yaml.safe_load(answers.read_text())["_commit"] == NEXT, answers.name
    assert f"@{NEXT}" in (project / "backend/pyproject.toml").read_text()
    tool = project / "backend/.venv/bin/vectra-scaffold"
    assert run(project, str(tool), "--version").strip() == NEXT_VERSION
    prompt = project / "backend/app/agents/prompts/bant_qualifier.md"
    assert prompt.read_text(encoding="utf-8").endswith(PROMPT_NOTE)


# --- make unit-verify, in the upgraded project ------------------------------------------

# Every unit with code of its own (the others have no coverage to measure): the reports
# verify writes are then the project's whole, for the workflow check.
VERIFIED = [
    "api-leads-endpoints",
    "agent-bant-qualifier",
    "agent-enterprise-account-campaign-summarizer-agent",
    "component-lead-card",
    "component-weekly-report",
    "feature-campaign-wizard",
]
STATUS = "docs/workflow/STATUS.md"
MEASURED = re.compile(r"(?:(backend|frontend) )?(\d+) %")


def whole_run_coverage(project) -> dict[str, tuple[int, int]]:
    """(covered, total) lines per file, from the project's own `make test` reports."""
    backend = json.loads((project / "backend/coverage.json").read_text())["files"]
    frontend = json.loads((project / "frontend/coverage/coverage-summary.json").read_text())
    figures = {
        f"backend/{path}": (entry["summary"]["covered_lines"], entry["summary"]["num_statements"])
        for path, entry in backend.items()
    }
    for path, entry in frontend.items():
        if path != "total":
            relative = "frontend/" + path.split("/frontend/", 1)[1]
            figures[relative] = (entry["lines"]["covered"], entry["lines"]["total"])
    return figures


def written_coverage(project, unit: str) -> dict[str, int]:
    block = (project / STATUS).read_text().split(f"<!-- unit:{unit} -->")[1]
    line = next(row for row in block.splitlines() if row.startswith("- Coverage:"))
    return {part or "": int(value) for part, value in MEASURED.findall(line.split("(")[0])}


@pytest.mark.slow
def test_verify_writes_what_the_projects_own_test_run_measures(upgraded):
    project, _ = upgraded  # `make upgrade` ended with the project's whole `make test`
    whole = whole_run_coverage(project)
    (project / "backend/coverage.json").unlink()
    shutil.rmtree(project / "frontend/coverage")

    for unit in VERIFIED:
        output = run(project, "make", "unit-verify", f"UNIT={unit}")

        answers = yaml.safe_load((project / f".copier-answers/{unit}.yml").read_text())
        code = [
            path
            for path in unit_model.build_unit(answers).files
            if path.startswith(("backend/app/", "frontend/src/")) and ".test." not in path
        ]
        written = written_coverage(project, unit)
        target = data.coverage_target(answers["type"])
        for part, percent in written.items():
            files = [path for path in code if path.startswith(part or ("backend", "frontend"))]
            covered = sum(whole[path][0] for path in files if path in whole)
            total = sum(whole[path][1] for path in files if path in whole)
            # Its own tests cover at most what the whole suite does, and reach the target.
            assert total > 0, (unit, part)
            assert percent <= round(100 * covered / total), (unit, part, output)
        block = (project / STATUS).read_text().split(f"<!-- unit:{unit} -->")[1]
        assert "Tests passent: ✅" in block.split("<!-- /unit:")[0], (unit, output)
        assert set(written) == ({""} if isinstance(target, int) else set(target)), written
        for part, percent in written.items():
            assert percent >= (target if isinstance(target, int) else target[part]), (unit, part)
    run(project, "make", "workflow-check")

    # A failing test of the unit: measured and written as such, exit 1.
    log = "docs/workflow/logs/api/2026-01-15_api_leads-endpoints.md"
    test_file = project / "backend/tests/test_lead_service.py"
    test_file.write_text(test_file.read_text() + "\n\ndef test_broken():\n    assert False\n")
    failed = subprocess.run(
        ["make", "unit-verify", "UNIT=api-leads-endpoints"], cwd=project, capture_output=True
    )
    assert failed.returncode != 0
    block = (project / STATUS).read_text().split("<!-- unit:api-leads-endpoints -->")[1]
    assert "- Tests passent: ❌" in block.split("<!-- /unit:")[0]
    assert "- [ ] Tests unitaires créés" in (project / log).read_text()


LOG = """# [FEATURE] - campaign-wizard

## Fichiers Créés/Modifiés

- `backend/app/models/campaign.py`
- `frontend/src/app/campaigns/error.tsx`
- `frontend/src/app/campaigns/page.tsx`

Les fichiers de la page sont à nous.

## Tests
"""


def test_an_update_keeps_the_logs_file_list_true_and_the_rest_as_written(tmp_path):
    log = tmp_path / "log.md"
    log.write_text(LOG, encoding="utf-8")

    changed = logs.follow_files(
        log,
        created=["frontend/src/app/campaigns/loading.tsx"],
        deleted=["frontend/src/app/campaigns/error.tsx"],
    )

    assert changed
    assert log.read_text(encoding="utf-8") == LOG.replace(
        "- `frontend/src/app/campaigns/error.tsx`\n- `frontend/src/app/campaigns/page.tsx`\n",
        "- `frontend/src/app/campaigns/page.tsx`\n- `frontend/src/app/campaigns/loading.tsx`\n",
    )
    assert logs.listed_files(log) == [
        "backend/app/models/campaign.py",
        "frontend/src/app/campaigns/page.tsx",
        "frontend/src/app/campaigns/loading.tsx",
    ]


def test_an_update_that_changes_no_file_leaves_the_log_alone(tmp_path):
    log = tmp_path / "log.md"
    log.write_text(LOG, encoding="utf-8")
    assert not logs.follow_files(log, created=[], deleted=["backend/other.py"])
    assert log.read_text(encoding="utf-8") == LOG
