"""The domain field grammar: references, enums, :unique and :index, in process.

What each token means for every layer, and the one-line refusals (the
rules of `fields.py`, which `rules.py` and the context hook call).
"""

import pytest
import yaml
from conftest import ROOT, mark_project_root
from vectra_scaffold import extension, fields, probes, rules
from vectra_scaffold import unit as unit_model

LEAD = "email:str:unique campaign:ref status:enum(new,qualified,lost) score:int?"


def parsed(spec: str, entity: str = "lead") -> list[dict]:
    return fields.with_entity(list(fields.parse_fields(spec)), entity)


def test_a_reference_is_the_id_column_of_another_entity():
    (required, optional) = parsed("campaign:ref owner_account:ref?")

    assert (required["name"], required["label"], required["python"]) == (
        "campaign_id",
        "Campaign",
        "uuid.UUID",
    )
    assert required["ref"]["table"] == "campaigns"
    assert required["on_delete"] == "restrict"
    assert (optional["name"], optional["optional"]) == ("owner_account_id", True)
    assert optional["ref"]["pascal"] == "OwnerAccount"
    assert optional["on_delete"] == "set null"
    assert required["indexed"] and optional["indexed"]


def test_a_reference_may_be_named_otherwise_than_its_entity():
    (main, backup) = parsed("campaign:ref backup_campaign:ref(campaign)?")

    assert (backup["name"], backup["label"], backup["optional"]) == (
        "backup_campaign_id",
        "Backup campaign",
        True,
    )
    assert backup["ref"] == main["ref"]


def test_an_enum_is_a_python_enum_a_zod_enum_and_labels():
    (status,) = parsed("status:enum(new,qualified,lost)")
    (optional,) = parsed("stage:enum(open,won)?:index")

    assert status["python"] == status["schema"] == "LeadStatus"
    assert status["sqlalchemy"] == 'str_enum_type(LeadStatus, "status")'
    assert status["alembic"] == "sa.String(length=9)"
    assert status["zod"] == 'z.enum(["new", "qualified", "lost"])'
    assert status["typescript"] == '"new" | "qualified" | "lost"'
    assert status["options"][1] == {"value": "qualified", "label": "Qualified"}
    assert (status["sample"], status["sample_alt"]) == ('"new"', '"lost"')
    assert status["indexed"] and status["input"] == "select"
    assert optional["optional"] and optional["indexed"]


@pytest.mark.parametrize(
    ("spec", "unique", "indexed"),
    [
        ("email:str:unique", True, False),
        ("score:int?:index", False, True),
        ("code:str:unique:index", True, True),
        ("score:int?", False, False),
    ],
)
def test_modifiers_make_a_field_unique_or_indexed(spec, unique, indexed):
    (field,) = parsed(spec)

    assert (field["unique"], field["indexed"]) == (unique, indexed)


def test_a_resource_indexes_its_default_order_each_filtered_field_and_its_search():
    lead = unit_model.build_unit(
        {"type": "feature", "name": "lead-pipeline", "entity": "lead", "fields": LEAD}
    )

    assert [(index["name"], index.get("trigram", False)) for index in lead.indexes] == [
        ("ix_leads_tenant_id_created_at_id", False),
        ("ix_leads_tenant_id_campaign_id", False),
        ("ix_leads_tenant_id_status", False),
        ("ix_leads_email_trgm", True),
    ]
    assert [field["name"] for field in lead.references] == ["campaign_id"]
    assert [field["name"] for field in lead.enums] == ["status"]


def test_an_index_name_keeps_within_postgresql_63_bytes_and_apart_from_its_neighbours():
    entity, field = "a" * 40, "b" * 40
    unit = unit_model.build_unit(
        {
            "type": "api",
            "name": "long-names",
            "entity": entity,
            "fields": f"{field}:str {field}_c:str",
        }
    )

    names = [index["name"] for index in unit.indexes]
    assert all(len(name) <= 63 for name in names), names
    assert len(set(names)) == len(names)


REFUSED = [
    ("status:enum()", "'status:enum()': an enum needs at least one value"),
    ("status:enum(new,new)", "'status:enum(new,new)': the enum value 'new' is given twice"),
    ("status:enum(new,,lost)", "the enum value '' must be snake_case"),
    ("status:enum(New)", "the enum value 'New' must be snake_case"),
    ("status:enum(class,lost)", "the enum value 'class' is reserved (a Python keyword"),
    ("status:enum(null)", "the enum value 'null' is reserved"),
    ("status:enum(" + "a" * 41 + ")", "an enum value has at most 40 characters"),
    ("status:enum", "'status:enum': an enum lists its values, e.g. status:enum(new,lost)"),
    ("status:enum(a)x", "after enum(...) come ? and :modifiers only"),
    ("owner:ref(User)", "'owner:ref(User)': ref(...) names an entity in snake_case"),
    ("owner:ref(user)!", "after ref(...) come ? and :modifiers only"),
    ("email:str:uniq", "'email:str:uniq': unknown modifier 'uniq'; allowed: unique, index"),
    ("email:str:unique:unique", "the modifier 'unique' is given twice"),
    ("notes:text:index", "'notes:text:index': text fields cannot be unique or indexed"),
    ("data:json:unique", "json fields cannot be unique or indexed"),
    ("campaign:ref:unique", "ref fields cannot be unique (unique: str, int, float, decimal"),
    ("active:bool:unique", "bool fields cannot be unique"),
    ("tenant:ref", "'tenant:ref': 'tenant_id' is a built-in column"),
    ("campaign:ref campaign_id:uuid", "'campaign_id:uuid': the field 'campaign_id' is given twice"),
    (
        "budget:money",
        "allowed: str, text, int, float, decimal, bool, date, datetime, uuid, json, ref, enum(...)",
    ),
]


@pytest.mark.parametrize(("spec", "message"), REFUSED, ids=[case[0] for case in REFUSED])
def test_a_bad_token_is_refused_in_one_line_naming_it(spec, message):
    error = rules.answer_error("fields", spec)

    assert error.startswith("fields: ")
    assert message in error
    assert "\n" not in error


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            {"type": "agent", "input_fields": "status:enum(a,b)"},
            "input_fields: 'status:enum(a,b)': references, enums and :unique/:index are for "
            "an api or feature unit's model, not an agent",
        ),
        (
            {"type": "agent", "output_fields": "lead:ref"},
            "output_fields: 'lead:ref': references, enums",
        ),
        (
            {"type": "database", "entity": "lead", "fields": "email:str:unique"},
            "fields: 'email:str:unique': references, enums and :unique/:index are for an api "
            "or feature unit's model, not a database unit",
        ),
        (
            {"type": "component", "kind": "page", "entity": "lead", "fields": "campaign:ref"},
            "not a component unit",
        ),
    ],
)
def test_only_an_api_or_feature_model_takes_the_domain_constructs(answers, message):
    error = rules.first_answer_error(answers) or rules.shape_error(answers)

    assert message in error


def record(root, type_, name, **answers):
    folder = root / ".copier-answers"
    folder.mkdir(exist_ok=True)
    (folder / f"{type_}-{name}.yml").write_text(
        yaml.safe_dump({"type": type_, "name": name, **answers})
    )


def test_a_reference_to_an_entity_the_project_has_no_model_of_is_refused(tmp_path):
    mark_project_root(tmp_path)
    record(tmp_path, "feature", "campaign-wizard", entity="campaign", fields="name:str")
    record(tmp_path, "api", "accounts-api", entity="account", fields="name:str", with_model=False)
    answers = {"type": "feature", "name": "lead-pipeline", "entity": "lead"}

    def error(spec):
        return extension.destination_error({**answers, "fields": spec}, {}, str(tmp_path))

    assert error("campaign:ref") == ""
    assert error("email:str owner:ref?") == (
        "fields: 'owner:ref?' refers to owner, which the project has no model of "
        "(its models: campaign); scaffold it first (type=feature entity=owner)"
    )
    assert "refers to account" in error("account:ref"), "an api without a model creates none"
    assert error("parent:ref lead:ref").startswith("fields: 'parent:ref' refers to parent")
    assert error("lead:ref") == (
        "fields: 'lead:ref' refers to the entity the unit creates; "
        "a reference names another entity of the project"
    )


def test_referenced_models_come_dependencies_first_with_fixed_ids(tmp_path):
    record(tmp_path, "feature", "accounts", entity="account", fields="name:str")
    record(tmp_path, "feature", "campaigns", entity="campaign", fields="name:str account:ref")
    lead = parsed("campaign:ref backup_campaign:ref(campaign)? account:ref")

    chain = probes.referenced_models(str(tmp_path), lead)

    assert [model["names"]["snake"] for model in chain] == ["account", "campaign"]
    assert [field["name"] for field in chain[1]["fields"]] == ["name", "account_id"]
    assert chain[0]["ids"]["a"] != chain[0]["ids"]["b"]
    assert chain == probes.referenced_models(str(tmp_path), lead), "the same ids every run"


def backend_field_limits() -> dict[str, int]:
    """The bounds the API's schemas check (app.schemas.fields), read from the template."""
    source = (ROOT / "template/project/backend/app/schemas/fields.py").read_text()
    namespace: dict[str, object] = {}
    exec(source, namespace)  # a module of constants and pure functions
    return {
        name: int(namespace[name])  # type: ignore[call-overload]
        for name in ("INT32_MIN", "INT32_MAX", "STRING_LENGTH", "NUMERIC_DIGITS", "NUMERIC_PLACES")
    }


def test_the_form_limits_are_the_api_limits_from_one_field_table():
    limits = backend_field_limits()
    (name, budget, amount) = parsed("name:str budget:int? amount:decimal")

    assert name["max_length"] == limits["STRING_LENGTH"]
    length = limits["STRING_LENGTH"]
    assert name["zod"] == f"z.string().check(z.minLength(1), z.maxLength({length}))"
    assert (budget["minimum"], budget["maximum"]) == (limits["INT32_MIN"], limits["INT32_MAX"])
    assert budget["zod"] == "z.int().check(z.minimum(-2147483648), z.maximum(2147483647))"
    assert (amount["digits"], amount["places"]) == (
        limits["NUMERIC_DIGITS"],
        limits["NUMERIC_PLACES"],
    )


def test_a_field_without_a_range_keeps_its_zod_type():
    (score, label, status) = parsed("score:float note:text status:enum(new,lost)")

    assert score["zod"] == "z.number()"
    assert label["zod"] == "z.string()"
    assert status["zod"] == 'z.enum(["new", "lost"])'
    assert fields.bounded_zod({"zod": "z.int()", "minimum": 0}) == "z.int().check(z.minimum(0))"


@pytest.mark.parametrize("type_", ["str", "int", "decimal"])
def test_each_bounded_type_has_a_typed_value_beyond_its_limits(type_):
    row = fields.field_types()[type_]

    assert row["typed_too_big"]
    assert type_ != "int" or int(row["typed_too_big"].strip('"')) > row["maximum"]
