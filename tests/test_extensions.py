"""The extension functions, called directly."""

import cProfile
import datetime
import pstats
import re
from pathlib import Path

import pytest
import vectra
import yaml
from conftest import copy, mark_project_root
from vectra_scaffold import clock, data, fields, layout, naming, probes, rules, steps
from vectra_scaffold import unit as unit_model


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
        ("LeadWithACard", "lead_with_a_card", "LeadWithACard", "leadWithACard", "lead-with-a-card"),
    ],
)
def test_naming_forms(name, snake, pascal, camel, kebab):
    assert naming.snake(name) == snake
    assert naming.pascal(name) == pascal
    assert naming.camel(name) == camel
    assert naming.kebab(name) == kebab


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
        # irregular: a real inflector (issue 10)
        ("status", "statuses"),
        ("lead-status", "lead-statuses"),
        ("person", "people"),
        ("analysis", "analyses"),
        ("child", "children"),
        ("datum", "data"),
        ("matrix", "matrices"),
    ],
)
def test_plural_and_singular_are_inverse(singular, plural):
    assert naming.plural(singular) == plural
    assert naming.singular(plural) == singular


def test_singular_keeps_words_ending_in_double_s():
    assert naming.singular("class") == "class"


@pytest.mark.parametrize(
    "name", ["bant-qualifier", "lead-card", "x", "a1", "campaigns-endpoints", "a" * 60]
)
def test_valid_names_pass(name):
    assert rules.name_error(name) == ""


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
    error = rules.name_error(name)
    assert error.startswith("name: ")
    assert rule in error
    assert "\n" not in error


@pytest.mark.parametrize(
    ("value", "rule"),
    [("2026-1-5", "YYYY-MM-DD"), ("15/01/2026", "YYYY-MM-DD"), ("2026-02-30", "calendar")],
)
def test_invalid_dates_name_the_rule(value, rule):
    assert rules.date_error(value).startswith("date: ")
    assert rule in rules.date_error(value)


def test_valid_date_passes():
    assert rules.date_error("2026-01-15") == ""


def test_today_is_the_machines_date_unless_vectra_today_fixes_it(monkeypatch):
    monkeypatch.delenv(clock.OVERRIDE)
    before = datetime.date.today().isoformat()
    read = clock.today()
    after = datetime.date.today().isoformat()
    assert read in {before, after}

    monkeypatch.setenv(clock.OVERRIDE, "2031-07-04")
    assert clock.today() == "2031-07-04"


def test_log_path_follows_the_seed_naming():
    assert (
        data.log_path("agent", "2026-01-15", "bant-qualifier")
        == "docs/workflow/logs/agents/2026-01-15_agent_bant-qualifier.md"
    )
    assert data.log_path("api", "2026-01-15", "campaigns-endpoints") == (
        "docs/workflow/logs/api/2026-01-15_api_campaigns-endpoints.md"
    )
    assert data.log_path("project", "2026-01-15", "vectra") == ""


@pytest.mark.parametrize(
    ("type_", "target"),
    [("component", 70), ("api", 80), ("agent", 85), ("database", None), ("fix", None)],
)
def test_coverage_targets_of_the_seed(type_, target):
    assert data.coverage_target(type_) == target


def test_feature_coverage_is_per_part():
    assert data.coverage_text("feature", "fr") == "backend 80 %, frontend 70 %"


def test_test_type_takes_the_coverage_of_the_tested_kind():
    assert data.coverage_target("test", "unit-agent") == 85
    assert data.coverage_target("test", "component") == 70
    assert data.coverage_target("test") is None


def test_reference_documents_of_the_seed():
    assert data.reference_doc("agent") == "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md"
    assert data.reference_doc("fix") == ""


def conf(dst_path="", data=None):
    """The part of copier's `_copier_conf` that the validators read."""
    return {"data": data or {}, "dst_path": dst_path, "overwrite": False}


def test_answer_given_with_data_is_left_to_the_context_hook():
    assert vectra.prompt_error("name", "Bad", conf(data={"name": "Bad"})) == ""
    assert vectra.prompt_error("name", "Bad", conf()).startswith("name: ")


def test_first_answer_error_reports_in_question_order():
    answers = {"type": "api", "name": "Bad", "date": "nope"}
    assert rules.first_answer_error(answers).startswith("name: ")
    assert rules.first_answer_error({"type": "api", "name": "ok"}) == ""


def test_pending_steps_leave_out_what_the_scaffold_did():
    agent = {"type": "agent", "name": "bant-qualifier", "date": "2026-01-15"}
    written = unit_model.build_unit({**agent, "async_task": False}).writes.parts
    pending = steps.pending_steps("agent", "fr", written)
    assert "Créer le log" not in pending
    assert "Créer la task Celery (si async)" in pending
    assert "Identifier le prompt système" in pending
    with_task = unit_model.build_unit(agent).writes.parts
    assert "Créer la task Celery (si async)" not in steps.pending_steps("agent", "fr", with_task)


def test_parse_fields_gives_each_layer_its_type():
    parsed = fields.parse_fields("name:str budget:int? starts_at:datetime")

    assert [(f["name"], f["type"], f["optional"]) for f in parsed] == [
        ("name", "str", False),
        ("budget", "int", True),
        ("starts_at", "datetime", False),
    ]
    assert parsed[1]["sqlalchemy"] == "Integer"
    assert parsed[1]["python"] == "int"
    assert parsed[1]["typescript"] == "number"
    assert parsed[2]["camel"] == "startsAt"
    assert parsed[2]["label"] == "Starts at"
    assert parsed[2]["alembic"] == "sa.DateTime(timezone=True)"


@pytest.mark.parametrize("type_", list(data.field_types()))
def test_every_field_type_has_every_layer(type_):
    token = "x:enum(new,lost)" if type_ == "enum" else f"x:{type_}"
    (field,) = fields.with_entity(list(fields.parse_fields(token)), "lead")

    assert set(field) >= {
        "sqlalchemy",
        "alembic",
        "python",
        "typescript",
        "zod",
        "input",
        "display",
        "reader",
        "sample",
        "value",
        "sample_alt",
        "invalid",
    }, type_
    # Agents answer with plain types only: those have a neutral answer.
    assert ("fallback" in field) is (type_ not in ("ref", "enum"))


def test_the_form_layer_is_in_the_table_not_in_the_templates():
    """Per-type maps live in work_types.yml: no template restates one."""
    root = Path(__file__).parent.parent / "template"
    templates = [*(root / "unit").rglob("*.jinja"), *(root / "parts").rglob("*.jinja")]
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert not re.search(r'\{\s*"(str|text|int|integer|uuid)"\s*:', text), template


def test_each_field_gets_its_form_control_and_display():
    parsed = fields.parse_fields("n:int active:bool vip:bool? at:datetime notes:text price:decimal")

    assert [(f["name"], f["input"], f["display"]) for f in parsed] == [
        ("n", "integer", "integer"),
        ("active", "boolean", "boolean"),
        ("vip", "optional-boolean", "boolean"),
        ("at", "datetime", "datetime"),
        ("notes", "textarea", "text"),
        ("price", "decimal", "decimal"),
    ]


def test_empty_field_list_is_no_fields():
    assert fields.parse_fields("") == ()
    assert fields.fields_error("fields", "") == ""


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("budget:money", "unknown type 'money'; allowed: str, text, int"),
        ("budget", "is not name:type"),
        (":int", "is not name:type"),
        ("budget:", "is not name:type"),
        ("Budget:int", "snake_case"),
        ("1st:int", "snake_case"),
        ("for:int", "reserved word"),
        ("tenant_id:uuid", "built-in column"),
        ("a:int a:str", "given twice"),
    ],
)
def test_bad_field_lists_name_the_token(spec, message):
    error = fields.fields_error("fields", spec)
    assert error.startswith("fields: ")
    assert message in error


def test_python_imports_follow_the_field_types():
    parsed = fields.parse_fields("a:uuid b:date c:datetime d:decimal e:json f:str")
    assert fields.python_imports(parsed) == [
        "import uuid",
        "from datetime import date, datetime",
        "from decimal import Decimal",
        "from typing import Any",
    ]
    assert fields.python_imports(fields.parse_fields("a:str")) == []
    assert fields.sqlalchemy_imports(parsed) == "JSON, Date, Numeric, String, Uuid"
    assert fields.sqlalchemy_imports(parsed, "app.db.types") == "UTCDateTime"


def test_fit_call_lays_out_like_ruff():
    assert layout.fit_call(4, "f", ["a", "b"]) == "    f(a, b)"
    long_args = ["argument_" + "x" * 30, "second_" + "y" * 30]
    assert layout.fit_call(4, "function_" + "z" * 30, long_args) == (
        "    function_" + "z" * 30 + "(\n        " + ", ".join(long_args) + "\n    )"
    )
    many = [f"argument_number_{i}_" + "w" * 10 for i in range(5)]
    laid_out = layout.fit_call(0, "f", many, ":")
    assert laid_out.splitlines()[1:] == [f"    {arg}," for arg in many] + ["):"]


def test_fit_import_breaks_one_name_a_line():
    assert layout.fit_import("app.x", ["B", "A"]) == "from app.x import A, B"
    names = [f"VeryLongGeneratedName{i}Something" for i in range(4)]
    assert layout.fit_import("app.module", names).splitlines() == [
        "from app.module import (",
        *[f"    {name}," for name in names],
        ")",
    ]


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("campaigns-endpoints", "campaign"),
        ("leads-api", "lead"),
        ("lead-scores", "lead-score"),
        ("companies", "company"),
        ("api", "api"),
        ("statuses-api", "status"),
        ("people-endpoints", "person"),
    ],
)
def test_default_entity_from_the_unit_name(name, entity):
    assert naming.default_entity(name) == entity


def test_entity_names_give_every_form():
    names = naming.entity_names("lead-score")
    assert names["snake"] == "lead_score"
    assert names["pascal"] == "LeadScore"
    assert names["table"] == "lead_scores"
    assert names["plural_kebab"] == "lead-scores"


def test_human_labels():
    assert naming.human("starts_at") == "Starts at"
    assert naming.human("lead-score") == "Lead score"


@pytest.mark.parametrize(
    ("name", "agent_class"),
    [("bant-qualifier", "BantQualifierAgent"), ("lead-agent", "LeadAgent"), ("agent", "Agent")],
)
def test_agent_class_does_not_double_the_word(name, agent_class):
    unit = unit_model.build_unit({"type": "agent", "name": name, "date": "2026-01-15"})
    assert unit.agent_class == agent_class


def test_unit_model_is_one_class_per_type():
    for type_ in data.type_names():
        unit = unit_model.build_unit({"type": type_, "name": "x", "target": "campaign"})
        assert unit.type == type_
        assert type(unit) is unit_model.UNIT_CLASSES[type_]


def test_unit_files_come_from_the_template_tree():
    answers = {"type": "api", "name": "statuses-api", "date": "2026-01-15", "entity": "status"}
    unit = unit_model.build_unit({**answers, "revision": "abc", "operations": "list,get"})
    assert unit.entity["table"] == "statuses"
    assert unit.operation_list == ["list", "get"]
    assert "backend/app/models/status.py" in unit.files
    assert "backend/alembic/versions/abc_create_statuses.py" in unit.files
    assert ".copier-answers/api-statuses-api.yml" in unit.files
    assert unit.modified_docs == [
        "docs/tech/DOC-TECH-001_DATABASE_SCHEMA.md",
        "docs/tech/DOC-TECH-002_API_CONTRACTS.md",
        "docs/workflow/STATUS.md",
    ]
    without_model = unit_model.build_unit({**answers, "with_model": False})
    assert "backend/app/models/status.py" not in without_model.files
    assert not without_model.writes.migration


@pytest.mark.parametrize(
    ("answers", "question", "asked"),
    [
        ({"type": "api"}, "operations", True),
        ({"type": "api", "with_model": False}, "revision", False),
        ({"type": "feature", "backend": False}, "with_model", False),
        ({"type": "component", "kind": "page"}, "route", True),
        ({"type": "component", "kind": "page"}, "reusable", False),
        ({"type": "component"}, "zod_props", True),
        ({"type": "agent"}, "entity", False),
        ({"type": "project"}, "kind", False),
        ({}, "entity", False),
    ],
)
def test_each_type_asks_its_own_questions(answers, question, asked):
    assert unit_model.asks(answers, question) is asked


def test_the_context_hook_builds_the_unit_once_per_run(tmp_path):
    """copier makes a Jinja context for every string it renders (hundreds per
    unit); the unit is built from the final answers once. Counted with a
    profiler: the template copier runs is its own clone of this checkout."""
    mark_project_root(tmp_path)
    profiler = cProfile.Profile()
    profiler.runcall(copy, tmp_path, type="api", name="campaigns-endpoints", date="2026-01-15")
    stats = pstats.Stats(profiler).stats
    calls = {
        name: count
        for (file, _, name), (count, *_) in stats.items()
        if file.endswith("vectra_scaffold/unit.py")
    }
    assert (tmp_path / "backend/app/models/campaign.py").exists()
    assert calls["build_unit"] == 1
    assert calls["tree_files"] == 1


def test_revision_id_is_stable_and_fits_alembic():
    first = unit_model.revision_id("database", "add-lead-enrichment", "2026-01-15")
    assert first == unit_model.revision_id("database", "add-lead-enrichment", "2026-01-15")
    assert first != unit_model.revision_id("database", "add-lead-enrichment", "2026-01-16")
    assert len(first) == 12


def test_alembic_head_follows_the_chain(tmp_path):
    versions = tmp_path / "backend/alembic/versions"
    versions.mkdir(parents=True)
    assert probes.alembic_head(str(tmp_path)) == ""
    (versions / "0001_initial.py").write_text(
        'revision: str = "0001_initial"\ndown_revision: str | None = None\n'
    )
    (versions / "abc_next.py").write_text(
        'revision: str = "abc"\ndown_revision: str | None = "0001_initial"\n'
    )
    assert probes.alembic_head(str(tmp_path)) == "abc"


def test_typing_project_where_a_project_is_asks_again(tmp_path):
    (tmp_path / ".copier-answers.yml").write_text("type: project\n")

    assert "already holds a VECTRA project" in vectra.prompt_error(
        "type", "project", conf(str(tmp_path))
    )
    assert vectra.prompt_error("type", "agent", conf(str(tmp_path))) == ""
    given = conf(str(tmp_path), data={"type": "project"})
    assert vectra.prompt_error("type", "project", given) == ""


def test_a_folder_is_written_when_one_of_its_parts_is():
    api = unit_model.build_unit(
        {"type": "api", "name": "campaigns-endpoints", "entity": "campaign", "fields": "name:str"}
    )
    component = unit_model.build_unit({"type": "component", "name": "lead-card"})
    fix = unit_model.build_unit({"type": "fix", "name": "celery-startup", "target": "app"})

    assert api.writes.backend and not api.writes.frontend
    assert component.writes.frontend and not component.writes.backend
    assert api.writes.backend_app and api.writes.migration and api.writes.tech_sections
    assert fix.writes.backend and not fix.writes.backend_app and not fix.writes.migration
    assert not fix.writes.tech_sections and not component.writes.app_router
    assert not fix.writes.no_such_part
    assert "model" in unit_model.folder_parts("backend")
    assert "component" in unit_model.folder_parts("frontend")
    assert unit_model.folder_parts("backend").isdisjoint(unit_model.folder_parts("frontend"))


def record(root, type_, name, **answers):
    """An answers file as a unit of the project would have recorded it."""
    folder = root / ".copier-answers"
    folder.mkdir(exist_ok=True)
    (folder / f"{type_}-{name}.yml").write_text(
        yaml.safe_dump({"type": type_, "name": name, **answers})
    )


@pytest.mark.parametrize(
    ("type_", "answers", "fields"),
    [
        (
            "feature",
            {"entity": "meeting", "fields": "starts_at:datetime ends_at:datetime?"},
            "starts_at:datetime ends_at:datetime?",
        ),
        ("api", {"entity": "meeting", "fields": "title:str", "with_model": True}, "title:str"),
        ("database", {"entity": "meeting", "fields": "title:str"}, "title:str"),
        ("api", {"entity": "meeting", "fields": "title:str", "with_model": False}, ""),
        ("feature", {"entity": "meeting", "fields": "title:str", "backend": False}, ""),
        ("database", {"entity": "", "fields": ""}, ""),
    ],
)
def test_a_models_fields_are_the_answers_of_the_unit_that_created_it(
    tmp_path, type_, answers, fields
):
    record(tmp_path, type_, "meetings", **answers)

    assert probes.model_fields(str(tmp_path), "meeting") == fields
    assert probes.model_exists(str(tmp_path), "meeting") is bool(fields)


def test_a_models_fields_are_never_read_back_from_its_code(tmp_path):
    """A column of a type the grammar also has under another name reads as answered."""
    models = tmp_path / "backend/app/models"
    models.mkdir(parents=True)
    (models / "meeting.py").write_text(
        "class Meeting(IdMixin, TenantMixin, TimestampMixin, Base):\n"
        "    title: Mapped[str] = mapped_column(String(255))\n"
    )
    assert probes.model_fields(str(tmp_path), "meeting") == ""
    assert probes.model_exists(str(tmp_path), "meeting")

    record(tmp_path, "database", "meetings", entity="meeting", fields="title:str:unique")

    assert probes.model_fields(str(tmp_path), "meeting") == "title:str:unique"
    assert probes.model_entities(str(tmp_path)) == {"meeting": "title:str:unique"}
