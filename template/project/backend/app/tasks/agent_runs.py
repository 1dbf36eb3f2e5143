"""The Celery task that executes agent runs (see app.services.agent_runs).

Acknowledged late and given back when its worker dies (see app.core.celery_app):
a run survives a killed worker, and its body is idempotent. A transient LLM
failure is retried AGENT_RUN_MAX_RETRIES times with exponential backoff, then
the agent's fallback is stored; past the soft time limit, the run is failed.
"""

import uuid
from typing import Any

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded

from app.core.async_bridge import run_sync
from app.core.celery_app import celery_app
from app.core.config import get_settings
from app.services import agent_runs


@celery_app.task(
    name="agent_runs.execute",
    bind=True,
    ignore_result=True,
    max_retries=get_settings().agent_run_max_retries,
)
def execute_agent_run(self: Task[Any, Any], tenant_id: str, run_id: str) -> str:
    """Execute the run `run_id` of the organization `tenant_id` (app.tasks.tenancy);
    its outcome is in the agent_runs table."""
    retries = self.request.retries or 0
    final = retries >= (self.max_retries or 0)
    try:
        outcome = run_sync(
            agent_runs.execute_run(uuid.UUID(tenant_id), uuid.UUID(run_id), final=final)
        )
    except SoftTimeLimitExceeded:
        run_sync(
            agent_runs.fail_run(uuid.UUID(tenant_id), uuid.UUID(run_id), "time limit exceeded")
        )
        return "failed"
    if outcome == "retry":
        backoff = get_settings().agent_run_retry_backoff_seconds * 2**retries
        raise self.retry(countdown=backoff)
    return outcome
