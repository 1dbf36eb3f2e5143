"""Guards on the template tree itself."""

import re

from conftest import ROOT, vectra

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
        vectra.work_type(type_)["log_folder"]
        for type_ in vectra.type_names()
        if vectra.work_type(type_)["log_folder"]
    }
    on_disk = {path.name for path in (TEMPLATE / "project/docs/workflow/logs").iterdir()}
    assert on_disk == folders


def test_every_type_has_steps_in_both_languages():
    for type_ in vectra.type_names():
        steps = vectra.work_type(type_)["steps"]
        assert set(steps) == {"fr", "en"}
        assert len(steps["fr"]) == len(steps["en"]), type_
        if type_ != "project":
            assert steps["fr"], type_
