"""api, database and agent units, generated into a bootstrapped project: the
project's own lint and tests pass, each unit reaches its coverage target, the
migrations go up and down, on SQLite and on PostgreSQL."""

import json
import re
import uuid

import pytest
import yaml
from conftest import PROJECT_WORKERS, project_sharing_installs, run
from vectra_scaffold import data
from vectra_scaffold import unit as unit_model

UNITS = [
    {
        "type": "api",
        "name": "campaigns-endpoints",
        "fields": "name:str budget:int? starts_at:datetime",
    },
    {
        "type": "api",
        "name": "leads-api",
        "fields": "email:str company:text? active:bool amount:decimal? birth:date? ref:uuid? "
        "ratio:float? extra:json?",
        "operations": "list,get,create,delete",
    },
    {"type": "database", "name": "add-lead-enrichment"},
    {
        "type": "database",
        "name": "lead-scores",
        "entity": "lead-score",
        "fields": "score:int label:str? computed_at:datetime?",
    },
    {"type": "agent", "name": "bant-qualifier"},
    {
        "type": "agent",
        "name": "lead-enricher",
        "input_fields": "company:str website:str?",
        "output_fields": "sector:str employees:int? founded:date? revenue:decimal? verified:bool",
        "async_task": False,
    },
    # Test units honour their target: leads-api has no update, lead a json field.
    {"type": "test", "name": "leads-http", "test_kind": "integration-api", "target": "lead"},
    {"type": "test", "name": "leads-table", "test_kind": "integration-db", "target": "lead"},
]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(installed_project, tmp_path_factory):
    return project_sharing_installs(installed_project, tmp_path_factory.mktemp("back") / "p", UNITS)


def unit_answers(project):
    return [
        yaml.safe_load(path.read_text())
        for path in sorted((project / ".copier-answers").glob("*.yml"))
    ]


def test_project_with_units_lints_clean(project):
    run(project, "make", "lint")


def test_project_with_units_passes_its_tests_and_each_unit_its_coverage(project):
    run(project, "make", "test-backend")

    report = json.loads((project / "backend/coverage.json").read_text())["files"]
    checked = 0
    for answers in unit_answers(project):
        target = data.coverage_target(answers["type"])
        if not target:
            continue
        code = [
            path.removeprefix("backend/")
            for path in unit_model.build_unit(answers).files
            if path.startswith("backend/app/") and path.endswith(".py")
        ]
        covered = sum(report[file]["summary"]["covered_lines"] for file in code)
        statements = sum(report[file]["summary"]["num_statements"] for file in code)
        assert 100 * covered / statements >= target, (answers["name"], covered, statements)
        checked += 1
    assert checked == 4
    assert "8 units, 0 failing" in run(project, "make", "workflow-check")


def test_migrations_form_one_history_that_goes_up_and_down(project, tmp_path):
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'units.db'}"}
    alembic = str(project / "backend/.venv/bin/alembic")
    backend = project / "backend"

    assert len(run(backend, alembic, "heads", env=env).strip().splitlines()) == 1
    run(backend, alembic, "upgrade", "head", env=env)
    assert "(head)" in run(backend, alembic, "current", env=env)
    run(backend, alembic, "downgrade", "base", env=env)
    assert run(backend, alembic, "current", env=env).strip() == ""


def on_postgres(url: str, statement: str) -> str:
    """A program for the project's Python: run `statement` on `url`, print its first value."""
    return (
        "import asyncio\n"
        "from sqlalchemy import text\n"
        "from sqlalchemy.ext.asyncio import create_async_engine\n"
        "async def main():\n"
        f"    engine = create_async_engine({url!r}, isolation_level='AUTOCOMMIT')\n"
        "    async with engine.connect() as connection:\n"
        f"        result = await connection.execute(text({statement!r}))\n"
        "        print(result.scalar() if result.returns_rows else '')\n"
        "    await engine.dispose()\n"
        "asyncio.run(main())\n"
    )


def test_contract_test_finds_no_5xx_and_no_response_off_the_document(project):
    output = run(project, "make", "test-contract")
    assert "No issues found" in output
    # every operation: health (2), identity (7), campaigns (5), leads (4), each agent's runs (2 + 2)
    assert re.search(r"Operations: +22 selected / 22 total", output)


def test_agent_task_runs_on_a_real_broker_and_worker(project):
    output = run(project, "make", "test-worker", env={"CELERY_BROKER_URL": ""})
    assert "worker: agents.bant_qualifier answered through the broker" in output


@pytest.mark.postgres
def test_contract_test_passes_on_postgresql_beside_another_schema(project, postgres_url):
    # DATABASE_URL's database holds a `leads` table of another shape (an older
    # project's): the run keeps to a database of its own and leaves that one be.
    python = str(project / "backend/.venv/bin/python")
    stale = f"stale_{uuid.uuid4().hex[:12]}"
    stale_url = f"{postgres_url.rsplit('/', 1)[0]}/{stale}"
    run(project, python, "-c", on_postgres(postgres_url, f'CREATE DATABASE "{stale}"'))
    databases = "SELECT count(*) FROM pg_database"
    tables = "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'"
    try:
        run(project, python, "-c", on_postgres(stale_url, "CREATE TABLE leads (id int, note text)"))
        before = run(project, python, "-c", on_postgres(postgres_url, databases))
        output = run(project, "make", "test-contract", env={"DATABASE_URL": stale_url})
        after = run(project, python, "-c", on_postgres(postgres_url, databases))
        left = run(project, python, "-c", on_postgres(stale_url, tables))
    finally:
        drop = f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)'
        run(project, python, "-c", on_postgres(postgres_url, drop))

    assert "No issues found" in output
    assert after == before
    assert left.strip() == "leads"


@pytest.mark.postgres
def test_backend_tests_pass_on_postgresql(project, postgres_url):
    output = run(
        project,
        "make",
        "test-backend",
        env={"DATABASE_URL": postgres_url, **PROJECT_WORKERS},
    )
    assert "created: 2/2 workers" in output
    assert " passed" in output


@pytest.mark.postgres
def test_fault_test_loses_no_task_answers_no_5xx_and_keeps_every_write(project):
    # Its own PostgreSQL cluster (stopped under traffic), Redis (stopped) and a
    # prefork worker (a process killed mid-run).
    output = run(project, "make", "test-faults")
    assert "faults: database stopped" in output and "none lost" in output
    assert "faults: worker process killed mid-run: redelivered, succeeded once" in output
    assert "faults: Redis stopped: queueing a run answered 503 with Retry-After" in output
    assert "faults: a 50 MB body answered 413 unread" in output
    assert "faults: passed" in output


@pytest.mark.postgres
def test_load_test_finds_no_5xx_and_no_row_lost_or_leaked(project, postgres_url):
    output = run(project, "make", "test-load", env={"DATABASE_URL": postgres_url})
    assert re.search(r"load: 50 clients, 20 tenants, \d+ s on /api/v1/campaigns", output)
    assert "load: passed" in output
