"""What the scaffold runs once it has written a unit, in one process: the
unit's sections appended to STATUS.md and the reference documents
(sync_docs.py), then the unit's files laid out by the project's formatters
when they are installed (format_files.py). Standard library only, and of it
little (no pathlib, no json): copier runs it with `python -S` after every unit.

Usage (at the project root): python scripts/unit_written.py 'PATH
PATH ...' (one argument, a path a line)
"""

from __future__ import annotations

import sys

import format_files
import sync_docs


def main(files: list[str]) -> int:
    status = sync_docs.sync(".")
    if files:
        format_files.main(files)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].splitlines() if len(sys.argv) > 1 else []))
