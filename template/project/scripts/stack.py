"""The real stack on loopback, for `make test-faults` and `make test-load`: a
throwaway PostgreSQL cluster and Redis, the API (uvicorn) and a Celery worker
as processes, and the project's CRUD resources read from its OpenAPI document.

Nothing listens beyond 127.0.0.1; everything started here is stopped by `Stack.close`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BACKEND = Path(__file__).resolve().parent.parent / "backend"
BIN = Path(sys.executable).parent
CREATE_TABLES = (
    "import asyncio, app.models\n"
    "from app.db.base import Base\n"
    "from app.db.session import engine\n"
    "async def main():\n"
    "    async with engine.begin() as connection:\n"
    "        await connection.run_sync(Base.metadata.create_all)\n"
    "    await engine.dispose()\n"
    "asyncio.run(main())\n"
)
sys.path.insert(0, str(BACKEND))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for(check: Any, what: str, process: subprocess.Popen[bytes] | None = None) -> None:
    """Until `check()` is true (60 s at most: a bound, not a measure)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"{what}: exited with code {process.returncode}")
        if check():
            return
        time.sleep(0.1)
    raise SystemExit(f"{what}: not ready within 60 s")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tenant_headers(tenant: uuid.UUID) -> dict[str, str]:
    """How a request names its tenant here: the development header mode
    (DEV_TENANT_HEADER, set by Stack), as that tenant's owner, so that load and
    faults reach 20 tenants without 20 sign-ups; the signed-in paths have tests
    of their own."""
    return {"X-Tenant-ID": str(tenant)}


def postgres_bin() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not candidates:
        raise SystemExit("stack: PostgreSQL (initdb, pg_ctl) is not installed")
    return Path(candidates[-1])


class Postgres:
    """A throwaway cluster in a temporary folder (as the postgres user under root)."""

    def __init__(self, scratch: Path) -> None:
        self.bin = postgres_bin()
        self.port = free_port()
        self.data = scratch / "pg"
        self.data.mkdir()
        self.user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root
            owner = pwd.getpwnam("postgres")
            for path in (scratch, self.data):
                os.chown(path, owner.pw_uid, owner.pw_gid)
            self.user = ["runuser", "-u", "postgres", "--"]
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "app")
        self.url = f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/app"

    def run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.user, str(self.bin / tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.data}"
        log = str(self.data / "log")
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")


@dataclass
class Stack:
    """What `start_*` started, stopped in reverse order by `close`."""

    scratch: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="stack-")))
    env: dict[str, str] = field(default_factory=lambda: {**os.environ, "DEV_TENANT_HEADER": "true"})
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    postgres: Postgres | None = None
    redis: subprocess.Popen[bytes] | None = None
    redis_port: int = 0
    base: str = ""

    def start_postgres(self) -> str:
        self.postgres = Postgres(self.scratch)
        self.env["DATABASE_URL"] = self.postgres.url
        return self.postgres.url

    def start_redis(self) -> None:
        server = shutil.which("redis-server")
        if server is None:
            raise SystemExit("stack: redis-server is not installed")
        self.redis_port = self.redis_port or free_port()
        self.redis = subprocess.Popen(
            [
                server,
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.scratch),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: listening(self.redis_port), "redis-server", self.redis)
        broker = f"redis://127.0.0.1:{self.redis_port}/0"
        self.env.update(
            CELERY_BROKER_URL=broker, CELERY_RESULT_BACKEND=broker, CELERY_TASK_ALWAYS_EAGER="false"
        )

    def stop_redis(self) -> None:
        stop(self.redis)
        self.redis = None

    def create_tables(self) -> None:
        """The tables, created where missing (as `make test-contract` does): on
        DATABASE_URL's database, or a new SQLite file."""
        self.env.setdefault("DATABASE_URL", f"sqlite+aiosqlite:///{self.scratch / 'app.db'}")
        subprocess.run([sys.executable, "-c", CREATE_TABLES], cwd=BACKEND, env=self.env, check=True)

    def start_api(self) -> str:
        port = free_port()
        log = (self.scratch / "api.log").open("wb")
        api = subprocess.Popen(
            [
                str(BIN / "uvicorn"),
                "app.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            cwd=BACKEND,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(api)
        self.base = f"http://127.0.0.1:{port}"
        wait_for(lambda: answers(f"{self.base}/api/v1/health"), "the API", api)
        return self.base

    def start_worker(
        self, concurrency: int = 2, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        log = (self.scratch / "worker.log").open("ab")
        worker = subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "app.core.celery_app",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                str(concurrency),
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=BACKEND,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(worker)
        wait_for(lambda: "ready." in self.log("worker.log"), "the Celery worker", worker)
        return worker

    def log(self, name: str) -> str:
        path = self.scratch / name
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def close(self) -> None:
        for process in reversed(self.processes):
            stop(process)
        self.stop_redis()
        if self.postgres is not None:
            with contextlib.suppress(subprocess.CalledProcessError):
                self.postgres.stop("immediate")
        shutil.rmtree(self.scratch, ignore_errors=True)


@dataclass
class Resource:
    """A CRUD resource of the API: its collection path and how to make its bodies."""

    path: str
    create_schema: dict[str, Any]
    update_schema: dict[str, Any] | None
    definitions: dict[str, Any]
    operations: set[str]

    def body(self, seed: str) -> dict[str, Any]:
        from app.llm.fake import example

        value = example(self.create_schema, self.definitions, seed)
        return dict(value) if isinstance(value, dict) else {}

    def change(self, seed: str) -> dict[str, Any]:
        """A valid partial update (every field of a create body), or {} without update."""
        return self.body(seed) if self.update_schema is not None else {}


def resources(openapi: dict[str, Any]) -> list[Resource]:
    """The resources with a list-and-create collection and a get-and-delete item."""
    definitions = openapi.get("components", {}).get("schemas", {})

    def body_schema(operation: dict[str, Any]) -> dict[str, Any] | None:
        content = operation.get("requestBody", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema")
        if schema and "$ref" in schema:
            return dict(definitions[schema["$ref"].rsplit("/", 1)[-1]])
        return schema

    found = []
    paths = openapi.get("paths", {})
    for path, operations in sorted(paths.items()):
        if "{" in path or "/agents/" in path or not {"get", "post"} <= set(operations):
            continue
        items = [
            item
            for item in paths
            if item.startswith(path + "/{") and item.count("/") == path.count("/") + 1
        ]
        if not items or not {"get", "delete"} <= set(paths[items[0]]):
            continue
        create = body_schema(operations["post"])
        if create is None:
            continue
        item_operations = paths[items[0]]
        update = body_schema(item_operations["patch"]) if "patch" in item_operations else None
        names = {"list", "create", "get", "delete"} | ({"update"} if update else set())
        found.append(Resource(path, create, update, definitions, names))
    return found


def agent_run_paths(openapi: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """`POST …/agents/<name>/runs` paths, with their input schema."""
    definitions = openapi.get("components", {}).get("schemas", {})
    found = {}
    for path, operations in openapi.get("paths", {}).items():
        if path.endswith("/runs") and "/agents/" in path and "post" in operations:
            content = operations["post"]["requestBody"]["content"]["application/json"]
            ref = content["schema"]["$ref"].rsplit("/", 1)[-1]
            found[path] = definitions[ref]
    return found
