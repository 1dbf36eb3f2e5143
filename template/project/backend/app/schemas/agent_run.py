"""The agent run resource, as the API answers it."""

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

RunStatus = Literal["queued", "running", "succeeded", "failed"]


class AgentRunRead(BaseModel):
    """A run: `queued` until a worker starts it, `running`, then `succeeded` (its
    `output`, perhaps the agent's fallback: see `used_fallback` and `error`) or
    `failed` (`error`)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    agent: str
    status: RunStatus
    input: dict[str, Any]
    output: dict[str, Any] | None
    used_fallback: bool | None
    error: str | None
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
