"""Labels in the project's language: the `labels` answer (labels.py), in process,
then as copier records it and renders it into a feature's pages."""

import ast
import json

import pytest
import yaml
from conftest import commit_all, git_init, scaffold
from test_update import template_repo, update  # noqa: F401  (a fixture)
from vectra_scaffold import labels, layout, rules
from vectra_scaffold import unit as unit_model

FIELDS = "name:str budget:int? starts_at:datetime campaign:ref status:enum(new,qualified,lost)"


def feature(labels_answer: str, entity: str = "lead", fields: str = FIELDS):
    return unit_model.build_unit(
        {
            "type": "feature",
            "name": "lead-pipeline",
            "entity": entity,
            "fields": fields,
            "labels": labels_answer,
        }
    )


def by_name(built) -> dict:
    return {field["name"]: field for field in built.fields}


def test_without_labels_each_name_keeps_its_human_form():
    built = feature("")

    assert (built.entity["human"], built.entity["plural_human"]) == ("Lead", "Leads")
    assert [field["label"] for field in built.fields] == [
        "Name",
        "Budget",
        "Starts at",
        "Campaign",
        "Status",
    ]
    assert [option["label"] for option in by_name(built)["status"]["options"]] == [
        "New",
        "Qualified",
        "Lost",
    ]


def test_labels_name_the_entity_singular_and_plural_each_field_and_enum_values():
    built = feature(
        "lead=Prospect/Prospects starts_at=Date de début campaign=Campagne "
        "status=Statut status.new=Nouveau status.lost=Perdu"
    )

    assert (built.entity["human"], built.entity["plural_human"]) == ("Prospect", "Prospects")
    fields = by_name(built)
    assert fields["starts_at"]["label"] == "Date de début"
    assert fields["campaign_id"]["label"] == "Campagne"
    assert fields["name"]["label"] == "Name"  # not given: its human form
    assert [option["label"] for option in fields["status"]["options"]] == [
        "Nouveau",
        "Qualified",
        "Perdu",
    ]
    # The code's names do not change with the labels.
    assert (built.entity["pascal"], built.entity["plural_kebab"]) == ("Lead", "leads")


def test_a_plural_that_is_not_plus_s_is_kept_as_given():
    built = feature("lead=Journal/Journaux")

    assert built.entity["plural_human"] == "Journaux"


def test_a_reference_is_labelled_by_its_name_or_its_column():
    assert by_name(feature("campaign_id=Campagne"))["campaign_id"]["label"] == "Campagne"
    assert "given twice" in rules.shape_error(
        {
            "type": "feature",
            "entity": "lead",
            "fields": FIELDS,
            "labels": "campaign=A campaign_id=B",
        }
    )


def test_a_label_runs_to_the_next_key_or_between_double_quotes():
    assert labels.parse_labels('a=Date de début  b="x=y, z" c=Budget (€)') == (
        ("a", "Date de début"),
        ("b", "x=y, z"),
        ("c", "Budget (€)"),
    )


def test_a_field_named_as_its_entity_takes_a_label_without_slash():
    built = feature("note=Note/Notes", entity="note", fields="note:text")
    assert (built.entity["plural_human"], built.fields[0]["label"]) == ("Notes", "Note")

    built = feature("note=Texte", entity="note", fields="note:text")
    assert (built.entity["plural_human"], built.fields[0]["label"]) == ("Notes", "Texte")


@pytest.mark.parametrize(
    "label", ['Budget "prévu"', "Taux d'ouverture", "C:\\dossier", "<b>{x}</b> & co", "été"]
)
def test_quotes_backslashes_and_brackets_are_accepted_and_escaped_where_written(label):
    answers = {"type": "feature", "entity": "lead", "fields": FIELDS, "labels": f"name={label}"}

    assert rules.answer_error("labels", answers["labels"]) == ""
    assert rules.shape_error(answers) == ""
    assert by_name(feature(answers["labels"]))["name"]["label"] == label
    # As a JSON or TypeScript string literal: the label read back.
    assert json.loads(layout.json_string(label)) == label
    literal = layout.ts_string(label)
    assert ast.literal_eval(literal) == label
    # As a JSX attribute or child: as is where JSX reads it so, else a literal in braces.
    attribute = layout.jsx_attr(label)
    plain_attribute = '"' not in label and "&" not in label
    assert attribute == (f'"{label}"' if plain_attribute else "{" + literal + "}")
    child = layout.jsx_text(label)
    plain_child = not any(character in label for character in "{}<>&'\"")
    assert child == (label if plain_child else "{" + literal + "}")


def test_a_single_quoted_typescript_string_escapes_its_backslashes():
    assert layout.ts_string('a "b" \\ c') == "'a \"b\" \\\\ c'"


def test_syntax_alone_is_checked_at_the_prompt_and_the_keys_against_the_unit_after():
    assert labels.syntax_error("ghost=Fantôme") == ""
    assert "names nothing of this unit" in labels.labels_error(
        "ghost=Fantôme", "lead", feature("").fields
    )


def test_copier_records_the_labels_and_an_update_keeps_them(tmp_path, template_repo):  # noqa: F811
    project = git_init(tmp_path / "project")
    scaffold(
        project,
        src=template_repo,
        vcs_ref="v1",
        type="feature",
        name="campaign-wizard",
        entity="campaign",
        fields="name:str starts_at:datetime",
        labels='campaign=Campagne/Campagnes starts_at=Date de début name=Nom "court"',
    )
    answers_file = project / ".copier-answers/feature-campaign-wizard.yml"
    recorded = yaml.safe_load(answers_file.read_text(encoding="utf-8"))["labels"]
    assert recorded == 'campaign=Campagne/Campagnes starts_at=Date de début name=Nom "court"'
    nav = json.loads((project / "frontend/src/features/campaigns.json").read_text("utf-8"))
    assert nav["label"] == "Campagnes"
    resource = (project / "frontend/src/lib/resources/campaign.ts").read_text("utf-8")
    assert "label: 'Nom \"court\"'" in resource
    assert 'label: "Date de début"' in resource
    commit_all(project, "unit at v1")

    update(project, "feature-campaign-wizard")

    assert yaml.safe_load(answers_file.read_text(encoding="utf-8"))["labels"] == recorded
    nav = json.loads((project / "frontend/src/features/campaigns.json").read_text("utf-8"))
    assert nav["label"] == "Campagnes"
