"""Format files with the project's own tools, when they are installed: ruff
(backend/.venv) for Python, prettier (frontend/node_modules) for TypeScript.

The scaffold runs it on the files each unit writes, so that they pass
`make lint` whatever the unit's names and fields; a tool that is not installed
yet is skipped, and `make format` (after `make install`) formats the whole
project the same way.

Usage: python scripts/format_files.py [--json '["path", ...]'] [PATH ...]
(no path: the backend, the scripts and the frontend's sources)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RUFF = Path("backend/.venv/bin/ruff")
PRETTIER = Path("frontend/node_modules/.bin/prettier")
PRETTIER_SUFFIXES = (".ts", ".tsx")


def run(command: list[str], cwd: Path) -> None:
    import subprocess  # here: the scaffold runs this module after every unit, mostly without tools

    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        # A file the tool cannot parse (say, with conflict markers) is left as it is.
        print(f"format: {' '.join(command[:2])}: {result.stderr.strip()[:500]}", file=sys.stderr)


def format_python(root: Path, paths: list[str]) -> None:
    if not paths or not (root / RUFF).exists():
        return
    ruff = str((root / RUFF).resolve())
    run([ruff, "check", "--fix", "--select", "I", "--quiet", *paths], root)
    run([ruff, "format", "--quiet", *paths], root)


def format_typescript(root: Path, paths: list[str]) -> None:
    if not paths or not (root / PRETTIER).exists():
        return
    prettier = str((root / PRETTIER).resolve())
    inside = [str(Path(path).relative_to("frontend")) for path in paths]
    run([prettier, "--write", "--log-level", "warn", *inside], root / "frontend")


def main(arguments: list[str]) -> None:
    root = Path.cwd()
    if arguments[:1] == ["--json"]:
        arguments = json.loads(arguments[1]) + arguments[2:]
    if arguments:
        paths = [path for path in arguments if (root / path).is_file()]
        python = [path for path in paths if path.endswith(".py")]
        typescript = [path for path in paths if path.endswith(PRETTIER_SUFFIXES)]
    else:
        python = [path for path in ("backend", "scripts") if (root / path).is_dir()]
        typescript = ["frontend/src", "frontend/tests"]
    format_python(root, python)
    format_typescript(root, [path for path in typescript if path.startswith("frontend/")])


if __name__ == "__main__":
    main(sys.argv[1:])
