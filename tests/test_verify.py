"""`vectra-scaffold verify` (make unit-verify, issue 24): a unit's own tests and
coverage measured, then written into its STATUS block and its log. The text
edits as in-process tables; one generated project where the measure is
compared with the project's own `make test-backend` report."""

import json
import re
import shutil
import subprocess

import pytest
import yaml
from conftest import project_sharing_installs, run
from vectra_scaffold import data, verify
from vectra_scaffold import unit as unit_model
from vectra_scaffold.verify import Measure

BLOCK = (
    "<!-- unit:api-leads -->\n"
    "## 2026-01-15 - Api - leads\n\n"
    "**{status}:** in_progress  \n\n"
    "### Tests\n\n"
    "- Coverage: {coverage}\n"
    "- {tests}: ❌\n"
    "<!-- /unit:api-leads -->\n"
)


@pytest.mark.parametrize(
    ("labels", "before", "measured", "after"),
    [
        (("Statut", "Tests passent"), "— (cible : 80 %)", "87 %", "87 % (cible : 80 %)"),
        (("Status", "Tests pass"), "— (target : 80 %)", "87 %", "87 % (target : 80 %)"),
        (
            ("Statut", "Tests passent"),
            "12 % (cible : backend 80 %, frontend 70 %)",
            "backend 81 %, frontend 70 %",
            "backend 81 %, frontend 70 % (cible : backend 80 %, frontend 70 %)",
        ),
        (("Statut", "Tests passent"), "—", "40 %", "40 %"),
    ],
)
def test_the_block_says_the_measured_coverage_and_whether_the_tests_pass(
    labels, before, measured, after
):
    status, tests = labels
    text = "# STATUS\n\n" + BLOCK.format(status=status, coverage=before, tests=tests)

    written = verify.with_block(text, "api-leads", measured, passed=True)

    assert f"- Coverage: {after}\n" in written
    assert f"- {tests}: ✅\n" in written
    assert verify.with_block(written, "api-leads", measured, passed=False).count("❌") == 1


def test_a_unit_without_a_block_is_refused():
    with pytest.raises(verify.status.Refused, match="no whole block of api-other"):
        verify.with_block("# STATUS\n", "api-other", "80 %", passed=True)


LOG_TESTS = """## Tests

- [ ] Tests unitaires créés
- [x] Tests d'intégration créés
- [x] Coverage atteint (cible : 80 %)

## Notes
"""


def test_the_log_boxes_verify_measures_follow_the_measure_and_no_other():
    written = verify.with_boxes(LOG_TESTS, "fr", {"unit_tests": True, "coverage": False})

    assert "- [x] Tests unitaires créés" in written
    assert "- [ ] Coverage atteint (cible : 80 %)" in written
    # Not measured by verify: left as the developer put it.
    assert "- [x] Tests d'intégration créés" in written
    english = LOG_TESTS.replace("Tests unitaires créés", "Unit tests written")
    assert "- [x] Unit tests written" in verify.with_boxes(english, "en", {"unit_tests": True})


@pytest.mark.parametrize(
    ("coverage", "targets", "text", "reached"),
    [
        ({"backend": (87, 100)}, {"": 80}, "87 %", True),
        ({"backend": (79, 100)}, {"": 80}, "79 %", False),
        ({"backend": (79, 100)}, {}, "79 %", True),
        (
            {"backend": (90, 100), "frontend": (69, 100)},
            {"backend": 80, "frontend": 70},
            "backend 90 %, frontend 69 %",
            False,
        ),
        ({"frontend": (0, 0)}, {"frontend": 70}, "frontend 100 %", True),
        ({}, {"": 80}, "—", False),
    ],
)
def test_coverage_is_written_per_part_and_reached_only_when_every_part_is(
    coverage, targets, text, reached
):
    measure = Measure(coverage=coverage)

    assert verify.coverage_text(measure, "fr", targets) == text
    assert verify.reached(measure, targets) is reached


def test_the_unit_files_are_sorted_into_tests_and_code_of_each_part():
    log = (
        "## Fichiers Créés/Modifiés\n\n"
        "- `backend/app/services/lead.py`\n"
        "- `backend/tests/test_lead_service.py`\n"
        "- `backend/tests/helpers.py`\n"
        "- `frontend/src/components/LeadList/LeadList.tsx`\n"
        "- `frontend/src/components/LeadList/LeadList.test.tsx`\n"
        "- `frontend/tests/e2e/leads.spec.ts`\n"
        "- `docs/workflow/STATUS.md`\n\n"
        "## Tests\n\n- [ ] Coverage atteint (cible : backend 80 %, frontend 70 %)\n"
    )

    assert verify.unit_files(log) == {
        "backend_tests": ["backend/tests/test_lead_service.py"],
        "backend_code": ["backend/app/services/lead.py"],
        "frontend_tests": ["frontend/src/components/LeadList/LeadList.test.tsx"],
        "frontend_code": ["frontend/src/components/LeadList/LeadList.tsx"],
    }
    assert verify.workflow_check.coverage_targets(log) == {"backend": 80, "frontend": 70}


# --- in a generated project -------------------------------------------------------------

UNITS = [
    {"type": "api", "name": "leads-endpoints", "fields": "email:str company:str?"},
    {"type": "agent", "name": "bant-qualifier"},
    {"type": "component", "name": "lead-card"},
    {
        "type": "feature",
        "name": "campaign-wizard",
        "entity": "campaign",
        "fields": "name:str budget:int?",
    },
]
STATUS = "docs/workflow/STATUS.md"
MEASURED = re.compile(r"(?:(backend|frontend) )?(\d+) %")


def whole_run_coverage(project) -> dict[str, tuple[int, int]]:
    """(covered, total) lines per file, from the project's own `make test` reports."""
    backend = json.loads((project / "backend/coverage.json").read_text())["files"]
    frontend = json.loads((project / "frontend/coverage/coverage-summary.json").read_text())
    figures = {
        f"backend/{path}": (entry["summary"]["covered_lines"], entry["summary"]["num_statements"])
        for path, entry in backend.items()
    }
    for path, entry in frontend.items():
        if path != "total":
            relative = "frontend/" + path.split("/frontend/", 1)[1]
            figures[relative] = (entry["lines"]["covered"], entry["lines"]["total"])
    return figures


def written_coverage(project, unit: str) -> dict[str, int]:
    block = (project / STATUS).read_text().split(f"<!-- unit:{unit} -->")[1]
    line = next(row for row in block.splitlines() if row.startswith("- Coverage:"))
    return {part or "": int(value) for part, value in MEASURED.findall(line.split("(")[0])}


@pytest.mark.slow
def test_verify_writes_what_the_projects_own_test_run_measures(installed_project, tmp_path):
    project = project_sharing_installs(installed_project, tmp_path / "p", UNITS)
    run(project, "make", "test")
    whole = whole_run_coverage(project)
    (project / "backend/coverage.json").unlink()
    shutil.rmtree(project / "frontend/coverage")

    for answers in UNITS:
        unit = f"{answers['type']}-{answers['name']}"
        output = run(project, "make", "unit-verify", f"UNIT={unit}")

        code = [
            path
            for path in unit_model.build_unit(
                yaml.safe_load((project / f".copier-answers/{unit}.yml").read_text())
            ).files
            if path.startswith(("backend/app/", "frontend/src/")) and ".test." not in path
        ]
        written = written_coverage(project, unit)
        target = data.coverage_target(answers["type"])
        for part, percent in written.items():
            files = [path for path in code if path.startswith(part or ("backend", "frontend"))]
            covered = sum(whole[path][0] for path in files if path in whole)
            total = sum(whole[path][1] for path in files if path in whole)
            # Its own tests cover at most what the whole suite does, and reach the target.
            assert total > 0, (unit, part)
            assert percent <= round(100 * covered / total), (unit, part, output)
        block = (project / STATUS).read_text().split(f"<!-- unit:{unit} -->")[1]
        assert "Tests passent: ✅" in block.split("<!-- /unit:")[0], (unit, output)
        assert set(written) == ({""} if isinstance(target, int) else set(target)), written
        for part, percent in written.items():
            assert percent >= (target if isinstance(target, int) else target[part]), (unit, part)
    run(project, "make", "workflow-check")

    # A failing test of the unit: measured and written as such, exit 1.
    log = "docs/workflow/logs/api/2026-01-15_api_leads-endpoints.md"
    test_file = project / "backend/tests/test_lead_service.py"
    test_file.write_text(test_file.read_text() + "\n\ndef test_broken():\n    assert False\n")
    failed = subprocess.run(
        ["make", "unit-verify", "UNIT=api-leads-endpoints"], cwd=project, capture_output=True
    )
    assert failed.returncode != 0
    block = (project / STATUS).read_text().split("<!-- unit:api-leads-endpoints -->")[1]
    assert "- Tests passent: ❌" in block.split("<!-- /unit:")[0]
    assert "- [ ] Tests unitaires créés" in (project / log).read_text()


def test_a_type_names_each_of_its_units_and_an_unknown_one_is_refused(tmp_path):
    answers = tmp_path / ".copier-answers"
    answers.mkdir()
    for unit in ("agent-bant-qualifier", "agent-lead-enricher", "api-leads-endpoints"):
        (answers / f"{unit}.yml").write_text("type: x\n")

    assert verify.units_named(tmp_path, ["agent", "fix-celery"]) == [
        "agent-bant-qualifier",
        "agent-lead-enricher",
        "fix-celery",
    ]
    with pytest.raises(verify.status.Refused, match="no component unit in this project"):
        verify.units_named(tmp_path, ["component"])
