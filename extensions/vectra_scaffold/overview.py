"""STATUS.md's overview: what its unit blocks say, counted, at the top.

Between two marker lines, before the first unit block of STATUS.md:

    <!-- overview -->
    ...
    <!-- /overview -->

a table of the units per type and status, the blocked units with their note
(the block's `**Note:**` line, which `vectra-scaffold status` writes) and a
link to each unit's log. It is generated from the blocks alone, so that
docs_sync (every unit written, updated or synced), remove, status and the
merge driver (merge_docs: two branches that each change it) write it again
from the document they hold, and it is never edited by hand. Standard library
only: docs_sync runs it after every unit, under `python -S`.
"""

from __future__ import annotations

import re

from .doc_blocks import START, parse, split_lines

OVERVIEW_START = "<!-- overview -->"
OVERVIEW_END = "<!-- /overview -->"
STATUSES = ("in_progress", "completed", "blocked")  # the seed's order
STATUS_LINE = re.compile(r"^\*\*(?:Statut|Status):\*\*[ \t]*(\S*)")
NOTE_LINE = re.compile(r"^\*\*Note:\*\*[ \t]*(.*?)[ \t]*$")
LOG_LINE = re.compile(r"^\*\*(?:Fichier log|Log file):\*\*[ \t]*`([^`]+)`")
OTHER = "autre"


class Entry:
    """What the overview shows of one unit block."""

    __slots__ = ("log", "note", "status", "type", "unit")

    def __init__(self, unit: str, body: list[str]) -> None:
        self.unit = unit
        self.type = unit.split("-", 1)[0]
        self.status, self.note, self.log = "", "", ""
        for line in body:
            line = line.strip()
            if not self.status and (match := STATUS_LINE.match(line)):
                self.status = match.group(1)
            elif not self.note and (match := NOTE_LINE.match(line)):
                self.note = match.group(1)
            elif not self.log and (match := LOG_LINE.match(line)):
                self.log = match.group(1)


def entries(text: str) -> list[Entry]:
    """One entry per well-formed unit block, in the document's order."""
    return [Entry(block.unit, block.body) for block in parse(text).blocks]


def link(entry: Entry) -> str:
    # No backticks around the path: the workflow check looks for a unit's
    # `logs/...` pointer in its block, which the overview must not stand for.
    return f"[{entry.unit}]({entry.log})" if entry.log else entry.unit


def render(found: list[Entry]) -> str:
    lines = [
        OVERVIEW_START,
        "<!-- Généré par vectra-scaffold (docs-sync, status) depuis les blocs ci-dessous :"
        " ne pas modifier à la main. -->",
        "## Vue d'ensemble",
        "",
    ]
    if not found:
        lines += ["Aucune unité pour l'instant.", OVERVIEW_END]
        return "\n".join(lines) + "\n"
    others = any(entry.status not in STATUSES for entry in found)
    columns = [*STATUSES, OTHER] if others else list(STATUSES)
    counts: dict[str, dict[str, int]] = {}
    for entry in found:
        column = entry.status if entry.status in STATUSES else OTHER
        row = counts.setdefault(entry.type, dict.fromkeys(columns, 0))
        row[column] += 1
    lines.append("| Type | " + " | ".join(columns) + " | Total |")
    lines.append("|---|" + "---:|" * (len(columns) + 1))
    for type_ in sorted(counts):
        row = counts[type_]
        cells = [str(row[column]) for column in columns]
        lines.append(f"| {type_} | " + " | ".join(cells) + f" | {sum(row.values())} |")
    totals = [str(sum(row[column] for row in counts.values())) for column in columns]
    lines.append("| **Total** | " + " | ".join(totals) + f" | {len(found)} |")
    blocked = [entry for entry in found if entry.status == "blocked"]
    if blocked:
        lines += ["", "Bloquées :", ""]
        lines += [
            f"- {link(entry)} : {entry.note}" if entry.note else f"- {link(entry)}"
            for entry in blocked
        ]
    lines += ["", "Logs :", ""]
    lines += [f"- {link(entry)} — {entry.status or '?'}" for entry in found]
    lines.append(OVERVIEW_END)
    return "\n".join(lines) + "\n"


def region(lines: list[str]) -> tuple[int, int] | None:
    """(first, last) lines of the overview, markers included; an overview
    whose end marker is lost runs up to the first unit block (or the end)."""
    first = next((i for i, line in enumerate(lines) if line.strip() == OVERVIEW_START), None)
    if first is None:
        return None
    for index in range(first + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped == OVERVIEW_END:
            return first, index
        if START.fullmatch(stripped):
            last = index - 1
            while last > first and not lines[last].strip():
                last -= 1
            return first, last
    return first, len(lines) - 1


def refresh(text: str) -> str:
    """`text` (STATUS.md) with its overview written again from its blocks:
    in place, else just before the first unit block, else at the end."""
    overview = split_lines(render(entries(text)))
    lines = split_lines(text)
    found = region(lines)
    if found is not None:
        first, last = found
        return "".join(lines[:first] + overview + lines[last + 1 :])
    at = next((i for i, line in enumerate(lines) if START.fullmatch(line.strip())), None)
    if at is None:
        head = text if not text or text.endswith("\n") else text + "\n"
        return f"{head}\n{''.join(overview)}" if head.strip() else "".join(overview)
    before = lines[:at]
    while before and not before[-1].strip():
        before.pop()
    if before and not before[-1].endswith("\n"):
        before[-1] += "\n"
    return "".join([*before, *(["\n"] if before else []), *overview, "\n", *lines[at:]])


def strip(text: str) -> str:
    """`text` with the overview's generated lines left out (its markers kept):
    what the merge driver merges, before writing the overview again."""
    lines = split_lines(text)
    found = region(lines)
    if found is None:
        return text
    first, last = found
    return "".join([*lines[:first], OVERVIEW_START + "\n", OVERVIEW_END + "\n", *lines[last + 1 :]])


def has_overview(text: str) -> bool:
    return any(line.strip() == OVERVIEW_START for line in split_lines(text))
