"""What the scaffold runs once it has written a unit, in one process: the
unit's sections appended to STATUS.md and the reference documents
(sync_docs.py), then the unit's files laid out by the project's formatters
when they are installed (format_files.py). Standard library only: copier runs
it with `python -S`.

Usage (at the project root): python scripts/unit_written.py '["path", ...]'
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import format_files
import sync_docs


def main(arguments: list[str]) -> int:
    status = sync_docs.sync(Path("."))
    files = json.loads(arguments[0]) if arguments else []
    if files:
        format_files.main(files)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
