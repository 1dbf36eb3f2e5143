"""Guards on the template tree itself."""

import re

import yaml
from conftest import ROOT
from vectra_scaffold import data
from vectra_scaffold import unit as unit_model

TEMPLATE = ROOT / "template"
JINJA_SYNTAX = re.compile(r"\{\{|\{%|\{#")


def template_files():
    return [
        path for path in TEMPLATE.rglob("*") if path.is_file() and "node_modules" not in path.parts
    ]


def test_files_with_jinja_syntax_end_in_jinja():
    offenders = [
        path.relative_to(TEMPLATE).as_posix()
        for path in template_files()
        if path.suffix != ".jinja" and JINJA_SYNTAX.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_double_quotes_in_file_names():
    assert [path for path in template_files() if '"' in path.name] == []


def test_project_has_one_log_folder_per_type_of_the_data_file():
    folders = {
        data.work_type(type_)["log_folder"]
        for type_ in data.type_names()
        if data.work_type(type_)["log_folder"]
    }
    on_disk = {path.name for path in (TEMPLATE / "project/docs/workflow/logs").iterdir()}
    assert on_disk == folders


def test_every_type_has_steps_in_both_languages():
    for type_ in data.type_names():
        steps = data.work_type(type_)["steps"]
        assert set(steps) == {"fr", "en"}
        assert len(steps["fr"]) == len(steps["en"]), type_
        if type_ != "project":
            assert steps["fr"], type_


def unit_tree_files():
    return [
        path.relative_to(TEMPLATE / "unit").as_posix()
        for path in (TEMPLATE / "unit").rglob("*")
        if path.is_file()
    ]


def test_every_unit_file_names_the_part_it_belongs_to():
    """The tree is the file map: each file's path says under which condition it is written."""
    unconditional = [
        path
        for path in unit_tree_files()
        if "unit.writes." not in path and path != "{{ _copier_conf.answers_file }}.jinja"
    ]
    assert unconditional == []


def test_steps_name_parts_of_the_tree():
    parts = {part for part, *_ in unit_model.tree_templates()}
    named = set()
    for type_ in data.type_names():
        for lang in ("fr", "en"):
            for stage in data.work_type(type_)["steps"][lang]:
                for item in stage["items"]:
                    done = item.get("scaffold", False)
                    if not isinstance(done, bool):
                        named |= {done} if isinstance(done, str) else set(done)
    assert named - parts == set()


def test_section_files_are_named_after_the_reference_documents():
    references = {data.reference_doc(type_) for type_ in data.type_names()} - {""}
    sections = {
        "docs/"
        + re.sub(r"\{%.*?%\}", "", path.split("{{ unit.id }}/", 1)[1]).removesuffix(".jinja")
        for path in unit_tree_files()
        if path.startswith("docs/workflow/units/")
    }
    assert sections == references | {data.STATUS_DOC}


def test_the_data_files_give_each_key_once():
    """YAML keeps the last of two equal keys without a word: a merge that adds a
    key twice would silently change a fact."""

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        keys = [loader.construct_object(key) for key, _ in node.value]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        assert not repeated, f"line {node.start_mark.line + 1}: {repeated} given twice"
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    for path in [*ROOT.glob("extensions/vectra_scaffold/*.yml"), ROOT / "copier.yml"]:
        text = path.read_text(encoding="utf-8")
        if "!include" not in text:
            yaml.load(text, Loader=Strict)
