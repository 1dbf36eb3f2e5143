"""An activity log's file list, kept true when an update adds or deletes files.

Logs are the developer's: copier's updates never render them again. Only the
lines ``- `path` `` of the log's files section change here; every other line
of the log, the developer's text included, stays as it is.
"""

from __future__ import annotations

from pathlib import Path

from . import data


def files_headings() -> set[str]:
    return {f"## {data.labels(lang)['files']}" for lang in data.LANGS}


def listed(path: str) -> str:
    return f"- `{path}`"


def follow_files(log: Path, *, created: list[str], deleted: list[str]) -> bool:
    """Drop the deleted files' lines, add the created ones; True when it changed."""
    if not (created or deleted) or not log.is_file():
        return False
    lines = log.read_text(encoding="utf-8").split("\n")
    headings = files_headings()
    start = next((i for i, line in enumerate(lines) if line.strip() in headings), None)
    if start is None:
        return False
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    section = lines[start + 1 : end]
    gone = {listed(path) for path in deleted}
    kept = [line for line in section if line.rstrip() not in gone]
    present = {line.rstrip() for line in kept}
    new = [listed(path) for path in sorted(created) if listed(path) not in present]
    last_item = max((i for i, line in enumerate(kept) if line.startswith("- `")), default=None)
    at = len(kept) if last_item is None else last_item + 1
    if last_item is None:
        while at > 0 and not kept[at - 1].strip():
            at -= 1
    section = kept[:at] + new + kept[at:]
    if section == lines[start + 1 : end]:
        return False
    lines[start + 1 : end] = section
    log.write_text("\n".join(lines), encoding="utf-8")
    return True


def listed_files(log: Path) -> list[str]:
    """The paths the log's files section lists."""
    lines = log.read_text(encoding="utf-8").split("\n")
    headings = files_headings()
    found: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("## "):
            inside = line.strip() in headings
        elif inside and line.startswith("- `") and line.rstrip().endswith("`"):
            found.append(line.rstrip()[3:-1])
    return found


def unit_files(root: Path) -> list[str]:
    """Every file the project's units wrote that is still there, from their logs."""
    files = {
        path
        for log in sorted((root / data.LOGS_ROOT).glob("*/*.md"))
        for path in listed_files(log)
        if (root / path).is_file()
    }
    return sorted(files)
