"""Lists at 1,000,000 rows on PostgreSQL (`scripts/benchmark.py --lists`).

For each release measured (this checkout's HEAD and the tag PREVIOUS), a
project is bootstrapped with an api unit (`leads-api`, with the fields that
release's grammar accepts), its backend's dependencies are installed in a
scratch virtual environment, and, on a throwaway PostgreSQL cluster of its own
(`scripts/postgres.sh` with PGDATA_DIR and PGPORT set: never the shared one on
55432), the probe (this file, run by that environment's Python in the backend)
does what the project would do:

- a database of its own; migrations (`alembic upgrade head`) as the superuser,
  the app connecting as a role that owns nothing when the release has
  row-level security (DATABASE_APP_ROLE), as the superuser otherwise;
- 1,000,000 leads for one tenant and 2,000 for each of three others, one
  `INSERT ... SELECT generate_series` each, then `VACUUM (ANALYZE)` (what
  autovacuum does after such a load);
- requests to the project's own app in-process (httpx's ASGITransport, the
  tenant in the X-Tenant-ID header of DEV_TENANT_HEADER mode): the median wall
  time of a request after warm-up requests ("server time"), and in the same
  requests the time of each SQL statement on the leads (the page's query, the
  count behind `total`), from SQLAlchemy's cursor events; then one request more
  whose statements first run under EXPLAIN ANALYZE, for their plans.

A measure whose parameters the release's list does not take (PREVIOUS had no
`q`, filters or `sort`) is "n/a". Only the standard library at the top: the
probe imports the generated app, the orchestration runs in the benchmark's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Lists at 1,000,000 rows (PostgreSQL)"
PREVIOUS = "v0.2.0"
RELEASES = ("HEAD", PREVIOUS)
UNIT_NAME, ENTITY = "leads-api", "lead"
# The fields each release's grammar accepts (v0.2.0: no enum, no modifiers).
FIELDS = {
    "HEAD": "email:str:unique status:enum(new,qualified,lost) score:int? company:str?",
    PREVIOUS: "email:str status:str score:int? company:str?",
}
ROWS = 1_000_000
OTHER_TENANTS, OTHER_ROWS = 3, 2_000
TENANT = "00000000-0000-4000-8000-000000000001"
PG_PORT, PG_DATA = "55433", "/tmp/vectra-lists-benchmark-pg"
APP_ROLE = "vectra_lists_app"
# Requests timed per measure: WARMUP untimed first, then at least MIN_RUNS, at
# most MAX_RUNS, no more once BUDGET seconds are spent.
WARMUP, MIN_RUNS, MAX_RUNS, BUDGET = 2, 3, 15, 6.0
ONE_MATCH = "lead-765432@"  # ILIKE '%lead-765432@%': one row of the million

# key, what, the list's query parameters, the goal (ms of server time) or "".
MEASURES: list[tuple[str, str, dict[str, Any], str]] = [
    ("page1", "page 1, default order (`limit=20`)", {"limit": 20}, "20"),
    ("offset10k", "offset 10,000", {"limit": 20, "offset": 10_000}, "100"),
    ("offset500k", "offset 500,000", {"limit": 20, "offset": 500_000}, ""),
    ("q_one", f"`q`, one match in the million (`q={ONE_MATCH}`)", {"q": ONE_MATCH}, "50"),
    ("q_every", "`q`, a term of every row (`q=example.com`)", {"q": "example.com"}, "50"),
    (
        "filter",
        "filter on the indexed enum, a third of the rows (`status=qualified`)",
        {"status": "qualified"},
        "50",
    ),
    (
        "filter_rare",
        "filter on the indexed enum, 1 row in 1,000 (`status=lost`)",
        {"status": "lost"},
        "50",
    ),
    ("sort", "sort on a field without index (`sort=-score`)", {"sort": "-score"}, ""),
]


# --- the orchestration (the benchmark's Python) --------------------------------------


def start_postgres() -> str:
    """A cluster of the benchmark's own: its superuser's asyncpg URL (database `vectra`)."""
    env = {**os.environ, "PGDATA_DIR": PG_DATA, "PGPORT": PG_PORT}
    out = subprocess.run(
        ["bash", str(ROOT / "scripts/postgres.sh"), "start"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return out.strip().rpartition("DATABASE_URL=")[2]


def stop_postgres() -> None:
    env = {**os.environ, "PGDATA_DIR": PG_DATA, "PGPORT": PG_PORT}
    subprocess.run(["bash", str(ROOT / "scripts/postgres.sh"), "stop"], env=env, check=False)
    shutil.rmtree(PG_DATA, ignore_errors=True)


def dependencies(backend: Path) -> set[str]:
    with (backend / "pyproject.toml").open("rb") as file:
        return set(tomllib.load(file)["project"]["dependencies"])


def backend_python(work: Path, backend: Path, venvs: list[tuple[set[str], Path]]) -> Path:
    """A Python with the backend's dependencies (not the scaffold's extra): one
    already made that has them all, or a new virtual environment."""
    wanted = dependencies(backend)
    for installed, python in venvs:
        if wanted <= installed:
            return python
    venv = work / f"lists-venv-{len(venvs)}"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin/python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *sorted(wanted)],
        check=True, capture_output=True,
    )  # fmt: skip
    venvs.append((wanted, python))
    return python


def probe(python: Path, backend: Path, url: str, release: str) -> dict:
    """The probe's figures (it writes them to a file: the app may log on stdout)."""
    output = backend.parent / "lists-figures.json"
    result = subprocess.run(
        [str(python), str(Path(__file__).resolve()), "probe", "--release", release,
         "--url", url, "--output", str(output)],
        cwd=backend, check=False,
        env={**os.environ, "PYTHONPATH": str(backend), "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"the lists probe failed on {release} (its output is above)")
    return json.loads(output.read_text(encoding="utf-8"))


def bench_lists(work: Path, make_project: Callable[[str, str, str], Path]) -> dict[str, dict]:
    """Each release's figures. `make_project(release, unit name, fields)`: a
    project bootstrapped at that release with that api unit."""
    url = start_postgres()
    venvs: list[tuple[set[str], Path]] = []
    results = {}
    try:
        for release in RELEASES:
            project = make_project(release, UNIT_NAME, FIELDS[release])
            backend = project / "backend"
            python = backend_python(work, backend, venvs)
            print(f"lists: {release}: loading and measuring", file=sys.stderr)
            results[release] = probe(python, backend, url, release)
    finally:
        stop_postgres()
    return results


# --- the report ----------------------------------------------------------------------


def milliseconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms"


def statement(result: dict, key: str, kind: str) -> float | None:
    measure = result["measures"].get(key)
    return None if measure is None else measure["statements"].get(kind)


def request(result: dict, key: str) -> float | None:
    measure = result["measures"].get(key)
    return None if measure is None else measure["request_ms"]


def section(results: dict[str, dict], machine: list[str]) -> str:
    head, previous = results["HEAD"], results[PREVIOUS]
    lines = [
        SECTION,
        "",
        "Written by `scripts/benchmark.py --lists` (scripts/list_benchmark.py's docstring",
        "says how). At each release, a project with an api unit on `lead`, its own",
        f"migrations, {ROWS:,} leads for one tenant and {OTHER_ROWS:,} for each of",
        f"{OTHER_TENANTS} others, then `VACUUM (ANALYZE)`. Fields: HEAD",
        f"`{FIELDS['HEAD']}`, {PREVIOUS} `{FIELDS[PREVIOUS]}`",
        "(its grammar had no enum nor modifiers). Server time: a `GET` of the list",
        "through the project's app in-process (httpx's ASGITransport, the tenant in the",
        f"X-Tenant-ID header), median of up to {MAX_RUNS} requests after {WARMUP} warm-up",
        "requests. HEAD's app connects as a role that owns nothing, so row-level security",
        f"applies. Issue 22's figures for {PREVIOUS} (page 1 836 ms, offset 500,000 1.9 s, a",
        "317 ms count) were measured elsewhere: compare the columns below, measured in one",
        "run on one machine.",
        "",
        *machine,
        f"- PostgreSQL {head['postgres']} (default settings), loading {ROWS:,} rows:",
        f"  {previous['load_seconds']:.0f} s ({PREVIOUS}), {head['load_seconds']:.0f} s (HEAD)",
        "",
        f"| measure (server time of one request) | {PREVIOUS} | HEAD | goal |",
        "|---|---|---|---|",
    ]
    for key, what, _, goal in MEASURES:
        lines.append(
            f"| {what} | {milliseconds(request(previous, key))} "
            f"| **{milliseconds(request(head, key))}** | {f'<= {goal} ms' if goal else ''} |"
        )
    lines.append(
        f"| what `total` costs on page 1 (its count statement) "
        f"| {milliseconds(statement(previous, 'page1', 'count'))} "
        f"| **{milliseconds(statement(head, 'page1', 'count'))}** | |"
    )
    lines += [
        "",
        "Inside each request (HEAD, median of the same requests): the statement that",
        "reads the page, the count behind `total` (exact up to the count's cap), and the",
        "plan's scan of the page's query (EXPLAIN ANALYZE, one request more).",
        "",
        "| measure | page query | count | `total` | page query's plan |",
        "|---|---|---|---|---|",
    ]
    for key, what, _, _ in MEASURES:
        measure = head["measures"].get(key)
        if measure is None:
            continue
        total = f"{measure['total']:,}{'' if measure['exact'] else '+'}"
        lines.append(
            f"| {what} | {milliseconds(measure['statements'].get('page'))} "
            f"| {milliseconds(measure['statements'].get('count'))} | {total} "
            f"| {plan_summary(measure['plans'].get('page', []))} |"
        )
    lines += [
        "",
        f"{PREVIOUS}'s page 1: {plan_summary(previous['measures']['page1']['plans']['page'])};",
        f"its count: {plan_summary(previous['measures']['page1']['plans'].get('count', []))}.",
        "",
        *reading(head),
    ]
    return "\n".join(lines) + "\n"


NODE = re.compile(r"^\s*(?:->\s*)?(?P<node>[A-Z][^(]*?)\s*\(cost=")
REMOVED = re.compile(r"^\s*Rows Removed by Filter: (?P<rows>\d+)")
# Plan nodes left out of a summary: a limit, aggregates, and the Result that
# checks row-level security's setting once (One-Time Filter).
WRAPPERS = ("Limit", "Aggregate", "Finalize Aggregate", "Partial Aggregate", "Result")


def plan_summary(plan: list[str]) -> str:
    """The plan's nodes but its wrappers, outermost first, with the rows a
    filter dropped: `Sort` <- `Seq Scan on leads` (999,999 rows filtered out)."""
    nodes: list[str] = []
    for line in plan:
        if match := NODE.match(line):
            node = match["node"].strip()
            if not node.startswith(WRAPPERS):
                nodes.append(f"`{node}`")
        elif (removed := REMOVED.match(line)) and nodes:
            nodes[-1] += f" ({int(removed['rows']) * loops(plan, line):,} rows filtered out)"
    return " <- ".join(nodes) or "?"


def loops(plan: list[str], line: str) -> int:
    """The loops of the node whose detail `line` is (a parallel node's per-worker figures)."""
    for previous in reversed(plan[: plan.index(line)]):
        if NODE.match(previous):
            found = re.search(r"loops=(\d+)\)", previous)
            return int(found[1]) if found else 1
    return 1


def reading(head: dict) -> list[str]:
    """What missed its goal at HEAD, with its plans, in a list."""
    missed = []
    for key, what, _, goal in MEASURES:
        value = request(head, key)
        if goal and value is not None and value > float(goal):
            plans = head["measures"][key]["plans"]
            missed += [
                f"- {what}: {milliseconds(value)}, over the {goal} ms goal. The page's query:",
                f"  {plan_summary(plans.get('page', []))} "
                f"({milliseconds(statement(head, key, 'page'))});",
                f"  the count's: {plan_summary(plans.get('count', []))} "
                f"({milliseconds(statement(head, key, 'count'))}).",
            ]
    if not missed:
        return [f"Every goal holds at HEAD on {date.today().isoformat()}."]
    return ["Goals missed at HEAD:", "", *missed, "", *full_plans(head)]


def full_plans(head: dict) -> list[str]:
    """The EXPLAIN ANALYZE of each statement of the measures over their goal."""
    lines = []
    for key, what, _, goal in MEASURES:
        value = request(head, key)
        if goal and value is not None and value > float(goal):
            for kind, plan in head["measures"][key]["plans"].items():
                lines += [f"{what}, the {kind} query:", "", "```text", *plan, "```", ""]
    return lines[:-1]


# --- the probe (the backend's Python, in the backend) ----------------------------------


def slug(release: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", release.lower())


async def admin(url: str, *statements: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        for sql in statements:
            await connection.execute(sql)
    finally:
        await connection.close()


def load_sql(tenant: str, rows: int, epoch: str) -> str:
    """`rows` leads of `tenant`, one a second from `epoch` (emails unique in the
    tenant; status `lost` 1 in 1,000, `new` and `qualified` in turn; a fifth
    without score, a quarter without company)."""
    return f"""
        INSERT INTO leads (id, tenant_id, email, status, score, company, created_at, updated_at)
        SELECT gen_random_uuid(), '{tenant}', 'lead-' || n || '@example.com',
               CASE WHEN n % 1000 = 0 THEN 'lost' WHEN n % 2 = 0 THEN 'qualified'
                    ELSE 'new' END,
               CASE WHEN n % 5 = 0 THEN NULL ELSE n % 100 END,
               CASE WHEN n % 4 = 0 THEN NULL ELSE 'Company ' || (n % 5000) END,
               timestamptz '{epoch}' + n * interval '1 second',
               timestamptz '{epoch}' + n * interval '1 second'
        FROM generate_series(1, {rows}) AS n
    """


def prepare(release: str, url: str) -> tuple[str, float]:
    """The release's database, migrated and loaded: the URL the app connects with,
    and the seconds the load took."""
    base = url.rpartition("/")[0]
    database = f"vectra_lists_{slug(release)}"
    superuser = f"{base}/{database}"
    plain = base.replace("+asyncpg", "")
    rls = Path("app/db/rls.py").exists()
    asyncio.run(
        admin(
            f"{plain}/postgres",
            f"DROP DATABASE IF EXISTS {database}",
            f"CREATE DATABASE {database}",
            f"DO $$ BEGIN CREATE ROLE {APP_ROLE} LOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        )
    )
    app_url = superuser.replace("//postgres@", f"//{APP_ROLE}@") if rls else superuser
    migration_env = {
        **os.environ,
        "DATABASE_URL": app_url,
        "MIGRATION_DATABASE_URL": superuser,
        "DATABASE_APP_ROLE": APP_ROLE if rls else "",
    }
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        env=migration_env, check=True, capture_output=True,
    )  # fmt: skip
    start = time.perf_counter()
    others = [
        load_sql(str(uuid.UUID(int=index + 2)), OTHER_ROWS, "2025-06-01")
        for index in range(OTHER_TENANTS)
    ]
    asyncio.run(admin(f"{plain}/{database}", load_sql(TENANT, ROWS, "2025-01-01"), *others))
    asyncio.run(admin(f"{plain}/{database}", "VACUUM (ANALYZE) leads"))
    return app_url, time.perf_counter() - start


class Statements:
    """The time of each statement on the leads, by kind (`page`, `count`), and
    with `explain` set, their EXPLAIN ANALYZE plans (run before each)."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.plans: dict[str, list[str]] = {}
        self.explain = False
        self.started: dict[int, float] = {}

    @staticmethod
    def kind(sql: str) -> str | None:
        if "leads" not in sql:
            return None
        return "count" if "count(" in sql.lower() else "page"

    def before(self, conn, cursor, sql, parameters, context, executemany) -> None:
        kind = self.kind(sql)
        if kind is None:
            return
        if self.explain:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters)
            self.plans[kind] = [row[0] for row in cursor.fetchall()]
        self.started[id(cursor)] = time.perf_counter()

    def after(self, conn, cursor, sql, parameters, context, executemany) -> None:
        kind = self.kind(sql)
        start = self.started.pop(id(cursor), None)
        if kind is not None and start is not None:
            self.times.setdefault(kind, []).append(1000 * (time.perf_counter() - start))


async def measure_app(statements: Statements) -> dict[str, Any]:
    import httpx
    from app.main import app

    path = next(path for path in app.openapi()["paths"] if path.endswith(f"/{ENTITY}s"))
    accepted = {
        parameter["name"] for parameter in app.openapi()["paths"][path]["get"]["parameters"]
    }
    headers = {"X-Tenant-ID": TENANT}
    figures: dict[str, Any] = {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

        async def get(params: dict) -> dict:
            response = await client.get(path, params=params, headers=headers)
            if response.status_code != 200:
                raise SystemExit(f"GET {path} {params}: {response.status_code} {response.text}")
            return response.json()

        for key, what, params, _ in MEASURES:
            if not set(params) <= accepted:
                figures[key] = None
                continue
            for _ in range(WARMUP):
                await get(params)
            statements.times.clear()
            samples: list[float] = []
            spent = time.perf_counter()
            while len(samples) < MAX_RUNS and (
                len(samples) < MIN_RUNS or time.perf_counter() - spent < BUDGET
            ):
                start = time.perf_counter()
                body = await get(params)
                samples.append(1000 * (time.perf_counter() - start))
            times = {kind: statistics.median(values) for kind, values in statements.times.items()}
            statements.explain = True
            await get(params)
            statements.explain = False
            figures[key] = {
                "request_ms": statistics.median(samples),
                "runs": len(samples),
                "statements": times,
                "plans": dict(statements.plans),
                "total": body["total"],
                "exact": body.get("exact", True),
                "items": len(body["items"]),
            }
            statements.plans.clear()
            print(
                f"  {what}: {figures[key]['request_ms']:.1f} ms ({len(samples)} runs) {times}",
                file=sys.stderr,
            )
    return figures


def run_probe(release: str, url: str) -> dict[str, Any]:
    app_url, load_seconds = prepare(release, url)
    print(f"  loaded in {load_seconds:.0f} s", file=sys.stderr)
    os.environ.update(
        {
            "DATABASE_URL": app_url,
            "ENVIRONMENT": "local",
            "DEV_TENANT_HEADER": "true",
            "DEMO_ACCOUNT": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    from sqlalchemy import Engine, event

    statements = Statements()
    event.listen(Engine, "before_cursor_execute", statements.before)
    event.listen(Engine, "after_cursor_execute", statements.after)
    try:
        measures = asyncio.run(measure_app(statements))
        version = asyncio.run(server_version(url))
    finally:
        plain = url.rpartition("/")[0].replace("+asyncpg", "")
        asyncio.run(
            admin(f"{plain}/postgres", f"DROP DATABASE IF EXISTS vectra_lists_{slug(release)} "
                  "WITH (FORCE)")
        )  # fmt: skip
    return {"release": release, "postgres": version, "load_seconds": load_seconds,
            "measures": measures}  # fmt: skip


async def server_version(url: str) -> str:
    import asyncpg

    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        return str(await connection.fetchval("SHOW server_version")).split()[0]
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["probe"])
    parser.add_argument("--release", required=True)
    parser.add_argument("--url", required=True, help="the cluster's superuser asyncpg URL")
    parser.add_argument("--output", type=Path, required=True, help="where to write the figures")
    args = parser.parse_args()
    figures = run_probe(args.release, args.url)
    args.output.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
