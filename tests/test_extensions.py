"""The extension functions, called directly."""

import pytest
from conftest import vectra


@pytest.mark.parametrize(
    ("name", "snake", "pascal", "camel", "kebab"),
    [
        ("bant-qualifier", "bant_qualifier", "BantQualifier", "bantQualifier", "bant-qualifier"),
        ("lead-card", "lead_card", "LeadCard", "leadCard", "lead-card"),
        (
            "add-lead-enrichment",
            "add_lead_enrichment",
            "AddLeadEnrichment",
            "addLeadEnrichment",
            "add-lead-enrichment",
        ),
        (
            "campaigns-endpoints",
            "campaigns_endpoints",
            "CampaignsEndpoints",
            "campaignsEndpoints",
            "campaigns-endpoints",
        ),
        ("x", "x", "X", "x", "x"),
        ("a-b", "a_b", "AB", "aB", "a-b"),
        ("lead2-card3", "lead2_card3", "Lead2Card3", "lead2Card3", "lead2-card3"),
        ("v2", "v2", "V2", "v2", "v2"),
        ("LeadCard", "lead_card", "LeadCard", "leadCard", "lead-card"),
        ("lead_card", "lead_card", "LeadCard", "leadCard", "lead-card"),
    ],
)
def test_naming_forms(name, snake, pascal, camel, kebab):
    assert vectra.snake(name) == snake
    assert vectra.pascal(name) == pascal
    assert vectra.camel(name) == camel
    assert vectra.kebab(name) == kebab


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("campaign", "campaigns"),
        ("lead", "leads"),
        ("company", "companies"),
        ("address", "addresses"),
        ("box", "boxes"),
        ("batch", "batches"),
        ("key", "keys"),
        ("lead-card", "lead-cards"),
        ("lead_company", "lead_companies"),
        ("item", "items"),
    ],
)
def test_plural_and_singular_are_inverse(singular, plural):
    assert vectra.plural(singular) == plural
    assert vectra.singular(plural) == singular


def test_singular_keeps_words_ending_in_double_s():
    assert vectra.singular("class") == "class"


@pytest.mark.parametrize(
    "name", ["bant-qualifier", "lead-card", "x", "a1", "campaigns-endpoints", "a" * 60]
)
def test_valid_names_pass(name):
    assert vectra.name_error(name) == ""


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("", "required"),
        ("Bant", "kebab-case"),
        ("bant qualifier", "kebab-case"),
        ("../x", "kebab-case"),
        ("a/b", "kebab-case"),
        ("1lead", "kebab-case"),
        ("lead--card", "kebab-case"),
        ("lead-", "kebab-case"),
        ("lead_card", "kebab-case"),
        ("a" * 61, "at most 60 characters"),
        ("class", "reserved word"),
        ("default", "reserved word"),
        ("import", "reserved word"),
        ("lambda", "reserved word"),
    ],
)
def test_invalid_names_name_the_rule(name, rule):
    error = vectra.name_error(name)
    assert error.startswith("name: ")
    assert rule in error
    assert "\n" not in error


@pytest.mark.parametrize(
    ("value", "rule"),
    [("2026-1-5", "YYYY-MM-DD"), ("15/01/2026", "YYYY-MM-DD"), ("2026-02-30", "calendar")],
)
def test_invalid_dates_name_the_rule(value, rule):
    assert vectra.date_error(value).startswith("date: ")
    assert rule in vectra.date_error(value)


def test_valid_date_passes():
    assert vectra.date_error("2026-01-15") == ""


def test_today_is_an_iso_date():
    assert vectra.date_error(vectra.today()) == ""


def test_log_path_follows_the_seed_naming():
    assert (
        vectra.log_path("agent", "2026-01-15", "bant-qualifier")
        == "docs/workflow/logs/agents/2026-01-15_agent_bant-qualifier.md"
    )
    assert vectra.log_path("api", "2026-01-15", "campaigns-endpoints") == (
        "docs/workflow/logs/api/2026-01-15_api_campaigns-endpoints.md"
    )
    assert vectra.log_path("project", "2026-01-15", "vectra") == ""


@pytest.mark.parametrize(
    ("type_", "target"),
    [("component", 70), ("api", 80), ("agent", 85), ("database", None), ("fix", None)],
)
def test_coverage_targets_of_the_seed(type_, target):
    assert vectra.coverage_target(type_) == target


def test_feature_coverage_is_per_part():
    assert vectra.coverage_text("feature", "fr") == "backend 80 %, frontend 70 %"


def test_test_type_takes_the_coverage_of_the_tested_kind():
    assert vectra.coverage_target("test", "unit-agent") == 85
    assert vectra.coverage_target("test", "component") == 70
    assert vectra.coverage_target("test") is None


def test_reference_documents_of_the_seed():
    assert vectra.reference_doc("agent") == "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md"
    assert vectra.reference_doc("fix") == ""


def test_answer_given_with_data_is_left_to_the_context_hook():
    assert vectra.prompt_error("name", "Bad", {"name": "Bad"}) == ""
    assert vectra.prompt_error("name", "Bad", {}).startswith("name: ")


def test_first_answer_error_reports_in_question_order():
    answers = {"type": "api", "name": "Bad", "date": "nope"}
    assert vectra.first_answer_error(answers).startswith("name: ")
    assert vectra.first_answer_error({"type": "api", "name": "ok"}) == ""


def test_pending_steps_leave_out_what_the_scaffold_did():
    paths = vectra.unit_paths({"type": "agent", "name": "bant-qualifier", "date": "2026-01-15"})
    pending = vectra.pending_steps("agent", "fr", paths)
    assert "Créer le log" not in pending
    assert "Créer la task Celery (si async)" in pending
    assert "Identifier le prompt système" in pending
    with_task = vectra.unit_paths(
        {**{"type": "agent", "name": "x", "date": "2026-01-15"}, "async_task": True}
    )
    assert "Créer la task Celery (si async)" not in vectra.pending_steps("agent", "fr", with_task)
