"""`make workflow-check`: the seed's final checklist, per unit, human or JSON."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATE, commit_all, git_init, scaffold, scaffold_tool
from vectra_scaffold import data
from vectra_scaffold import unit as unit_model
from vectra_scaffold import workflow_check as workflow_check_module


def workflow_check(project, *args):
    return scaffold_tool(project, "check", *args)


def reports(project):
    result = workflow_check(project, "--json")
    return result.returncode, {report["unit"]: report for report in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    project = git_init(tmp_path_factory.mktemp("check") / "vectra")
    scaffold(project, type="project", name="vectra")
    scaffold(project, type="fix", name="celery-startup", target="app.core.celery_app")
    scaffold(project, type="database", name="add-lead-enrichment")
    write_regression_test(project)
    commit_all(project, "units")
    return project


@pytest.fixture
def project(scaffolded, tmp_path):
    """A fresh copy of a project with a fix and a database unit, passing."""
    copy = tmp_path / "vectra"
    shutil.copytree(scaffolded, copy, symlinks=True)
    return copy


def write_regression_test(project):
    """What the developer does with the fix's skeleton."""
    (project / "backend/tests/test_regression_celery_startup.py").write_text(
        "def test_celery_starts():\n    assert True is not False\n"
    )


def log_of(project, type_, name):
    return project / data.log_path(type_, DATE, name)


def test_fresh_units_pass(project):
    result = workflow_check(project)

    assert result.returncode == 0, result.stdout
    assert "ok   fix-celery-startup" in result.stdout
    assert "ok   database-add-lead-enrichment" in result.stdout
    assert result.stdout.strip().endswith("2 units, 0 failing")


def test_json_lists_each_unit_with_its_checks(project):
    code, units = reports(project)

    assert code == 0
    assert set(units) == {"fix-celery-startup", "database-add-lead-enrichment"}
    fix = units["fix-celery-startup"]
    assert fix["ok"] is True
    assert fix["log"] == data.log_path("fix", DATE, "celery-startup")
    assert {"log", "status", "files", "completed", "regression"} <= set(fix["checked"])


def test_missing_section_bad_status_and_priority_are_reported(project):
    log = log_of(project, "fix", "celery-startup")
    text = log.read_text(encoding="utf-8")
    text = text.replace("## Notes\n", "").replace("**Statut:** in_progress", "**Statut:** done")
    log.write_text(text.replace("**Priorité:** P1", "**Priorité:** P7"), encoding="utf-8")

    code, units = reports(project)

    assert code == 1
    assert units["fix-celery-startup"]["problems"] == [
        "log: section '## Notes' is missing",
        "log: status must be in_progress, completed or blocked",
        "log: priority must be P0, P1 or P2",
    ]
    assert units["database-add-lead-enrichment"]["ok"] is True


def test_completed_log_with_unticked_boxes_fails(project):
    log = log_of(project, "fix", "celery-startup")
    log.write_text(
        log.read_text(encoding="utf-8").replace("in_progress", "completed"), encoding="utf-8"
    )

    _, units = reports(project)

    assert units["fix-celery-startup"]["problems"] == [
        "completed: the log is completed but has unticked boxes"
    ]


def test_completed_log_with_every_box_ticked_passes(project):
    log = log_of(project, "fix", "celery-startup")
    text = log.read_text(encoding="utf-8").replace("in_progress", "completed")
    log.write_text(text.replace("- [ ]", "- [x]"), encoding="utf-8")

    assert reports(project)[1]["fix-celery-startup"]["ok"] is True


def test_a_missing_reference_section_is_reported(project):
    schema = project / "docs/tech/DOC-TECH-001_DATABASE_SCHEMA.md"
    text = schema.read_text(encoding="utf-8")
    start = text.index("<!-- unit:database-add-lead-enrichment -->")
    end = text.index("<!-- /unit:database-add-lead-enrichment -->\n")
    schema.write_text(text[:start] + text[end + 44 :], encoding="utf-8")

    _, units = reports(project)

    assert units["database-add-lead-enrichment"]["problems"] == [
        "reference: docs/tech/DOC-TECH-001_DATABASE_SCHEMA.md has no section of "
        "database-add-lead-enrichment (run make docs-sync)"
    ]
    assert units["fix-celery-startup"]["ok"] is True


def test_missing_status_entry_and_listed_file_are_reported(project):
    status = project / "docs/workflow/STATUS.md"
    pointer = f"logs/fixes/{DATE}_fix_celery-startup.md"
    status.write_text(status.read_text(encoding="utf-8").replace(pointer, "ailleurs"))
    migration = next((project / "backend/alembic/versions").glob("*_add_lead_enrichment.py"))
    migration.unlink()

    _, units = reports(project)

    assert units["fix-celery-startup"]["problems"] == [
        f"status: STATUS.md has no entry pointing at {pointer}"
    ]
    assert units["database-add-lead-enrichment"]["problems"] == [
        f"files: listed but missing: {migration.relative_to(project).as_posix()}"
    ]


def test_badly_named_log_and_unit_without_log_are_reported(project):
    (project / "docs/workflow/logs/fixes/celery.md").write_text("# notes\n")
    log_of(project, "database", "add-lead-enrichment").unlink()

    _, units = reports(project)

    assert units["celery"]["problems"] == ["log: the file name must be YYYY-MM-DD_<type>_<name>.md"]
    assert units["database-add-lead-enrichment"]["problems"] == [
        "log: the unit has no activity log (golden rule: log first)"
    ]


def test_log_in_the_wrong_folder_is_reported(project):
    log = log_of(project, "fix", "celery-startup")
    log.rename(project / "docs/workflow/logs/api" / log.name)

    _, units = reports(project)

    assert "log: a fix log belongs in logs/fixes/" in units["fix-celery-startup"]["problems"]


def coverage_report(project, percent_by_file):
    files = {
        path.removeprefix("backend/"): {
            "summary": {"covered_lines": percent, "num_statements": 100}
        }
        for path, percent in percent_by_file.items()
    }
    (project / "backend/coverage.json").write_text(json.dumps({"files": files}))


@pytest.fixture
def api_project(tmp_path):
    project = git_init(tmp_path / "vectra")
    scaffold(project, type="project", name="vectra")
    scaffold(project, type="api", name="campaigns-endpoints")
    return project


def unit_code(answers):
    return [
        path
        for path in unit_model.build_unit(answers).files
        if path.startswith("backend/app/") and path.endswith(".py")
    ]


def test_coverage_below_the_logs_target_fails(api_project):
    answers = {"type": "api", "name": "campaigns-endpoints", "date": DATE, "entity": "campaign"}
    answers |= {"with_model": True, "revision": "r"}
    coverage_report(api_project, dict.fromkeys(unit_code(answers), 60))

    _, units = reports(api_project)

    assert units["api-campaigns-endpoints"]["problems"] == ["coverage: backend 60 % < target 80 %"]


def test_coverage_at_the_target_passes(api_project):
    answers = {"type": "api", "name": "campaigns-endpoints", "date": DATE, "entity": "campaign"}
    answers |= {"with_model": True, "revision": "r"}
    coverage_report(api_project, dict.fromkeys(unit_code(answers), 80))

    assert reports(api_project)[1]["api-campaigns-endpoints"]["ok"] is True


def test_unit_with_code_and_no_coverage_report_fails(api_project):
    _, units = reports(api_project)

    assert units["api-campaigns-endpoints"]["problems"] == [
        "coverage: no coverage report for its files (run make test)"
    ]


def test_unwritten_regression_test_is_reported(tmp_path):
    project = git_init(tmp_path / "vectra")
    scaffold(project, type="project", name="vectra")
    scaffold(project, type="fix", name="celery-startup", target="app.core.celery_app")

    code, units = reports(project)

    assert code == 1
    assert units["fix-celery-startup"]["problems"] == [
        "regression: backend/tests/test_regression_celery_startup.py is still the unwritten "
        "skeleton"
    ]


# --- the project as a whole: blocks, Alembic heads --------------------------------


def project_problems(project):
    code, units = reports(project)
    return code, units.get("project", {"problems": []})["problems"]


def status_blocks(project):
    text = (project / "docs/workflow/STATUS.md").read_text(encoding="utf-8")
    fix = text[text.index("<!-- unit:fix-celery-startup -->") :]
    fix = fix[: fix.index("<!-- /unit:fix-celery-startup -->\n") + 35]
    database = text[text.index("<!-- unit:database-add-lead-enrichment -->") :]
    database = database[: database.index("<!-- /unit:database-add-lead-enrichment -->\n") + 44]
    return text, fix, database


def nest_fix_in_database(text, fix, database):
    start = "<!-- unit:database-add-lead-enrichment -->\n"
    return text.replace("\n" + fix, "").replace(start, start + fix)


def duplicate_fix(text, fix, database):
    return text + "\n" + fix.replace("in_progress", "blocked")


def unclose_fix(text, fix, database):
    return text.replace("<!-- /unit:fix-celery-startup -->\n", "")


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (
            nest_fix_in_database,
            "block fix-celery-startup is nested in database-add-lead-enrichment",
        ),
        (duplicate_fix, "block fix-celery-startup is duplicated (2 start markers)"),
        (
            unclose_fix,
            "block fix-celery-startup is not closed (no <!-- /unit:fix-celery-startup -->)",
        ),
    ],
)
def test_a_damaged_block_is_reported(project, damage, problem):
    status = project / "docs/workflow/STATUS.md"
    status.write_text(damage(*status_blocks(project)), encoding="utf-8")

    code, problems = project_problems(project)
    result = workflow_check(project)

    assert code == 1
    assert f"docs: STATUS.md: {problem} (run make docs-sync)" in problems
    assert f"STATUS.md: {problem}" in result.stdout
    assert result.stdout.startswith("FAIL project\n")
    assert result.stdout.strip().endswith("2 units, 0 failing; project: 1 problems")


def test_conflict_markers_left_in_a_reference_document_are_reported(project):
    schema = project / "docs/tech/DOC-TECH-001_DATABASE_SCHEMA.md"
    schema.write_text(
        schema.read_text(encoding="utf-8") + "<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n"
    )

    code, problems = project_problems(project)

    assert code == 1
    assert problems == [
        "docs: DOC-TECH-001_DATABASE_SCHEMA.md: conflict markers from a merge (line "
        f"{schema.read_text().count(chr(10)) - 4}): resolve them"
    ]


def add_revision(project, revision, down_revision):
    (project / f"backend/alembic/versions/{revision}_more.py").write_text(
        f'"""more"""\n\nrevision: str = "{revision}"\ndown_revision = {down_revision!r}\n'
    )


def database_revision(project):
    migration = next((project / "backend/alembic/versions").glob("*_add_lead_enrichment.py"))
    return migration.name.split("_", 1)[0], migration.relative_to(project).as_posix()


def test_several_alembic_heads_are_reported_by_name(project):
    head, migration = database_revision(project)
    add_revision(project, "f00d", "0001_initial")

    code, problems = project_problems(project)

    assert code == 1
    assert problems == [
        f"alembic: 2 heads, {head} ({migration}), "
        "f00d (backend/alembic/versions/f00d_more.py): run make migrate-merge"
    ]


def test_a_merge_revision_joins_the_heads(project):
    head, _ = database_revision(project)
    add_revision(project, "f00d", "0001_initial")
    add_revision(project, "cafe", ("f00d", head))

    assert project_problems(project) == (0, [])


def test_an_unreadable_migration_is_reported(project):
    (project / "backend/alembic/versions/broken.py").write_text("revision = (\n")

    _, problems = project_problems(project)

    assert problems[0].startswith(
        "alembic: cannot read the revision of backend/alembic/versions/broken.py ("
    )


# --- every input unreadable or malformed: a failing line, never a traceback -------


LOG = f"docs/workflow/logs/fixes/{DATE}_fix_celery-startup.md"


def write(project, path, content):
    target = project / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content)


MALFORMED = [
    pytest.param(
        lambda project: write(project, LOG, b"\x89PNG\r\n\x1a\n\x00\x00\xff"),
        "fix-celery-startup",
        f"log: {LOG} is binary, not UTF-8 text",
        id="binary log",
    ),
    pytest.param(
        lambda project: write(project, LOG, "# [FIX] - celery-startup\n\0\0\n"),
        "fix-celery-startup",
        f"log: {LOG} is binary, not UTF-8 text",
        id="log with NUL bytes",
    ),
    pytest.param(
        lambda project: (project / f"docs/workflow/logs/fixes/{DATE}_fix_folder.md").mkdir(),
        "fix-folder",
        f"log: docs/workflow/logs/fixes/{DATE}_fix_folder.md is a folder, not a file",
        id="log that is a folder",
    ),
    pytest.param(
        lambda project: (project / f"docs/workflow/logs/fixes/{DATE}_fix_gone.md").symlink_to(
            project / "nowhere.md"
        ),
        "fix-gone",
        f"log: docs/workflow/logs/fixes/{DATE}_fix_gone.md is a broken symbolic link",
        id="dangling symlink log",
    ),
    pytest.param(
        lambda project: write(project, "docs/workflow/STATUS.md", b"\xff\xfe\x00S\x00T"),
        "project",
        "docs: STATUS.md is binary, not UTF-8 text",
        id="binary STATUS.md",
    ),
    pytest.param(
        lambda project: write(project, "backend/coverage.json", "[1]"),
        "project",
        "coverage: backend/coverage.json has no 'files' object (run make test again)",
        id="coverage.json a list",
    ),
    pytest.param(
        lambda project: write(project, "backend/coverage.json", '{"files": []}'),
        "project",
        "coverage: backend/coverage.json has no 'files' object (run make test again)",
        id="coverage.json files a list",
    ),
    pytest.param(
        lambda project: write(project, "backend/coverage.json", '{"files": {'),
        "project",
        "coverage: backend/coverage.json is not valid JSON (",
        id="coverage.json invalid JSON",
    ),
    pytest.param(
        lambda project: write(
            project, "backend/coverage.json", '{"files": {"app/x.py": {"summary": [3]}}}'
        ),
        "project",
        "coverage: backend/coverage.json has malformed entries: app/x.py (run make test again)",
        id="coverage.json entry malformed",
    ),
    pytest.param(
        lambda project: (project / "backend/coverage.json").mkdir(),
        "project",
        "coverage: backend/coverage.json is a folder, not a file",
        id="coverage.json a folder",
    ),
    pytest.param(
        lambda project: write(project, "frontend/coverage/coverage-summary.json", "[1]"),
        "project",
        "coverage: frontend/coverage/coverage-summary.json is not a JSON object "
        "(run make test again)",
        id="coverage-summary.json a list",
    ),
    pytest.param(
        lambda project: write(project, "frontend/coverage/coverage-summary.json", "{total"),
        "project",
        "coverage: frontend/coverage/coverage-summary.json is not valid JSON (",
        id="coverage-summary.json invalid JSON",
    ),
    pytest.param(
        lambda project: write(
            project,
            "frontend/coverage/coverage-summary.json",
            '{"total": {}, "/p/frontend/src/x.ts": {"lines": {"covered": "3", "total": 4}}}',
        ),
        "project",
        "coverage: frontend/coverage/coverage-summary.json has malformed entries: "
        "/p/frontend/src/x.ts (run make test again)",
        id="coverage-summary.json entry malformed",
    ),
]


@pytest.mark.parametrize(("spoil", "unit", "problem"), MALFORMED)
def test_a_malformed_input_is_a_failing_line_not_a_traceback(project, spoil, unit, problem):
    spoil(project)

    result = workflow_check(project)
    code, units = reports(project)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    assert code == 1
    assert [line for line in units[unit]["problems"] if line.startswith(problem)] != []


def load_workflow_check(project, monkeypatch):
    return workflow_check_module


def test_an_unreadable_log_is_a_failing_line(project, monkeypatch):
    log = project / LOG
    log.chmod(0)
    if os.geteuid() == 0:
        # root reads any file: the read fails here as it would for anyone else.
        read_bytes = Path.read_bytes

        def refuse(path):
            if path.resolve() == log.resolve():
                raise PermissionError(13, "Permission denied", str(path))
            return read_bytes(path)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    module = load_workflow_check(project, monkeypatch)

    by_unit = {report.unit: report for report in module.check(project.resolve())}

    assert by_unit["fix-celery-startup"].problems == [
        f"log: {LOG} cannot be read (Permission denied)"
    ]
    assert by_unit["database-add-lead-enrichment"].ok


def test_a_log_nested_one_folder_deeper_is_reported_as_misplaced(project):
    log = project / LOG
    (log.parent / "old").mkdir()
    log.rename(log.parent / "old" / log.name)

    _, units = reports(project)

    assert units["fix-celery-startup"]["log"] == f"docs/workflow/logs/fixes/old/{log.name}"
    assert units["fix-celery-startup"]["problems"][0] == (
        "log: misplaced in logs/fixes/old/: a fix log belongs in logs/fixes/"
    )


def test_a_log_at_the_root_of_the_logs_is_reported_as_misplaced(project):
    log = project / LOG
    log.rename(project / "docs/workflow/logs" / log.name)

    _, units = reports(project)

    assert units["fix-celery-startup"]["problems"][0] == (
        "log: misplaced in logs/: a fix log belongs in logs/fixes/"
    )


@pytest.mark.parametrize(
    ("date_line", "problem"),
    [
        (None, "log: the '**Date:**' line is missing"),
        ("**Date:** 2026-02-30  ", "log: date '2026-02-30' is not a real YYYY-MM-DD date"),
        ("**Date:** 15/01/2026  ", "log: date '15/01/2026' is not a real YYYY-MM-DD date"),
        ("**Date:** 2026-01-16  ", f"log: date 2026-01-16 differs from the file name's {DATE}"),
    ],
)
def test_the_date_line_of_the_log_is_checked(project, date_line, problem):
    log = project / LOG
    lines = log.read_text(encoding="utf-8").split("\n")
    index = next(number for number, line in enumerate(lines) if line.startswith("**Date:**"))
    if date_line is None:
        del lines[index]
    else:
        lines[index] = date_line
    log.write_text("\n".join(lines), encoding="utf-8")

    _, units = reports(project)

    assert units["fix-celery-startup"]["problems"] == [problem]


def test_a_file_name_with_an_impossible_date_is_reported(project):
    log = project / LOG
    text = log.read_text(encoding="utf-8").replace(f"**Date:** {DATE}", "**Date:** 2026-02-30")
    log.unlink()
    write(project, LOG.replace(DATE, "2026-02-30"), text)

    _, units = reports(project)

    assert (
        "log: the file name's date 2026-02-30 is not a real date"
        in (units["fix-celery-startup"]["problems"])
    )


def test_the_projects_scripts_pass_its_ruff_configuration(scaffolded):
    """What `make lint-backend` runs on scripts/, with the same ruff version."""
    ruff = str(Path(sys.executable).parent / "ruff")
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [ruff, *command, "--config", "backend/pyproject.toml", "scripts"],
            cwd=scaffolded,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
