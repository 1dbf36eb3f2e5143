"""The log's steps: the seed's per-type steps, ticked when the scaffold did them."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from .data import work_type


def steps(type_: str, lang: str) -> list[dict[str, Any]]:
    return work_type(type_)["steps"][lang]


def step_done(item: dict[str, Any], written: Collection[str]) -> bool:
    """A step is ticked when the scaffold did it: always (`true`) or when it
    wrote one of the parts the step names."""
    done = item.get("scaffold", False)
    if isinstance(done, bool):
        return done
    parts = [done] if isinstance(done, str) else done
    return any(part in written for part in parts)


def pending_steps(type_: str, lang: str, written: Collection[str]) -> list[str]:
    """Step items the scaffold did not do, in the seed's order."""
    return [
        item["text"]
        for stage in steps(type_, lang)
        for item in stage["items"]
        if not step_done(item, written)
    ]
