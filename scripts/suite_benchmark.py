"""What a project's own checks cost as it grows: one project, units added in the
mix of a team's months of work, measured at 10, 50 and 100 units.

Per 20 units: 6 api, 4 agent, 4 component (one of them a page), 2 feature,
2 database, 1 test, 1 fix, one commit each, in a fixed order (so the 10- and
50-unit projects are the first units of the 100-unit one). At each size, the
CPU time (user + system of the processes started) of `make test-backend`
(SQLite, coverage on, as a developer runs it), of `make test-frontend`, of
`make workflow-check` and of `vectra-scaffold list`; at the last size, `make
scaffold-update` to an empty release (a template commit that changes no
file), per unit. The backend's CPU per test is the figure that must stay flat.

Run by `scripts/benchmark.py --suites` (writes its section of docs/benchmarks.md);
`--installs DIR` reuses an installed project's backend/.venv and
frontend/node_modules instead of `make install` (a few minutes).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

SECTION = "## Test suites as a project grows"
# Vitest colours its summary even into a pipe.
ANSI_CODES = re.compile(r"\x1b\[[0-9;]*m")
SIZES = (10, 50, 100)
# One round of 20, repeated: the mix of a team's months of work.
PATTERN = (
    "api agent component api feature database component api agent test "
    "api agent page api feature database component api agent fix"
).split()
WORDS = (
    "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
    "november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu"
).split()
# Measured on 2026-12-06 before the schema was created once per run (issue 26).
BEFORE = {
    "backend per test": {10: 0.155, 50: 0.30, 100: 0.66},
    "frontend suite": {10: 50, 50: 197, 100: 273},
}


def units(count: int) -> list[dict]:
    """The first `count` units of the mix, with names and answers that the rules accept."""
    made: list[dict] = []
    agents: list[str] = []
    for index in range(count):
        kind = PATTERN[index % len(PATTERN)]
        word = WORDS[index % len(WORDS)] + (str(index // len(WORDS)) if index >= len(WORDS) else "")
        if kind == "api":
            unit = {"type": "api", "name": f"{word}-endpoints",
                    "fields": "name:str amount:int? starts_at:datetime?"}  # fmt: skip
        elif kind == "agent":
            agents.append(f"{word}-scorer")
            unit = {"type": "agent", "name": agents[-1]}
        elif kind == "component":
            unit = {"type": "component", "name": f"{word}-card"}
        elif kind == "page":
            unit = {"type": "component", "name": f"{word}-board", "kind": "page",
                    "route": f"{word}-board"}  # fmt: skip
        elif kind == "feature":
            unit = {"type": "feature", "name": f"{word}-wizard", "entity": f"{word}_item",
                    "fields": "title:str score:int? status:enum(open,done)"}  # fmt: skip
        elif kind == "database":
            unit = {"type": "database", "name": f"add-{word}-archive"}
        elif kind == "test":
            unit = {"type": "test", "name": f"{word}-agent-check", "test_kind": "unit-agent",
                    "target": agents[-1]}  # fmt: skip
        else:
            unit = {"type": "fix", "name": f"{word}-startup", "target": "app"}
        made.append(unit)
    return made


@dataclass
class Size:
    units: int
    backend_cpu: float
    backend_tests: int
    frontend_cpu: float
    frontend_files: int
    check_cpu: float
    list_cpu: float

    @property
    def per_test(self) -> float:
        return self.backend_cpu / self.backend_tests


def passed(output: str, pattern: str) -> int:
    found = re.findall(pattern, output)
    if not found:
        raise SystemExit(f"no count ({pattern}) in:\n{output[-2000:]}")
    return int(found[-1])


def share_installs(installed: Path, project: Path) -> None:
    subprocess.run(["cp", "-al", str(installed / "frontend/node_modules"),
                    str(project / "frontend")], check=True)  # fmt: skip
    (project / "backend/.venv").symlink_to(installed / "backend/.venv")
    (project / ".git/info/exclude").write_text(".venv\n")
    subprocess.run(["make", "-o", "install-backend", "-o", "install-frontend", "install"],
                   cwd=project, check=True, capture_output=True)  # fmt: skip


def make(project: Path, target: str) -> str:
    """`make <target>`'s output. A fix unit's regression test fails until its
    developer writes it (REGRESSION-TEST-NOT-WRITTEN): those failures alone are
    expected; the workflow check's verdict on unfinished units is not measured."""
    result = subprocess.run(["make", target], cwd=project, capture_output=True, text=True)
    failed = re.findall(r"^FAILED (\S+)", ANSI_CODES.sub("", result.stdout), re.MULTILINE)
    unexpected = [test for test in failed if "/test_regression_" not in test]
    if target.startswith("test") and result.returncode and (unexpected or not failed):
        raise SystemExit(f"make {target} failed:\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
    return ANSI_CODES.sub("", result.stdout)


def tests_run(output: str) -> int:
    """Passed and failed tests, from pytest's summary line."""
    summary = [line for line in output.splitlines() if re.search(r" passed.* in [\d.]+s", line)]
    if not summary:
        raise SystemExit(f"no pytest summary in:\n{output[-2000:]}")
    return sum(int(count) for count in re.findall(r"(\d+) (?:passed|failed)", summary[-1]))


def measure_size(bench, project: Path, count: int) -> Size:
    outputs: dict[str, str] = {}

    def run(target: str) -> None:
        outputs[target] = make(project, target)

    backend = bench.measured(lambda: run("test-backend"))
    frontend = bench.measured(lambda: run("test-frontend"))
    check = bench.measured(lambda: run("workflow-check"))
    tool = project / "backend/.venv/bin/vectra-scaffold"
    listing = bench.measured(lambda: bench.run(tool, "list", cwd=project))
    return Size(
        units=count,
        backend_cpu=backend.cpu,
        backend_tests=tests_run(outputs["test-backend"]),
        frontend_cpu=frontend.cpu,
        frontend_files=passed(outputs["test-frontend"], r"Test Files\s+(\d+) passed"),
        check_cpu=check.cpu,
        list_cpu=listing.cpu,
    )  # fmt: skip


def bulk_update(bench, template: Path, project: Path, count: int) -> float:
    """`make scaffold-update` to a release that changes no file: CPU per unit."""
    bench.commit(template, "an empty release")
    bench.run("git", "tag", "v-empty", cwd=template)
    tool = project / "backend/.venv/bin/vectra-scaffold"
    sample = bench.measured(lambda: bench.run(tool, "update", "--vcs-ref", "v-empty", cwd=project))
    return sample.cpu / (count + 1)  # the units and the project's own answers


def bench_suites(bench, work: Path, installs: Path | None) -> tuple[list[Size], float]:
    env = os.environ | {"PYTHONWARNINGS": "ignore"}
    template = bench.template_repo(work)
    project = bench.bootstrap(template, work / "project")
    if installs:
        share_installs(installs, project)
    else:
        bench.run("make", "install", cwd=project)
    sizes: list[Size] = []
    written = 0
    plan = units(max(SIZES))
    for count in SIZES:
        for unit in plan[written:count]:
            bench.copy_unit(template, project, unit, env=env)
            bench.commit(project, f"{unit['type']} {unit['name']}")
        written = count
        sizes.append(measure_size(bench, project, count))
        print(sizes[-1], flush=True)
    per_unit_update = bulk_update(bench, template, project, written)
    return sizes, per_unit_update


def section(sizes: list[Size], per_unit_update: float, machine: list[str]) -> str:
    first = sizes[0]
    rows = [
        f"| {size.units} | {size.backend_tests} | {size.backend_cpu:.0f} s | "
        f"{size.per_test * 1000:.0f} ms ({size.per_test / first.per_test:.2f} times) | "
        f"{BEFORE['backend per test'][size.units] * 1000:.0f} ms | "
        f"{size.frontend_files} | {size.frontend_cpu:.0f} s | "
        f"{BEFORE['frontend suite'][size.units]} s | "
        f"{size.check_cpu:.2f} s | {size.list_cpu:.2f} s |"
        for size in sizes
    ]
    last = sizes[-1]
    return "\n".join([
        SECTION,
        "",
        *machine,
        "",
        "One project, units added one commit each in a team's mix (per 20: 6 api, 4 agent,",
        "4 component with one page, 2 feature, 2 database, 1 test, 1 fix), measured at each",
        "size: CPU time (user + system) of the project's own commands, SQLite, coverage on.",
        "\"Before\" is the issue's measurement of v0.4.0 (another mix, fewer tests per unit).",
        "",
        "| units | backend tests | backend CPU | CPU per test (vs 10 units) | before | "
        "frontend test files | frontend CPU | before | workflow-check | `list` |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"- `make scaffold-update` to a release that changes no file: {per_unit_update:.2f} s CPU",
        f"  per unit at {last.units} units (before: 2.3 s).",
        f"- Backend CPU per test at {last.units} units is "
        f"{last.per_test / first.per_test:.2f} times the 10-unit figure (goal: within 1.2 times).",
        "  The schema is created once per run and each test starts from empty tables (one",
        "  query finds the tables a test wrote to); a unit's migration test runs its own",
        "  step from a copy of the database at the previous revision.",
        "",
    ])  # fmt: skip
