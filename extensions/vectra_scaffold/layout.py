"""Lines laid out the way ruff format and prettier lay them out, for the
generated files to pass `ruff format --check` and `prettier --check` as
written (the unit's files are formatted after the copy too, when the
project's tools are installed)."""

from __future__ import annotations

import ast
import json
import re
from typing import Any


def ts_value(python_source: str) -> str:
    """A field sample (Python source of a JSON-ready value) as a TypeScript literal,
    written the way prettier writes it."""
    return _ts_literal(ast.literal_eval(python_source))


def _ts_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        items = ", ".join(f"{_ts_key(key)}: {_ts_literal(item)}" for key, item in value.items())
        return f"{{ {items} }}" if items else "{}"
    if isinstance(value, str):
        return ts_string(value)
    return json.dumps(value, ensure_ascii=False)


def ts_string(value: str) -> str:
    """A TypeScript string literal in prettier's quotes: double, unless the text
    has more double quotes than single ones (then single, escaped as prettier does)."""
    if value.count('"') > value.count("'"):
        escaped = value.replace("\\", "\\\\").replace("'", "\\'")
        return f"'{escaped}'"
    return json.dumps(value, ensure_ascii=False)


def json_string(value: str) -> str:
    """A JSON string literal, its text readable (no \\u escapes of accents)."""
    return json.dumps(value, ensure_ascii=False)


def jsx_attr(value: str) -> str:
    """A JSX attribute's value: the text in double quotes, or a string literal in
    braces when the text has what an attribute string cannot hold (a double
    quote; `&`, which JSX reads as an entity)."""
    if '"' in value or "&" in value:
        return "{" + ts_string(value) + "}"
    return f'"{value}"'


def jsx_text(value: str) -> str:
    """Text as a JSX child: as is, or a string literal in braces when it holds
    what JSX reads otherwise (`{}<>&`) or a quote (react/no-unescaped-entities)."""
    if any(character in value for character in "{}<>&'\""):
        return "{" + ts_string(value) + "}"
    return value


def _ts_key(key: str) -> str:
    return key if re.match(r"^[A-Za-z_$][A-Za-z0-9_$]*$", key) else json.dumps(key)


LINE_LENGTH = 100  # the generated projects' ruff line-length


def fit_call(indent: int, head: str, args: list[str], tail: str = "") -> str:
    """`head(args)tail` laid out as ruff format lays it out, so generated code
    passes `ruff format --check`: one line if it fits, else the arguments on
    one indented line, else one argument a line with a trailing comma."""
    pad = " " * indent
    joined = ", ".join(args)
    one_line = f"{pad}{head}({joined}){tail}"
    if len(one_line) <= LINE_LENGTH:
        return one_line
    if len(pad) + 4 + len(joined) <= LINE_LENGTH:
        return f"{pad}{head}(\n{pad}    {joined}\n{pad}){tail}"
    lines = "".join(f"{pad}    {arg},\n" for arg in args)
    return f"{pad}{head}(\n{lines}{pad}){tail}"


def fit_import(module: str, names: list[str]) -> str:
    """`from module import a, b` as ruff's isort writes it: one line, or one name a line."""
    names = sorted(names, key=lambda name: (not name.isupper(), not name[:1].isupper(), name))
    one_line = f"from {module} import {', '.join(names)}"
    if len(one_line) <= LINE_LENGTH:
        return one_line
    lines = "".join(f"    {name},\n" for name in names)
    return f"from {module} import (\n{lines})"


def fit_ts_import(names: list[str], module: str, keyword: str = "import") -> str:
    """`import { a, b } from "module";` (or `export`, `export type`) as prettier
    writes it, names kept in order."""
    one_line = f'{keyword} {{ {", ".join(names)} }} from "{module}";'
    if len(one_line) <= LINE_LENGTH:
        return one_line
    lines = "".join(f"  {name},\n" for name in names)
    return f'{keyword} {{\n{lines}}} from "{module}";'


def fit_jsx(indent: int, tag: str, attributes: list[str]) -> str:
    """A self-closing JSX element as prettier writes it: one line if it fits,
    else one attribute a line."""
    pad = " " * indent
    one_line = f"{pad}<{tag} {' '.join(attributes)} />"
    if len(one_line) <= LINE_LENGTH:
        return one_line
    lines = "".join(f"{pad}  {attribute}\n" for attribute in attributes)
    return f"{pad}<{tag}\n{lines}{pad}/>"
