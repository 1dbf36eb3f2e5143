"""Shared helpers: render the template from this checkout, read the data file."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import copier
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "extensions"))

from vectra_scaffold import clock, data  # noqa: E402

# One date for the whole run, inherited by every worker and command: a suite
# that crosses midnight must not see a plan and its unit dated apart.
os.environ.setdefault(clock.OVERRIDE, clock.today())

UNIT_TYPES = [type_ for type_ in data.type_names() if type_ != "project"]
DATE = "2026-01-15"


@pytest.fixture(autouse=True, scope="session")
def isolated_copier_settings(tmp_path_factory):
    """A developer's own copier settings must not leak into the tests."""
    settings = tmp_path_factory.mktemp("settings") / "settings.yml"
    settings.write_text("{}\n")
    os.environ["COPIER_SETTINGS_PATH"] = str(settings)


PROJECT_ANSWERS = ".copier-answers.yml"


def mark_project_root(dst: Path) -> None:
    """A minimal project root (its answers file), for tests of units on their
    own; a real bootstrap is `scaffold(dst, type="project", ...)`."""
    dst.mkdir(parents=True, exist_ok=True)
    if not (dst / PROJECT_ANSWERS).exists():
        (dst / PROJECT_ANSWERS).write_text("type: project\nname: vectra\n")


def scaffold(dst: Path, src: Path | str = ROOT, vcs_ref: str = "HEAD", **data) -> None:
    """`copier copy --trust --defaults` of one unit, as the README shows it;
    a unit goes to a project root (a bare folder is marked as one first)."""
    if data.get("type") != "project":
        mark_project_root(Path(dst))
    data.setdefault("date", DATE)
    if data.get("type") in ("fix", "test"):
        data.setdefault("target", "campaign")
    copy(dst, src, vcs_ref, **data)


def copy(dst: Path, src: Path | str = ROOT, vcs_ref: str = "HEAD", **data) -> None:
    """`copier copy --trust --defaults`, in-process, with exactly these answers."""
    copier.run_copy(
        str(src), dst, data=data, defaults=True, unsafe=True, vcs_ref=vcs_ref, quiet=True
    )


def copier_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The copier command line, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "copier", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        # A checkout with uncommitted changes makes copier warn on stderr.
        env={**os.environ, "PYTHONWARNINGS": "ignore::UserWarning"},
    )


def scaffold_tool(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`vectra-scaffold ARGS`, this checkout's, run in the project as its Makefile does."""
    return subprocess.run(
        [sys.executable, "-m", "vectra_scaffold", *args],
        cwd=project,
        capture_output=True,
        text=True,
        # A checkout with uncommitted changes makes copier warn on stderr.
        env={**os.environ, "PYTHONWARNINGS": "ignore::UserWarning"},
    )


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def git_init(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.email", "dev@vectra.test")
    git(path, "config", "user.name", "VECTRA dev")
    git(path, "config", "commit.gpgsign", "false")
    return path


def commit_all(path: Path, message: str) -> None:
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", message)


def tree(path: Path) -> dict[str, bytes]:
    """Every file under `path` (outside .git) with its bytes."""
    return {
        file.relative_to(path).as_posix(): file.read_bytes()
        for file in sorted(path.rglob("*"))
        if file.is_file() and ".git" not in file.relative_to(path).parts
    }


def run(cwd: Path, *command: str, env: dict | None = None) -> str:
    """Run a generated project's command; fail with its output's tail."""
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    output = f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    assert result.returncode == 0, f"{' '.join(command)}\n{output}"
    return result.stdout


@pytest.fixture
def project(tmp_path):
    """A bootstrapped, committed project, rendered only (nothing installed)."""
    path = git_init(tmp_path / "vectra")
    scaffold(path, type="project", name="vectra", template_source=str(ROOT))
    commit_all(path, "bootstrap")
    return path


# `make test` runs the suite in pytest-xdist workers, one test file each at a time.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
# Which already fill the cores: a generated project's own backend suite runs in one process
# (its Makefile's WORKERS), cheaper for a small project; the tests of its workers say so.
os.environ["WORKERS"] = "0"
PROJECT_WORKERS = {"WORKERS": "2"}


# The files that build and run generated projects, longest first (about 4 to 1 minutes
# each), then the others in their usual order: the workers take files in this order
# (`--no-loadscope-reorder`), so the short ones fill in at the end instead of a long one
# running alone. The upgrade test installs a project of its own: first, while the other
# worker installs the session's.
LONGEST_FIRST = [
    "test_upgrade.py",
    "test_backend_units.py",
    "test_properties.py",
    "test_domain.py",
    "test_feature.py",
    "test_frontend_units.py",
    "test_remove.py",
    "test_scaffold_command.py",
    "test_project.py",
    "test_merge.py",
]


def pytest_collection_modifyitems(items):
    rank = {name: position for position, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.fixture(scope="module")
def e2e_ports(request) -> dict[str, str]:
    """The app's and the API's ports for a test file's browser run (the project's
    E2E_PORT and E2E_API_PORT): its own, since `make test` runs files side by side."""
    offset = 20 * LONGEST_FIRST.index(request.path.name)
    return {"E2E_PORT": str(3200 + offset), "E2E_API_PORT": str(8200 + offset)}


@pytest.fixture(scope="session")
def run_folder(tmp_path_factory) -> Path:
    """A folder of this run that every worker shares (the workers' own are inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if WORKER else base


@contextlib.contextmanager
def locked(path: Path):
    """Held by one process of the run at a time."""
    with path.open("w") as lock:  # closed, it is released
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@pytest.fixture(scope="session")
def installed_project(run_folder):
    """A bootstrapped project with `make install` done, once per run: the first worker to
    need it installs it, the others wait for it."""
    path = run_folder / "installed" / "vectra"
    with locked(run_folder / "installed.lock"):
        if not (run_folder / "installed.done").exists():
            shutil.rmtree(path.parent, ignore_errors=True)
            git_init(path)
            scaffold(path, type="project", name="vectra", template_source=str(ROOT))
            commit_all(path, "bootstrap")
            make_install(path)
            keep_tool_caches(path, path.parent / "caches")
            (run_folder / "installed.done").touch()
    return path


# The type checkers' and Next's caches: what a project's `make lint` and `make test-e2e`
# compute again for files it shares with the bootstrap.
TOOL_CACHES = ("backend/.mypy_cache", "frontend/tsconfig.tsbuildinfo", "frontend/.next/cache")


def keep_tool_caches(project: Path, caches: Path) -> None:
    """The tools' caches after a first run in `project`, kept in `caches` (never written
    again) for the projects that share its installs: restored as a CI cache is, each entry
    checked against its file's content, they save about a minute of CPU per project."""
    run(project / "backend", ".venv/bin/mypy", "--strict", "app")
    run(project / "frontend", "npx", "tsc", "--noEmit")
    run(project / "frontend", "npx", "next", "build")
    for cache in TOOL_CACHES:
        copy_tree(project / cache, caches / cache)


def copy_tree(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-r", str(source), str(destination)], check=True)


@pytest.fixture(scope="module")
def postgres_url():
    """A throwaway PostgreSQL cluster (scripts/postgres.sh) for a test file: a worker's
    own (its port and data folder), so that one file stopping it stops no other's."""
    env = {**os.environ}
    if WORKER:
        port = 55441 + int(WORKER.removeprefix("gw"))
        env |= {"PGPORT": str(port), "PGDATA_DIR": f"/tmp/vectra-scaffold-pg-{WORKER}"}
    script = str(ROOT / "scripts/postgres.sh")
    started = subprocess.run([script, "start"], capture_output=True, text=True, env=env)
    assert started.returncode == 0, f"PostgreSQL did not start: {started.stderr[-2000:]}"
    yield started.stdout.strip().removeprefix("export DATABASE_URL=")
    subprocess.run([script, "stop"], capture_output=True, env=env)


# The project's `make install`, with the scaffold's tool from this checkout (a project pins
# the template's commit, which a checkout with uncommitted changes cannot give back).
SCAFFOLD_PACKAGE = f"SCAFFOLD_PACKAGE=-e {ROOT}"


def make_install(project: Path) -> str:
    return run(project, "make", "install", f"PYTHON={sys.executable}", SCAFFOLD_PACKAGE)


def project_sharing_installs(
    installed: Path, destination: Path, units=(), units_before_install=(), lang: str = "fr"
) -> Path:
    """A new bootstrapped project that reuses `installed`'s backend venv and
    node_modules (installing once per session keeps the suite practical), with
    `units` scaffolded into it, one commit each. `units_before_install` are
    scaffolded first, while the project has no tools (no ruff, no prettier), as
    a newcomer does before `make install`; the installs are then shared and
    `make install` finishes as it does (merge driver, the units laid out by the
    formatters), its package installs taken as done. `lang` is the interface's language."""
    project = git_init(destination)
    scaffold(project, type="project", name="vectra", template_source=str(ROOT), lang=lang)
    commit_all(project, "bootstrap")
    for unit in units_before_install:
        scaffold(project, **unit)
        commit_all(project, f"{unit['type']} {unit['name']}")
    # Hard links: Next.js refuses a node_modules that is a link out of the project. Not the
    # tools' caches, which a test of another worker may be writing in the installed project.
    modules = project / "frontend/node_modules"
    modules.mkdir()
    shared = [
        str(entry)
        for entry in (installed / "frontend/node_modules").iterdir()
        if entry.name not in (".cache", ".vite", ".vitest")
    ]
    subprocess.run(["cp", "-al", *shared, str(modules)], check=True)
    (project / "backend/.venv").symlink_to(installed / "backend/.venv")
    for cache in TOOL_CACHES:
        if (installed.parent / "caches" / cache).exists():
            copy_tree(installed.parent / "caches" / cache, project / cache)
    # .gitignore's `.venv/` matches a folder, not this link.
    (project / ".git/info/exclude").write_text(".venv\n")
    if units_before_install:
        run(project, "make", "-o", "install-backend", "-o", "install-frontend", "install")
        if git(project, "status", "--porcelain"):
            commit_all(project, "style: laid out by make install")
    for unit in units:
        scaffold(project, **unit)
        commit_all(project, f"{unit['type']} {unit['name']}")
    return project


@pytest.fixture(scope="module")
def committed_template(tmp_path_factory):
    """This template's working tree at a commit of its own. Scaffolded from a
    checkout with uncommitted changes, a unit records as `_commit` a commit of
    copier's temporary clone, which the project's scripts cannot render again."""
    return template_repository(tmp_path_factory.mktemp("committed-template") / "template")


def template_repository(destination: Path, message: str = "template") -> Path:
    """This checkout's files (no git history, caches or installs) as a new
    repository, committed: a template copier and pip can read at a commit."""
    shutil.copytree(
        ROOT,
        destination,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "__pycache__", ".*_cache", ".hypothesis", "*.egg-info", "demo"
        ),
    )
    git_init(destination)
    commit_all(destination, message)
    return destination


def use_template_source(project: Path, template: Path) -> None:
    """Point the project's recorded `template_source` at `template`, and its
    version at the template's HEAD, one commit."""
    answers = project / ".copier-answers.yml"
    recorded = yaml.safe_load(answers.read_text(encoding="utf-8"))
    recorded["template_source"] = str(template)
    recorded["_commit"] = git(template, "describe", "--tags", "--always", "HEAD").strip()
    answers.write_text(yaml.safe_dump(recorded, sort_keys=False), encoding="utf-8")
    commit_all(project, "the scaffold's template source")


# The journey this repository keeps for itself (issue 25), run in generated projects' browsers.
HELD_BACK_JOURNEY = ROOT / "tests/journey/held-back.spec.ts"


def add_held_back_journey(project: Path) -> None:
    """The held-back journey among the project's e2e specs (it needs a `campaign` feature
    with name, budget and starts_at), one commit."""
    shutil.copy(HELD_BACK_JOURNEY, project / "frontend/tests/e2e" / HELD_BACK_JOURNEY.name)
    commit_all(project, "test: the scaffold's held-back journey")


BACKEND_REGRESSION_TEST = """\
from app.core.celery_app import celery_app


def test_celery_app_starts_with_its_tasks_registered():
    assert "health.ping" in celery_app.tasks
"""
FRONTEND_REGRESSION_TEST = """\
import { expect, it } from "vitest";

it("the bug does not come back", () => {
  expect([1, 2].length).toBe(2);
});
"""


def write_regression_tests(project: Path) -> None:
    """Write, as a fix's developer does, the regression tests left as skeletons."""
    listed = subprocess.run(
        ["git", "grep", "-l", "REGRESSION-TEST-NOT-WRITTEN"],
        cwd=project,
        capture_output=True,
        text=True,
    ).stdout.split()
    skeletons = [path for path in listed if "/tests/" in path or ".test." in path]
    for path in skeletons:
        written = BACKEND_REGRESSION_TEST if path.endswith(".py") else FRONTEND_REGRESSION_TEST
        (project / path).write_text(written)
    if skeletons:
        commit_all(project, "test: write the fixes' regression tests")
