"""Roles and what each may do: the one table every route's check reads.

A user is a member of an organization with one role. `viewer` reads; `member`
and above also create, update and delete the organization's rows; `admin` and
`owner` also invite members (an admin cannot make an owner).
"""

from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"
    VIEWER = "viewer"


class Action(StrEnum):
    READ = "read"
    WRITE = "write"  # create, update, delete
    INVITE = "invite"
    INVITE_OWNER = "invite_owner"


PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.READ: frozenset(Role),
    Action.WRITE: frozenset({Role.OWNER, Role.ADMIN, Role.MEMBER}),
    Action.INVITE: frozenset({Role.OWNER, Role.ADMIN}),
    Action.INVITE_OWNER: frozenset({Role.OWNER}),
}


def allows(role: Role, action: Action) -> bool:
    return role in PERMISSIONS[action]
