"""Bodies of the identity routes. No schema carries a password hash; passwords
only come in."""

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.core.roles import Role

Email = Annotated[str, Field(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Password = Annotated[str, Field(min_length=8, max_length=256)]
InvitedRole = Literal["owner", "admin", "member", "viewer"]


class SignUp(BaseModel):
    email: Email
    password: Password
    name: Annotated[str, Field(max_length=200)] = ""
    organization_name: Annotated[str, Field(min_length=1, max_length=200)]

    @field_validator("email")
    @classmethod
    def lowercase(cls, value: str) -> str:
        return value.lower()


class SignIn(BaseModel):
    email: Annotated[str, Field(max_length=320)]
    password: Annotated[str, Field(max_length=256)]

    @field_validator("email")
    @classmethod
    def lowercase(cls, value: str) -> str:
        return value.lower()


class SwitchOrganization(BaseModel):
    organization_id: uuid.UUID


class Invitation(BaseModel):
    email: Email
    role: InvitedRole = "member"

    @field_validator("email")
    @classmethod
    def lowercase(cls, value: str) -> str:
        return value.lower()


class InvitationSent(BaseModel):
    """The invitation token, to send to the invited person (it expires)."""

    email: str
    role: Role
    organization_id: uuid.UUID
    invitation_token: str


class AcceptInvitation(BaseModel):
    invitation_token: Annotated[str, Field(max_length=4096)]
    # A new account's password; an existing account's, proving it is theirs.
    password: Password
    name: Annotated[str, Field(max_length=200)] = ""


class Session(BaseModel):
    """A signed-in session: the bearer token for API clients (browsers get the
    same in an httpOnly cookie)."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    organization_id: uuid.UUID


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    name: str


class OrganizationMembership(BaseModel):
    id: uuid.UUID
    name: str
    role: Role


class Me(BaseModel):
    user: UserRead
    organizations: list[OrganizationMembership]
    active_organization: OrganizationMembership
