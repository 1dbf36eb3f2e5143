"""A unit never writes over a file it does not own.

Before the first file is written, each file the unit would write that exists
already is checked: it may be the unit's own (an update, or the rerun of an
interrupted run: same content), otherwise it belongs to another unit (named)
or to nobody (the file is named). Copier's `--overwrite` does not change this.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .probes import recorded_units
from .unit import Unit, build_unit


def owner(dst_path: str, path: str, unit: Unit) -> str:
    """The id of the other unit that wrote `path`, or ""."""
    for unit_id, answers in recorded_units(dst_path).items():
        if unit_id == unit.id:
            continue
        try:
            other = build_unit({key: value for key, value in answers.items() if key[0] != "_"})
        except ValueError:
            continue
        if path in other.files:
            return unit_id
    return ""


def collision_error(dst_path: str, unit: Unit, render: Callable[[str], str]) -> str:
    """The first file `unit` would write over, as a one-line refusal, or "".

    `render(source)` gives what the unit writes from a template source, to
    recognise the files of an interrupted run of the same unit."""
    dst = Path(str(dst_path))
    if (dst / unit.answers_file).exists():
        return ""  # the unit's own files: an update, or an interrupted run rerun
    for _, path, source in unit.tree_files:
        target = dst / path
        if not target.exists():
            continue
        if target.is_file() and target.read_bytes() == render(source).encode():
            continue
        if other := owner(dst_path, path, unit):
            return (
                f"name: {unit.id} would write {path}, which belongs to the unit {other}; "
                "choose another name or entity"
            )
        return (
            f"name: {unit.id} would write {path}, which exists and belongs to no unit; "
            "move it away first"
        )
    return ""
