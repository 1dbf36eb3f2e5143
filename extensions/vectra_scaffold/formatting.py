"""Format files with the project's own tools, when they are installed: ruff
(backend/.venv) for Python, prettier (frontend/node_modules) for TypeScript.

The scaffold runs it on the files each unit writes, so that they pass
`make lint` whatever the unit's names and fields; a tool that is not installed
yet is skipped, and `make format` (after `make install`) formats the whole
project the same way. It runs after every unit, mostly without tools: its
import path is the interpreter's own modules (`os`, `sys`), no pathlib.

Usage: vectra-scaffold format [PATH ...] (no path: every unit's files)
"""

from __future__ import annotations

import os
import sys

RUFF = "backend/.venv/bin/ruff"
BACKEND_CONFIG = "backend/pyproject.toml"
PRETTIER = "frontend/node_modules/.bin/prettier"
PRETTIER_SUFFIXES = (".ts", ".tsx")


def run(command: list[str], cwd: str) -> None:
    import subprocess  # here: most runs have no tool to start

    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        # A file the tool cannot parse (say, with conflict markers) is left as it is.
        print(f"format: {' '.join(command[:2])}: {result.stderr.strip()[:500]}", file=sys.stderr)


def format_python(root: str, paths: list[str]) -> None:
    ruff = os.path.join(root, RUFF)
    if not paths or not os.path.exists(ruff):
        return
    ruff = os.path.realpath(ruff)
    # The backend's settings for every file, scripts/ included (no pyproject.toml above it).
    config = (
        ["--config", BACKEND_CONFIG] if os.path.exists(os.path.join(root, BACKEND_CONFIG)) else []
    )
    run([ruff, "check", "--fix", "--select", "I", "--quiet", *config, *paths], root)
    run([ruff, "format", "--quiet", *config, *paths], root)


def format_typescript(root: str, paths: list[str]) -> None:
    prettier = os.path.join(root, PRETTIER)
    if not paths or not os.path.exists(prettier):
        return
    prettier = os.path.realpath(prettier)
    inside = [os.path.relpath(path, "frontend") for path in paths]
    run([prettier, "--write", "--log-level", "warn", *inside], os.path.join(root, "frontend"))


def main(arguments: list[str]) -> None:
    root = os.getcwd()
    if arguments:
        paths = [path for path in arguments if os.path.isfile(os.path.join(root, path))]
        python = [path for path in paths if path.endswith(".py")]
        typescript = [path for path in paths if path.endswith(PRETTIER_SUFFIXES)]
    else:
        python = [path for path in ("backend", "scripts") if os.path.isdir(path)]
        typescript = ["frontend/src", "frontend/tests"]
    format_python(root, python)
    format_typescript(root, [path for path in typescript if path.startswith("frontend/")])
