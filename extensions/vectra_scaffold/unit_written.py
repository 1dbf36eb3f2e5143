"""What the scaffold runs once it has written a unit, in one process: the
unit's sections appended to STATUS.md and the reference documents
(`docs_sync`), then the unit's files laid out by the project's formatters
when they are installed (`formatting`). Standard library only, and of it
little (no pathlib, no json): copier runs it with `python -S` after every unit
(extensions/unit_written.py), and `update` after each unit it updates.
"""

from __future__ import annotations

from . import docs_sync, formatting


def main(files: list[str]) -> int:
    status = docs_sync.sync(".")
    if files:
        formatting.main(files)
    return status
