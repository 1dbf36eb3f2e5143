"""Record what each unit adds to the docs: STATUS.md entries and reference sections.

Each unit of the scaffold writes what it adds to a document under
`docs/workflow/units/<type>-<name>/`, at the document's path below `docs/`:
its STATUS entry at `.../workflow/STATUS.md`, its API contracts section at
`.../tech/DOC-TECH-002_API_CONTRACTS.md`, and so on. This script appends each
of them to its document, between the unit's markers, when the document does
not hold it yet. It never changes or removes a well-formed block already
there: once recorded, a section is the team's to edit. Running it again
changes nothing. STATUS.md's overview, at its top, is written again from its
blocks each time (overview).

A block that is damaged (its start marker twice, nested in another block, not
closed, an end marker without its start: what a bad merge leaves) is rebuilt
from the unit's section file, in place; a block duplicated whole, every copy
the same, is kept once.

Every document it appends to is merged by merge_docs, the
`vectra-docs` merge driver named in .gitattributes (this script writes those
lines, and turns an older `merge=union` into it), so two branches that each
add a unit merge with both blocks whole.

Usage: vectra-scaffold docs-sync (at the project root)
"""

from __future__ import annotations

import os
import sys

from . import overview
from .doc_blocks import Extent, Scan, end_marker, scan, split_lines, start_marker

DOCS = "docs"
UNITS_DIR = f"{DOCS}/workflow/units"
STATUS = "workflow/STATUS.md"
NEW_DOCUMENT_HEADERS = {
    STATUS: """# STATUS

Suivi des unités de travail (WORKFLOW-001). Chaque unité créée par le scaffold
ajoute ici son entrée ; les entrées sont ensuite à vous : coverage et résultat
des tests au fil du travail, statut par `make unit-status` (qui tient le log à
jour en même temps). La vue d'ensemble est régénérée depuis les entrées.
""",
}


MERGE_DRIVER = "merge=vectra-docs"
# What older versions wrote in .gitattributes, and what replaces it.
HEADER = (
    "# Documents every unit appends a block to (vectra-scaffold docs-sync): merged",
    "# block by block by `vectra-scaffold merge-docs` once `make install` has configured it.",
)
OLD_ATTRIBUTE_LINES = {
    ".gitattributes merge=union": None,
    "# Documents every unit appends a section to (scripts/sync_docs.py): git's": HEADER[0],
    "# union driver keeps both sides when two branches each add a unit.": HEADER[1],
    "# Documents every unit appends a block to (scripts/sync_docs.py): merged": HEADER[0],
    "# block by block by scripts/merge_docs.py once `make install` has configured it.": (HEADER[1]),
}


def new_document(relative: str) -> str:
    stem = os.path.splitext(os.path.basename(relative))[0]
    return NEW_DOCUMENT_HEADERS.get(relative, f"# {stem}\n")


def block(unit: str, section: str) -> str:
    return f"{start_marker(unit)}\n{section.strip()}\n{end_marker(unit)}\n"


def with_section(text: str, unit: str, section: str) -> str:
    """`text` with the unit's section appended, unless it holds it already."""
    if start_marker(unit) in text:
        return text
    text = text if text.endswith("\n") else text + "\n"
    return f"{text}\n{block(unit, section)}"


def regions(found: Scan) -> tuple[list[tuple[int, int, list[str]]], set[str]]:
    """(first line, last line, units) of each stretch of damaged blocks, in
    order, and the units kept as they are.

    A unit whose copies are all whole, alone and the same is only duplicated:
    its first copy stays, the others are stretches to remove."""
    damaged = [extent for extent in found.extents if extent.unit in found.damaged]

    def alone(extent: Extent) -> bool:
        return extent.closed and not any(
            other.first <= extent.first <= other.last or extent.first <= other.first <= extent.last
            for other in damaged
            if other is not extent
        )

    kept = set()
    for unit in {extent.unit for extent in damaged}:
        copies = [extent for extent in damaged if extent.unit == unit]
        bodies = {tuple(found.body(extent)) for extent in copies}
        if len(bodies) == 1 and all(alone(extent) for extent in copies):
            kept.add(copies[0])
    stretches: list[tuple[int, int, list[str]]] = []
    for extent in damaged:
        if extent in kept:
            continue
        if stretches and extent.first <= stretches[-1][1]:
            first, last, units = stretches[-1]
            stretches[-1] = (first, max(last, extent.last), units)
        else:
            stretches.append((extent.first, extent.last, []))
        if extent.unit not in stretches[-1][2]:
            stretches[-1][2].append(extent.unit)
    return stretches, {extent.unit for extent in kept}


def repaired(text: str, unit_sections: dict[str, str]) -> str:
    """`text` with each damaged block rebuilt from its unit's section, in place.

    A stretch holding a unit without a section here is left as it is (the
    workflow check keeps reporting it)."""
    found = scan(text)
    if not found.damaged:
        return text
    lines = found.lines
    stretches, placed = regions(found)
    replacements: dict[int, tuple[int, list[str]]] = {}
    for first, last, units in stretches:
        if any(unit not in unit_sections for unit in units):
            continue
        new: list[str] = []
        for unit in units:
            if unit in placed:
                continue
            placed.add(unit)
            new.extend(["\n"] if new else [])
            new.extend(split_lines(block(unit, unit_sections[unit])))
        replacements[first] = (last, new)
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index not in replacements:
            out.append(lines[index])
            index += 1
            continue
        last, new = replacements[index]
        index = last + 1
        # A removed copy takes the blank line before it along.
        before_blank = out and not out[-1].strip()
        if not new and before_blank and (index == len(lines) or not lines[index].strip()):
            out.pop()
        out.extend(new)
    return "".join(out)


def files_below(folder: str) -> list[str]:
    """The files below `folder`, as paths relative to it with `/`, sorted."""
    return sorted(
        os.path.relpath(os.path.join(parent, name), folder).replace(os.sep, "/")
        for parent, _, names in os.walk(folder)
        for name in names
    )


def sections(root: str) -> dict[str, list[tuple[str, str]]]:
    """Per document (relative to docs/): the (unit, section) pairs, units sorted."""
    found: dict[str, list[tuple[str, str]]] = {}
    units = os.path.join(root, UNITS_DIR)
    for unit in sorted(os.listdir(units)) if os.path.isdir(units) else []:
        unit_dir = os.path.join(units, unit)
        if not os.path.isdir(unit_dir):
            continue
        for relative in (path for path in files_below(unit_dir) if path.endswith(".md")):
            with open(os.path.join(unit_dir, relative), encoding="utf-8") as section:
                found.setdefault(relative, []).append((unit, section.read()))
    return found


def is_docs_markdown(pattern: str) -> bool:
    return pattern.startswith(f"{DOCS}/") and pattern.endswith(".md")


def ensure_attributes(path: str, documents: list[str]) -> None:
    """.gitattributes names the merge driver for each document; the
    `merge=union` an older version wrote for a Markdown document of docs/
    becomes it too. Its other lines stay."""
    old = ""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as file:
            old = file.read()
    lines = []
    for line in old.splitlines():
        if line.strip() in OLD_ATTRIBUTE_LINES:
            replacement = OLD_ATTRIBUTE_LINES[line.strip()]
            lines.extend([replacement] if replacement else [])
            continue
        words = line.split()
        scaffolded = words and (words[0] in documents or is_docs_markdown(words[0]))
        if scaffolded and "merge=union" in words:
            line = " ".join(MERGE_DRIVER if word == "merge=union" else word for word in words)
        lines.append(line)
    for document in documents:
        if not any(
            line.split()[:1] == [document] and MERGE_DRIVER in line.split() for line in lines
        ):
            lines.append(f"{document} {MERGE_DRIVER}")
    new = "".join(f"{line}\n" for line in lines)
    if new != old:
        with open(path, "w", encoding="utf-8") as file:
            file.write(new)


def prune_empty_folders(folder: str) -> None:
    """Remove the empty folders a copy leaves below `folder` (copier created a
    unit's static folders even where it wrote no section)."""
    for parent, _, _ in os.walk(folder, topdown=False):  # a folder after its subfolders
        if parent != folder and not os.listdir(parent):
            os.rmdir(parent)


def read_document(path: str, relative: str) -> str:
    if not os.path.exists(path):
        return new_document(relative)
    with open(path, "rb") as file:
        return file.read().decode("utf-8")


def sync(root: str | os.PathLike[str]) -> int:
    """Append the missing sections, rebuild the damaged blocks. Returns the
    exit status: 1 when a document could not be read (it is left alone)."""
    root = os.fspath(root)
    units = os.path.join(root, UNITS_DIR)
    if os.path.isdir(units):
        prune_empty_folders(units)
    status = 0
    documents = []
    # STATUS.md exists from the start, sections or not.
    for relative, unit_sections in {STATUS: [], **sections(root)}.items():
        documents.append(f"{DOCS}/{relative}")
        document = os.path.join(root, DOCS, relative)
        try:
            old = read_document(document, relative)
        except (OSError, UnicodeDecodeError) as error:
            print(f"docs-sync: {DOCS}/{relative} left alone: {error}", file=sys.stderr)
            status = 1
            continue
        new = repaired(old, dict(unit_sections))
        for unit, section in unit_sections:
            new = with_section(new, unit, section)
        if relative == STATUS:
            new = overview.refresh(new)
        if new != old or not os.path.exists(document):
            os.makedirs(os.path.dirname(document), exist_ok=True)
            with open(document, "wb") as file:
                file.write(new.encode("utf-8"))
    ensure_attributes(os.path.join(root, ".gitattributes"), documents)
    return status
