"""STATUS.md and reference documents: created when missing, appended once per unit,
never rewritten."""

import subprocess
import sys

from conftest import DATE, ROOT, commit_all, copier_cli, git, git_init, scaffold, tree
from vectra_scaffold import data

SYNC_DOCS = ROOT / "template/project/scripts/sync_docs.py"


def run_sync(project):
    subprocess.run([sys.executable, str(SYNC_DOCS), str(project)], check=True)


def test_two_units_in_one_repository(tmp_path):
    project = git_init(tmp_path / "repo")
    scaffold(project, type="agent", name="bant-qualifier")
    commit_all(project, "agent")
    first_unit = tree(project)

    scaffold(project, type="api", name="campaigns-endpoints")

    after = tree(project)
    appended_to = {"docs/workflow/STATUS.md", ".gitattributes"}
    for path, content in first_unit.items():
        if path in appended_to:
            assert after[path].startswith(content), path
        else:
            assert after[path] == content, path
    status = after["docs/workflow/STATUS.md"].decode()
    assert status.count("<!-- unit:agent-bant-qualifier -->") == 1
    assert status.count("<!-- unit:api-campaigns-endpoints -->") == 1
    assert (project / data.log_path("api", DATE, "campaigns-endpoints")).is_file()
    assert (project / ".copier-answers/api-campaigns-endpoints.yml").is_file()


def test_sync_again_leaves_no_diff(tmp_path):
    project = git_init(tmp_path / "repo")
    scaffold(project, type="agent", name="bant-qualifier")
    commit_all(project, "agent")

    run_sync(project)

    assert git(project, "status", "--porcelain") == ""


def test_hand_written_status_content_survives(tmp_path):
    status = tmp_path / "docs/workflow/STATUS.md"
    status.parent.mkdir(parents=True)
    hand_written = "# STATUS\n\nNotes de l'équipe : ne pas toucher.\n\n## Ancienne entrée\n- ok"
    status.write_text(hand_written, encoding="utf-8")

    scaffold(tmp_path, type="fix", name="celery-startup")

    text = status.read_text(encoding="utf-8")
    assert text.startswith(hand_written + "\n")
    assert "<!-- unit:fix-celery-startup -->" in text


def test_edited_entry_is_kept(tmp_path):
    scaffold(tmp_path, type="agent", name="bant-qualifier")
    status = tmp_path / "docs/workflow/STATUS.md"
    edited = status.read_text(encoding="utf-8").replace(
        "**Statut:** in_progress", "**Statut:** completed"
    )
    status.write_text(edited, encoding="utf-8")

    scaffold(tmp_path, type="fix", name="celery-startup")

    text = status.read_text(encoding="utf-8")
    assert text.startswith(edited)
    assert text.count("<!-- unit:agent-bant-qualifier -->") == 1


def test_two_branches_adding_a_unit_merge_without_conflict(tmp_path):
    project = git_init(tmp_path / "repo")
    scaffold(project, type="project", name="vectra")
    commit_all(project, "bootstrap")

    git(project, "checkout", "-q", "-b", "agent")
    scaffold(project, type="agent", name="bant-qualifier")
    commit_all(project, "agent")
    git(project, "checkout", "-q", "main")
    scaffold(project, type="api", name="campaigns-endpoints")
    commit_all(project, "api")

    git(project, "merge", "-q", "--no-edit", "agent")

    status = (project / "docs/workflow/STATUS.md").read_text(encoding="utf-8")
    assert "<<<<<<<" not in status
    for unit in ["agent-bant-qualifier", "api-campaigns-endpoints"]:
        assert status.count(f"<!-- unit:{unit} -->") == 1
        assert status.count(f"<!-- /unit:{unit} -->") == 1


def test_reference_document_gets_one_section_per_unit_after_running_twice(tmp_path):
    project = git_init(tmp_path / "repo")
    scaffold(project, type="project", name="vectra")
    scaffold(project, type="agent", name="bant-qualifier")
    scaffold(project, type="agent", name="lead-enricher")
    commit_all(project, "two agents")

    run_sync(project)

    prompts = (project / "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md").read_text(encoding="utf-8")
    assert prompts.startswith("# DOC-TECH-004")
    for unit in ["agent-bant-qualifier", "agent-lead-enricher"]:
        assert prompts.count(f"<!-- unit:{unit} -->") == 1
    assert "### BantQualifierAgent" in prompts
    assert git(project, "status", "--porcelain") == ""


def test_status_is_written_in_a_destination_given_as_a_relative_path(tmp_path):
    result = copier_cli(
        "copy",
        "--trust",
        "--defaults",
        "--quiet",
        "-r",
        "HEAD",
        str(ROOT),
        "relative",
        "--data",
        "type=agent",
        "--data",
        "name=bant-qualifier",
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "relative/docs/workflow/STATUS.md").is_file()
    assert not (tmp_path / "relative/relative").exists()
