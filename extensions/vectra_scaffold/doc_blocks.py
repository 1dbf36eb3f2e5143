"""The unit blocks of STATUS.md and the reference documents.

Each unit's section sits in a document between its two markers, each on a line
of its own:

    <!-- unit:<type>-<name> -->
    ...
    <!-- /unit:<type>-<name> -->

`scan` finds every block and says what is wrong with each (duplicated, nested
in another, not closed, an end marker without its start); `parse` splits a
document into the text before its first block and its well-formed blocks, each
with the text that follows it (what the merge driver works on); `merge_lines`
is a three-way merge of lines. Used by merge_docs (the merge
driver), docs_sync (`make docs-sync`, which repairs damaged blocks)
and workflow_check (which reports them). Standard library only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, namedtuple

START = re.compile(r"<!-- unit:(\S+?) -->")
END = re.compile(r"<!-- /unit:(\S+?) -->")
LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")
CONFLICT_START = "<<<<<<< ours\n"
CONFLICT_MIDDLE = "=======\n"
CONFLICT_END = ">>>>>>> theirs\n"


def start_marker(unit: str) -> str:
    return f"<!-- unit:{unit} -->"


def end_marker(unit: str) -> str:
    return f"<!-- /unit:{unit} -->"


def split_lines(text: str) -> list[str]:
    """The lines of `text`, each with its "\\n" (the last one may have none)."""
    return LINE.findall(text)


def marker(line: str) -> tuple[str, str] | None:
    """("start" or "end", unit) for a marker line, None for any other line."""
    if "<!-- " not in line:
        return None
    stripped = line.strip()
    for kind, pattern in (("start", START), ("end", END)):
        match = pattern.fullmatch(stripped)
        if match:
            return kind, match.group(1)
    return None


# Plain classes rather than dataclasses: the scaffold runs this module after
# every unit, and `dataclasses` costs more to import than the work itself.
class Extent(namedtuple("Extent", "unit first last closed orphan", defaults=(False,))):
    """The lines a start marker opens: up to its end marker when it is closed,
    else up to the last non-blank line before the next marker; an end marker
    without its start is an extent of one line. Fields: unit (str), first and
    last (line indexes), closed, orphan (bool)."""

    __slots__ = ()


class Scan:
    def __init__(self, lines: list[str], extents: list[Extent]) -> None:
        self.lines = lines
        self.extents = extents
        # What is wrong, in document order, one message a fault.
        self.problems: list[str] = []
        # The units whose blocks are not well-formed.
        self.damaged: set[str] = set()

    def body(self, extent: Extent) -> list[str]:
        return self.lines[extent.first + 1 : extent.last]


def scan(text: str) -> Scan:
    lines = split_lines(text)
    markers = [(index, *found) for index, line in enumerate(lines) if (found := marker(line))]
    extents: list[Extent] = []
    ends_used: set[int] = set()
    for position, (index, kind, unit) in enumerate(markers):
        if kind != "start":
            continue
        same = next(
            (
                markers[later]
                for later in range(position + 1, len(markers))
                if markers[later][2] == unit
            ),
            None,
        )
        if same and same[1] == "end":
            ends_used.add(same[0])
            extents.append(Extent(unit, index, same[0], closed=True))
            continue
        following = position + 1 < len(markers)
        last = (markers[position + 1][0] if following else len(lines)) - 1
        while last > index and not lines[last].strip():
            last -= 1
        extents.append(Extent(unit, index, last, closed=False))
    for index, kind, unit in markers:
        if kind == "end" and index not in ends_used:
            extents.append(Extent(unit, index, index, closed=False, orphan=True))
    extents.sort(key=lambda extent: extent.first)

    found = Scan(lines, extents)
    positions = [index for index, _, _ in markers]
    problems: list[tuple[str, ...]] = []
    starts = Counter(unit for _, kind, unit in markers if kind == "start")
    by_end = {extent.last: extent for extent in extents if extent.closed or extent.orphan}
    reported_duplicates: set[str] = set()
    for extent in extents:
        unit = extent.unit
        if starts[unit] > 1 and unit not in reported_duplicates:
            reported_duplicates.add(unit)
            problems.append((unit, f"block {unit} is duplicated ({starts[unit]} start markers)"))
        if extent.orphan:
            problems.append((unit, f"block {unit} has an end marker without its start"))
            continue
        if not extent.closed:
            problems.append((unit, f"block {unit} is not closed (no {end_marker(unit)})"))
            continue
        inside = markers[
            bisect_right(positions, extent.first) : bisect_left(positions, extent.last)
        ]
        for index, kind, other in inside:
            if kind == "start":
                problems.append((unit, other, f"block {other} is nested in {unit}"))
            elif by_end[index].orphan:
                problems.append((unit, other, f"block {unit} holds a stray end marker of {other}"))
            elif by_end[index].first < extent.first:
                problems.append((unit, other, f"blocks {other} and {unit} overlap"))
    seen: set[str] = set()
    for *units, message in problems:
        found.damaged.update(units)
        if message not in seen:
            seen.add(message)
            found.problems.append(message)
    return found


class Block(namedtuple("Block", "unit lead start body end trailer")):
    """One unit's block: `lead` the blank lines before its start marker, `start`,
    `body` (lines), `end`, and `trailer` the text after its end marker, up to the
    next block's blank lines or the end."""

    __slots__ = ()


class Document:
    def __init__(self, head: list[str], blocks: list[Block]) -> None:
        self.head = head
        self.blocks = blocks

    def render(self) -> str:
        out = list(self.head)
        for block in self.blocks:
            newline(out)
            out.extend([*block.lead, block.start, *block.body])
            newline(out)
            out.extend([block.end, *block.trailer])
        return "".join(out)


def newline(out: list[str]) -> None:
    if out and not out[-1].endswith("\n"):
        out[-1] += "\n"


def parse(text: str) -> Document:
    """Head and well-formed blocks; damaged blocks stay in the text around them.
    `parse(text).render() == text`."""
    found = scan(text)
    lines = found.lines
    blocks_at = {
        extent.first: extent
        for extent in found.extents
        if extent.closed and extent.unit not in found.damaged
    }
    document = Document(head=[], blocks=[])
    text_part = document.head
    index = 0
    while index < len(lines):
        extent = blocks_at.get(index)
        if extent is None:
            text_part.append(lines[index])
            index += 1
            continue
        lead: list[str] = []
        while text_part and not text_part[-1].strip():
            lead.insert(0, text_part.pop())
        block = Block(
            unit=extent.unit,
            lead=lead,
            start=lines[extent.first],
            body=found.body(extent),
            end=lines[extent.last],
            trailer=[],
        )
        document.blocks.append(block)
        text_part = block.trailer
        index = extent.last + 1
    return document


def conflict(ours: list[str], theirs: list[str]) -> list[str]:
    out = [CONFLICT_START, *ours]
    newline(out)
    out.extend([CONFLICT_MIDDLE, *theirs])
    newline(out)
    out.append(CONFLICT_END)
    return out


def matches(base: list[str], other: list[str]) -> dict[int, int]:
    """Line of `other` matched to each line of `base` it keeps."""
    from difflib import SequenceMatcher  # here: only merges need it, not every unit's sync

    found = {}
    for block in SequenceMatcher(None, base, other, autojunk=False).get_matching_blocks():
        for offset in range(block.size):
            found[block.a + offset] = block.b + offset
    return found


def merge_lines(base: list[str], ours: list[str], theirs: list[str]) -> tuple[list[str], bool]:
    """Three-way merge of lines (diff3): each side's changes where the other
    kept the base; conflict markers where both changed the same lines
    differently (or lines next to each other). Returns (lines, clean)."""
    if ours == theirs or theirs == base:
        return list(ours), True
    if ours == base:
        return list(theirs), True
    in_ours, in_theirs = matches(base, ours), matches(base, theirs)
    stable = [index for index in sorted(in_ours) if index in in_theirs]
    out: list[str] = []
    clean = True
    at_base = at_ours = at_theirs = 0
    for index in [*stable, len(base)]:
        to_ours = in_ours[index] if index < len(base) else len(ours)
        to_theirs = in_theirs[index] if index < len(base) else len(theirs)
        old = base[at_base:index]
        mine, other = ours[at_ours:to_ours], theirs[at_theirs:to_theirs]
        if mine == old:
            out.extend(other)
        elif other in (old, mine):
            out.extend(mine)
        else:
            out.extend(conflict(mine, other))
            clean = False
        if index < len(base):
            out.append(base[index])
        at_base, at_ours, at_theirs = index + 1, to_ours + 1, to_theirs + 1
    return out, clean


def merge(base: str, ours: str, theirs: str) -> tuple[str, bool]:
    """Three-way merge of a document block by block. Returns (text, clean).

    Blocks added on either side are all kept whole: ours in their order, then
    theirs' new ones in theirs'. A block removed on one side and unchanged on
    the other is removed; changed on one side only, it takes that side; changed
    on both, its lines merge three-way, with conflict markers inside the block
    where both changed the same lines. The text before the first block and the
    text after each block merge three-way the same way."""
    if ours == theirs or theirs == base:
        return ours, True
    if ours == base:
        return theirs, True
    old, mine, other = parse(base), parse(ours), parse(theirs)
    old_blocks = {block.unit: block for block in old.blocks}
    my_blocks = {block.unit: block for block in mine.blocks}
    other_blocks = {block.unit: block for block in other.blocks}
    head, clean = merge_lines(old.head, mine.head, other.head)
    merged = Document(head=head, blocks=[])

    def drop(block: Block, before: Block) -> None:
        """A removed block goes, but not text the other side wrote after it."""
        if block.trailer != before.trailer and "".join(block.trailer).strip():
            (merged.blocks[-1].trailer if merged.blocks else merged.head).extend(block.trailer)

    for block in mine.blocks:
        before, theirs_block = old_blocks.get(block.unit), other_blocks.get(block.unit)
        if theirs_block is None:
            if before is None:
                merged.blocks.append(block)
            elif block.body == before.body:
                drop(block, before)
            else:
                merged.blocks.append(block._replace(body=conflict(block.body, [])))
                clean = False
            continue
        body, body_clean = merge_lines(before.body if before else [], block.body, theirs_block.body)
        trailer, trailer_clean = merge_lines(
            before.trailer if before else [], block.trailer, theirs_block.trailer
        )
        clean = clean and body_clean and trailer_clean
        # Blank lines before a block: ours unless only theirs changed them.
        lead = theirs_block.lead if before and block.lead == before.lead else block.lead
        merged.blocks.append(block._replace(lead=lead, body=body, trailer=trailer))
    for block in other.blocks:
        if block.unit in my_blocks:
            continue
        before = old_blocks.get(block.unit)
        if before is None:
            merged.blocks.append(block)
        elif block.body == before.body:
            drop(block, before)
        else:
            merged.blocks.append(block._replace(body=conflict([], block.body)))
            clean = False
    return merged.render(), clean
