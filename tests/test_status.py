"""STATUS.md and reference documents: created when missing, appended once per unit,
never rewritten."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    DATE,
    ROOT,
    commit_all,
    copier_cli,
    git,
    git_init,
    mark_project_root,
    scaffold,
    tree,
)
from vectra_scaffold import data, docs_sync, overview
from vectra_scaffold.doc_blocks import scan


def without_overview(content: bytes) -> str:
    return overview.strip(content.decode("utf-8"))


def run_sync(project):
    assert docs_sync.sync(project) == 0


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
            # STATUS.md's overview, generated, counts the units: appended to but for it.
            assert without_overview(after[path]).startswith(without_overview(content)), path
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
    assert overview.strip(text).startswith(overview.strip(edited))
    # The overview is the blocks', the team's edit included.
    assert "| agent | 0 | 1 | 0 | 1 |" in text
    assert "| fix | 1 | 0 | 0 | 1 |" in text
    assert text.count("<!-- unit:agent-bant-qualifier -->") == 1


def test_two_branches_adding_a_unit_merge_without_conflict(tmp_path):
    project = git_init(tmp_path / "repo")
    scaffold(project, type="project", name="vectra")
    commit_all(project, "bootstrap")
    tool = Path(sys.executable).parent / "vectra-scaffold"
    subprocess.run(
        ["make", "merge-driver", f"SCAFFOLD={tool}"], cwd=project, check=True, capture_output=True
    )

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
    mark_project_root(tmp_path / "relative")

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


# --- docs-sync repairs what a bad merge leaves ---------------------------------

STATUS = "docs/workflow/STATUS.md"
UNITS = [
    {"type": "agent", "name": "bant-qualifier"},
    {"type": "api", "name": "campaigns-endpoints"},
    {"type": "fix", "name": "celery-startup"},
]


@pytest.fixture(scope="module")
def scaffolded_three_units(tmp_path_factory):
    project = git_init(tmp_path_factory.mktemp("sync") / "repo")
    scaffold(project, type="project", name="vectra")
    for unit in UNITS:
        scaffold(project, **unit)
    commit_all(project, "three units")
    return project


@pytest.fixture
def three_units(scaffolded_three_units, tmp_path):
    """A fresh copy of a project with an agent, an api and a fix unit."""
    copy = tmp_path / "repo"
    shutil.copytree(scaffolded_three_units, copy, symlinks=True)
    return copy


def section_of(project, unit, document="workflow/STATUS.md"):
    return (project / "docs/workflow/units" / unit / document).read_text(encoding="utf-8")


def entry(project, unit, document="workflow/STATUS.md"):
    """The unit's block as sync_docs.py writes it."""
    section = section_of(project, unit, document).strip()
    return f"<!-- unit:{unit} -->\n{section}\n<!-- /unit:{unit} -->\n"


def assert_each_block_once_and_whole(text, blocks):
    assert scan(text).problems == []
    for block in blocks:
        assert text.count(block) == 1
    assert text.count("<!-- unit:") == len(blocks)


def edit_status(project, change):
    status = project / STATUS
    status.write_text(change(status.read_text(encoding="utf-8")), encoding="utf-8")


def blocks(project):
    return [entry(project, f"{unit['type']}-{unit['name']}") for unit in UNITS]


def test_a_block_nested_in_another_is_rebuilt(three_units):
    agent, api, fix = blocks(three_units)
    start = "<!-- unit:agent-bant-qualifier -->\n"
    edit_status(three_units, lambda text: text.replace("\n" + fix, "").replace(start, start + fix))
    assert scan((three_units / STATUS).read_text()).problems == [
        "block fix-celery-startup is nested in agent-bant-qualifier"
    ]

    run_sync(three_units)

    assert_each_block_once_and_whole((three_units / STATUS).read_text(), [agent, api, fix])


def test_a_duplicated_block_is_rebuilt_once(three_units):
    agent, api, fix = blocks(three_units)
    edit_status(three_units, lambda text: text + "\n" + agent.replace("in_progress", "blocked"))

    run_sync(three_units)

    assert_each_block_once_and_whole((three_units / STATUS).read_text(), [agent, api, fix])


def test_a_block_duplicated_whole_keeps_the_teams_edit(three_units):
    agent, api, fix = blocks(three_units)
    edited = agent.replace("in_progress", "completed")
    edit_status(three_units, lambda text: text.replace(agent, edited) + "\n" + edited)

    run_sync(three_units)

    assert_each_block_once_and_whole((three_units / STATUS).read_text(), [edited, api, fix])


def test_an_unclosed_block_is_rebuilt_and_an_edited_one_kept(three_units):
    agent, api, fix = blocks(three_units)
    edited_api = api.replace("in_progress", "completed")
    edit_status(
        three_units,
        lambda text: text.replace(api, edited_api).replace(
            "<!-- /unit:agent-bant-qualifier -->\n", ""
        ),
    )

    run_sync(three_units)

    text = (three_units / STATUS).read_text()
    assert_each_block_once_and_whole(text, [agent, edited_api, fix])
    assert text.index(agent) < text.index(edited_api) < text.index(fix)


def test_a_missing_block_and_a_block_without_its_start_are_rebuilt(three_units):
    agent, api, fix = blocks(three_units)
    edit_status(
        three_units,
        lambda text: text.replace("\n" + fix, "").replace(
            "<!-- unit:api-campaigns-endpoints -->\n", ""
        ),
    )

    run_sync(three_units)

    assert_each_block_once_and_whole((three_units / STATUS).read_text(), [agent, api, fix])


def test_repairing_twice_changes_nothing(three_units):
    *_, fix = blocks(three_units)
    start = "<!-- unit:agent-bant-qualifier -->\n"
    edit_status(three_units, lambda text: text.replace("\n" + fix, "").replace(start, start + fix))
    run_sync(three_units)
    commit_all(three_units, "repaired")

    run_sync(three_units)

    assert git(three_units, "status", "--porcelain") == ""


def test_documents_interleaved_by_a_union_merge_are_repaired(tmp_path):
    """What git's union driver (the previous .gitattributes) did to two agents' blocks."""
    project = git_init(tmp_path / "repo")
    scaffold(project, type="project", name="vectra")
    prompts = "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md"
    (project / ".gitattributes").write_text(f"{STATUS} merge=union\n{prompts} merge=union\n")
    commit_all(project, "bootstrap, union merges")
    for branch, name in (("a", "bant-qualifier"), ("b", "lead-enricher")):
        git(project, "checkout", "-q", "-b", branch, "main")
        scaffold(project, type="agent", name=name)
        (project / ".gitattributes").write_text(f"{STATUS} merge=union\n{prompts} merge=union\n")
        commit_all(project, name)
    git(project, "merge", "-q", "--no-edit", "a")
    units = ["agent-bant-qualifier", "agent-lead-enricher"]
    damaged = (project / prompts).read_text(encoding="utf-8")
    assert any(" is nested in " in problem for problem in scan(damaged).problems)

    run_sync(project)

    for document in ("workflow/STATUS.md", "tech/DOC-TECH-004_AGENT_PROMPTS.md"):
        text = (project / "docs" / document).read_text(encoding="utf-8")
        assert_each_block_once_and_whole(text, [entry(project, unit, document) for unit in units])


def test_union_lines_of_an_older_project_become_the_merge_driver(three_units):
    attributes = three_units / ".gitattributes"
    old = attributes.read_text().replace("merge=vectra-docs", "merge=union")
    attributes.write_text(
        "# Documents every unit appends a section to (scripts/sync_docs.py): git's\n"
        "# union driver keeps both sides when two branches each add a unit.\n"
        ".gitattributes merge=union\n" + old.split("\n", 2)[2] + "*.png binary\n"
    )

    run_sync(three_units)

    lines = attributes.read_text().splitlines()
    assert "merge=union" not in attributes.read_text()
    assert "*.png binary" in lines
    assert lines.count("docs/workflow/STATUS.md merge=vectra-docs") == 1
    assert lines.count("docs/tech/DOC-TECH-004_AGENT_PROMPTS.md merge=vectra-docs") == 1
    assert not any("union" in line for line in lines)
