"""Parallel branches: the `vectra-docs` merge driver (`vectra-scaffold merge-docs`) keeps
every unit block of STATUS.md and the reference documents whole; without it git
conflicts rather than interleaving; two branches' migrations give two Alembic
heads, which workflow-check names and `make migrate-merge` joins."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import (
    UNIT_TYPES,
    commit_all,
    git,
    git_init,
    project_sharing_installs,
    run,
    scaffold,
    scaffold_tool,
)
from vectra_scaffold.doc_blocks import merge, parse, scan

MERGE_DOCS = [sys.executable, "-m", "vectra_scaffold", "merge-docs"]
# The tool as `make install` puts it in a project: here, this checkout's.
TOOL = Path(sys.executable).parent / "vectra-scaffold"
SCAFFOLD = f"SCAFFOLD={TOOL}"

# Two units of each type, different enough to share no file.
PAIRS = {
    "feature": (
        {"name": "campaign-wizard", "entity": "campaign", "fields": "name:str budget:int?"},
        {"name": "lead-wizard", "entity": "lead", "fields": "email:str company:str?"},
    ),
    "component": (
        {"name": "lead-card", "reusable": True},
        {"name": "bant-badge", "reusable": True, "zod_props": True},
    ),
    "api": ({"name": "campaigns-endpoints"}, {"name": "leads-endpoints"}),
    "agent": ({"name": "bant-qualifier"}, {"name": "lead-enricher"}),
    "database": ({"name": "add-lead-enrichment"}, {"name": "add-campaign-index"}),
    "fix": (
        {"name": "celery-startup", "target": "app.core.celery_app"},
        {"name": "config-defaults", "target": "app.core.config"},
    ),
    "test": (
        {"name": "campaign-service", "test_kind": "unit-service", "target": "campaign"},
        {"name": "lead-service", "test_kind": "unit-service", "target": "lead"},
    ),
}


def unit_id(unit):
    return f"{unit['type']}-{unit['name']}"


def git_run(project, *args):
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True)


@pytest.fixture(scope="module")
def bootstrapped(tmp_path_factory):
    project = git_init(tmp_path_factory.mktemp("merge") / "vectra")
    scaffold(project, type="project", name="vectra")
    commit_all(project, "bootstrap")
    return project


@pytest.fixture
def project(bootstrapped, tmp_path):
    """A fresh copy of the bootstrapped project, the merge driver configured
    as `make install` does."""
    copy = tmp_path / "vectra"
    shutil.copytree(bootstrapped, copy, symlinks=True)
    run(copy, "make", "merge-driver", SCAFFOLD)
    return copy


def branch_with_units(project, branch, *units, start="main"):
    git(project, "checkout", "-q", "-b", branch, start)
    for unit in units:
        scaffold(project, **unit)
        commit_all(project, unit_id(unit))


def sections_of(project, unit):
    """(document below docs/, section text) for each section the unit wrote."""
    folder = project / "docs/workflow/units" / unit
    return [
        (path.relative_to(folder).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(folder.rglob("*.md"))
    ]


def assert_blocks_whole(project, unit, conflicts_elsewhere=False):
    """Each document holds the unit's block once, exactly its section, nothing
    nested; no conflict marker, unless `conflicts_elsewhere`."""
    sections = sections_of(project, unit)
    assert "workflow/STATUS.md" in [document for document, _ in sections]
    for document, section in sections:
        text = (project / "docs" / document).read_text(encoding="utf-8")
        start, end = f"<!-- unit:{unit} -->\n", f"<!-- /unit:{unit} -->\n"
        assert text.count(start) == 1, (document, unit)
        assert text.count(end) == 1, (document, unit)
        assert text.split(start, 1)[1].split(end, 1)[0] == section.strip() + "\n", document
        assert scan(text).problems == [], document
        assert conflicts_elsewhere or "<<<<<<<" not in text, document


def test_every_unit_type_has_a_pair_to_merge():
    assert set(PAIRS) == set(UNIT_TYPES)


@pytest.mark.parametrize("type_", UNIT_TYPES)
def test_two_branches_each_adding_a_unit_merge_with_every_block_whole(project, type_):
    first, second = ({"type": type_, **answers} for answers in PAIRS[type_])
    branch_with_units(project, "a", first)
    branch_with_units(project, "b", second)
    git(project, "checkout", "-q", "a")

    result = git_run(project, "merge", "--no-edit", "b")

    assert result.returncode == 0, result.stdout + result.stderr
    for unit in (first, second):
        assert_blocks_whole(project, unit_id(unit))
    # Nothing left for docs-sync to add or repair.
    scaffold_tool(project, "docs-sync")
    assert git(project, "status", "--porcelain") == ""


def test_one_branch_adding_several_units_merges_into_one_adding_others(project):
    mine = [{"type": "agent", "name": "bant-qualifier"}, {"type": "fix", "name": "celery-startup"}]
    theirs = [{"type": "agent", "name": "lead-enricher"}, {"type": "api", "name": "leads-api"}]
    branch_with_units(project, "a", *mine)
    branch_with_units(project, "b", *theirs)
    git(project, "checkout", "-q", "a")

    result = git_run(project, "merge", "--no-edit", "b")

    assert result.returncode == 0, result.stdout + result.stderr
    for unit in mine + theirs:
        assert_blocks_whole(project, unit_id(unit))
    status = (project / "docs/workflow/STATUS.md").read_text(encoding="utf-8")
    order = [status.index(f"<!-- unit:{unit_id(unit)} -->") for unit in mine + theirs]
    assert order == sorted(order)


def block_of(text, unit):
    return text.split(f"<!-- unit:{unit} -->\n", 1)[1].split(f"<!-- /unit:{unit} -->", 1)[0]


def test_a_block_edited_differently_on_both_branches_conflicts_inside_that_block(project):
    agent = {"type": "agent", "name": "bant-qualifier"}
    branch_with_units(project, "base", agent)
    status = project / "docs/workflow/STATUS.md"
    for branch, unit, new_status in (
        ("a", {"type": "fix", "name": "celery-startup"}, "completed"),
        ("b", {"type": "api", "name": "leads-api"}, "blocked"),
    ):
        branch_with_units(project, branch, unit, start="base")
        text = status.read_text(encoding="utf-8")
        status.write_text(text.replace("**Statut:** in_progress", f"**Statut:** {new_status}", 1))
        commit_all(project, f"{branch}: agent {new_status}")
    git(project, "checkout", "-q", "a")

    result = git_run(project, "merge", "--no-edit", "b")

    assert result.returncode != 0
    assert git(project, "diff", "--name-only", "--diff-filter=U") == "docs/workflow/STATUS.md\n"
    text = status.read_text(encoding="utf-8")
    agent_block = block_of(text, "agent-bant-qualifier")
    assert (
        "<<<<<<< ours\n**Statut:** completed  \n=======\n**Statut:** blocked  \n>>>>>>> theirs\n"
    ) in agent_block
    outside = text.replace(agent_block, "")
    assert "<<<<<<<" not in outside
    assert ">>>>>>>" not in outside
    for unit in ("fix-celery-startup", "api-leads-api"):
        assert_blocks_whole(project, unit, conflicts_elsewhere=True)


def test_without_the_driver_two_appends_conflict_instead_of_interleaving(project, tmp_path):
    branch_with_units(project, "a", {"type": "agent", "name": "bant-qualifier"})
    branch_with_units(project, "b", {"type": "agent", "name": "lead-enricher"})
    # A fresh clone: .gitattributes names the driver, the clone's config does not.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--branch", "a", str(project), str(clone))
    for setting in ("user.email=dev@vectra.test", "user.name=VECTRA dev"):
        git(clone, "config", *setting.split("="))
    assert git_run(clone, "config", "merge.vectra-docs.driver").returncode == 1
    assert "merge=union" not in (clone / ".gitattributes").read_text()

    result = git_run(clone, "merge", "--no-edit", "origin/b")

    assert result.returncode != 0
    conflicted = git(clone, "diff", "--name-only", "--diff-filter=U").split()
    assert "docs/workflow/STATUS.md" in conflicted
    assert "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md" in conflicted
    status = (clone / "docs/workflow/STATUS.md").read_text(encoding="utf-8")
    # Git's conflict holds each side's lines apart: no block starts inside the other.
    ours = status.split("<<<<<<< HEAD\n", 1)[1].split("=======\n", 1)[0]
    theirs = status.split("=======\n", 1)[1].split(">>>>>>> origin/b\n", 1)[0]
    assert "<!-- unit:agent-bant-qualifier -->" in ours
    assert "<!-- unit:agent-lead-enricher -->" not in ours
    assert "<!-- unit:agent-lead-enricher -->" in theirs
    assert "<!-- unit:agent-bant-qualifier -->" not in theirs


def test_the_driver_is_configured_by_make_install(project):
    assert git(project, "config", "merge.vectra-docs.driver").strip() == (
        f"{TOOL} merge-docs %O %A %B"
    )
    dry_run = run(project, "make", "-n", "install")
    assert "git config merge.vectra-docs.driver" in dry_run
    attributes = (project / ".gitattributes").read_text().splitlines()
    assert "docs/workflow/STATUS.md merge=vectra-docs" in attributes
    assert "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md merge=vectra-docs" in attributes


def test_the_driver_writes_its_result_into_ours(tmp_path):
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    base.write_text(doc("# T\n", block("a", "A\n")))
    ours.write_text(doc("# T\n", block("a", "A\n"), block("b", "B\n")))
    theirs.write_text(doc("# T\n", block("a", "A\n"), block("c", "C\n")))

    result = subprocess.run(
        [*MERGE_DOCS, str(base), str(ours), str(theirs)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert ours.read_text() == doc("# T\n", block("a", "A\n"), block("b", "B\n"), block("c", "C\n"))


def test_the_driver_leaves_ours_and_reports_a_conflict_on_undecodable_input(tmp_path):
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    base.write_bytes(b"\xff\xfe")
    ours.write_text("ours\n")
    theirs.write_text("theirs\n")

    result = subprocess.run(
        [*MERGE_DOCS, str(base), str(ours), str(theirs)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ours.read_text() == "ours\n"


# --- the merge itself, a pure function of three texts --------------------------


def block(unit, body):
    return f"<!-- unit:{unit} -->\n{body}<!-- /unit:{unit} -->\n"


def doc(head, *blocks):
    """A document as sync_docs.py writes it: a blank line before each block."""
    return head + "".join(f"\n{text}" for text in blocks)


HEAD = "# STATUS\n\nIntro.\n"
A, A_OURS, A_THEIRS = (
    block("a", "1\n2\n3\n"),
    block("a", "1\n2 ours\n3\n"),
    block("a", "1\n2 t\n3\n"),
)

CASES = [
    pytest.param(
        doc(HEAD, A),
        doc(HEAD, A, block("b", "B\nshared\n")),
        doc(HEAD, A, block("c", "C\nshared\n")),
        doc(HEAD, A, block("b", "B\nshared\n"), block("c", "C\nshared\n")),
        True,
        id="each side appends a block: both whole, ours first",
    ),
    pytest.param(
        HEAD,
        doc(HEAD, block("b", "B\n")),
        doc(HEAD, block("c", "C\n"), block("d", "D\n")),
        doc(HEAD, block("b", "B\n"), block("c", "C\n"), block("d", "D\n")),
        True,
        id="first blocks of an empty document",
    ),
    pytest.param(
        doc(HEAD, A),
        doc(HEAD, A, block("b", "B\n")),
        doc(HEAD, A),
        doc(HEAD, A, block("b", "B\n")),
        True,
        id="one side only",
    ),
    pytest.param(
        doc(HEAD, A, block("b", "B\n")),
        doc(HEAD, A, block("b", "B\n"), block("c", "C\n")),
        doc(HEAD, A),
        doc(HEAD, A, block("c", "C\n")),
        True,
        id="removed on one side, unchanged on the other: removed",
    ),
    pytest.param(
        doc(HEAD, A, block("b", "B\n")),
        doc(HEAD, A),
        doc(HEAD, A, block("b", "B changed\n")),
        doc(HEAD, A, block("b", "<<<<<<< ours\n=======\nB changed\n>>>>>>> theirs\n")),
        False,
        id="removed on one side, changed on the other: conflict inside the block",
    ),
    pytest.param(
        doc(HEAD, A, block("b", "B\n")),
        doc(HEAD, A_OURS, block("b", "B\n")),
        doc(HEAD, A, block("b", "B\n"), block("c", "C\n")),
        doc(HEAD, A_OURS, block("b", "B\n"), block("c", "C\n")),
        True,
        id="changed on one side only: that side",
    ),
    pytest.param(
        doc(HEAD, A),
        doc(HEAD, A_OURS),
        doc(HEAD, A_OURS, block("c", "C\n")),
        doc(HEAD, A_OURS, block("c", "C\n")),
        True,
        id="the same change on both sides",
    ),
    pytest.param(
        doc(HEAD, A, block("b", "B\n")),
        doc(HEAD, A_OURS, block("b", "B\n")),
        doc(HEAD, A_THEIRS, block("b", "B\n")),
        doc(
            HEAD,
            block("a", "1\n<<<<<<< ours\n2 ours\n=======\n2 t\n>>>>>>> theirs\n3\n"),
            block("b", "B\n"),
        ),
        False,
        id="the same line changed differently: conflict inside the block",
    ),
    pytest.param(
        doc(HEAD, block("a", "1\n2\n3\n4\n5\n")),
        doc(HEAD, block("a", "1 ours\n2\n3\n4\n5\n")),
        doc(HEAD, block("a", "1\n2\n3\n4\n5 t\n")),
        doc(HEAD, block("a", "1 ours\n2\n3\n4\n5 t\n")),
        True,
        id="changes to distant lines of one block merge as git's text merge does",
    ),
    pytest.param(
        doc(HEAD, A),
        doc(HEAD.replace("Intro.", "Intro, ours."), A),
        doc(HEAD, A, block("c", "C\n")),
        doc(HEAD.replace("Intro.", "Intro, ours."), A, block("c", "C\n")),
        True,
        id="text before the blocks changed on one side",
    ),
    pytest.param(
        doc(HEAD, A),
        doc(HEAD.replace("Intro.", "Intro, ours."), A),
        doc(HEAD.replace("Intro.", "Intro, theirs."), A),
        doc("# STATUS\n\n<<<<<<< ours\nIntro, ours.\n=======\nIntro, theirs.\n>>>>>>> theirs\n", A),
        False,
        id="text before the blocks changed differently: conflict there",
    ),
    pytest.param(
        doc(HEAD, A),
        doc(HEAD, A, block("b", "B\n")),
        doc(HEAD, A, block("b", "B\n")),
        doc(HEAD, A, block("b", "B\n")),
        True,
        id="the same block added on both sides: once",
    ),
    pytest.param(
        doc(HEAD, A),
        doc(HEAD, A, block("b", "B ours\n")),
        doc(HEAD, A, block("b", "B theirs\n")),
        doc(HEAD, A, block("b", "<<<<<<< ours\nB ours\n=======\nB theirs\n>>>>>>> theirs\n")),
        False,
        id="one block added differently on both sides: conflict inside it",
    ),
    pytest.param(
        doc(HEAD, A) + "\nTeam notes.\n",
        doc(HEAD, A) + "\nTeam notes.\n" + doc("", block("b", "B\n")),
        doc(HEAD, A) + "\nTeam notes.\n" + doc("", block("c", "C\n")),
        doc(HEAD, A) + "\nTeam notes.\n" + doc("", block("b", "B\n"), block("c", "C\n")),
        True,
        id="text after a block stays after it",
    ),
    pytest.param(
        doc(HEAD, A).rstrip("\n"),
        doc(HEAD, A, block("b", "B\n")),
        doc(HEAD, A, block("c", "C\n")).rstrip("\n"),
        doc(HEAD, A, block("b", "B\n"), block("c", "C\n")).rstrip("\n"),
        True,
        id="lines without a final newline",
    ),
    pytest.param(
        "one\n",
        "one\nours\n",
        "one\ntheirs\n",
        "one\n<<<<<<< ours\nours\n=======\ntheirs\n>>>>>>> theirs\n",
        False,
        id="no block at all: a text merge",
    ),
    pytest.param(
        doc(HEAD, A),
        doc(HEAD, "<!-- unit:x -->\nX\n" + A, "<!-- /unit:x -->\n"),
        doc(HEAD, A, block("c", "C\n")),
        doc(HEAD, "<!-- unit:x -->\nX\n" + A, "<!-- /unit:x -->\n", block("c", "C\n")),
        True,
        id="a damaged block stays text, for docs-sync to rebuild",
    ),
]


@pytest.mark.parametrize(("base", "ours", "theirs", "expected", "clean"), CASES)
def test_merge(base, ours, theirs, expected, clean):
    assert merge(base, ours, theirs) == (expected, clean)


@pytest.mark.parametrize(("base", "ours", "theirs", "expected", "clean"), CASES)
def test_merge_is_symmetric_but_for_the_order_of_new_blocks(base, ours, theirs, expected, clean):
    merged, merged_clean = merge(base, theirs, ours)

    assert merged_clean == clean
    if clean:
        assert sorted(merged.splitlines()) == sorted(expected.splitlines())


@pytest.mark.parametrize("text", [case.values[idx] for case in CASES for idx in range(4)])
def test_a_document_parses_and_renders_back_unchanged(text):
    assert parse(text).render() == text
    assert merge(text, text, text) == (text, True)


# --- Alembic: one history --------------------------------------------------------


def alembic_report(project):
    result = scaffold_tool(project, "check", "--json")
    reports = {report["unit"]: report for report in json.loads(result.stdout)}
    return result.returncode, reports.get("project", {"problems": []})["problems"]


def revision_of(project, unit):
    return yaml.safe_load((project / f".copier-answers/{unit}.yml").read_text())["revision"]


def merged_database_branches(project):
    units = [{"type": "database", **answers} for answers in PAIRS["database"]]
    branch_with_units(project, "a", units[0])
    branch_with_units(project, "b", units[1])
    git(project, "checkout", "-q", "a")
    git(project, "merge", "-q", "--no-edit", "b")
    return [unit_id(unit) for unit in units]


def test_two_branches_adding_a_migration_fail_the_workflow_check_naming_both_heads(project):
    units = merged_database_branches(project)

    code, problems = alembic_report(project)

    heads = [revision_of(project, unit) for unit in units]
    assert code == 1
    [problem] = [problem for problem in problems if problem.startswith("alembic:")]
    assert problem.startswith("alembic: 2 heads, ")
    assert problem.endswith(": run make migrate-merge")
    for head in heads:
        assert head in problem


@pytest.mark.slow
def test_make_migrate_merge_leaves_one_head(installed_project, tmp_path):
    project = project_sharing_installs(installed_project, tmp_path / "p")
    run(project, "make", "merge-driver", SCAFFOLD)
    merged_database_branches(project)

    run(project, "make", "migrate-merge")

    assert "alembic:" not in " ".join(alembic_report(project)[1])
    alembic = str(project / "backend/.venv/bin/alembic")
    heads = run(project / "backend", alembic, "heads").strip().splitlines()
    assert len(heads) == 1, heads
    run(project, "make", "lint-backend")
    database = f"sqlite+aiosqlite:///{tmp_path / 'merged.db'}"
    run(project, "make", "migrate", env={"DATABASE_URL": database})
    assert "nothing to merge" in run(project, "make", "migrate-merge")


# --- make scaffold-update before make install ---------------------------------


def test_scaffold_update_before_make_install_says_what_to_run(bootstrapped):
    assert not (bootstrapped / "backend/.venv").exists()

    for target in ("scaffold-update", "workflow-check", "upgrade", "docs-sync"):
        result = subprocess.run(["make", target], cwd=bootstrapped, capture_output=True, text=True)

        assert result.returncode != 0
        assert "the scaffold's tool is not installed: run make install first" in result.stderr
        assert "127" not in result.stderr
