"""Bodies of the identity routes. No schema carries a password hash; passwords
only come in."""

import uuid
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.core.roles import Role
from app.schemas.fields import storable_text

EMAIL_LENGTH = 320


def normalized_email(value: str) -> str:
    """Lowercased (one account per address), storable, within the column."""
    value = storable_text(value).lower()
    if len(value) > EMAIL_LENGTH:
        raise ValueError(f"must be at most {EMAIL_LENGTH} characters")
    return value


AnyEmail = Annotated[str, Field(max_length=EMAIL_LENGTH), AfterValidator(normalized_email)]
Email = Annotated[
    str,
    Field(max_length=EMAIL_LENGTH, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    AfterValidator(normalized_email),
]
Password = Annotated[str, Field(min_length=8, max_length=256), AfterValidator(storable_text)]
Name = Annotated[str, Field(max_length=200), AfterValidator(storable_text)]
InvitedRole = Literal["owner", "admin", "member", "viewer"]


class SignUp(BaseModel):
    email: Email
    password: Password
    name: Name = ""
    organization_name: Annotated[Name, Field(min_length=1)]


class SignIn(BaseModel):
    email: AnyEmail
    password: Annotated[str, Field(max_length=256), AfterValidator(storable_text)]


class SwitchOrganization(BaseModel):
    organization_id: uuid.UUID


class Invitation(BaseModel):
    email: Email
    role: InvitedRole = "member"


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
    name: Name = ""


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
