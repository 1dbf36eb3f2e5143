"""`vectra-scaffold status` (issue 24): a unit's status in its log and its STATUS.md
block together, one commit; `completed` gated by the final checklist; STATUS.md's
overview kept true by docs-sync, remove and the merge driver.

Most tests run the package in-process on a small project written by hand in
tmp_path (the log, answers and sections as the scaffold writes them); the last
one bootstraps a project with copier and runs the whole lifecycle through the
command line, `make unit-status` and a merge of two branches.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, commit_all, git, git_init, scaffold, scaffold_tool, tree
from vectra_scaffold import cli, clock, docs_sync, merge_docs, overview, remove
from vectra_scaffold.doc_blocks import scan

TODAY = clock.today()
STATUS = "docs/workflow/STATUS.md"
AGENT = "agent-bant-qualifier"
FIX = "fix-celery-startup"
AGENT_LOG = "docs/workflow/logs/agents/2026-01-15_agent_bant-qualifier.md"
FIX_LOG = "docs/workflow/logs/fixes/2026-01-15_fix_celery-startup.md"
PROMPTS = "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md"

AGENT_LOG_TEXT = """\
# [AGENT] - bant-qualifier

**Date:** 2026-01-15\x20\x20
**Statut:** in_progress\x20\x20
**Priorité:** P1

## Objectif

Créer l'agent IA bant-qualifier.

## Références

- Doc technique: `docs/tech/DOC-TECH-004_AGENT_PROMPTS.md`

## Étapes Réalisées

### 1. Création

- [x] Créer l'agent
- [ ] Implémenter le prompt depuis la doc

## Fichiers Créés/Modifiés

- `backend/app/agents/bant_qualifier.py`

## Tests

- [ ] Tests unitaires créés
- [ ] Coverage atteint (cible : 85 %)

## Notes

[Notes importantes, décisions, problèmes rencontrés]

## Prochaines Étapes

1. Implémenter le prompt depuis la doc
"""

FIX_LOG_TEXT = """\
# [FIX] - celery-startup

**Date:** 2026-01-15\x20\x20
**Status:** in_progress\x20\x20
**Priority:** P1

## Objective

Fix celery-startup.

## References

- Technical doc: —

## Steps

- [ ] Write the regression test

## Files Created/Modified

- `backend/tests/test_regression_celery_startup.py`

## Tests

- [ ] Unit tests written

## Notes

[Important notes, decisions, problems met]

## Next Steps

1. Write the regression test
"""


def status_section(type_: str, name: str, folder: str, status: str = "Statut") -> str:
    return (
        f"## 2026-01-15 - {type_.capitalize()} - {name}\n\n"
        f"**{status}:** in_progress  \n"
        f"**Fichier log:** `logs/{folder}/2026-01-15_{type_}_{name}.md`\n\n"
        "### Tests\n\n- Coverage: — (cible : 85 %)\n- Tests passent: ❌\n"
    )


def write(root: Path, path: str, text: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")


@pytest.fixture
def small(tmp_path):
    """A project with an agent (French log) and a fix (English log), as the scaffold
    leaves them, STATUS.md and the prompts document synced; no git."""
    root = tmp_path / "vectra"
    write(root, ".copier-answers.yml", "type: project\nname: vectra\n")
    for type_, name, lang in (("agent", "bant-qualifier", "fr"), ("fix", "celery-startup", "en")):
        write(
            root,
            f".copier-answers/{type_}-{name}.yml",
            f"type: {type_}\nname: {name}\ndate: 2026-01-15\nlang: {lang}\n",
        )
    write(root, AGENT_LOG, AGENT_LOG_TEXT)
    write(root, FIX_LOG, FIX_LOG_TEXT)
    write(root, "backend/app/agents/bant_qualifier.py", "AGENT = 1\n")
    write(root, "backend/tests/test_regression_celery_startup.py", "def test_it():\n    pass\n")
    units = "docs/workflow/units"
    write(
        root,
        f"{units}/{AGENT}/workflow/STATUS.md",
        status_section("agent", "bant-qualifier", "agents"),
    )
    write(root, f"{units}/{AGENT}/tech/DOC-TECH-004_AGENT_PROMPTS.md", "### BantQualifierAgent\n")
    write(
        root,
        f"{units}/{FIX}/workflow/STATUS.md",
        status_section("fix", "celery-startup", "fixes", "Status"),
    )
    write(root, PROMPTS, "# DOC-TECH-004\n")
    assert docs_sync.sync(root) == 0
    return root


def status(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    """`vectra-scaffold status ARGS` in-process, at `root`."""
    cwd = Path.cwd()
    os.chdir(root)
    try:
        code = cli.main(["status", *args])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return code, out, err


def read(root: Path, path: str) -> str:
    return (root / path).read_text(encoding="utf-8")


def block_of(text: str, unit: str) -> str:
    return text[text.index(f"<!-- unit:{unit} -->") : text.index(f"<!-- /unit:{unit} -->")]


def overview_of(text: str) -> str:
    return text[text.index(overview.OVERVIEW_START) : text.index(overview.OVERVIEW_END)]


def tick_everything(root: Path, log: str) -> None:
    write(root, log, read(root, log).replace("- [ ]", "- [x]"))


def backend_coverage(root: Path, covered: int, total: int = 10) -> None:
    summary = {"covered_lines": covered, "num_statements": total}
    report = {"files": {"app/agents/bant_qualifier.py": {"summary": summary}}}
    write(root, "backend/coverage.json", json.dumps(report))


# --- refusals: one line, exit 1, nothing written --------------------------------


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["agent-nobody", "blocked"],
            "scaffold-status: no unit agent-nobody in this project (.copier-answers/"
            "agent-nobody.yml does not exist; units: agent-bant-qualifier, fix-celery-startup)",
        ),
        (
            ["../../etc", "blocked"],
            "scaffold-status: no unit ../../etc in this project (.copier-answers/../../etc.yml "
            "does not exist; units: agent-bant-qualifier, fix-celery-startup)",
        ),
        (
            [AGENT, "done"],
            "scaffold-status: 'done' is not a status: in_progress, completed or blocked",
        ),
        (
            [AGENT, "blocked", "--force", "why not"],
            "scaffold-status: --force is for completed only (the one status with a gate)",
        ),
    ],
    ids=["unknown unit", "not a unit id", "status outside the menu", "force without completed"],
)
def test_refused_in_one_line_and_nothing_written(small, capsys, args, line):
    before = tree(small)

    code, out, err = status(small, *args, capsys=capsys)

    assert (code, out, err) == (1, "", line + "\n")
    assert tree(small) == before


def test_a_forged_date_is_refused_in_one_line_and_nothing_written(small, capsys, monkeypatch):
    monkeypatch.setenv(clock.OVERRIDE, "2026-02-30")
    before = tree(small)

    code, out, err = status(small, AGENT, "blocked", "--note", "attente", capsys=capsys)

    assert (code, out) == (1, "")
    assert err == (
        "scaffold-status: VECTRA_TODAY: '2026-02-30' is not a real calendar date (YYYY-MM-DD)\n"
    )
    assert tree(small) == before


def test_the_note_carries_the_date_vectra_today_gives(small, capsys, monkeypatch):
    monkeypatch.setenv(clock.OVERRIDE, "2031-07-04")

    code, _, _ = status(small, AGENT, "blocked", "--note", "attente", capsys=capsys)

    assert code == 0
    assert "- 2031-07-04 — statut blocked : attente\n" in read(small, AGENT_LOG)


def test_refused_outside_a_project_root(tmp_path, capsys):
    code, out, err = status(tmp_path, AGENT, "blocked", capsys=capsys)

    assert code == 1 and out == ""
    assert err.startswith(f"scaffold-status: {tmp_path} is not a VECTRA project root")
    assert err.count("\n") == 1


def test_a_unit_whose_block_is_missing_is_refused(small, capsys):
    text = read(small, STATUS)
    write(
        small,
        STATUS,
        text.replace(f"<!-- unit:{AGENT} -->", "").replace(f"<!-- /unit:{AGENT} -->", ""),
    )
    before = tree(small)

    code, _, err = status(small, AGENT, "blocked", capsys=capsys)

    assert code == 1
    assert err == (
        "scaffold-status: docs/workflow/STATUS.md has no whole block of agent-bant-qualifier "
        "(run make docs-sync)\n"
    )
    assert tree(small) == before


# --- status changes: the log and the block together ------------------------------


def test_blocked_with_a_note_changes_the_log_the_block_and_the_overview(small, capsys):
    fix_block = block_of(read(small, STATUS), FIX)

    code, out, err = status(
        small, AGENT, "blocked", "--note", "attente de la clé API", capsys=capsys
    )

    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "scaffold-status: agent-bant-qualifier in_progress -> blocked"
    log = read(small, AGENT_LOG)
    assert "**Statut:** blocked  \n**Priorité:** P1" in log
    assert f"## Notes\n\n- {TODAY} — statut blocked : attente de la clé API\n\n## Prochaines" in log
    assert "[Notes importantes" not in log
    text = read(small, STATUS)
    assert "**Statut:** blocked  \n**Note:** attente de la clé API  \n**Fichier log:**" in block_of(
        text, AGENT
    )
    assert block_of(text, FIX) == fix_block
    assert overview_of(text).endswith(
        "| Type | in_progress | completed | blocked | Total |\n"
        "|---|---:|---:|---:|---:|\n"
        "| agent | 0 | 0 | 1 | 1 |\n"
        "| fix | 1 | 0 | 0 | 1 |\n"
        "| **Total** | 1 | 0 | 1 | 2 |\n"
        "\n"
        "Bloquées :\n"
        "\n"
        "- [agent-bant-qualifier](logs/agents/2026-01-15_agent_bant-qualifier.md)"
        " : attente de la clé API\n"
        "\n"
        "Logs :\n"
        "\n"
        "- [agent-bant-qualifier](logs/agents/2026-01-15_agent_bant-qualifier.md) — blocked\n"
        "- [fix-celery-startup](logs/fixes/2026-01-15_fix_celery-startup.md) — in_progress\n"
    )
    assert scan(text).problems == []


def test_back_to_in_progress_drops_the_blocking_note_from_the_block(small, capsys):
    status(small, AGENT, "blocked", "--note", "attente", capsys=capsys)

    code, *_ = status(small, AGENT, "in_progress", capsys=capsys)

    assert code == 0
    text = read(small, STATUS)
    assert "**Note:**" not in text
    assert "Bloquées" not in text
    assert "| agent | 1 | 0 | 0 | 1 |" in text
    log = read(small, AGENT_LOG)
    assert "**Statut:** in_progress  \n" in log
    # The log keeps its history.
    assert f"- {TODAY} — statut blocked : attente\n" in log


def test_an_english_log_is_changed_in_its_own_words(small, capsys):
    code, *_ = status(small, FIX, "blocked", "--note", "waiting for the broker", capsys=capsys)

    assert code == 0
    log = read(small, FIX_LOG)
    assert "**Status:** blocked  \n" in log
    assert f"## Notes\n\n- {TODAY} — status blocked : waiting for the broker\n\n## Next" in log
    assert "**Status:** blocked  \n**Note:** waiting for the broker  \n" in read(small, STATUS)


def test_the_same_status_without_a_note_changes_nothing(small, capsys):
    before = tree(small)

    code, out, _ = status(small, AGENT, "in_progress", capsys=capsys)

    assert code == 0
    assert out == "scaffold-status: agent-bant-qualifier is already in_progress; nothing changed\n"
    assert tree(small) == before


# --- the gate: completed only when the final checklist finds nothing missing ----


def verified(root: Path, unit: str = AGENT) -> None:
    """The unit's block says its tests pass, as `vectra-scaffold verify` writes it."""
    text = read(root, STATUS)
    block = block_of(text, unit)
    write(
        root, STATUS, text.replace(block, block.replace("Tests passent: ❌", "Tests passent: ✅"))
    )


NOT_VERIFIED = f"tests: not verified passing (run make unit-verify UNIT={AGENT})"


@pytest.mark.parametrize(
    ("damage", "missing"),
    [
        (
            lambda root: None,
            [
                "completed: the log is completed but has unticked boxes",
                "coverage: no coverage report for its files (run make test)",
                NOT_VERIFIED,
            ],
        ),
        (
            lambda root: (
                tick_everything(root, AGENT_LOG),
                backend_coverage(root, 5),
                verified(root),
            ),
            ["coverage: backend 50 % < target 85 %"],
        ),
        (
            lambda root: (tick_everything(root, AGENT_LOG), backend_coverage(root, 9)),
            [NOT_VERIFIED],
        ),
        (
            lambda root: (
                tick_everything(root, AGENT_LOG),
                backend_coverage(root, 9),
                verified(root),
                (root / "backend/app/agents/bant_qualifier.py").unlink(),
            ),
            ["files: listed but missing: backend/app/agents/bant_qualifier.py"],
        ),
        (
            lambda root: (
                tick_everything(root, AGENT_LOG),
                backend_coverage(root, 9),
                verified(root),
                write(root, PROMPTS, "# DOC-TECH-004\n"),
            ),
            [
                "reference: docs/tech/DOC-TECH-004_AGENT_PROMPTS.md has no section of "
                "agent-bant-qualifier (run make docs-sync)"
            ],
        ),
    ],
    ids=[
        "unticked boxes",
        "coverage under target",
        "tests not verified",
        "listed file missing",
        "reference section",
    ],
)
def test_completed_is_refused_listing_what_is_missing(small, capsys, damage, missing):
    damage(small)
    before = tree(small)

    code, out, err = status(small, AGENT, "completed", capsys=capsys)

    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"scaffold-status: agent-bant-qualifier not completed: {len(missing)} "
        f'{"thing" if len(missing) == 1 else "things"} missing (or rerun with --force "reason"):',
        *(f"  - {line}" for line in missing),
    ]
    assert tree(small) == before


def test_completed_passes_when_nothing_is_missing(small, capsys):
    tick_everything(small, AGENT_LOG)
    backend_coverage(small, 9)
    verified(small)

    code, _, err = status(small, AGENT, "completed", capsys=capsys)

    assert (code, err) == (0, "")
    assert "**Statut:** completed  \n" in read(small, AGENT_LOG)
    assert "| agent | 0 | 1 | 0 | 1 |" in read(small, STATUS)
    assert "forcé" not in read(small, AGENT_LOG)


def test_force_completes_and_records_the_reason_and_what_was_missing(small, capsys):
    code, _, err = status(
        small, AGENT, "completed", "--force", "revue faite en pair", capsys=capsys
    )

    assert (code, err) == (0, "")
    log = read(small, AGENT_LOG)
    assert "**Statut:** completed  \n" in log
    assert (
        f"- {TODAY} — statut completed, forcé : revue faite en pair\n"
        "  - manquait : completed: the log is completed but has unticked boxes\n"
        "  - manquait : coverage: no coverage report for its files (run make test)\n"
        f"  - manquait : {NOT_VERIFIED}\n"
    ) in log
    assert "**Statut:** completed  \n" in block_of(read(small, STATUS), AGENT)


# --- git: one commit of the two files, when the project is a repository ------------


def test_one_commit_of_the_log_and_status_md(small, capsys):
    git_init(small)
    commit_all(small, "units")
    write(small, "README.md", "work in progress, not committed\n")

    code, out, _ = status(small, FIX, "blocked", "--note", "broker down", capsys=capsys)

    assert code == 0
    assert out.splitlines()[-1] == "committed: docs(workflow): fix-celery-startup blocked"
    assert (
        git(small, "log", "-1", "--format=%s").strip()
        == "docs(workflow): fix-celery-startup blocked"
    )
    changed = git(small, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == sorted([FIX_LOG, STATUS])
    assert git(small, "status", "--porcelain") == "?? README.md\n"


def test_no_commit_outside_a_repository(small, capsys):
    code, out, _ = status(small, FIX, "blocked", capsys=capsys)

    assert code == 0
    assert "committed" not in out
    assert not (small / ".git").exists()
    assert "**Status:** blocked  \n" in read(small, FIX_LOG)


# --- the overview: docs-sync, remove and the merge driver keep it true ------------


def test_the_overview_speaks_its_blocks_language():
    def document(label: str) -> str:
        return (
            "<!-- unit:fix-celery-startup -->\n"
            + status_section("fix", "celery-startup", "fixes", label).replace(
                "in_progress", "blocked"
            )
            + "<!-- /unit:fix-celery-startup -->\n"
        )

    english = overview.render(overview.entries(document("Status")))
    french = overview.render(overview.entries(document("Statut")))

    assert "## Overview" in english and "\nBlocked:\n" in english
    assert "## Vue d'ensemble" in french and "\nBloquées :\n" in french
    assert "Overview" not in french


def test_docs_sync_writes_the_overview_before_the_first_block_once(small):
    text = read(small, STATUS)

    assert text.count(overview.OVERVIEW_START) == 1
    assert text.index(overview.OVERVIEW_END) < text.index(f"<!-- unit:{AGENT} -->")
    assert "| **Total** | 2 | 0 | 0 | 2 |" in text
    assert docs_sync.sync(small) == 0
    assert read(small, STATUS) == text


def test_docs_sync_rewrites_a_stale_or_garbled_overview(small):
    text = read(small, STATUS)
    garbled = text.replace("| **Total** | 2 | 0 | 0 | 2 |", "<<<<<<< ours\n| **Total** | 9 |\n")
    write(small, STATUS, garbled.replace(overview.OVERVIEW_END + "\n", ""))

    assert docs_sync.sync(small) == 0

    assert read(small, STATUS) == text


def test_an_empty_status_md_says_so():
    assert overview.refresh("# STATUS\n") == (
        "# STATUS\n\n<!-- overview -->\n"
        "<!-- Généré par vectra-scaffold (docs-sync, status) depuis les blocs ci-dessous :"
        " ne pas modifier à la main. -->\n"
        "## Vue d'ensemble\n\nAucune unité pour l'instant.\n<!-- /overview -->\n"
    )


def test_removing_a_unit_counts_it_out_of_the_overview(small):
    documents, damaged = remove.documents(small, AGENT)

    assert damaged == []
    text = documents[STATUS]
    assert f"unit:{AGENT}" not in text
    assert "| **Total** | 1 | 0 | 0 | 1 |" in text
    assert "agent" not in overview_of(text)


def changed_block(text: str, unit: str, new_status: str) -> str:
    block = block_of(text, unit)
    return text.replace(block, block.replace("in_progress", new_status))


def test_two_branches_changing_two_units_merge_clean_with_a_true_overview(small):
    base = read(small, STATUS)
    ours = overview.refresh(changed_block(base, AGENT, "blocked"))
    theirs = overview.refresh(changed_block(base, FIX, "completed"))
    # Without the overview, both sides' changes to it would meet.
    assert overview_of(ours) != overview_of(base) != overview_of(theirs)

    merged, clean = merge_docs.merge_document(base, ours, theirs)

    assert clean
    assert "<<<<<<<" not in merged
    assert "| agent | 0 | 0 | 1 | 1 |" in merged
    assert "| fix | 0 | 1 | 0 | 1 |" in merged
    assert "| **Total** | 0 | 1 | 1 | 2 |" in merged
    assert merged.count(overview.OVERVIEW_START) == 1
    assert "**Statut:** blocked" in block_of(merged, AGENT)
    assert "**Status:** completed" in block_of(merged, FIX)


def test_a_merge_adding_a_unit_on_each_side_counts_both(small):
    base = read(small, STATUS)
    section = status_section("api", "leads", "api")
    ours = overview.refresh(docs_sync.with_section(base, "api-leads", section))
    theirs = overview.refresh(
        docs_sync.with_section(
            base, "component-lead-card", status_section("component", "lead-card", "components")
        )
    )

    merged, clean = merge_docs.merge_document(base, ours, theirs)

    assert clean
    assert "| **Total** | 4 | 0 | 0 | 4 |" in merged
    assert "| api | 1 | 0 | 0 | 1 |" in merged and "| component | 1 | 0 | 0 | 1 |" in merged


def test_the_same_unit_changed_on_both_sides_still_conflicts_in_its_block(small):
    base = read(small, STATUS)
    ours = overview.refresh(changed_block(base, AGENT, "blocked"))
    theirs = overview.refresh(changed_block(base, AGENT, "completed"))

    merged, clean = merge_docs.merge_document(base, ours, theirs)

    assert not clean
    assert "<<<<<<< ours" in block_of(merged, AGENT)
    assert "<<<<<<<" not in overview_of(merged)


def test_documents_without_an_overview_merge_as_before():
    base = "# DOC\n\n<!-- unit:a-x -->\nA\n<!-- /unit:a-x -->\n"
    ours = base + "\n<!-- unit:b-y -->\nB\n<!-- /unit:b-y -->\n"

    assert merge_docs.merge_document(base, ours, base) == (ours, True)


# --- the whole lifecycle, in a project copier bootstrapped ------------------------


def tool_script(folder: Path) -> Path:
    """This checkout's vectra-scaffold as one executable, for the Makefile and git."""
    script = folder / "vectra-scaffold"
    python = f'PYTHONPATH="{ROOT / "extensions"}" exec "{sys.executable}"'
    script.write_text(f'#!/bin/sh\n{python} -m vectra_scaffold "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_lifecycle_in_a_bootstrapped_project(project, tmp_path):
    scaffold(project, type="agent", name="bant-qualifier")
    scaffold(project, type="fix", name="celery-startup", target="app.core.celery_app")
    commit_all(project, "two units")
    tool = tool_script(tmp_path)
    make = ["make", "--no-print-directory", f"SCAFFOLD={tool}"]
    subprocess.run([*make, "merge-driver"], cwd=project, check=True, capture_output=True)
    text = read(project, STATUS)
    assert "| **Total** | 2 | 0 | 0 | 2 |" in text

    # One branch blocks the agent, through the Makefile.
    git(project, "checkout", "-q", "-b", "agent-blocked")
    blocked = subprocess.run(
        [*make, "unit-status", f"UNIT={AGENT}", "STATUS=blocked", 'NOTE=attente de la clé "API"'],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert blocked.returncode == 0, blocked.stderr
    assert git(project, "log", "-1", "--format=%s").strip() == f"docs(workflow): {AGENT} blocked"
    changed = git(project, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == sorted([AGENT_LOG, STATUS])
    assert "**Statut:** blocked" in read(project, AGENT_LOG)
    assert f'- {TODAY} — statut blocked : attente de la clé "API"' in read(project, AGENT_LOG)
    assert '**Note:** attente de la clé "API"' in block_of(read(project, STATUS), AGENT)

    # The other completes the fix: refused with what is missing, then forced.
    git(project, "checkout", "-q", "main")
    refused = scaffold_tool(project, "status", FIX, "completed")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f'scaffold-status: {FIX} not completed: 3 things missing (or rerun with --force "reason"):',
        "  - completed: the log is completed but has unticked boxes",
        "  - regression: backend/tests/test_regression_celery_startup.py is still the "
        "unwritten skeleton",
        f"  - tests: not verified passing (run make unit-verify UNIT={FIX})",
    ]
    assert git(project, "status", "--porcelain") == ""
    forced = scaffold_tool(project, "status", FIX, "completed", "--force", "test écrit ailleurs")
    assert forced.returncode == 0, forced.stderr
    assert f"- {TODAY} — statut completed, forcé : test écrit ailleurs" in read(project, FIX_LOG)

    merge = subprocess.run(
        ["git", "merge", "--no-edit", "agent-blocked"], cwd=project, capture_output=True, text=True
    )

    assert merge.returncode == 0, merge.stdout + merge.stderr
    text = read(project, STATUS)
    assert "<<<<<<<" not in text and scan(text).problems == []
    assert "**Statut:** blocked" in block_of(text, AGENT)
    assert "**Statut:** completed" in block_of(text, FIX)
    assert "| agent | 0 | 0 | 1 | 1 |" in text
    assert "| fix | 0 | 1 | 0 | 1 |" in text
    assert "| **Total** | 0 | 1 | 1 | 2 |" in text
    assert (
        "- [agent-bant-qualifier](logs/agents/2026-01-15_agent_bant-qualifier.md)"
        ' : attente de la clé "API"'
    ) in text
    # The merged document is what docs-sync would write: nothing left to repair.
    assert docs_sync.sync(project) == 0
    assert git(project, "status", "--porcelain") == ""
