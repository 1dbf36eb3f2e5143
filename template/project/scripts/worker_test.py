"""The worker test (`make test-worker`): a real broker and a real Celery worker.

Starts Redis (`redis-server` from PATH on a free loopback port, unless
CELERY_BROKER_URL names one already running, as CI's service container) and a
Celery worker process (not eager) with scripts/stack.py, sends an agent task
through the broker with an input built from the agent's schema, checks the
worker's result (a valid output, no fallback), then stops both. Without an
agent unit, `health.ping`.
Each agent's run (app.services.agent_runs, what `POST /api/v1/agents/<name>/runs`
queues) goes through the broker too, and is read back succeeded from the
database (a SQLite file migrated here, or DATABASE_URL's).

Usage: python scripts/worker_test.py
"""

from __future__ import annotations

import os
import subprocess
import sys

# Redis and the worker started and stopped as the fault and load tests do.
from stack import BACKEND, BIN, Stack

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

assert not celery_app.conf.task_always_eager, "eager Celery: runs would not reach the worker"

async def run_through_the_worker(agent) -> None:
    schema = agent.input_model.model_json_schema()
    data = agent.input_model.model_validate(example(schema, schema.get("$defs", {}), agent.name))
    run = await agent_runs.start_run(tenant_id=uuid.uuid4(), agent=agent.name, data=data)
    # Sent, not run here; a quick worker may already have taken it.
    assert run.status in ("queued", "running", "succeeded"), run.status
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


def main() -> int:
    stack = Stack()
    try:
        broker = os.environ.get("CELERY_BROKER_URL", "")
        if broker.startswith("redis://"):
            stack.env.update(
                CELERY_BROKER_URL=broker,
                CELERY_RESULT_BACKEND=os.environ.get("CELERY_RESULT_BACKEND", broker),
                CELERY_TASK_ALWAYS_EAGER="false",
            )
        else:
            stack.start_redis()
        stack.env["DATABASE_URL"] = os.environ.get("DATABASE_URL") or (
            f"sqlite+aiosqlite:///{stack.scratch / 'worker.db'}"
        )
        subprocess.run(
            [str(BIN / "alembic"), "upgrade", "head"], cwd=BACKEND, env=stack.env, check=True
        )
        stack.start_worker(concurrency=1)
        sent = subprocess.run([sys.executable, "-c", SEND], cwd=BACKEND, env=stack.env, timeout=180)
        if sent.returncode != 0:
            print(stack.log("worker.log")[-4000:], file=sys.stderr)
        return sent.returncode
    finally:
        stack.close()


if __name__ == "__main__":
    sys.exit(main())
