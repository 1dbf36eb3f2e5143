"""Every unit type writes its activity log, its STATUS entry and its answers file."""

import pytest
import vectra
import yaml
from conftest import DATE, UNIT_TYPES, copy, mark_project_root, scaffold
from vectra_scaffold import clock, data, steps
from vectra_scaffold import unit as unit_model


def render(tmp_path, **answers):
    """One unit in a fresh project root; the project's folder."""
    project = tmp_path / "project"
    scaffold(project, **answers)
    return project


@pytest.mark.parametrize(
    ("type_", "folder"),
    [
        ("feature", "features"),
        ("component", "components"),
        ("api", "api"),
        ("agent", "agents"),
        ("database", "database"),
        ("fix", "fixes"),
        ("test", "tests"),
    ],
)
def test_log_goes_to_the_seed_folder(tmp_path, type_, folder):
    project = render(tmp_path, type=type_, name="bant-qualifier")
    assert (project / f"docs/workflow/logs/{folder}/{DATE}_{type_}_bant-qualifier.md").is_file()


@pytest.mark.parametrize("type_", UNIT_TYPES)
def test_log_is_prefilled_from_the_seed_template(tmp_path, type_):
    project = render(
        tmp_path, type=type_, name="bant-qualifier", priority="P0", issue="12", pr="34"
    )
    log = (project / data.log_path(type_, DATE, "bant-qualifier")).read_text(encoding="utf-8")

    assert log.startswith(f"# [{type_.upper()}] - bant-qualifier\n")
    assert f"**Date:** {DATE}" in log
    assert "**Statut:** in_progress" in log
    assert "**Priorité:** P0" in log
    assert f"## Objectif\n\n{data.default_objective(type_, 'bant-qualifier', 'fr')}\n" in log
    assert "- Issue/Ticket: #12" in log
    assert "- PR: #34" in log
    reference = data.reference_doc(type_)
    assert (f"- Doc technique: `{reference}`" if reference else "- Doc technique: —") in log
    answers = yaml.safe_load((project / f".copier-answers/{type_}-bant-qualifier.yml").read_text())
    written = unit_model.build_unit(answers).writes.parts
    for stage in steps.steps(type_, "fr"):
        assert f". {stage['title']}\n" in log
        for item in stage["items"]:
            box = "[x]" if steps.step_done(item, written) else "[ ]"
            assert f"- {box} {item['text']}\n" in log
    for section in ["## Fichiers Créés/Modifiés", "## Tests", "## Notes", "## Prochaines Étapes"]:
        assert section in log


@pytest.mark.parametrize(
    ("type_", "coverage_line"),
    [
        ("component", "- [ ] Coverage atteint (cible : 70 %)"),
        ("api", "- [ ] Coverage atteint (cible : 80 %)"),
        ("agent", "- [ ] Coverage atteint (cible : 85 %)"),
        ("feature", "- [ ] Coverage atteint (cible : backend 80 %, frontend 70 %)"),
        ("database", "- [ ] Coverage atteint\n"),
        ("fix", "- [ ] Coverage atteint\n"),
    ],
)
def test_log_states_the_coverage_target(tmp_path, type_, coverage_line):
    project = render(tmp_path, type=type_, name="lead-card")
    log = (project / data.log_path(type_, DATE, "lead-card")).read_text(encoding="utf-8")
    assert coverage_line in log


@pytest.mark.parametrize("type_", UNIT_TYPES)
def test_log_lists_exactly_the_files_written(tmp_path, type_):
    project = render(tmp_path, type=type_, name="bant-qualifier")
    log = (project / data.log_path(type_, DATE, "bant-qualifier")).read_text(encoding="utf-8")
    section = log.split("## Fichiers Créés/Modifiés\n", 1)[1].split("\n## ", 1)[0]
    listed = [line[3:-1] for line in section.strip().splitlines()]
    written = sorted(
        path.relative_to(project).as_posix()
        for path in project.rglob("*")
        if path.is_file() and path.name not in (".gitattributes", ".copier-answers.yml")
    )
    assert sorted(listed) == written


def test_log_without_issue_or_pr_shows_dashes(tmp_path):
    project = render(tmp_path, type="fix", name="celery-startup")
    log = (project / data.log_path("fix", DATE, "celery-startup")).read_text(encoding="utf-8")
    assert "- Issue/Ticket: —" in log
    assert "- PR: —" in log
    assert "- Doc technique: —" in log


def test_log_in_english(tmp_path):
    project = render(tmp_path, type="agent", name="bant-qualifier", lang="en")
    log = (project / data.log_path("agent", DATE, "bant-qualifier")).read_text(encoding="utf-8")
    assert "**Status:** in_progress" in log
    assert "## Objective\n\nCreate the AI agent bant-qualifier.\n" in log
    assert "- [x] Create the log\n" in log
    assert "- [ ] Coverage reached (target : 85 %)" in log
    assert "Objectif" not in log


def test_french_accents_survive_byte_for_byte(tmp_path):
    objective = "Qualifier les leads (BANT) : budget, autorité, besoin, échéance — « précis »."
    project = render(tmp_path, type="agent", name="bant-qualifier", objective=objective)
    raw = (project / data.log_path("agent", DATE, "bant-qualifier")).read_bytes()
    assert objective.encode("utf-8") in raw
    status = (project / "docs/workflow/STATUS.md").read_bytes()
    assert objective.encode("utf-8") in status


@pytest.mark.parametrize("type_", UNIT_TYPES)
def test_status_entry_in_the_seed_format(tmp_path, type_):
    project = render(tmp_path, type=type_, name="lead-card")
    status = (project / "docs/workflow/STATUS.md").read_text(encoding="utf-8")
    folder = data.work_type(type_)["log_folder"]
    entry = (
        f"<!-- unit:{type_}-lead-card -->\n"
        f"## {DATE} - {type_.capitalize()} - lead-card\n\n"
        "**Statut:** in_progress  \n"
        f"**Fichier log:** `logs/{folder}/{DATE}_{type_}_lead-card.md`\n\n"
        "### Résumé\n\n"
    )
    assert entry in status
    assert "### Fichiers Modifiés" in status
    assert "- Tests passent: ❌" in status
    assert status.count(f"<!-- /unit:{type_}-lead-card -->") == 1


@pytest.mark.parametrize("type_", UNIT_TYPES)
def test_answers_file_records_everything_an_update_needs(tmp_path, type_):
    project = render(tmp_path, type=type_, name="lead-card")
    answers = yaml.safe_load((project / f".copier-answers/{type_}-lead-card.yml").read_text())
    assert answers["type"] == type_
    assert answers["name"] == "lead-card"
    assert answers["date"] == DATE
    assert answers["priority"] == "P1"
    assert answers["status"] == "in_progress"
    assert answers["lang"] == "fr"
    assert "_commit" in answers
    # The project's own answers are not the unit's to write.
    assert (project / ".copier-answers.yml").read_text() == "type: project\nname: vectra\n"


def test_date_defaults_to_today_and_is_recorded(tmp_path):
    mark_project_root(tmp_path)
    copy(tmp_path, **{"type": "fix", "name": "celery-startup", "target": "app.core.celery_app"})
    answers = yaml.safe_load((tmp_path / ".copier-answers/fix-celery-startup.yml").read_text())
    assert answers["date"] == vectra.today()
    assert (tmp_path / data.log_path("fix", vectra.today(), "celery-startup")).exists()


def test_vectra_today_dates_the_log(tmp_path, monkeypatch):
    monkeypatch.setenv(clock.OVERRIDE, "2031-07-04")
    mark_project_root(tmp_path)
    copy(tmp_path, **{"type": "fix", "name": "celery-startup", "target": "app.core.celery_app"})
    answers = yaml.safe_load((tmp_path / ".copier-answers/fix-celery-startup.yml").read_text())
    assert answers["date"] == "2031-07-04"
    assert (tmp_path / data.log_path("fix", "2031-07-04", "celery-startup")).exists()


def test_project_writes_the_workflow_tree(tmp_path):
    project = render(tmp_path, type="project", name="vectra")
    for folder in ["features", "components", "api", "agents", "database", "fixes", "tests"]:
        assert (project / "docs/workflow/logs" / folder).is_dir()
    assert (project / "docs/workflow/STATUS.md").read_text(encoding="utf-8").startswith("# STATUS")
    assert (project / ".copier-answers.yml").is_file()
    assert not (project / ".copier-answers").exists()


def test_unit_in_a_project_takes_its_own_defaults_not_the_projects(tmp_path):
    """Copier reads .copier-answers.yml as the last answers of any copy: a unit
    scaffolded into a project must not inherit the project's answers."""
    scaffold(tmp_path, type="project", name="vectra", date="2020-01-01")
    copy(tmp_path, **{"type": "fix", "name": "celery-startup", "target": "app"})

    answers = yaml.safe_load((tmp_path / ".copier-answers/fix-celery-startup.yml").read_text())
    assert answers["date"] == vectra.today()
    assert answers["objective"] == data.default_objective("fix", "celery-startup", "fr")
    project = yaml.safe_load((tmp_path / ".copier-answers.yml").read_text())
    assert set(project) == {"_commit", "_src_path", "type", "name", "lang", "template_source"}
