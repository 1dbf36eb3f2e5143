"""Agent runs: queued by the API, executed by a Celery worker (or in the request
under eager Celery), read back by their id, always for one tenant: every
function takes the tenant and works in its `tenant_session`, so that on
PostgreSQL row-level security shows it that tenant's runs alone, in the API and
in the worker alike.

Idempotent execution: a run is finished once. A worker that starts a run marks it
`running` and counts the attempt; its result is written only if the run is not
finished yet (a compare-and-set), so a redelivered task (a killed worker, a
visibility timeout) never writes a second result, and a finished run is not
run again.
"""

import logging
import uuid
from typing import Any, Literal

from kombu.exceptions import OperationalError as BrokerError
from pydantic import BaseModel
from redis.exceptions import RedisError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.agents.base import agent_named
from app.core.errors import NotFoundError, ServiceUnavailableError
from app.db.base import utcnow
from app.db.rls import SETTING, bind_tenant
from app.llm import LLMClient
from app.models.agent_run import AgentRun
from app.tasks.tenancy import tenant_session

logger = logging.getLogger(__name__)

QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
FINISHED = (SUCCEEDED, FAILED)
Outcome = Literal["finished", "retry", "skipped"]


async def create_run(*, tenant_id: uuid.UUID, agent: str, data: BaseModel) -> uuid.UUID:
    """A queued run, committed (a worker may read it as soon as it is sent)."""
    async with tenant_session(tenant_id) as session:
        run = AgentRun(
            tenant_id=tenant_id,
            agent=agent,
            status=QUEUED,
            input=data.model_dump(mode="json"),
            attempts=0,
        )
        session.add(run)
        await session.flush()
        return run.id


async def start_run(
    *, tenant_id: uuid.UUID, agent: str, data: BaseModel, inline: bool = False
) -> AgentRun:
    """Store a run of `agent` on `data` and have it executed: by a worker through
    the broker, or here when `inline` or under eager Celery. The broker down is
    a ServiceUnavailableError (503) and leaves no run behind."""
    from app.core.celery_app import celery_app
    from app.tasks.agent_runs import execute_agent_run

    run_id = await create_run(tenant_id=tenant_id, agent=agent, data=data)
    if inline or celery_app.conf.task_always_eager:
        await execute_run(tenant_id, run_id, final=True)
    else:
        try:
            execute_agent_run.delay(str(tenant_id), str(run_id))
        except (BrokerError, RedisError, OSError) as error:
            await delete_run(tenant_id, run_id)
            raise ServiceUnavailableError("The task queue is unavailable for now") from error
    return await read_run(tenant_id=tenant_id, agent=agent, run_id=run_id)


async def read_run(*, tenant_id: uuid.UUID, agent: str, run_id: uuid.UUID) -> AgentRun:
    async with tenant_session(tenant_id) as session:
        return await get_run(session=session, tenant_id=tenant_id, agent=agent, run_id=run_id)


async def get_run(
    *, session: AsyncSession, tenant_id: uuid.UUID, agent: str, run_id: uuid.UUID
) -> AgentRun:
    """The run of this tenant and this agent, or NotFoundError (another tenant's too)."""
    if session.info.get(SETTING) != tenant_id:
        await bind_tenant(session, tenant_id)
    query = select(AgentRun).where(
        AgentRun.id == run_id, AgentRun.tenant_id == tenant_id, AgentRun.agent == agent
    )
    run = (await session.scalars(query)).first()
    if run is None:
        raise NotFoundError(f"run {run_id} of {agent} not found")
    return run


async def delete_run(tenant_id: uuid.UUID, run_id: uuid.UUID) -> None:
    async with tenant_session(tenant_id) as session:
        run = await session.get(AgentRun, run_id)
        if run is not None:
            await session.delete(run)


async def claim(tenant_id: uuid.UUID, run_id: uuid.UUID) -> tuple[str, dict[str, Any]] | None:
    """Mark the run running and count the attempt: its agent and input, or None
    when it is finished (or gone): nothing to do."""
    async with tenant_session(tenant_id) as session:
        run = await session.get(AgentRun, run_id)
        if run is None or run.status in FINISHED:
            return None
        run.status = RUNNING
        run.attempts += 1
        run.started_at = run.started_at or utcnow()
        return run.agent, run.input


async def finish(tenant_id: uuid.UUID, run_id: uuid.UUID, **values: Any) -> bool:
    """Write the run's outcome unless it is finished already: whether it was written."""
    async with tenant_session(tenant_id) as session:
        query = (
            update(AgentRun)
            .where(AgentRun.id == run_id, AgentRun.status.not_in(FINISHED))
            .values(**values, finished_at=utcnow(), updated_at=utcnow())
        )
        result = await session.execute(query)
        return bool(getattr(result, "rowcount", 0))


async def requeue(tenant_id: uuid.UUID, run_id: uuid.UUID, error: str | None) -> None:
    async with tenant_session(tenant_id) as session:
        query = (
            update(AgentRun)
            .where(AgentRun.id == run_id, AgentRun.status == RUNNING)
            .values(status=QUEUED, error=error, updated_at=utcnow())
        )
        await session.execute(query)


async def fail_run(tenant_id: uuid.UUID, run_id: uuid.UUID, error: str) -> bool:
    return await finish(tenant_id, run_id, status=FAILED, error=error)


async def execute_run(
    tenant_id: uuid.UUID, run_id: uuid.UUID, *, final: bool = True, llm: LLMClient | None = None
) -> Outcome:
    """Run the agent of a run and store its outcome once. A transient LLM failure
    is "retry" (the run back to queued) unless `final`, where the agent's fallback
    is stored; a finished run is "skipped"."""
    claimed = await claim(tenant_id, run_id)
    if claimed is None:
        return "skipped"
    name, payload = claimed
    try:
        agent = agent_named(name)
        result = await agent(llm=llm).run(agent.input_model.model_validate(payload))
    except Exception as error:
        logger.exception("agent run %s failed", run_id)
        await fail_run(tenant_id, run_id, f"internal error: {type(error).__name__}")
        return "finished"
    if result.transient and not final:
        await requeue(tenant_id, run_id, result.error)
        return "retry"
    await finish(
        tenant_id,
        run_id,
        status=SUCCEEDED,
        output=result.output.model_dump(mode="json"),
        used_fallback=result.used_fallback,
        error=result.error,
    )
    return "finished"
