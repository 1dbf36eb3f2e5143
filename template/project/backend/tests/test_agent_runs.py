"""Agent runs: executed once whatever the redeliveries, retried on a transient
LLM failure then answered by the fallback, failed on an unexpected error, and
refused with a 503 (no run left behind) when the broker is down."""

import json
import uuid

import pytest
from celery.exceptions import Retry
from pydantic import BaseModel
from sqlalchemy import func, select

from app.agents import base as agents_base
from app.agents.base import BaseAgent, agent_named
from app.core.celery_app import celery_app
from app.core.errors import ServiceUnavailableError
from app.db import session as db_session
from app.llm import LLMError, LLMTimeoutError, LLMUnavailableError
from app.models.agent_run import AgentRun
from app.services import agent_runs
from app.tasks.agent_runs import execute_agent_run
from app.tasks.tenancy import tenant_session
from tests.helpers import ScriptedLLM

TENANT = uuid.uuid4()


class EchoInput(BaseModel):
    text: str


class EchoOutput(BaseModel):
    echo: str


class EchoAgent(BaseAgent[EchoInput, EchoOutput]):
    name = "test-echo"
    system_prompt = "Echo the text."
    input_model = EchoInput
    output_model = EchoOutput

    def build_prompt(self, data: EchoInput) -> str:
        return data.text

    def fallback(self, data: EchoInput) -> EchoOutput:
        return EchoOutput(echo="")


@pytest.fixture(autouse=True)
def runs_database(session_factory, monkeypatch):
    monkeypatch.setattr(db_session, "SessionFactory", session_factory)


@pytest.fixture
def llm(monkeypatch):
    scripted = ScriptedLLM(reply=json.dumps({"echo": "hello"}))
    monkeypatch.setattr(agents_base, "get_llm_client", lambda: scripted)
    return scripted


async def queued() -> uuid.UUID:
    return await agent_runs.create_run(
        tenant_id=TENANT, agent="test-echo", data=EchoInput(text="hello")
    )


async def stored(run_id: uuid.UUID) -> AgentRun:
    async with tenant_session(TENANT) as session:
        run = await session.get(AgentRun, run_id)
        assert run is not None
        return run


def test_agents_are_found_by_name():
    assert agent_named("test-echo") is EchoAgent
    with pytest.raises(KeyError):
        agent_named("no-such-agent")


async def test_a_run_is_executed_and_its_outcome_stored(llm):
    run_id = await queued()

    assert await agent_runs.execute_run(TENANT, run_id) == "finished"

    run = await stored(run_id)
    assert (run.status, run.output, run.used_fallback) == ("succeeded", {"echo": "hello"}, False)
    assert run.attempts == 1
    assert run.started_at is not None and run.finished_at is not None


async def test_a_redelivered_run_is_not_executed_nor_written_twice(llm):
    run_id = await queued()
    await agent_runs.execute_run(TENANT, run_id)
    first = await stored(run_id)

    assert await agent_runs.execute_run(TENANT, run_id) == "skipped"

    again = await stored(run_id)
    assert len(llm.requests) == 1
    assert (again.attempts, again.finished_at) == (first.attempts, first.finished_at)


async def test_a_run_whose_worker_died_midway_is_run_again_and_finished_once(llm):
    run_id = await queued()
    # The first worker claimed it (running), then died before finishing.
    assert await agent_runs.claim(TENANT, run_id) is not None

    assert await agent_runs.execute_run(TENANT, run_id) == "finished"
    assert await agent_runs.finish(TENANT, run_id, status="failed", error="late") is False

    run = await stored(run_id)
    assert (run.status, run.attempts, run.error) == ("succeeded", 2, None)


@pytest.mark.parametrize(
    "error", [LLMTimeoutError("slow"), LLMUnavailableError("HTTP 503"), TimeoutError()]
)
async def test_a_transient_llm_failure_is_retried_then_answered_by_the_fallback(monkeypatch, error):
    monkeypatch.setattr(agents_base, "get_llm_client", lambda: ScriptedLLM(error=error))
    run_id = await queued()

    assert await agent_runs.execute_run(TENANT, run_id, final=False) == "retry"
    assert (await stored(run_id)).status == "queued"

    assert await agent_runs.execute_run(TENANT, run_id, final=True) == "finished"
    run = await stored(run_id)
    assert (run.status, run.used_fallback, run.output) == ("succeeded", True, {"echo": ""})
    assert run.attempts == 2


async def test_a_lasting_llm_failure_is_answered_by_the_fallback_at_once(monkeypatch):
    monkeypatch.setattr(
        agents_base, "get_llm_client", lambda: ScriptedLLM(error=LLMError("HTTP 400"))
    )
    run_id = await queued()

    assert await agent_runs.execute_run(TENANT, run_id, final=False) == "finished"
    run = await stored(run_id)
    assert (run.status, run.used_fallback) == ("succeeded", True)


async def test_an_unexpected_error_fails_the_run(monkeypatch):
    def broken() -> ScriptedLLM:
        raise RuntimeError("misconfigured")

    monkeypatch.setattr(agents_base, "get_llm_client", broken)
    run_id = await queued()

    assert await agent_runs.execute_run(TENANT, run_id) == "finished"
    run = await stored(run_id)
    assert (run.status, run.error) == ("failed", "internal error: RuntimeError")


def sync_queued() -> uuid.UUID:
    from app.core.async_bridge import run_sync

    return run_sync(queued())


def test_the_task_executes_a_run(llm):
    run_id = sync_queued()

    assert execute_agent_run.apply(args=[str(TENANT), str(run_id)]).get() == "finished"
    assert execute_agent_run.apply(args=[str(TENANT), str(run_id)]).get() == "skipped"


def test_the_task_retries_a_transient_failure_until_its_last_attempt(monkeypatch):
    slow = ScriptedLLM(error=LLMTimeoutError("slow"))
    monkeypatch.setattr(agents_base, "get_llm_client", lambda: slow)
    run_id = sync_queued()

    with pytest.raises(Retry):
        execute_agent_run.apply(args=[str(TENANT), str(run_id)], throw=True, retries=0)
    last = execute_agent_run.max_retries
    assert (
        execute_agent_run.apply(args=[str(TENANT), str(run_id)], retries=last).get() == "finished"
    )


async def test_the_broker_down_is_a_503_and_leaves_no_run(monkeypatch, session_factory):
    from kombu.exceptions import OperationalError

    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(execute_agent_run, "delay", refuse)
    celery_app.conf.task_always_eager = False
    try:
        with pytest.raises(ServiceUnavailableError):
            await agent_runs.start_run(
                tenant_id=TENANT, agent="test-echo", data=EchoInput(text="x")
            )
    finally:
        celery_app.conf.task_always_eager = True

    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(AgentRun)) == 0


def test_tasks_are_acknowledged_late_and_bounded_in_time():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    assert conf.task_publish_retry is False
    assert conf.broker_transport_options["socket_connect_timeout"] <= 2
