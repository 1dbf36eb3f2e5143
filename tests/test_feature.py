"""A full feature, every kind of test against its targets, and a fix, generated into
a bootstrapped French project: the project's lint, tests, e2e journeys (the held-back
one too) and workflow check pass; the fix's regression test fails with its guidance
until it is written."""

import subprocess

import pytest
from conftest import (
    add_held_back_journey,
    commit_all,
    git,
    project_sharing_installs,
    run,
    scaffold,
    scaffold_tool,
    write_regression_tests,
)

FEATURE = {
    "type": "feature",
    "name": "campaign-wizard",
    "entity": "campaign",
    "fields": "name:str budget:int? starts_at:datetime active:bool",
    "labels": "campaign=Campagne/Campagnes name=Nom starts_at=Date de début active=Active",
}
TESTS = [
    ("unit-service", "campaign"),
    ("integration-api", "campaign"),
    ("integration-db", "campaign"),
    ("unit-agent", "bant-qualifier"),
    ("component", "CampaignList"),
    ("component", "CampaignForm"),
    ("e2e", "campaigns"),
]
REGRESSION = "backend/tests/test_regression_celery_startup.py"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(installed_project, tmp_path_factory):
    project = project_sharing_installs(installed_project, tmp_path_factory.mktemp("feat") / "p")
    scaffold(project, **FEATURE)
    scaffold(project, type="agent", name="bant-qualifier")
    for kind, target in TESTS:
        scaffold(
            project, type="test", name=f"{kind}-{target.lower()}", test_kind=kind, target=target
        )
    scaffold(project, type="fix", name="celery-startup", target="app.core.celery_app")
    commit_all(project, "feature, tests, fix")
    add_held_back_journey(project)
    return project


def test_the_fix_skeleton_fails_with_its_guidance(project):
    pytest_bin = str(project / "backend/.venv/bin/pytest")
    result = subprocess.run(
        [pytest_bin, "-p", "no:cacheprovider", REGRESSION.removeprefix("backend/")],
        cwd=project / "backend",
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert "fix-celery-startup: write this regression test." in result.stdout


def test_the_workflow_check_reports_the_unwritten_regression_test(project):
    result = scaffold_tool(project, "check")

    assert result.returncode == 1
    assert f"regression: {REGRESSION} is still the unwritten skeleton" in result.stdout


def test_once_written_the_project_lints_and_passes_its_tests(project):
    write_regression_tests(project)

    run(project, "make", "lint")
    run(project, "make", "test")
    assert "0 failing" in run(project, "make", "workflow-check")


@pytest.mark.e2e
def test_the_feature_journey_and_the_e2e_test_pass_in_chromium(project, e2e_ports):
    output = run(project, "make", "test-e2e", env=e2e_ports)

    assert "create a campaign, see it in the list, open, edit and delete it" in output
    assert "the campaign form says what is wrong, in the project's language" in output
    assert "the campaign form keeps what is typed: too much is refused before sending" in output
    assert "a campaign that does not exist is a real 404, titled" in output
    assert "the campaign pages follow the dark theme, accessible too" in output
    assert "a campaign with a long value holds the layout, on a desktop and on a phone" in output
    assert "the campaigns list is in the page's HTML; signed out, it sends to sign-in" in output
    assert "held back: a campaign from the home page to a 404, on a phone" in output
    # The project's own specs (frontend/tests/e2e/home.spec.ts) run beside the units'.
    assert "the home page shows the product, in the app shell, signed in" in output
    assert "on a phone, a menu holds the navigation; a skip link leads to the content" in output
    assert "an unknown page is a real 404, titled by its h1, in both themes" in output
    assert "15 passed" in output


def test_reference_documents_hold_one_section_per_unit_after_syncing_twice(project):
    run(project, "make", "docs-sync")
    run(project, "make", "docs-sync")

    assert git(project, "status", "--porcelain") == ""
    documents = {
        "docs/specs/REALISATION_TECHNIQUE.md": ["feature-campaign-wizard"],
        "docs/tech/DOC-TECH-002_API_CONTRACTS.md": ["feature-campaign-wizard"],
        "docs/tech/DOC-TECH-001_DATABASE_SCHEMA.md": ["feature-campaign-wizard"],
        "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md": ["agent-bant-qualifier"],
        "docs/tech/DOC-TECH-006_TEST_PLAN.md": [
            f"test-{kind}-{target.lower()}" for kind, target in TESTS
        ],
    }
    for document, units in documents.items():
        text = (project / document).read_text(encoding="utf-8")
        for unit in units:
            assert text.count(f"<!-- unit:{unit} -->") == 1, (document, unit)
