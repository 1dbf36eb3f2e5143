"""Templates compiled once (extensions/vectra_scaffold/compiled.py): a unit is
the same whether its templates come from the disk cache or are compiled anew,
and a cache that cannot be read or written only means compiling again."""

import jinja2
import pytest
from conftest import mark_project_root, scaffold, tree
from vectra_scaffold import compiled

SOURCE = "{% for word in words %}{{ word | upper }} {% endfor %}"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def environment(**settings) -> jinja2.Environment:
    env = jinja2.Environment(**settings)
    compiled.keep_compiled(env)
    return env


def cache_entries(cache_home):
    return sorted((cache_home / "vectra-scaffold/jinja").rglob("*"), key=str)


def test_a_unit_is_the_same_from_a_cold_and_a_warm_cache(tmp_path, cache_home):
    answers = {
        "type": "feature",
        "name": "campaign-wizard",
        "entity": "campaign",
        "fields": "name:str budget:int?",
    }
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    for project in (cold, warm):
        mark_project_root(project)
        scaffold(project, **answers)
        if project is cold:
            entries = [path for path in cache_entries(cache_home) if path.is_file()]
            assert len(entries) > 50

    assert tree(cold) == tree(warm)
    assert "backend/app/models/campaign.py" in tree(warm)


def test_each_source_is_compiled_once_per_environment(cache_home, monkeypatch):
    env = environment()
    compiles = []
    original = compiled.load
    monkeypatch.setattr(compiled, "load", lambda entry: compiles.append(entry) or original(entry))

    first = env.from_string(SOURCE)
    second = env.from_string(SOURCE)

    assert first is second
    assert len(compiles) == 1
    assert first.render(words=["a", "b"]) == "A B "


def test_a_second_environment_reads_the_code_from_the_disk(cache_home, monkeypatch):
    environment().from_string(SOURCE)
    calls = []
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda *args, **kwargs: calls.append(args) or None
    )

    template = environment().from_string(SOURCE)

    assert calls == []
    assert template.render(words=["x"]) == "X "


def test_a_damaged_entry_is_compiled_again(cache_home):
    environment().from_string(SOURCE)
    for entry in cache_entries(cache_home):
        if entry.is_file():
            entry.write_bytes(b"\x00garbage")

    assert environment().from_string(SOURCE).render(words=["ok"]) == "OK "


def test_an_unwritable_cache_only_means_compiling(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))

    assert environment().from_string(SOURCE).render(words=["still"]) == "STILL "
    assert blocker.read_text() == "a file where the cache folder would be\n"


def test_other_syntax_settings_do_not_share_code(cache_home):
    source = "<< word >>{{ word }}"
    default = environment().from_string(source).render(word="w")
    angled = environment(variable_start_string="<<", variable_end_string=">>")
    assert default == "<< word >>w"
    assert angled.from_string(source).render(word="w") == "w{{ word }}"


@pytest.mark.parametrize(
    "source, settings",
    [
        ("backend", {}),
        ("plain text, {braces} and 100% kept", {}),
        ("a trailing newline\n", {}),
        ("a trailing newline\n", {"keep_trailing_newline": True}),
        ("windows\r\nnewlines", {}),
        ("two\nlines", {"newline_sequence": "\r\n"}),
        ("{# a comment #}", {}),
        ("{{ word }}", {}),
        ("{% if word %}{{ word }}{% endif %}", {}),
        ("text ## a line comment", {"line_comment_prefix": "##"}),
        ("<< word >>", {"variable_start_string": "<<", "variable_end_string": ">>"}),
    ],
)
def test_plain_text_renders_as_jinja_renders_it(cache_home, source, settings):
    plain = jinja2.Environment(**settings).from_string(source).render(word="w")
    assert environment(**settings).from_string(source).render(word="w") == plain


def test_plain_text_is_not_compiled(cache_home, monkeypatch):
    # Before the environment: keep_compiled holds on to the compile it finds.
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled")
    )
    assert environment().from_string("str").render() == "str"
