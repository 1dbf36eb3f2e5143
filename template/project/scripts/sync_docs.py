"""Record what each unit adds to the docs: STATUS.md entries and reference sections.

Each unit of the scaffold writes what it adds to a document under
`docs/workflow/units/<type>-<name>/`, at the document's path below `docs/`:
its STATUS entry at `.../workflow/STATUS.md`, its API contracts section at
`.../tech/DOC-TECH-002_API_CONTRACTS.md`, and so on. This script appends each
of them to its document, between the unit's markers, when the document does
not hold it yet. It never changes or removes text already there: once
recorded, a section is the team's to edit. Running it again changes nothing.

Every document it appends to is merged with git's `union` driver
(.gitattributes), so two branches that each add a unit merge without conflict.

Usage: python scripts/sync_docs.py [PROJECT_ROOT]
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path("docs")
UNITS_DIR = DOCS / "workflow/units"
STATUS = "workflow/STATUS.md"
NEW_DOCUMENT_HEADERS = {
    STATUS: """# STATUS

Suivi des unités de travail (WORKFLOW-001). Chaque unité créée par le scaffold
ajoute ici son entrée ; les entrées sont ensuite à vous : mettez à jour statut,
coverage et résultat des tests au fil du travail.
""",
}


def start_marker(unit: str) -> str:
    return f"<!-- unit:{unit} -->"


def end_marker(unit: str) -> str:
    return f"<!-- /unit:{unit} -->"


def new_document(relative: str) -> str:
    return NEW_DOCUMENT_HEADERS.get(relative, f"# {Path(relative).stem}\n")


def with_section(text: str, unit: str, section: str) -> str:
    """`text` with the unit's section appended, unless it holds it already."""
    if start_marker(unit) in text:
        return text
    text = text if text.endswith("\n") else text + "\n"
    return f"{text}\n{start_marker(unit)}\n{section.strip()}\n{end_marker(unit)}\n"


def sections(root: Path) -> dict[str, list[tuple[str, str]]]:
    """Per document (relative to docs/): the (unit, section) pairs, units sorted."""
    found: dict[str, list[tuple[str, str]]] = {}
    for unit_dir in sorted(path for path in (root / UNITS_DIR).glob("*") if path.is_dir()):
        for section in sorted(path for path in unit_dir.rglob("*.md") if path.is_file()):
            relative = section.relative_to(unit_dir).as_posix()
            found.setdefault(relative, []).append(
                (unit_dir.name, section.read_text(encoding="utf-8"))
            )
    return found


def ensure_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if line in text.splitlines():
        return
    separator = "" if not text or text.endswith("\n") else "\n"
    path.write_text(f"{text}{separator}{line}\n", encoding="utf-8")


def prune_empty_folders(folder: Path) -> None:
    """Remove the empty folders a copy leaves below `folder` (copier creates a
    unit's static folders even where it writes no section)."""
    for path in sorted(folder.rglob("*"), key=lambda path: len(path.parts), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def sync(root: Path) -> None:
    if (root / UNITS_DIR).is_dir():
        prune_empty_folders(root / UNITS_DIR)
    # STATUS.md exists from the start, sections or not.
    for relative, unit_sections in {STATUS: [], **sections(root)}.items():
        document = root / DOCS / relative
        old = document.read_text(encoding="utf-8") if document.exists() else new_document(relative)
        new = old
        for unit, section in unit_sections:
            new = with_section(new, unit, section)
        if new != old or not document.exists():
            document.parent.mkdir(parents=True, exist_ok=True)
            document.write_text(new, encoding="utf-8")
        ensure_line(root / ".gitattributes", ".gitattributes merge=union")
        ensure_line(root / ".gitattributes", f"{(DOCS / relative).as_posix()} merge=union")


if __name__ == "__main__":
    sync(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
