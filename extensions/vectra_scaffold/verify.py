"""Measure a unit, then write what was measured: `vectra-scaffold verify`.

The unit's own tests (the test files its log lists: backend/tests with pytest,
frontend/src with Vitest; not the e2e specs, which need the whole stack) run
with coverage over the unit's own code files, and the project's linters run on
its files. Then, in the unit's STATUS.md block, `Coverage:` takes the measured
figure per part (`backend 87 %, frontend 75 % (cible : ...)`) and `Tests
passent:` ✅ or ❌; in its log, the boxes verify measures (unit tests written and
passing, coverage reached) are ticked or unticked as measured; and the
per-file figures go into the project's coverage reports (backend/coverage.json,
frontend/coverage/coverage-summary.json), where `make workflow-check` and the
`completed` gate read them. Nothing is committed: `make unit-status` commits
the log and STATUS.md next.

Usage: vectra-scaffold verify <type>-<name> | <type> ...   (a type: each of its units)
Exit status: 0 tests and linters pass and coverage reaches its target, 1
otherwise (what was measured is written either way) or refused, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import data, status, workflow_check
from .doc_blocks import parse

PROG = "scaffold-verify"
PYTHON = Path("backend/.venv/bin/python")
RUFF = Path("backend/.venv/bin/ruff")
NODE_BIN = Path("frontend/node_modules/.bin")
COVERAGE_LINE = re.compile(r"^(- Coverage:[ \t]*)(.*?)([ \t]*\((?:cible|target) : [^)]*\))?[ \t]*$")
TESTS_LINE = re.compile(r"^(- (?:Tests passent|Tests pass):[ \t]*)\S*[ \t]*$")
PASSED, FAILED = "✅", "❌"


@dataclass
class Measure:
    """What verify found: per part, (covered, total) lines and whether its tests passed."""

    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)
    tests: dict[str, bool] = field(default_factory=dict)
    lint: list[str] = field(default_factory=list)
    reports: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    def percent(self, part: str) -> int:
        covered, total = self.coverage[part]
        return round(100 * covered / total) if total else 100


def unit_files(text: str) -> dict[str, list[str]]:
    """The files the log lists, by kind: tests and code of each part."""
    files = workflow_check.listed_files(text)
    return {
        "backend_tests": [
            f for f in files if f.startswith("backend/tests/") and Path(f).name.startswith("test_")
        ],
        "backend_code": [f for f in files if f.startswith("backend/app/") and f.endswith(".py")],
        "frontend_tests": [
            f for f in files if f.startswith("frontend/src/") and re.search(r"\.test\.tsx?$", f)
        ],
        "frontend_code": [
            f
            for f in files
            if f.startswith("frontend/src/") and f.endswith((".ts", ".tsx")) and ".test." not in f
        ],
    }


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def measure_backend(root: Path, files: dict[str, list[str]], measure: Measure) -> None:
    tests = [
        path.removeprefix("backend/") for path in files["backend_tests"] if (root / path).is_file()
    ]
    if not tests:
        return
    with tempfile.TemporaryDirectory(prefix="verify-") as scratch:
        report_path = Path(scratch) / "coverage.json"
        command = [str(root / PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--cov=app"]
        command += [f"--cov-report=json:{report_path}", "--cov-fail-under=0", *tests]
        result = run(command, root / "backend")
        measure.tests["backend"] = result.returncode == 0
        if result.returncode != 0:
            print(result.stdout[-3000:], file=sys.stderr)
        found = workflow_check.backend_coverage(report_path.parent, [], report_path.name) or {}
    own = [path.removeprefix("backend/") for path in files["backend_code"]]
    numbers = {path: found[path] for path in own if path in found}
    measure.reports["backend"] = numbers
    if numbers:
        measure.coverage["backend"] = tuple(map(sum, zip(*numbers.values(), strict=True)))


def measure_frontend(root: Path, files: dict[str, list[str]], measure: Measure) -> None:
    tests = [
        path.removeprefix("frontend/")
        for path in files["frontend_tests"]
        if (root / path).is_file()
    ]
    if not tests:
        return
    code = [path.removeprefix("frontend/") for path in files["frontend_code"]]
    with tempfile.TemporaryDirectory(prefix="verify-") as scratch:
        results = Path(scratch) / "results.json"
        command = [str(root / NODE_BIN / "vitest"), "run", *tests, "--coverage.enabled"]
        command += [f"--coverage.include={path}" for path in code]
        command += ["--coverage.reporter=json-summary", f"--coverage.reportsDirectory={scratch}"]
        command += ["--reporter=default", "--reporter=json", f"--outputFile.json={results}"]
        result = run(command, root / "frontend")
        try:
            outcome = json.loads(results.read_text(encoding="utf-8"))
            passed = bool(outcome.get("success")) and outcome.get("numFailedTests") == 0
        except (OSError, ValueError):
            passed = False
        measure.tests["frontend"] = passed
        if not passed:
            print(result.stdout[-3000:], result.stderr[-2000:], file=sys.stderr)
        summary = Path(scratch) / "coverage-summary.json"
        found = workflow_check.frontend_coverage(summary.parent, [], summary.name) or {}
    numbers = {path: found[path] for path in code if path in found}
    measure.reports["frontend"] = numbers
    if numbers:
        measure.coverage["frontend"] = tuple(map(sum, zip(*numbers.values(), strict=True)))


def lint(root: Path, files: list[str], measure: Measure) -> None:
    """The project's linters on the unit's files: what they refuse, a line each."""
    python = [path for path in files if path.endswith(".py") and (root / path).is_file()]
    scripts = [path for path in files if path.endswith((".ts", ".tsx")) and (root / path).is_file()]
    if python and (root / RUFF).exists():
        config = ["--config", "backend/pyproject.toml"]
        for command in (["check", "--quiet"], ["format", "--check", "--quiet"]):
            result = run([str(root / RUFF), *command, *config, *python], root)
            if result.returncode != 0:
                measure.lint.append(f"ruff {command[0]}: {last_lines(result)}")
    if scripts and (root / NODE_BIN / "prettier").exists():
        inside = [path.removeprefix("frontend/") for path in scripts]
        for tool, args in (("prettier", ["--check", "--log-level", "warn"]), ("eslint", [])):
            result = run([str(root / NODE_BIN / tool), *args, *inside], root / "frontend")
            if result.returncode != 0:
                measure.lint.append(f"{tool}: {last_lines(result)}")


def last_lines(result: subprocess.CompletedProcess) -> str:
    text = (result.stdout + result.stderr).strip().splitlines()
    return " | ".join(text[-3:]) if text else f"exit {result.returncode}"


def coverage_text(measure: Measure, lang: str, targets: dict[str, int]) -> str:
    """The measured coverage as the log states its target: one figure for one
    target, else one per part (`backend 87 %, frontend 75 %`)."""
    if not measure.coverage:
        return data.labels(lang)["none"]
    parts = sorted(measure.coverage)
    if len(parts) == 1 and set(targets) <= {""}:
        return f"{measure.percent(parts[0])} %"
    return ", ".join(f"{part} {measure.percent(part)} %" for part in parts)


def reached(measure: Measure, targets: dict[str, int]) -> bool:
    """Every measured part reaches its target (a part without one, the log's single one)."""
    if not measure.coverage:
        return False
    return all(
        measure.percent(part) >= targets.get(part, targets.get("", 0)) for part in measure.coverage
    )


def with_block(text: str, unit: str, coverage: str, passed: bool) -> str:
    """STATUS.md with the unit's block saying what was measured."""
    document = parse(text)
    index = next((i for i, block in enumerate(document.blocks) if block.unit == unit), None)
    if index is None:
        raise status.Refused(f"{PROG}: {status.STATUS_DOC} has no whole block of {unit}")
    block = document.blocks[index]
    body = []
    for line in block.body:
        end = "\n" if line.endswith("\n") else ""
        row = line.rstrip("\n")
        if match := COVERAGE_LINE.match(row):
            row = f"{match.group(1)}{coverage}{match.group(3) or ''}"
        elif match := TESTS_LINE.match(row):
            row = f"{match.group(1)}{PASSED if passed else FAILED}"
        body.append(row + end)
    document.blocks[index] = block._replace(body=body)
    return document.render()


def with_boxes(text: str, lang: str, boxes: dict[str, bool]) -> str:
    """The log with its boxes named by `boxes` (label keys) ticked or not."""
    for key, ticked in boxes.items():
        label = re.escape(data.labels(lang)[key])
        mark = "x" if ticked else " "
        text = re.sub(rf"^- \[[ xX]\] ({label}\b)", rf"- [{mark}] \1", text, flags=re.MULTILINE)
    return text


def merge_reports(root: Path, measure: Measure) -> None:
    """The unit's per-file figures into the project's coverage reports (created if missing)."""
    backend = measure.reports.get("backend")
    if backend:
        path = root / workflow_check.BACKEND_COVERAGE
        report = read_report(path)
        files = report.setdefault("files", {}) if isinstance(report.get("files", {}), dict) else {}
        for name, (covered, total) in backend.items():
            files[name] = {"summary": {"covered_lines": covered, "num_statements": total}}
        report["files"] = files
        path.write_text(json.dumps(report), encoding="utf-8")
    frontend = measure.reports.get("frontend")
    if frontend:
        path = root / workflow_check.FRONTEND_COVERAGE
        report = read_report(path)
        for name, (covered, total) in frontend.items():
            key = str((root / "frontend" / name).resolve())
            report[key] = {"lines": {"covered": covered, "total": total}}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report), encoding="utf-8")


def read_report(path: Path) -> dict:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return report if isinstance(report, dict) else {}


def verify(root: Path, unit: str) -> tuple[bool, list[str]]:
    log, lang = status.unit_log(root, unit)
    text = status.read(log)
    files = unit_files(text)
    measure = Measure()
    measure_backend(root, files, measure)
    measure_frontend(root, files, measure)
    lint(root, workflow_check.listed_files(text), measure)
    targets = workflow_check.coverage_targets(text)
    passed = bool(measure.tests) and all(measure.tests.values())
    coverage_ok = reached(measure, targets)
    coverage = coverage_text(measure, lang, targets)
    status_text = with_block(status.read(root / status.STATUS_DOC), unit, coverage, passed)
    boxes = {"unit_tests": passed}
    if targets:
        boxes["coverage"] = coverage_ok
    (root / status.STATUS_DOC).write_bytes(status_text.encode("utf-8"))
    log.write_bytes(with_boxes(text, lang, boxes).encode("utf-8"))
    merge_reports(root, measure)
    ran = ", ".join(f"{part} {'passed' if ok else 'FAILED'}" for part, ok in measure.tests.items())
    lines = [
        f"{PROG}: {unit}: tests {ran or 'none found in its log'}; coverage {coverage}"
        + (
            f" (target {', '.join(f'{k} {v} %'.strip() for k, v in targets.items())})"
            if targets
            else ""
        ),
        *(f"  lint: {problem}" for problem in measure.lint),
        f"  {status.STATUS_DOC.as_posix()}, {log.relative_to(root).as_posix()}: written",
    ]
    return passed and (coverage_ok or not targets) and not measure.lint, lines


def units_named(root: Path, names: list[str]) -> list[str]:
    """Each name a unit (`agent-bant-qualifier`), or a type (`agent`): its units."""
    units: list[str] = []
    for name in names:
        if name in data.type_names():
            found = sorted(path.stem for path in (root / ".copier-answers").glob(f"{name}-*.yml"))
            if not found:
                raise status.Refused(f"{PROG}: no {name} unit in this project")
            units += found
        else:
            units.append(name)
    return units


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vectra-scaffold verify", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "units", nargs="+", help="<type>-<name> (e.g. api-leads-endpoints), or a type: its units"
    )
    args = parser.parse_args(argv)
    root = Path.cwd().resolve()
    failing = 0
    try:
        for unit in units_named(root, args.units):
            ok, lines = verify(root, unit)
            print("\n".join(lines))
            failing += not ok
    except status.Refused as refusal:
        print(
            "\n".join(str(line).replace(status.PROG, PROG) for line in refusal.args),
            file=sys.stderr,
        )
        return 1
    return 1 if failing else 0
