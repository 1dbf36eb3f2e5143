"""`type=project` bootstraps a monorepo that installs, lints and passes its own tests."""

import subprocess

import pytest
import yaml
from conftest import PROJECT_WORKERS, commit_all, git, git_init, run, scaffold
from vectra_scaffold import data

SEED_COMMANDS = [
    "create-agent",
    "create-endpoint",
    "create-component",
    "create-page",
    "create-migration",
    "write-test",
    "run-tests",
    "deploy",
    "debug",
    # beyond the seed's: the two types it has no command for
    "create-feature",
    "create-fix",
    # and the lifecycle after creation (issue 24)
    "unit-status",
    "unit-verify",
]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A bootstrapped project, rendered only (nothing installed)."""
    path = git_init(tmp_path_factory.mktemp("render") / "vectra")
    scaffold(path, type="project", name="vectra", template_source="/srv/scaffold")
    commit_all(path, "bootstrap")
    return path


def test_every_reference_document_of_the_data_file_exists(project):
    for type_ in data.type_names():
        reference = data.reference_doc(type_)
        if reference:
            assert (project / reference).is_file(), reference


def test_reference_documents_have_a_section_for_units_to_add_to(project):
    for type_ in data.type_names():
        reference = data.reference_doc(type_)
        if reference:
            assert "<!-- Une section par" in (project / reference).read_text(encoding="utf-8")


def test_workflow_doc_is_rendered_from_the_data_file(project):
    workflow = (project / "docs/workflow/WORKFLOW.md").read_text(encoding="utf-8")
    for type_ in data.type_names():
        facts = data.work_type(type_)
        if facts["log_folder"]:
            assert f"| {type_} |" in workflow
            assert f"`logs/{facts['log_folder']}/`" in workflow


def test_one_slash_command_per_seed_command(project):
    commands = sorted(path.stem for path in (project / ".claude/commands").glob("*.md"))
    assert commands == sorted(SEED_COMMANDS)


@pytest.mark.parametrize(
    ("command", "type_"),
    [
        ("create-agent", "agent"),
        ("create-endpoint", "api"),
        ("create-component", "component"),
        ("create-page", "component"),
        ("create-migration", "database"),
        ("write-test", "test"),
        ("create-feature", "feature"),
        ("create-fix", "fix"),
    ],
)
def test_slash_command_plans_then_creates_with_the_scaffold_command(project, command, type_):
    text = (project / f".claude/commands/{command}.md").read_text(encoding="utf-8")
    plan = text.index(f"vectra-scaffold plan {type_} ")
    new = text.index(f"vectra-scaffold new {type_} ")
    assert plan < new
    assert f"docs/workflow/logs/{data.work_type(type_)['log_folder']}/" in text


def test_each_type_names_its_slash_command(project):
    for type_ in data.type_names():
        command = data.work_type(type_)["command"]
        if command:
            assert (project / f".claude/commands{command}.md").is_file(), type_


def test_run_tests_command_maps_to_make_targets(project):
    text = (project / ".claude/commands/run-tests.md").read_text(encoding="utf-8")
    for target in ["make test", "make test-backend", "make test-frontend", "make test-e2e"]:
        assert target in text
    # A unit or a type of unit: measured by unit-verify.
    assert "make unit-verify\n  UNIT=<type>-<nom>" in text
    assert "make unit-verify UNIT=<type>" in text


def test_deploy_refuses_without_an_environment_or_its_variables(project):
    usage = subprocess.run(["make", "deploy"], cwd=project, capture_output=True, text=True)
    assert usage.returncode == 2
    assert "usage: make deploy ENV=" in usage.stderr

    missing = subprocess.run(
        ["make", "deploy", "ENV=staging"], cwd=project, capture_output=True, text=True
    )
    assert missing.returncode != 0
    assert "deploy: .env.staging is missing: SECRET_KEY" in missing.stderr
    # Nothing was started: compose is never reached.
    assert "docker" not in missing.stdout
    assert ".env.*" in (project / ".gitignore").read_text().splitlines()


def test_template_source_is_a_recorded_answer(project):
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["template_source"] == "/srv/scaffold"
    assert answers["type"] == "project"


def test_makefile_has_the_targets_the_workflow_names(project):
    makefile = (project / "Makefile").read_text()
    for target in ["install", "lint", "test", "test-e2e", "scaffold-update"]:
        assert f"\n{target}:" in makefile


def test_ci_workflow_runs_make_lint_test(project):
    ci = yaml.safe_load((project / ".github/workflows/ci.yml").read_text())
    steps = [step.get("run") for step in ci["jobs"]["lint-test"]["steps"]]
    assert "make lint test" in steps


def test_ci_workflow_runs_the_contract_and_worker_tests_with_service_containers(project):
    job = yaml.safe_load((project / ".github/workflows/ci.yml").read_text())["jobs"]["lint-test"]
    assert set(job["services"]) == {"postgres", "redis"}
    steps = {(step.get("run"), tuple(step.get("env", {}))) for step in job["steps"]}
    assert ("make test-contract", ()) in steps
    assert ("make test-contract", ("DATABASE_URL",)) in steps
    assert ("make test-worker", ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")) in steps


def test_compose_describes_the_stack(project):
    compose = yaml.safe_load((project / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "redis", "api", "worker", "frontend"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in ("api", "worker"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://")
        assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
        assert env["CELERY_TASK_ALWAYS_EAGER"] == "false"
        assert env["ENVIRONMENT"] == "${ENVIRONMENT:-production}"
    assert services["worker"]["command"].startswith("celery -A app.core.celery_app worker")
    assert (project / "backend/Dockerfile").is_file()


def test_compose_runs_the_app_as_a_role_that_owns_no_table(project):
    compose = yaml.safe_load((project / "compose.yaml").read_text())
    services = compose["services"]
    for name in ("api", "worker"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://vectra_app:")
        assert env["MIGRATION_DATABASE_URL"].startswith("postgresql+asyncpg://vectra:")
        assert env["DATABASE_APP_ROLE"] == "vectra_app"
        assert env["SESSION_COOKIE_SECURE"] == "true"
    assert "CREATE ROLE vectra_app LOGIN" in compose["configs"]["app-role"]["content"]
    assert "NOBYPASSRLS" in compose["configs"]["app-role"]["content"]
    frontend = services["frontend"]
    assert frontend["environment"] == {"API_ORIGIN": "http://api:8000"}
    assert "NEXT_PUBLIC" not in frontend["build"]["dockerfile_inline"]


def test_compose_takes_every_secret_from_the_environment_with_no_default(project):
    compose = (project / "compose.yaml").read_text()
    for secret in ("SECRET_KEY", "POSTGRES_PASSWORD", "POSTGRES_APP_PASSWORD", "LLM_API_KEY"):
        assert f"${{{secret}:?" in compose
        assert f"${{{secret}:-" not in compose


def test_test_droppings_are_ignored(project):
    ignored = (project / ".gitignore").read_text().splitlines()
    assert {".schemathesis/", ".hypothesis/", "*.db-wal", "*.db-shm"} <= set(ignored)


def test_makefile_has_the_fault_and_load_targets(project):
    makefile = (project / "Makefile").read_text()
    assert "\ntest-faults:\n\t$(VENV_BIN)/python scripts/faults_test.py\n" in makefile
    assert "\ntest-load:\n\t$(VENV_BIN)/python scripts/load_test.py $(LOAD_ARGS)\n" in makefile


def test_makefile_runs_mypy_and_has_the_contract_and_worker_targets(project):
    makefile = (project / "Makefile").read_text()
    assert "$(VENV_BIN)/mypy --strict app" in makefile
    assert "\ntest-contract:\n\t$(VENV_BIN)/python scripts/contract_test.py\n" in makefile
    assert "\ntest-worker:\n\t$(VENV_BIN)/python scripts/worker_test.py\n" in makefile


def test_frontend_has_a_lockfile(project):
    assert (project / "frontend/package-lock.json").is_file()


# --- installed: the generated project's own tools -----------------------------


@pytest.mark.slow
def test_generated_project_lints_clean_and_formatters_change_nothing(installed_project):
    run(installed_project, "make", "lint")
    venv_bin = installed_project / "backend/.venv/bin"
    run(installed_project / "backend", str(venv_bin / "ruff"), "format", ".")
    run(installed_project / "frontend", "npx", "prettier", "--write", ".")
    assert git(installed_project, "status", "--porcelain", "--untracked-files=no") == ""


@pytest.mark.slow
def test_generated_project_tests_pass(installed_project):
    output = run(installed_project, "make", "test", env=PROJECT_WORKERS)
    assert "created: 2/2 workers" in output
    assert " passed" in output
    assert (installed_project / "backend/coverage.json").is_file()


@pytest.mark.slow
def test_alembic_round_trip_on_the_generated_project(installed_project, tmp_path):
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'round-trip.db'}"}
    alembic = str(installed_project / "backend/.venv/bin/alembic")
    backend = installed_project / "backend"
    run(backend, alembic, "upgrade", "head", env=env)
    assert "0001_initial (head)" in run(backend, alembic, "current", env=env)
    run(backend, alembic, "downgrade", "base", env=env)
    assert run(backend, alembic, "current", env=env).strip() == ""


@pytest.mark.parametrize(
    ("lang", "save", "locale"), [("fr", "Enregistrer", "fr-FR"), ("en", "Save", "en-GB")]
)
def test_the_interface_speaks_the_language_of_the_project(tmp_path, lang, save, locale):
    path = git_init(tmp_path / "vectra")
    scaffold(path, type="project", name="vectra", lang=lang)

    i18n = (path / "frontend/src/lib/i18n.ts").read_text(encoding="utf-8")
    assert f'export const lang = "{lang}";' in i18n
    assert f'export const locale = "{locale}";' in i18n
    assert f'  save: "{save}",\n' in i18n
    assert yaml.safe_load((path / ".copier-answers.yml").read_text())["lang"] == lang
