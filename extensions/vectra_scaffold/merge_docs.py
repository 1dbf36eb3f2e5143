"""git merge driver for STATUS.md and the reference documents: unit blocks kept whole.

Two branches that each add a unit both append a block at the end of the same
documents. This driver merges them block by block (doc_blocks):
every block added on either side is kept whole, ours first, then theirs' new
ones; a block changed on one side only takes that side; a block changed on
both sides where their changes meet is a conflict written inside that block,
with the usual markers. The text around the blocks merges three-way too.
STATUS.md's overview is not merged: it is written again from the merged
blocks (overview), so that two branches changing it never conflict there.

.gitattributes names it for each document (`merge=vectra-docs`); `make
install` (`make merge-driver`) registers it in the clone's git config:

    git config merge.vectra-docs.driver "backend/.venv/bin/vectra-scaffold merge-docs %O %A %B"

Without it, git's own text merge applies, which stops with a conflict when both
sides appended (it never interleaves the blocks).

Usage (by git): vectra-scaffold merge-docs BASE OURS THEIRS
Writes the result into OURS; exit status 0 when clean, 1 on a conflict.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import overview
from .doc_blocks import merge


def merge_document(base: str, ours: str, theirs: str) -> tuple[str, bool]:
    """`doc_blocks.merge`; for STATUS.md (the document with an overview), the
    overview is left out of the merge and written again from the merged blocks."""
    if not any(overview.has_overview(text) for text in (base, ours, theirs)):
        return merge(base, ours, theirs)
    merged, clean = merge(*(overview.strip(text) for text in (base, ours, theirs)))
    return overview.refresh(merged), clean


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: merge_docs.py BASE OURS THEIRS", file=sys.stderr)
        return 2
    base, ours, theirs = (Path(path) for path in argv)
    try:
        texts = [path.read_bytes().decode("utf-8") for path in (base, ours, theirs)]
    except (OSError, UnicodeDecodeError) as error:
        print(f"merge_docs: {error}; ours left as it is, to resolve by hand", file=sys.stderr)
        return 1
    merged, clean = merge_document(*texts)
    ours.write_bytes(merged.encode("utf-8"))
    return 0 if clean else 1
