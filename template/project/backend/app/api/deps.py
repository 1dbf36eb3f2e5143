"""Request dependencies: the database session, the signed-in principal, the
caller's tenant and what their role allows, paging parameters."""

import hmac
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, Response, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings, get_settings
from app.core.roles import Action, Role, allows
from app.core.security import InvalidTokenError, issue_token, needs_renewal, verify_token
from app.db.rls import bind_tenant
from app.db.session import get_session
from app.models.identity import Membership, User

# scope="function": the session commits when the endpoint returns, before the
# response is sent (a failed commit is an error answer, not a lost write).
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Principal:
    """Who calls: a user acting in one of their organizations, with that membership's
    role (`user_id` is None only in the development header mode)."""

    user_id: uuid.UUID | None
    organization_id: uuid.UUID
    role: Role


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"}
    )


def credential(request: Request) -> tuple[str, bool] | None:
    """The bearer token (`Authorization: Bearer …`), or the session cookie's; and
    whether it came from the cookie (then writes need the CSRF header)."""
    settings = get_settings()
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthorized("The Authorization header must be 'Bearer <token>'")
        return token.strip(), False
    cookie = request.cookies.get(settings.session_cookie_name)
    return (cookie, True) if cookie else None


def set_session_cookies(
    response: Response, settings: Settings, token: str, lifetime: int, csrf: str
) -> None:
    """The session (httpOnly: no script reads it) and the CSRF token (scripts echo it
    in the CSRF header), both SameSite, Secure per SESSION_COOKIE_SECURE."""
    for name, value, httponly in [
        (settings.session_cookie_name, token, True),
        (settings.csrf_cookie_name, csrf, False),
    ]:
        response.set_cookie(
            name,
            value,
            max_age=lifetime,
            path="/",
            secure=settings.session_cookie_secure,
            httponly=httponly,
            samesite=settings.session_cookie_samesite,
        )


def check_csrf(request: Request) -> None:
    """A cookie-authenticated write carries the CSRF cookie's value in the CSRF
    header (double submit): another site's form or script cannot read it."""
    settings = get_settings()
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(settings.csrf_header, "")
    expected = request.cookies.get(settings.csrf_cookie_name, "")
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Missing or wrong CSRF token")


async def get_principal(request: Request, response: Response, session: SessionDep) -> Principal:
    """The signed-in user in their active organization, checked against their
    memberships on every request. Missing, malformed, expired, tampered or
    foreign tokens: 401; no membership in the token's organization: 403. A
    browser's session past half its lifetime is renewed (new cookies) while used."""
    settings = get_settings()
    found = credential(request)
    if found is None and settings.dev_tenant_header:
        return header_principal(request)
    if found is None:
        raise unauthorized("Not signed in")
    token, from_cookie = found
    try:
        claims = verify_token(settings, token)
    except InvalidTokenError:
        raise unauthorized("Invalid or expired token") from None
    if from_cookie:
        check_csrf(request)
    if claims.user_id is not None:
        user = await session.get(User, claims.user_id)
    else:
        user = await session.scalar(select(User).where(User.email == claims.email))
    if user is None:
        raise unauthorized("Unknown user")
    query = select(Membership).where(Membership.user_id == user.id)
    if claims.organization_id is not None:
        query = query.where(Membership.organization_id == claims.organization_id)
    membership = await session.scalar(query.order_by(Membership.created_at, Membership.id))
    if membership is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Not a member of this organization")
    if from_cookie and needs_renewal(settings, claims):
        token, lifetime = issue_token(
            settings, user_id=user.id, organization_id=membership.organization_id
        )
        csrf = request.cookies.get(settings.csrf_cookie_name, "")
        set_session_cookies(response, settings, token, lifetime, csrf)
    return Principal(
        user_id=user.id, organization_id=membership.organization_id, role=Role(membership.role)
    )


def header_principal(request: Request) -> Principal:
    """DEV_TENANT_HEADER=true (local development only): the tenant from the
    header, as its owner. Missing: 401; malformed: 400."""
    header = get_settings().tenant_header
    value = request.headers.get(header)
    if not value:
        raise unauthorized(f"Not signed in (or send the {header} header)")
    try:
        tenant_id = uuid.UUID(value)
    except ValueError:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, detail=f"{header} must be a UUID"
        ) from None
    return Principal(user_id=None, organization_id=tenant_id, role=Role.OWNER)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def get_tenant_id(principal: PrincipalDep, session: SessionDep) -> uuid.UUID:
    """The caller's tenant: THE one place every route and repository takes it from.

    The active organization of the authenticated principal, checked against
    their memberships (get_principal). The request's session is bound to it,
    so that PostgreSQL's row-level security shows that tenant's rows alone.
    """
    await bind_tenant(session, principal.organization_id)
    return principal.organization_id


TenantDep = Annotated[uuid.UUID, Depends(get_tenant_id)]


def tenant_allowed_to(action: Action) -> Callable[..., Awaitable[uuid.UUID]]:
    """A dependency: the caller's tenant, when their role may do `action` (403 otherwise)."""

    async def check(tenant_id: TenantDep, principal: PrincipalDep) -> uuid.UUID:
        if not allows(principal.role, action):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                detail=f"The role {principal.role.value} may not {action.value}",
            )
        return tenant_id

    return check


# Create, update, delete: viewers are refused (app.core.roles.PERMISSIONS).
TenantWriteDep = Annotated[uuid.UUID, Depends(tenant_allowed_to(Action.WRITE))]

# Paging of every list: `limit` items from `offset`. The offset's bound keeps it
# inside what every database accepts (a larger one would overflow a 64-bit OFFSET).
MAX_PAGE_SIZE = 100
MAX_OFFSET = 2**31 - 1
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page")]
PageOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip")]
