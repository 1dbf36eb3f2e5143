"""`vectra-scaffold verify` (make unit-verify, issue 24): a unit's own tests and
coverage measured, then written into its STATUS block and its log: the text
edits, as in-process tables. The measure in a generated project, compared with
the project's own `make test` report, is in tests/test_upgrade.py (the upgraded
project, whose `make test` has just run)."""

import pytest
from vectra_scaffold import verify
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
