"""A run of an agent, asked over HTTP (`POST /api/v1/agents/<name>/runs`): its
input, its status, its output or error, and its timings; owned by a tenant."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, IdMixin, TenantMixin, TimestampMixin
from app.db.types import UTCDateTime


class AgentRun(IdMixin, TenantMixin, TimestampMixin, Base):
    __tablename__ = "agent_runs"

    agent: Mapped[str] = mapped_column(String(100), index=True)
    # queued, running, succeeded or failed (see app.services.agent_runs).
    status: Mapped[str] = mapped_column(String(20))
    input: Mapped[dict[str, Any]] = mapped_column(JSON)
    output: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    used_fallback: Mapped[bool | None] = mapped_column(Boolean)
    error: Mapped[str | None] = mapped_column(Text)
    # How many times a worker started the run (a retry or a redelivery adds one).
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
