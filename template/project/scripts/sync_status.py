"""Record every unit's STATUS entry in docs/workflow/STATUS.md.

Each unit of the scaffold writes its entry, in WORKFLOW-001's format, to its
own file `docs/workflow/status/<type>-<name>.md`. This script appends to
STATUS.md, between the unit's markers, each entry that STATUS.md does not hold
yet. It never changes or removes text already in STATUS.md: once recorded, an
entry is the team's to edit. Running it again changes nothing.

STATUS.md is merged with git's `union` driver (.gitattributes), so two branches
that each append a unit merge without conflict.

Usage: python scripts/sync_status.py [PROJECT_ROOT]
"""

from __future__ import annotations

import sys
from pathlib import Path

STATUS_FILE = Path("docs/workflow/STATUS.md")
FRAGMENTS_DIR = Path("docs/workflow/status")
GITATTRIBUTES_LINE = f"{STATUS_FILE.as_posix()} merge=union"
STATUS_HEADER = """# STATUS

Suivi des unités de travail (WORKFLOW-001). Chaque unité créée par le scaffold
ajoute ici son entrée ; les entrées sont ensuite à vous : mettez à jour statut,
coverage et résultat des tests au fil du travail.
"""


def start_marker(unit_id: str) -> str:
    return f"<!-- unit:{unit_id} -->"


def end_marker(unit_id: str) -> str:
    return f"<!-- /unit:{unit_id} -->"


def missing_entries(status_text: str, fragments: dict[str, str]) -> list[str]:
    """The marked blocks of the units that STATUS.md does not hold yet."""
    return [
        f"{start_marker(unit_id)}\n{entry.strip()}\n{end_marker(unit_id)}\n"
        for unit_id, entry in sorted(fragments.items())
        if start_marker(unit_id) not in status_text
    ]


def with_entries(status_text: str, entries: list[str]) -> str:
    if not entries:
        return status_text
    text = status_text if status_text.endswith("\n") else status_text + "\n"
    return text + "".join(f"\n{entry}" for entry in entries)


def ensure_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if line in text.splitlines():
        return
    separator = "" if not text or text.endswith("\n") else "\n"
    path.write_text(f"{text}{separator}{line}\n", encoding="utf-8")


def sync(root: Path) -> None:
    status_path = root / STATUS_FILE
    fragments = {
        path.stem: path.read_text(encoding="utf-8")
        for path in sorted((root / FRAGMENTS_DIR).glob("*.md"))
    }
    status_text = status_path.read_text(encoding="utf-8") if status_path.exists() else STATUS_HEADER
    new_text = with_entries(status_text, missing_entries(status_text, fragments))
    if not status_path.exists() or new_text != status_text:
        status_path.parent.mkdir(parents=True, exist_ok=True)
        status_path.write_text(new_text, encoding="utf-8")
    ensure_line(root / ".gitattributes", GITATTRIBUTES_LINE)


if __name__ == "__main__":
    sync(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
