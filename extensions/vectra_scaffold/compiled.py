"""Templates (and this package's modules) compiled once: per run in memory,
across runs on disk.

copier compiles every string it renders (each path part, question default,
`when`, the answers-file name) each time it renders it: a thousand
compilations for a unit of about two hundred distinct strings. Compiling is
most of what a unit costs beyond copier's own work, and the result depends
only on the source and the environment's settings, so:

- `from_string` keeps the template of each source for the run (a compiled
  template renders any context, as Jinja's own `get_template` cache relies on);
  plain text (a question's type, most choices and path parts) becomes a
  `Constant`, whose rendering is the text itself: no context is made for it
  (nor does the context hook run). copier's `yield` tag resets its state only
  when a string is compiled, so it does not go with this cache; the template
  has no `yield` tag;
- `compile` keeps the code of each source in the user's cache folder
  (`$XDG_CACHE_HOME/vectra-scaffold/jinja`), keyed by the source, the template
  name, Jinja's and Python's versions and the environment's syntax settings,
  as Jinja's bytecode cache does for file templates. A folder that cannot be
  written, or a damaged entry, only means compiling again.

The package's own Python modules are imported from a new clone each run too,
where Python's `__pycache__` never survives: `CachedModules` keeps their code
the same way, keyed by source and Python version; `parsed` keeps the data
file as parsed.
"""

from __future__ import annotations

import _imp
import contextlib
import functools
import hashlib
import importlib.machinery
import importlib.util
import marshal
import os
import sys
import tempfile
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2


def cache_folder(kind: str = "jinja") -> Path:
    return folder_under(os.environ.get("XDG_CACHE_HOME", ""), kind)


@functools.cache
def folder_under(cache_home: str, kind: str) -> Path:
    return Path(cache_home or Path.home() / ".cache") / "vectra-scaffold" / kind


def settings_key(environment: jinja2.Environment) -> str:
    """What, besides the source, decides the compiled code."""
    settings = (
        jinja2.__version__,
        sys.implementation.cache_tag,
        type(environment).__qualname__,
        sorted(environment.extensions),
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        str(environment.autoescape),
        environment.is_async,
    )
    return repr(settings)


def keep_compiled(environment: jinja2.Environment) -> None:
    from_string, compile_ = environment.from_string, environment.compile
    templates: dict[str, jinja2.Template | Constant] = {}
    folder = cache_folder()
    settings: list[str] = []  # known once every extension is loaded: at the first compile

    def cached_from_string(source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return from_string(source, globals, template_class)
        if source not in templates:
            plain = is_plain_text(environment, source)
            templates[source] = Constant(source) if plain else from_string(source)
        return templates[source]

    def cached_compile(
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        if raw or defer_init or not isinstance(source, str):
            return compile_(source, name, filename, raw, defer_init)
        if not settings:
            settings.append(settings_key(environment))
        digest = hashlib.sha256(f"{settings[0]}\0{name}\0{source}".encode()).hexdigest()
        entry = folder / digest[:2] / digest
        code = load(entry)
        if code is None:
            code = compile_(source, name, filename)
            store(entry, code)
        return code

    environment.from_string = cached_from_string  # type: ignore[method-assign]
    environment.compile = cached_compile  # type: ignore[method-assign]


def is_plain_text(environment: jinja2.Environment, source: str) -> bool:
    """Whether `source` renders to itself: no tag, expression, comment or
    line statement, no newline Jinja would change."""
    markers = (
        environment.block_start_string,
        environment.variable_start_string,
        environment.comment_start_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        "\r",
    )
    if any(marker and marker in source for marker in markers):
        return False
    if "\n" in source and environment.newline_sequence != "\n":
        return False
    return environment.keep_trailing_newline or not source.endswith("\n")


class Constant:
    """A template of plain text (most question types, choices and path parts):
    its rendering is its source, whatever the context."""

    def __init__(self, source: str) -> None:
        self.source = source

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.source


def load(entry: Path) -> CodeType | None:
    try:
        code = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store(entry: Path, code: CodeType) -> None:
    store_bytes(entry, marshal.dumps(code))


def store_bytes(entry: Path, content: bytes) -> None:
    """Write the entry whole or not at all (runs in parallel write the same entry)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=entry.parent, delete=False) as file:
            file.write(content)
        os.replace(file.name, entry)
    except OSError:
        pass


class CachedSourceLoader(importlib.machinery.SourceFileLoader):
    def get_code(self, fullname: str) -> CodeType:
        source = self.get_data(self.path)
        digest = hashlib.sha256(sys.implementation.cache_tag.encode() + b"\0" + source)
        entry = cache_folder("python") / digest.hexdigest()
        code = load(entry)
        if code is None:
            code = self.source_to_code(source, self.path)
            store(entry, code)
        else:
            _imp._fix_co_filename(code, self.path)  # tracebacks name this clone's file
        return code


class CachedModules:
    """A finder for the modules of one package folder, loaded by `CachedSourceLoader`."""

    def __init__(self, package: str, folder: Path) -> None:
        self.package, self.folder = package, folder

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        prefix, _, module = fullname.partition(".")
        file = self.folder / f"{module}.py"
        if prefix != self.package or not module or "." in module or not file.is_file():
            return None
        loader = CachedSourceLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def parsed(text: str, parse: Any) -> Any:
    """`parse(text)`, kept in the cache folder by the text's digest (what
    `marshal` can write: plain data)."""
    entry = cache_folder("data") / hashlib.sha256(text.encode()).hexdigest()
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        value = parse(text)
    with contextlib.suppress(ValueError):  # not plain data: not kept
        store_bytes(entry, marshal.dumps(value))
    return value
