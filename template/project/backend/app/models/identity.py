"""Identity: organizations (the tenant), users, their memberships with a role,
and failed sign-ins (the rate limit's state, shared by every replica).

These tables are not tenant-owned rows: a user belongs to several
organizations, so they carry no row-level security; the routes that read them
(app.api.v1.endpoints.auth) scope every query to the signed-in user.
"""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.core.roles import Role
from app.db.base import Base, IdMixin, TimestampMixin, utcnow
from app.db.types import UTCDateTime


class Organization(IdMixin, TimestampMixin, Base):
    """The tenant: every tenant-owned row's `tenant_id` is an organization's id."""

    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200))


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"

    # Stored lowercased: one account per address whatever its case.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    # Argon2 (app.core.security); never logged, never in an answer.
    password_hash: Mapped[str] = mapped_column(String(500))

    def __repr__(self) -> str:  # no hash in tracebacks or logs
        return f"User(id={self.id!s}, email={self.email!r})"


class Membership(IdMixin, TimestampMixin, Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organization_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"))
    organization_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20), default=Role.MEMBER.value)


class SignInFailure(IdMixin, Base):
    """One failed sign-in: the account tried and the client's address."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (
        Index("ix_sign_in_failures_email_at", "email", "at"),
        Index("ix_sign_in_failures_address_at", "address", "at"),
    )

    email: Mapped[str] = mapped_column(String(320))
    address: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
