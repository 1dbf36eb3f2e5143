"""`copier update -a .copier-answers/<unit>.yml` moves one unit from v1 to v2."""

import shutil

import copier
import pytest
import yaml
from conftest import DATE, ROOT, commit_all, git, git_init, scaffold, scaffold_tool, tree
from copier.errors import UserMessageError
from vectra_scaffold import data
from vectra_scaffold import update as update_tool

GUIDE = "template/unit/docs/workflow/guides/{{ unit.id }}.md.jinja"
GUIDE_V1 = "# Guide {{ name }}\n\nÉtape 1 : lire le log.\n\nÉtape 2 : coder.\n"
GUIDE_V2 = "# Guide {{ name }}\n\nÉtape 1 : lire le log.\n\nÉtape 2 : coder, puis tester.\n"


@pytest.fixture
def template_repo(tmp_path):
    """A copy of this template with a v1 and a v2 tag; v2 changes one unit file."""
    repo = tmp_path / "template"
    shutil.copytree(
        ROOT, repo, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache")
    )
    git_init(repo)
    (repo / GUIDE).parent.mkdir(parents=True)
    (repo / GUIDE).write_text(GUIDE_V1, encoding="utf-8")
    commit_all(repo, "v1")
    git(repo, "tag", "v1")
    (repo / GUIDE).write_text(GUIDE_V2, encoding="utf-8")
    log_template = next((repo / "template/unit/docs/workflow/logs").rglob("*.jinja"))
    log_template.write_text(log_template.read_text() + "\nv2 log footer\n", encoding="utf-8")
    commit_all(repo, "v2")
    git(repo, "tag", "v2")
    return repo


def update(project, unit_id, vcs_ref="v2"):
    copier.run_update(
        dst_path=project,
        answers_file=f".copier-answers/{unit_id}.yml",
        unsafe=True,
        defaults=True,
        overwrite=True,
        vcs_ref=vcs_ref,
        quiet=True,
    )


def test_update_brings_template_changes_and_keeps_edits(tmp_path, template_repo):
    project = git_init(tmp_path / "project")
    scaffold(project, src=template_repo, vcs_ref="v1", type="agent", name="bant-qualifier")
    guide = project / "docs/workflow/guides/agent-bant-qualifier.md"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("# Guide bant-qualifier", "# Guide BANT (édité)"),
        encoding="utf-8",
    )
    log = project / data.log_path("agent", DATE, "bant-qualifier")
    log.write_text(log.read_text(encoding="utf-8") + "\nNote du développeur.\n", encoding="utf-8")
    commit_all(project, "unit at v1, edited")
    log_before = log.read_bytes()

    update(project, "agent-bant-qualifier")

    text = guide.read_text(encoding="utf-8")
    assert "Étape 2 : coder, puis tester." in text
    assert "# Guide BANT (édité)" in text
    assert log.read_bytes() == log_before
    answers = yaml.safe_load((project / ".copier-answers/agent-bant-qualifier.yml").read_text())
    assert answers["_commit"] == "v2"
    assert answers["date"] == DATE


def test_update_touches_no_other_unit(tmp_path, template_repo):
    project = git_init(tmp_path / "project")
    scaffold(project, src=template_repo, vcs_ref="v1", type="agent", name="bant-qualifier")
    scaffold(project, src=template_repo, vcs_ref="v1", type="fix", name="celery-startup")
    commit_all(project, "two units at v1")
    before = tree(project)

    update(project, "agent-bant-qualifier")

    after = tree(project)
    fix_files = [path for path in before if "fix" in path or "celery-startup" in path]
    assert fix_files
    for path in fix_files:
        assert after[path] == before[path], path
    assert after["docs/workflow/STATUS.md"] == before["docs/workflow/STATUS.md"]


def test_update_needs_the_unit_answers_file(tmp_path, template_repo):
    project = git_init(tmp_path / "project")
    scaffold(project, src=template_repo, vcs_ref="v1", type="agent", name="bant-qualifier")
    commit_all(project, "unit at v1")

    with pytest.raises(
        UserMessageError, match="Cannot update because cannot obtain old template references"
    ):
        copier.run_update(dst_path=project, unsafe=True, defaults=True, overwrite=True, quiet=True)


# --- make scaffold-update: every unit, one at a time --------------------------


def scaffold_update(project, *args):
    return scaffold_tool(project, "update", *args)


@pytest.fixture
def project_at_v1(tmp_path, template_repo):
    project = git_init(tmp_path / "project")
    for unit in [
        {"type": "project", "name": "vectra", "template_source": str(template_repo)},
        {"type": "agent", "name": "bant-qualifier"},
        {"type": "fix", "name": "celery-startup"},
    ]:
        scaffold(project, src=template_repo, vcs_ref="v1", **unit)
        commit_all(project, f"{unit['type']} at v1")
    return project


def test_scaffold_update_check_reports_units_behind(project_at_v1):
    result = scaffold_update(project_at_v1, "--check")

    assert result.returncode == 1  # behind: 1 (2 is a usage error)
    assert ".copier-answers/agent-bant-qualifier.yml: v1 -> v2 (behind)" in result.stdout
    assert ".copier-answers/fix-celery-startup.yml: v1 -> v2 (behind)" in result.stdout
    assert git(project_at_v1, "status", "--porcelain") == ""


def test_scaffold_update_updates_each_unit_with_its_own_commit(project_at_v1):
    result = scaffold_update(project_at_v1)

    assert result.returncode == 0, result.stdout + result.stderr
    for unit in ["agent-bant-qualifier", "fix-celery-startup"]:
        guide = (project_at_v1 / f"docs/workflow/guides/{unit}.md").read_text(encoding="utf-8")
        assert "Étape 2 : coder, puis tester." in guide
        assert f"updated .copier-answers/{unit}.yml to v2" in result.stdout
    log = git(project_at_v1, "log", "--format=%s")
    assert "chore(scaffold): update .copier-answers/agent-bant-qualifier.yml to v2" in log
    assert "chore(scaffold): update .copier-answers/fix-celery-startup.yml to v2" in log
    assert git(project_at_v1, "status", "--porcelain") == ""
    assert scaffold_update(project_at_v1, "--check").returncode == 0


def test_scaffold_update_stops_at_the_first_conflict(project_at_v1):
    guide = project_at_v1 / "docs/workflow/guides/agent-bant-qualifier.md"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("Étape 2 : coder.", "Étape 2 : coder vite."),
        encoding="utf-8",
    )
    commit_all(project_at_v1, "edit the line v2 changes")

    result = scaffold_update(project_at_v1)

    assert result.returncode == 1
    assert (
        "scaffold-update: conflict while updating .copier-answers/agent-bant-qualifier.yml "
        "in docs/workflow/guides/agent-bant-qualifier.md" in result.stdout
    )
    untouched = (project_at_v1 / "docs/workflow/guides/fix-celery-startup.md").read_text()
    assert "Étape 2 : coder.\n" in untouched


def test_scaffold_update_refuses_a_dirty_tree(project_at_v1):
    (project_at_v1 / "notes.txt").write_text("en cours\n")
    result = scaffold_update(project_at_v1)
    assert result.returncode == 1
    assert "the work tree has changes" in result.stdout


def test_scaffold_update_pins_the_version_it_starts_with(project_at_v1, template_repo, monkeypatch):
    """A tag pushed while the units update does not reach the units after it."""
    update_one = update_tool.update_one

    def then_a_new_tag(root, answers, commit):
        error = update_one(root, answers, commit)
        if not git(template_repo, "tag", "--list", "v3").strip():
            git(template_repo, "commit", "-q", "--allow-empty", "-m", "v3")
            git(template_repo, "tag", "v3")
        return error

    monkeypatch.setattr(update_tool, "update_one", then_a_new_tag)
    monkeypatch.chdir(project_at_v1)
    assert update_tool.main([]) == 0

    for unit in ("agent-bant-qualifier", "fix-celery-startup"):
        answers = yaml.safe_load((project_at_v1 / f".copier-answers/{unit}.yml").read_text())
        assert answers["_commit"] == "v2", unit
