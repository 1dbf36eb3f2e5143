"""`make upgrade` (issue 20): a project at one release, with units of every type
written before its `make install` (the README's order: units first, then
`make install`, with names at the edges), moves to the next release in one
command and ends green; and the log's file list follows what an update adds or
deletes."""

from __future__ import annotations

import re

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
from vectra_scaffold import logs

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


@pytest.mark.slow
def test_a_project_of_every_type_upgrades_to_the_next_release_in_one_command(releases, tmp_path):
    project = git_init(tmp_path / "vectra")
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

    output = run(project, "make", "upgrade", f"VERSION={NEXT}")

    assert f"upgrade: the project is green at {NEXT}" in output
    assert git(project, "status", "--porcelain") == ""
    for answers in [project / ".copier-answers.yml", *(project / ".copier-answers").glob("*")]:
        assert yaml.safe_load(answers.read_text())["_commit"] == NEXT, answers.name
    assert f"@{NEXT}" in (project / "backend/pyproject.toml").read_text()
    tool = project / "backend/.venv/bin/vectra-scaffold"
    assert run(project, str(tool), "--version").strip() == NEXT_VERSION
    prompt = project / "backend/app/agents/prompts/bant_qualifier.md"
    assert prompt.read_text(encoding="utf-8").endswith(PROMPT_NOTE)


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
