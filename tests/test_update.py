"""`copier update -a .copier-answers/<unit>.yml` moves one unit from v1 to v2."""

import shutil

import copier
import pytest
import yaml
from conftest import DATE, ROOT, commit_all, git, git_init, scaffold, tree, vectra
from copier.errors import UserMessageError

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
    log = project / vectra.log_path("agent", DATE, "bant-qualifier")
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
