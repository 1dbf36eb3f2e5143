"""The worker test (`make test-worker`): a real broker and a real Celery worker.

Starts Redis (`redis-server` from PATH on a free loopback port, unless
CELERY_BROKER_URL names one already running, as CI's service container) and a
Celery worker process (not eager), sends an agent task through the broker with
an input built from the agent's schema, checks the worker's result (a valid
output, no fallback), then stops both. Without an agent unit, `health.ping`.
Each agent's run (app.services.agent_runs, what `POST /api/v1/agents/<name>/runs`
queues) goes through the broker too, and is read back succeeded from the
database (a SQLite file migrated here, or DATABASE_URL's).

Usage: python scripts/worker_test.py
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent / "backend"
BIN = Path(sys.executable).parent
SEND = """
import importlib, inspect, json, sys
from app.agents.base import BaseAgent
from app.core.celery_app import celery_app
from app.llm.fake import example
import app.tasks  # noqa: F401

agents = sorted(name for name in celery_app.tasks if name.startswith("agents."))
if not agents:
    assert celery_app.send_task("health.ping").get(timeout=60) == "pong"
    print("worker: health.ping answered pong (no agent task in this project)")
    sys.exit(0)
for name in agents:
    module = importlib.import_module("app.agents." + name.removeprefix("agents."))
    [agent] = [
        value for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, BaseAgent) and value is not BaseAgent
    ]
    schema = agent.input_model.model_json_schema()
    payload = agent.input_model.model_validate(
        example(schema, schema.get("$defs", {}), name)
    ).model_dump(mode="json")
    result = celery_app.send_task(name, args=[payload]).get(timeout=60)
    assert result["used_fallback"] is False, result
    agent.output_model.model_validate(result["output"])
    print(f"worker: {name} answered through the broker: {json.dumps(result['output'])[:120]}")

import asyncio, time, uuid
from app.agents.base import import_agents
from app.services import agent_runs

async def run_through_the_worker(agent) -> None:
    schema = agent.input_model.model_json_schema()
    data = agent.input_model.model_validate(example(schema, schema.get("$defs", {}), agent.name))
    run = await agent_runs.start_run(tenant_id=uuid.uuid4(), agent=agent.name, data=data)
    assert run.status == "queued", run.status
    deadline = time.monotonic() + 60
    while run.status in ("queued", "running"):
        assert time.monotonic() < deadline, f"run {run.id} still {run.status} after 60 s"
        await asyncio.sleep(0.2)
        run = await agent_runs.read_run(tenant_id=run.tenant_id, agent=agent.name, run_id=run.id)
    assert (run.status, run.used_fallback, run.attempts) == ("succeeded", False, 1), run.error
    agent.output_model.model_validate(run.output)
    print(f"worker: a run of {agent.name} succeeded through the broker")

for agent in sorted(import_agents().values(), key=lambda agent: agent.name):
    asyncio.run(run_through_the_worker(agent))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"worker: redis-server exited with code {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"worker: redis-server did not listen on {port} within {timeout:.0f}s")


def stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> int:
    redis: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None
    broker = os.environ.get("CELERY_BROKER_URL", "")
    with tempfile.TemporaryDirectory(prefix="worker-") as scratch:
        try:
            if not broker.startswith("redis://"):
                server = shutil.which("redis-server")
                if server is None:
                    raise SystemExit(
                        "worker: redis-server is not installed (or set CELERY_BROKER_URL)"
                    )
                port = free_port()
                redis = subprocess.Popen(
                    [
                        server,
                        "--port",
                        str(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--daemonize",
                        "no",
                        "--dir",
                        scratch,
                    ],
                    stdout=subprocess.DEVNULL,
                )
                wait_for_port(port, redis)
                broker = f"redis://127.0.0.1:{port}/0"
            database = os.environ.get("DATABASE_URL") or (
                f"sqlite+aiosqlite:///{Path(scratch) / 'worker.db'}"
            )
            env = {
                **os.environ,
                "CELERY_BROKER_URL": broker,
                "CELERY_RESULT_BACKEND": os.environ.get("CELERY_RESULT_BACKEND", broker),
                "CELERY_TASK_ALWAYS_EAGER": "false",
                "DATABASE_URL": database,
            }
            subprocess.run(
                [str(BIN / "alembic"), "upgrade", "head"], cwd=BACKEND, env=env, check=True
            )
            log = Path(scratch) / "worker.log"
            worker = subprocess.Popen(
                [
                    str(BIN / "celery"),
                    "-A",
                    "app.core.celery_app",
                    "worker",
                    "--pool",
                    "solo",
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                ],
                cwd=BACKEND,
                env=env,
                stdout=log.open("wb"),
                stderr=subprocess.STDOUT,
            )
            sent = subprocess.run([sys.executable, "-c", SEND], cwd=BACKEND, env=env, timeout=180)
            if sent.returncode != 0:
                print(log.read_text(encoding="utf-8", errors="replace")[-4000:], file=sys.stderr)
            return sent.returncode
        finally:
            stop(worker)
            stop(redis)


if __name__ == "__main__":
    sys.exit(main())
