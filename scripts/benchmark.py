"""Benchmark of the scaffold: what a unit and an update cost, against bare copier and peers.

- One unit of each type: `copier copy` of the unit against a bare copier
  template of the same layout (`_subdirectory`, the same files with the same
  content, the same answers-file path, one trivial task), in paired,
  interleaved runs (`--runs`, order alternating), each in a new copy of the
  same bootstrapped project. CPU time is that of the copier process and its
  children (git, the task), from `getrusage`; the ratio is the median of the
  pairs' ratios. The scaffold's compile cache is warm (a first, untimed run
  fills it); one row shows the api unit with a new, empty cache every run.
- For the smallest unit, two parts of its cost alone against what the bare
  template does instead: cloning the template repository, the post-copy task.
- Peers, when Node and npm are present: Hygen and Plop (installed in a
  temporary folder) writing the api unit's files, in the same paired runs.
- Updates: `copier update` of one unit against `copier copy` of the same unit
  at the new version, and the same on the unit's bare template (copier's own
  update against its copy); `vectra-scaffold update` (what `make
  scaffold-update` runs) over 20 units against 20 copies of them.
- `scripts/workflow_check.py` on 10, 100 and 1000 logs.

Writes docs/benchmarks.md (or --output), keeping its "Lists at 1,000,000
rows" section and its "Frontend first-load JavaScript" section, which the
frontend's build measures.

`--suites` measures instead (and writes only its section) what a project's own
tests, check and bulk update cost at 10, 50 and 100 units
(scripts/suite_benchmark.py says how; about half an hour, `--installs DIR`
to reuse an installed project's packages).

`--lists` measures instead (and writes only its section): a generated
project's list endpoint against a tenant of 1,000,000 rows on PostgreSQL, at
HEAD and at the previous release (v0.2.0), with an api unit at each: the
server time of page 1, of offsets 10,000 and 500,000, of a search (`q`), of a
filter on an indexed enum, of a sort on a field without index, what `total`
costs, and the page query's plan (scripts/list_benchmark.py says how). It
starts a PostgreSQL cluster of its own on 127.0.0.1:55433 (scripts/postgres.sh,
as root, Debian's package) and removes it after; about three minutes.
`--frontend` measures instead (and writes only its section) the demo feature's pages:
first-load JavaScript and Lighthouse mobile performance (scripts/frontend_benchmark.py
says how; `--project DIR` measures an installed project instead of a new one, `--runs`
caps at 3 audits per page). A few minutes.
Run: .venv/bin/python scripts/benchmark.py [--runs 10] [--update-units 20]
     [--lists | --suites | --frontend]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-01-15"
UNITS = [
    {"type": "component", "name": "lead-card"},
    {"type": "component", "name": "campaigns-list", "kind": "page", "route": "campaigns"},
    {"type": "api", "name": "campaigns-endpoints", "fields": "name:str budget:int?"},
    {"type": "agent", "name": "bant-qualifier"},
    {"type": "database", "name": "add-lead-enrichment"},
    {"type": "fix", "name": "celery-startup", "target": "app.core.celery_app"},
    {"type": "test", "name": "bant-service", "test_kind": "unit-agent", "target": "bant-qualifier"},
    {
        "type": "feature",
        "name": "campaign-wizard",
        "entity": "campaign",
        "fields": "name:str budget:int? starts_at:datetime",
    },
]
API_UNIT = UNITS[2]
FRONTEND_SECTION = "## Frontend first-load JavaScript"
HYGEN, PLOP = "hygen@6.2.11", "plop@4.0.5"


def label(unit: dict) -> str:
    return unit["type"] + (f" ({unit['kind']})" if "kind" in unit else "")


# --- running and timing ---------------------------------------------------------------


def run(*command: str | Path, cwd: Path | None = None, env: dict | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, env=env
    )
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{result.stderr[-3000:]}")
    return result.stdout


@dataclass
class Sample:
    cpu: float
    wall: float


def measured(action: Callable[[], object]) -> Sample:
    """CPU (user + system) of the child processes `action` runs and waits for, and wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    action()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Sample(cpu, wall)


@dataclass
class Contender:
    name: str
    run: Callable[[], object]
    setup: Callable[[], object] = lambda: None


def paired(contenders: list[Contender], runs: int) -> dict[str, list[Sample]]:
    """Each contender once per round, the order rotating from round to round,
    so that the machine's load falls on all of them alike. The files a setup
    writes (a project's copy) are flushed before the run is measured: the
    file system's catching up with them would otherwise be charged to
    whichever run creates files next, the more the more files it creates."""
    samples: dict[str, list[Sample]] = {contender.name: [] for contender in contenders}
    for round_ in range(runs):
        shift = round_ % len(contenders)
        for contender in contenders[shift:] + contenders[:shift]:
            contender.setup()
            os.sync()
            samples[contender.name].append(measured(contender.run))
    return samples


def ratio(ours: list[Sample], theirs: list[Sample], field: str = "cpu") -> float:
    """Median of the pairs' ratios."""
    return statistics.median(
        getattr(a, field) / getattr(b, field) for a, b in zip(ours, theirs, strict=True)
    )


def spread(samples: list[Sample], field: str = "cpu") -> str:
    values = [getattr(sample, field) for sample in samples]
    return f"{statistics.median(values):.2f} ({min(values):.2f} to {max(values):.2f})"


# --- projects and templates ----------------------------------------------------------


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    run("git", "init", "-q", "-b", "main", cwd=path)
    run("git", "config", "user.email", "bench@vectra.test", cwd=path)
    run("git", "config", "user.name", "bench", cwd=path)
    return path


def commit(path: Path, message: str) -> None:
    run("git", "add", "-A", cwd=path)
    run("git", "commit", "-q", "--allow-empty", "-m", message, cwd=path)


def one_commit_repo(path: Path) -> Path:
    """Commit `path` as a one-commit, packed repository: what copier clones is
    then the same kind of repository for the scaffold and the bare template."""
    git_repo(path)
    commit(path, "template")
    run("git", "gc", "-q", cwd=path)
    return path


def template_repo(work: Path, source: Path = ROOT, ref: str = "HEAD") -> Path:
    """This checkout's HEAD (or `ref`, e.g. a release's tag) as a template
    repository, tagged v1."""
    template = work / "template"
    template.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", ref], cwd=source, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(template)], input=archive, check=True)
    one_commit_repo(template)
    run("git", "tag", "v1", cwd=template)
    return template


def copier(*args: str | Path, cwd: Path | None = None, env: dict | None = None) -> str:
    return run(sys.executable, "-m", "copier", *args, cwd=cwd, env=env)


def unit_data(unit: dict) -> list[str]:
    answers = {"date": DATE, **unit}
    return [arg for key, value in answers.items() for arg in ("--data", f"{key}={value}")]


def copy_unit(template: Path, dst: Path, unit: dict, ref: str = "HEAD", env=None) -> None:
    copier("copy", "--trust", "--defaults", "--quiet", "-r", ref, template, dst, *unit_data(unit),
           env=env)  # fmt: skip


def bootstrap(template: Path, dst: Path, ref: str = "HEAD") -> Path:
    git_repo(dst)
    answers = {"type": "project", "name": "bench", "template_source": template}
    copy_unit(template, dst, answers, ref)
    commit(dst, "bootstrap")
    return dst


def fresh_copy(base: Path, dst: Path) -> Callable[[], None]:
    def setup() -> None:
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(base, dst, symlinks=True)

    return setup


def written_files(project: Path) -> list[str]:
    """Files a copy added to a committed project (not those its task changed)."""
    status = run("git", "status", "--porcelain", "--untracked-files=all", cwd=project)
    return sorted(line[3:] for line in status.splitlines() if line.startswith("?? "))


def bare_template(path: Path, project: Path, files: list[str]) -> Path:
    """A copier template with the layout of what a unit wrote in `project`: the
    same files with the same content under `_subdirectory`, the same
    answers-file path, one question and one trivial task started as ours is."""
    answers_file = next(file for file in files if file.startswith(".copier-answers"))
    tree = path / "template"
    for file in files:
        if file == answers_file:
            continue
        target = tree / f"{file}.jinja"
        target.parent.mkdir(parents=True, exist_ok=True)
        content = (project / file).read_text(encoding="utf-8")
        target.write_text(f"{{% raw %}}{content}{{% endraw %}}", encoding="utf-8")
    (tree / "{{ _copier_conf.answers_file }}.jinja").write_text(
        "{{ _copier_answers|to_nice_yaml }}", encoding="utf-8"
    )
    (path / "copier.yml").write_text(
        "_subdirectory: template\n"
        f"_answers_file: {answers_file}\n"
        '_tasks:\n  - ["{{ _copier_python }}", "-S", "-c", "pass"]\n'
        "name:\n  type: str\n  default: x\n",
        encoding="utf-8",
    )
    return one_commit_repo(path)


# --- peers ---------------------------------------------------------------------------


def install_peers(work: Path) -> Path | None:
    if not (shutil.which("node") and shutil.which("npm")):
        return None
    peers = work / "peers"
    peers.mkdir()
    run("npm", "install", "--no-audit", "--no-fund", "--silent", HYGEN, PLOP, cwd=peers)
    return peers


def peer_generators(peers: Path, project: Path, files: list[str]) -> None:
    """A Hygen generator and a Plop generator writing `files` as `project` holds them."""
    hygen = peers / "_templates/unit/new"
    hygen.mkdir(parents=True)
    actions = []
    for index, file in enumerate(files):
        content = (project / file).read_text(encoding="utf-8")
        (hygen / f"{index:02d}.ejs.t").write_text(
            f"---\nto: {file}\n---\n{content.replace('<%', '<%%')}", encoding="utf-8"
        )
        template = peers / "plop" / f"{index:02d}.hbs"
        template.parent.mkdir(exist_ok=True)
        template.write_text(content.replace("{{", "\\{{"), encoding="utf-8")
        actions.append({"type": "add", "path": file, "templateFile": str(template)})
    (peers / "plopfile.cjs").write_text(
        "module.exports = function (plop) {\n"
        f"  plop.setGenerator('unit', {{ prompts: [], actions: {json.dumps(actions)} }});\n"
        "};\n",
        encoding="utf-8",
    )


def hygen(peers: Path, dst: Path) -> Callable[[], object]:
    env = {**os.environ, "HYGEN_TMPLS": str(peers / "_templates")}
    binary = peers / "node_modules/hygen/dist/bin.js"
    return lambda: run("node", binary, "unit", "new", cwd=dst, env=env)


def plop(peers: Path, dst: Path) -> Callable[[], object]:
    binary = peers / "node_modules/plop/bin/plop.js"
    plopfile = peers / "plopfile.cjs"
    return lambda: run("node", binary, "--plopfile", plopfile, "--dest", dst, "unit", cwd=dst)


# --- the measures --------------------------------------------------------------------


@dataclass
class Row:
    what: str
    files: int
    ours: list[Sample]
    theirs: list[Sample]


def copy_bare(bare: Path, dst: Path) -> None:
    copier("copy", "--trust", "--defaults", "--quiet", bare, dst)


def unit_against_bare(
    work: Path, template: Path, base: Path, unit: dict, runs: int, env: dict
) -> Row:
    """`unit` copied into a copy of `base`, against a bare template of its layout."""
    probe = work / "probe"
    fresh_copy(base, probe)()
    copy_unit(template, probe, unit, env=env)  # also fills the compile cache
    files = written_files(probe)
    bare = bare_template(work / f"bare-{unit['type']}-{unit['name']}", probe, files)
    ours_dst, bare_dst = work / "ours-dst", work / "bare-dst"
    samples = paired(
        [
            Contender(
                "ours",
                lambda: copy_unit(template, ours_dst, unit, env=env),
                fresh_copy(base, ours_dst),
            ),
            Contender("bare", lambda: copy_bare(bare, bare_dst), fresh_copy(base, bare_dst)),
        ],
        runs,
    )
    return Row(label(unit), len(files), samples["ours"], samples["bare"])


def bench_units(work: Path, template: Path, runs: int, env: dict) -> list[Row]:
    base = bootstrap(template, work / "base")
    rows = []
    for unit in UNITS:
        rows.append(unit_against_bare(work, template, base, unit, runs, env))
        print(f"{rows[-1].what}: {ratio(rows[-1].ours, rows[-1].theirs):.2f}", file=sys.stderr)
    return rows


def bench_cold_cache(work: Path, template: Path, runs: int) -> Row:
    base = work / "base"
    probe = work / "probe"
    fresh_copy(base, probe)()
    copy_unit(template, probe, API_UNIT)
    files = written_files(probe)
    bare = work / f"bare-{API_UNIT['type']}-{API_UNIT['name']}"
    caches = iter(range(runs))
    ours_dst, bare_dst = work / "ours-dst", work / "bare-dst"

    def cold() -> None:
        env = {**os.environ, "XDG_CACHE_HOME": str(work / f"cold-cache-{next(caches)}")}
        copy_unit(template, ours_dst, API_UNIT, env=env)

    samples = paired(
        [
            Contender("ours", cold, fresh_copy(base, ours_dst)),
            Contender("bare", lambda: copy_bare(bare, bare_dst), fresh_copy(base, bare_dst)),
        ],
        runs,
    )
    return Row("api, empty compile cache", len(files), samples["ours"], samples["bare"])


# The fewest files, so the largest share of fixed costs.
SMALL_UNIT = next(unit for unit in UNITS if unit["type"] == "fix")


def clone_and_remove(repository: Path) -> Callable[[], None]:
    """What copier does with a local template repository each run: clone it
    into a new temporary folder without checkout, check HEAD out, remove it."""

    def action() -> None:
        into = tempfile.mkdtemp(prefix="copier._vcs.clone.")
        run("git", "clone", "-q", "--no-checkout", "--filter=blob:none", "--", repository, into)
        run("git", "-c", "core.fsmonitor=false", "checkout", "-q", "-f", "HEAD", cwd=into)
        run("rm", "-rf", into)

    return action


def tracked_files(repository: Path) -> int:
    return len(run("git", "ls-files", cwd=repository).splitlines())


def bench_gap(work: Path, template: Path, runs: int, env: dict) -> list[Row]:
    """Two parts of what SMALL_UNIT costs beyond its bare template, measured
    alone in paired runs: cloning the template repository, and the post-copy
    task (run in a project the unit was copied into without it)."""
    unit = SMALL_UNIT
    bare = work / f"bare-{unit['type']}-{unit['name']}"
    clones = paired(
        [
            Contender("ours", clone_and_remove(template)),
            Contender("bare", clone_and_remove(bare)),
        ],
        runs,
    )
    unsynced = work / "unsynced"
    fresh_copy(work / "base", unsynced)()
    copier("copy", "--trust", "--defaults", "--quiet", "--skip-tasks", template, unsynced,
           *unit_data(unit), env=env)  # fmt: skip
    files = written_files(unsynced)
    checkout = work / "template-checkout"
    run("git", "clone", "-q", template, checkout)
    script = checkout / "extensions/unit_written.py"
    synced = work / "synced"
    tasks = paired(
        [
            Contender(
                "ours",
                lambda: run(sys.executable, "-S", script, "\n".join(files), cwd=synced),
                fresh_copy(unsynced, synced),
            ),
            Contender(
                "bare",
                lambda: run(sys.executable, "-S", "-c", "pass", cwd=synced),
                fresh_copy(unsynced, synced),
            ),
        ],
        runs,
    )
    return [
        Row(
            f"cloning the template repository: clone, checkout, removal "
            f"({tracked_files(template)} files / {tracked_files(bare)})",
            len(files), clones["ours"], clones["bare"],
        ),
        Row(
            "the post-copy task (`unit_written.py` / `python -S -c pass`)",
            len(files), tasks["ours"], tasks["bare"],
        ),
    ]  # fmt: skip


def bench_peers(work: Path, template: Path, runs: int, env: dict) -> dict[str, list[Sample]]:
    peers = install_peers(work)
    if peers is None:
        return {}
    base = work / "base"
    probe = work / "probe"
    fresh_copy(base, probe)()
    copy_unit(template, probe, API_UNIT, env=env)
    peer_generators(peers, probe, written_files(probe))
    dst = {name: work / f"{name}-dst" for name in ("ours", "hygen", "plop")}
    return paired(
        [
            Contender(
                "ours", lambda: copy_unit(template, dst["ours"], API_UNIT, env=env),
                fresh_copy(base, dst["ours"]),
            ),
            Contender("hygen", hygen(peers, dst["hygen"]), fresh_copy(base, dst["hygen"])),
            Contender("plop", plop(peers, dst["plop"]), fresh_copy(base, dst["plop"])),
        ],
        runs,
    )  # fmt: skip


def fix_unit(index: int) -> dict:
    return {"type": "fix", "name": f"bug-{index}", "target": "app"}


def release_v2(template: Path) -> None:
    """A template change every fix unit's files carry (its regression test)."""
    tests = template / "template/unit/{% if unit.writes.backend %}backend{% endif %}/tests"
    regression = next(path for path in tests.iterdir() if "backend_regression_test" in path.name)
    regression.write_text(regression.read_text(encoding="utf-8") + "\n# v2\n", encoding="utf-8")
    commit(template, "v2")
    run("git", "tag", "v2", cwd=template)


def project_with_units(work: Path, template: Path, count: int, env: dict) -> tuple[Path, str]:
    project = bootstrap(template, work / f"units-{count}", ref="v1")
    for index in range(count):
        copy_unit(template, project, fix_unit(index), ref="v1", env=env)
    commit(project, f"{count} units at v1")
    return project, run("git", "rev-parse", "HEAD", cwd=project).strip()


def reset_to(project: Path, commit_id: str) -> Callable[[], None]:
    def reset() -> None:
        run("git", "reset", "-q", "--hard", commit_id, cwd=project)
        run("git", "clean", "-qfd", cwd=project)

    return reset


def update_unit(project: Path, env: dict) -> Callable[[], object]:
    answers = ".copier-answers/fix-bug-0.yml"
    return lambda: copier("update", "--trust", "--defaults", "--quiet", "-a", answers,
                          cwd=project, env=env)  # fmt: skip


def bare_release(work: Path, template: Path, base: Path, env: dict) -> tuple[Path, Path, str]:
    """A bare template of the first fix unit's layout at v1 and at v2 (release_v2's
    change), and a copy of `base` holding the unit copied from it at v1."""
    project = work / "bare-update"
    fresh_copy(base, project)()
    copy_unit(template, project, fix_unit(0), ref="v1", env=env)
    bare = bare_template(work / "bare-fix-release", project, written_files(project))
    run("git", "tag", "v1", cwd=bare)
    regression = next(bare.glob("template/**/test_regression_*.py.jinja"))
    text = regression.read_text(encoding="utf-8")
    regression.write_text(text.replace("{% endraw %}", "\n# v2\n{% endraw %}"), encoding="utf-8")
    commit(bare, "v2")
    run("git", "tag", "v2", cwd=bare)
    fresh_copy(base, project)()
    copier("copy", "--trust", "--defaults", "--quiet", "-r", "v1", bare, project, env=env)
    commit(project, "the unit at v1")
    return bare, project, run("git", "rev-parse", "HEAD", cwd=project).strip()


def bare_update_contenders(work: Path, template: Path, base: Path, env: dict) -> list[Contender]:
    bare, project, v1 = bare_release(work, template, base, env)
    copies = work / "bare-copy"

    def copy_at_v2() -> None:
        copier("copy", "--trust", "--defaults", "--quiet", "-r", "v2", bare, copies, env=env)

    return [
        Contender("bare update", update_unit(project, env), reset_to(project, v1)),
        Contender("bare copy", copy_at_v2, fresh_copy(base, copies)),
    ]


UPDATE_ROWS = {
    "update": "`copier update`, 1 unit",
    "bare update": "bare copier: `copier update`, 1 unit of the same files",
    "scaffold-update": "`make scaffold-update`, {size} units",
}


def bench_updates(
    work: Path, template: Path, runs: int, count: int, env: dict
) -> list[tuple[str, list[Sample], list[Sample]]]:
    """Updates against copies at the new version, in paired rounds; one unit
    also with a bare copier template of its files: what copier's update costs
    against its copy without the scaffold."""
    release_v2(template)
    base = bootstrap(template, work / "update-base", ref="v1")
    rows = []
    for size, rounds in ((1, runs), (count, max(2, runs // 3))):
        project, v1 = project_with_units(work, template, size, env)
        copies = work / f"copies-{size}"

        def copies_at_v2(size=size, copies=copies) -> None:
            for index in range(size):
                copy_unit(template, copies, fix_unit(index), ref="v2", env=env)

        if size == 1:
            update = update_unit(project, env)
        else:
            update = lambda project=project: run(  # noqa: E731
                sys.executable, "-m", "vectra_scaffold", "update", cwd=project, env=env
            )
        name = "update" if size == 1 else "scaffold-update"
        contenders = [
            Contender(name, update, reset_to(project, v1)),
            Contender("copies", copies_at_v2, fresh_copy(base, copies)),
        ]
        if size == 1:
            contenders += bare_update_contenders(work, template, base, env)
        samples = paired(contenders, rounds)
        for key, copied in ((name, "copies"), ("bare update", "bare copy")):
            if key in samples:
                what = UPDATE_ROWS[key].format(size=size)
                rows.append((what, samples[key], samples[copied]))
                print(f"{what}: {ratio(samples[key], samples[copied]):.2f}", file=sys.stderr)
    return rows


def bench_workflow_check(work: Path, template: Path, sizes: list[int], runs: int) -> list:
    project = bootstrap(template, work / "check")
    copy_unit(template, project, {"type": "fix", "name": "model-unit", "target": "app"})
    model_log = project / f"docs/workflow/logs/fixes/{DATE}_fix_model-unit.md"
    text = model_log.read_text(encoding="utf-8")
    status = (project / "docs/workflow/STATUS.md").read_text(encoding="utf-8")
    entry = status[status.index("<!-- unit:fix-model-unit -->") :]
    rows = []
    for size in sizes:
        logs = project / "docs/workflow/logs/fixes"
        for old in logs.glob("*.md"):
            old.unlink()
        entries = []
        for index in range(size):
            name = f"bug-{index}"
            (logs / f"{DATE}_fix_{name}.md").write_text(
                text.replace("model-unit", name), encoding="utf-8"
            )
            entries.append(entry.replace("model-unit", name))
        (project / "docs/workflow/STATUS.md").write_text(
            "# STATUS\n\n" + "\n".join(entries), encoding="utf-8"
        )
        for answers in (project / ".copier-answers").glob("*.yml"):
            answers.unlink()

        # The copies list files that do not exist: every unit fails a check, so
        # the timing includes reporting (exit status 1).
        def check(project=project) -> None:
            subprocess.run(
                [sys.executable, "scripts/workflow_check.py"], cwd=project, capture_output=True
            )

        samples = [measured(check) for _ in range(runs)]
        cpu = statistics.median(sample.cpu for sample in samples)
        rows.append((size, cpu, 1000 * cpu / size))
    return rows


# --- the report ----------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        memory = f"{int(meminfo.read_text().split()[1]) / 1024 / 1024:.0f} GiB"
    node = shutil.which("node")
    node_version = run(node, "--version").strip() if node else "none"
    import copier as copier_package

    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory: {memory}",
        f"- {platform.system()} {platform.release()}; Python {platform.python_version()}; "
        f"Node {node_version}; copier {copier_package.__version__}",
        f"- measured on {date.today().isoformat()}",
    ]


def gap_section(units: list[Row], gap: list[Row]) -> list[str]:
    whole = next(row for row in units if row.what == label(SMALL_UNIT))

    def median_gap(row: Row) -> float:
        ours = statistics.median(sample.cpu for sample in row.ours)
        return ours - statistics.median(sample.cpu for sample in row.theirs)

    rest = median_gap(whole) - sum(median_gap(row) for row in gap)
    questions = [key for key in yaml.safe_load((ROOT / "copier.yml").read_text()) if key[0] != "_"]
    entries = sum(1 for _ in (ROOT / "template/unit").rglob("*"))
    lines = [
        f"## Where a small unit's time goes ({whole.what}, {whole.files} files)",
        "",
        "Two parts of the unit's cost measured alone, each against what the bare template",
        "does instead, in paired runs; the rest is the difference of the medians left over:",
        f"copier reading copier.yml ({len(questions)} questions), asking them, loading the",
        f"extension and walking the unit tree ({entries} files and folders, every type's),",
        "and its git commands on a larger repository (`git status` of the template).",
        "",
        "| part | scaffold CPU | bare CPU | difference (s) |",
        "|---|---|---|---|",
    ]
    for row in [whole, *gap]:
        lines.append(
            f"| {'the whole unit' if row is whole else row.what} | {spread(row.ours)} "
            f"| {spread(row.theirs)} | {median_gap(row):.3f} |"
        )
    lines.append(f"| the rest: copier's own work on the template | | | {rest:.3f} |")
    return lines


def report(units, gap, cold, peers, updates, checks, runs: int, frontend: str) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `scripts/benchmark.py`. CPU time (user + system, the process and its",
        "children) and wall time in seconds: median (min to max) of paired, interleaved runs.",
        "A ratio is the median of the pairs' ratios.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## One unit against bare copier",
        "",
        "The bare template has the unit's layout: `_subdirectory`, the same files with the",
        "same content, the same answers file, one question, one trivial task started as",
        "ours is. Both are one-commit repositories, copied (`copier copy`, a new process)",
        f"into a new copy of the same bootstrapped project; {runs} pairs a row.",
        "",
        "| unit | files | scaffold CPU | bare CPU | CPU ratio | scaffold wall | bare wall | wall ratio |",  # noqa: E501
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in [*units, cold]:
        lines.append(
            f"| {row.what} | {row.files} | {spread(row.ours)} | {spread(row.theirs)} "
            f"| **{ratio(row.ours, row.theirs):.2f}** | {spread(row.ours, 'wall')} "
            f"| {spread(row.theirs, 'wall')} | {ratio(row.ours, row.theirs, 'wall'):.2f} |"
        )
    lines += ["", *gap_section(units, gap)]
    lines += ["", "## Peers writing the api unit's files", ""]
    if peers:
        lines += [
            f"{HYGEN} and {PLOP} (Node), each writing the api unit's files with their own",
            f"template engine, in the same paired runs as the scaffold ({runs} rounds).",
            "",
            "| tool | CPU | wall | scaffold / tool (CPU) |",
            "|---|---|---|---|",
        ]
        for name, samples in peers.items():
            lines.append(
                f"| {'the scaffold' if name == 'ours' else name} | {spread(samples)} "
                f"| {spread(samples, 'wall')} | {ratio(peers['ours'], samples):.2f} |"
            )
    else:
        lines.append("Not measured: no Node or npm on this machine.")
    lines += [
        "",
        "## Updates against copies",
        "",
        "A template release changes a file every unit carries; the update is measured",
        "against copying the same units at the new version (one `copier copy` each).",
        "",
        "| run | update CPU | copies CPU | CPU ratio | update wall | copies wall |",
        "|---|---|---|---|---|---|",
    ]
    for what, update, copies in updates:
        lines.append(
            f"| {what} | {spread(update)} | {spread(copies)} | **{ratio(update, copies):.2f}** "
            f"| {spread(update, 'wall')} | {spread(copies, 'wall')} |"
        )
    lines += ["", "## Workflow check", "", "| logs | CPU (s) | per log (ms) |", "|---|---|---|"]
    lines += [f"| {size} | {cpu:.2f} | {per:.2f} |" for size, cpu, per in checks]
    lines += ["", "## Reading", "", *READING]
    text = "\n".join(lines) + "\n"
    return text + ("\n" + frontend if frontend else "")


READING = [
    "- A unit's own cost is what its ratio adds to 1, about the same few hundredths of a",
    "  second for every type, so the units with the fewest files show the highest ratios.",
    "  The section above splits it: cloning the template repository (every type's",
    "  templates, the project's, this repository's tests and docs, against the bare",
    "  template's few files), the post-copy task (a Python process appending the unit's",
    "  doc sections and formatting its files, against `pass`), and copier's own work on",
    "  the template: parsing copier.yml (pure-Python YAML), importing the extension (the",
    "  unit model's Pydantic classes), and for each question and each path part of the",
    "  tree a render context of every answer (a part written out is compared with the",
    "  answers-file name, rendered again). Plain-text strings render as constants;",
    "  templates are compiled once a run and kept on disk with the package's modules;",
    "  the empty-cache row is the first unit after a template release.",
    "- One `copier update` is copier's three-way merge: it clones the template five times",
    "  (the old version once, the new one four times), reads copier.yml and loads the",
    "  extension four times, renders the unit three times (the old version and the new one",
    "  into scratch folders, the new one into the project) and runs about 25 git commands",
    "  to diff and apply. On a bare template of the same files it costs about twice the",
    "  copy (the bare row): that is copier's floor, and the scaffold's own cost comes",
    "  three times per update. `make scaffold-update` runs these updates in one process,",
    "  clones each template version once (later clones are hard-linked copies) and runs",
    "  the post-copy work in-process; the three renders and the merge stay.",
    "- Figures move by tens of percent with the machine's load (2 shared cores):",
    "  compare the ratios, measured in pairs, rather than seconds from different days.",
]


def frontend_section(path: Path) -> str:
    """The sections measured elsewhere, kept as they are: the lists' (`--lists`)
    and the one the frontend's build measures, from the first to the end."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    starts = [text.index(title) for title in (lists_module().SECTION, FRONTEND_SECTION)
              if title in text]  # fmt: skip
    return text[min(starts) :] if starts else ""


# --- lists at 1,000,000 rows (--lists) -----------------------------------------------


def script_module(name: str):
    """scripts/<name>.py, loaded from its file as tests load this one."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / f"scripts/{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def lists_module():
    return script_module("list_benchmark")


def lists_project(work: Path) -> Callable[[str, str, str], Path]:
    """A project bootstrapped at a release (a ref of this checkout) with an api unit."""

    def make(release: str, name: str, fields: str) -> Path:
        folder = work / f"lists-{release}"
        template = template_repo(folder, ref=release)
        project = bootstrap(template, folder / "project")
        unit = {"type": "api", "name": name, "entity": lists_module().ENTITY, "fields": fields}
        copy_unit(template, project, unit)
        return project

    return make


def bench_lists(output: Path) -> str:
    """Measures the lists and puts their section in `output` (the others kept)."""
    lists = lists_module()
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        results = lists.bench_lists(work, lists_project(work))
    text = lists.section(results, machine())
    output.parent.mkdir(parents=True, exist_ok=True)
    replace_section(output, lists.SECTION, text)
    return text


def bench_suites(output: Path, installs: Path | None) -> str:
    """Measures a growing project's own checks and puts their section in `output`."""
    suites = script_module("suite_benchmark")
    with tempfile.TemporaryDirectory() as directory:
        bench = sys.modules[__name__]
        sizes, per_unit_update = suites.bench_suites(bench, Path(directory), installs)
    text = suites.section(sizes, per_unit_update, machine())
    output.parent.mkdir(parents=True, exist_ok=True)
    replace_section(output, suites.SECTION, text)
    return text


def bench_frontend(output: Path, installs: Path | None, project: Path | None, runs: int) -> str:
    """Measures the demo feature's pages (first-load JS, Lighthouse) and puts their section in
    `output`: in `project` (installed, with the demo's `campaign` feature) or in a new one."""
    frontend = script_module("frontend_benchmark")
    first_load = script_module("first_load_js").first_load
    with tempfile.TemporaryDirectory() as directory:
        if project is None:
            work = Path(directory)
            template = template_repo(work)
            project = bootstrap(template, work / "project")
            unit = {"type": "feature", "name": "campaign-wizard", "entity": "campaign",
                    "fields": "name:str budget:int? starts_at:datetime"}  # fmt: skip
            if installs:
                script_module("suite_benchmark").share_installs(installs, project)
            else:
                run("make", "install", cwd=project)
            copy_unit(template, project, unit)
        pages = frontend.measure(project, first_load, runs)
    text = frontend.section(pages, machine(), runs)
    output.parent.mkdir(parents=True, exist_ok=True)
    replace_section(output, frontend.SECTION, text)
    return text


def replace_section(path: Path, title: str, text: str) -> None:
    """Put `text` in place of the file's section `title` (or at the end), keeping the others."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if title in old:
        start = old.index(title)
        following = old.find("\n## ", start + len(title))
        end = len(old) if following < 0 else following + 1
        new = old[:start] + text + ("\n" + old[end:] if following >= 0 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="pairs per row")
    parser.add_argument("--update-units", type=int, default=20)
    parser.add_argument("--output", type=Path, default=ROOT / "docs/benchmarks.md")
    parser.add_argument(
        "--lists",
        action="store_true",
        help="measure only the lists at 1,000,000 rows on PostgreSQL (a few minutes)",
    )
    parser.add_argument(
        "--suites",
        action="store_true",
        help="measure only a growing project's tests, check and update (about half an hour)",
    )
    parser.add_argument(
        "--frontend",
        action="store_true",
        help="measure only the demo feature's first-load JS and Lighthouse scores (minutes)",
    )
    parser.add_argument(
        "--project", type=Path, help="--frontend: an installed project with the demo's feature"
    )
    parser.add_argument(
        "--installs", type=Path, help="--suites, --frontend: an installed project to share"
    )
    args = parser.parse_args()
    if args.frontend:
        print(bench_frontend(args.output, args.installs, args.project, min(args.runs, 3)))
        return
    if args.suites:
        print(bench_suites(args.output, args.installs))
        return
    if args.lists:
        print(bench_lists(args.output))
        return
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        env = {**os.environ, "PYTHONWARNINGS": "ignore", "XDG_CACHE_HOME": str(work / "cache")}
        template = template_repo(work)
        units = bench_units(work, template, args.runs, env)
        gap = bench_gap(work, template, args.runs, env)
        cold = bench_cold_cache(work, template, args.runs)
        peers = bench_peers(work, template, args.runs, env)
        checks = bench_workflow_check(work, template, [10, 100, 1000], args.runs)
        updates = bench_updates(work, template, args.runs, args.update_units, env)
        frontend = frontend_section(args.output)
        text = report(units, gap, cold, peers, updates, checks, args.runs, frontend)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
