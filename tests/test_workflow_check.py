"""`make workflow-check`: the seed's final checklist, per unit, human or JSON."""

import json

import pytest
from conftest import DATE, commit_all, git_init, project_script, scaffold
from vectra_scaffold import data
from vectra_scaffold import unit as unit_model


def workflow_check(project, *args):
    return project_script(project, "workflow_check.py", *args)


def reports(project):
    result = workflow_check(project, "--json")
    return result.returncode, {report["unit"]: report for report in json.loads(result.stdout)}


@pytest.fixture
def project(tmp_path):
    project = git_init(tmp_path / "vectra")
    scaffold(project, type="project", name="vectra")
    scaffold(project, type="fix", name="celery-startup", target="app.core.celery_app")
    scaffold(project, type="database", name="add-lead-enrichment")
    write_regression_test(project)
    commit_all(project, "units")
    return project


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
