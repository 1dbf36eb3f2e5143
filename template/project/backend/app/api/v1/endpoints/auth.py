"""Identity routes: sign-up, sign-in, sign-out, the signed-in user (`/me`),
switching the active organization, inviting a member and accepting it.

A session is a short-lived token: in the answer for API clients, and in an
httpOnly SameSite cookie for browsers, with a CSRF cookie that the browser's
scripts echo in the CSRF header on writes (app.api.deps.check_csrf).
"""

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response, status
from sqlalchemy import delete, func, select

from app.api.deps import PrincipalDep, SessionDep, set_session_cookies
from app.core.config import Settings, get_settings
from app.core.errors import error_response
from app.core.roles import Action, Role, allows
from app.core.security import (
    InvalidTokenError,
    hash_password,
    issue_token,
    read_payload,
    sign_payload,
    verify_password,
)
from app.models.identity import Membership, Organization, SignInFailure, User
from app.schemas.auth import (
    AcceptInvitation,
    Invitation,
    InvitationSent,
    Me,
    OrganizationMembership,
    Session,
    SignIn,
    SignUp,
    SwitchOrganization,
    UserRead,
)

INVITATION = "invitation"
INVITATION_DAYS = 7
Responses = dict[int | str, dict[str, Any]]
UNAUTHORIZED: Responses = {
    status.HTTP_401_UNAUTHORIZED: error_response("Not signed in, or a bad token")
}
FORBIDDEN: Responses = {status.HTTP_403_FORBIDDEN: error_response("The role may not do this")}
SIGNED_IN_ERRORS: Responses = {**UNAUTHORIZED, **FORBIDDEN}
# A body that is not JSON at all is a 400 (before any validation).
BAD_BODY: Responses = {status.HTTP_400_BAD_REQUEST: error_response("The body could not be parsed")}

router = APIRouter(tags=["auth"], responses=BAD_BODY)


def start_session(
    response: Response, settings: Settings, user_id: uuid.UUID, organization_id: uuid.UUID
) -> Session:
    token, lifetime = issue_token(settings, user_id=user_id, organization_id=organization_id)
    set_session_cookies(response, settings, token, lifetime, secrets.token_urlsafe(32))
    response.headers["Cache-Control"] = "no-store"
    return Session(access_token=token, expires_in=lifetime, organization_id=organization_id)


@router.post(
    "/auth/sign-up",
    status_code=status.HTTP_201_CREATED,
    responses={
        status.HTTP_403_FORBIDDEN: error_response("Sign-up is turned off"),
        status.HTTP_409_CONFLICT: error_response("The e-mail has an account"),
    },
)
async def sign_up(data: SignUp, session: SessionDep, response: Response) -> Session:
    """A new organization and its owner, signed in."""
    settings = get_settings()
    if not settings.signup_enabled:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Sign-up is turned off")
    if await session.scalar(select(User.id).where(User.email == data.email)) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="This e-mail has an account")
    user = User(email=data.email, name=data.name, password_hash=hash_password(data.password))
    organization = Organization(name=data.organization_name)
    session.add_all([user, organization])
    await session.flush()
    session.add(Membership(user_id=user.id, organization_id=organization.id, role=Role.OWNER))
    await session.flush()
    return start_session(response, settings, user.id, organization.id)


def client_address(request: Request) -> str:
    """The client's address (behind a proxy, run uvicorn with --proxy-headers)."""
    return request.client.host if request.client else "unknown"


async def check_password(
    session: SessionDep, request: Request, email: str, password: str, user: User | None
) -> None:
    """Every password check (sign-in, an existing account accepting an invitation):
    failed ones are counted per account and per client address in the database, and
    past either bound within the window the answer is 429, whatever the password."""
    settings = get_settings()
    address = client_address(request)
    since = datetime.now(UTC) - timedelta(seconds=settings.signin_failure_window_seconds)
    recent = select(func.count()).select_from(SignInFailure).where(SignInFailure.at >= since)
    by_account = await session.scalar(recent.where(SignInFailure.email == email)) or 0
    by_address = await session.scalar(recent.where(SignInFailure.address == address)) or 0
    if (
        by_account >= settings.signin_max_failures_per_account
        or by_address >= settings.signin_max_failures_per_address
    ):
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail="Too many failed sign-ins: try again later",
            headers={"Retry-After": str(settings.signin_failure_window_seconds)},
        )
    if verify_password(password, user.password_hash if user else None):
        await session.execute(delete(SignInFailure).where(SignInFailure.email == email))
        return
    session.add(SignInFailure(email=email, address=address))
    await session.execute(
        delete(SignInFailure).where(SignInFailure.email == email, SignInFailure.at < since)
    )
    # Kept though the answer is an error (the request's transaction would roll back).
    await session.commit()
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="Wrong e-mail or password")


TOO_MANY: Responses = {
    status.HTTP_429_TOO_MANY_REQUESTS: error_response("Too many failed sign-ins")
}


@router.post("/auth/sign-in", responses={**UNAUTHORIZED, **FORBIDDEN, **TOO_MANY})
async def sign_in(
    data: SignIn, request: Request, session: SessionDep, response: Response
) -> Session:
    """E-mail and password; signed in the user's first organization."""
    user = await session.scalar(select(User).where(User.email == data.email))
    await check_password(session, request, data.email, data.password, user)
    assert user is not None  # check_password refused an unknown account
    membership = await session.scalar(
        select(Membership)
        .where(Membership.user_id == user.id)
        .order_by(Membership.created_at, Membership.id)
    )
    if membership is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Not a member of any organization")
    return start_session(response, get_settings(), user.id, membership.organization_id)


@router.post("/auth/sign-out", status_code=status.HTTP_204_NO_CONTENT)
async def sign_out(response: Response) -> None:
    """Removes the browser's session cookies (a bearer token expires on its own)."""
    settings = get_settings()
    for name in (settings.session_cookie_name, settings.csrf_cookie_name):
        response.delete_cookie(
            name,
            path="/",
            secure=settings.session_cookie_secure,
            samesite=settings.session_cookie_samesite,
        )


async def memberships_of(session: SessionDep, user_id: uuid.UUID) -> list[OrganizationMembership]:
    rows = await session.execute(
        select(Organization.id, Organization.name, Membership.role)
        .join(Membership, Membership.organization_id == Organization.id)
        .where(Membership.user_id == user_id)
        .order_by(Organization.name, Organization.id)
    )
    return [OrganizationMembership(id=id_, name=name, role=Role(role)) for id_, name, role in rows]


def signed_in_user_id(principal: PrincipalDep) -> uuid.UUID:
    if principal.user_id is None:  # the development header mode has no user
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="Not signed in")
    return principal.user_id


@router.get("/me", responses=SIGNED_IN_ERRORS)
async def me(principal: PrincipalDep, session: SessionDep) -> Me:
    """The signed-in user, their organizations with their role, the active one."""
    user = await session.get(User, signed_in_user_id(principal))
    organizations = await memberships_of(session, signed_in_user_id(principal))
    active = next(org for org in organizations if org.id == principal.organization_id)
    return Me(
        user=UserRead.model_validate(user), organizations=organizations, active_organization=active
    )


@router.post("/auth/switch", responses=SIGNED_IN_ERRORS)
async def switch_organization(
    data: SwitchOrganization, principal: PrincipalDep, session: SessionDep, response: Response
) -> Session:
    """A new session in another of the user's organizations (403 if not theirs,
    whether it exists or not: its existence is not said)."""
    user_id = signed_in_user_id(principal)
    membership = await session.scalar(
        select(Membership).where(
            Membership.user_id == user_id, Membership.organization_id == data.organization_id
        )
    )
    if membership is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Not one of your organizations")
    return start_session(response, get_settings(), user_id, data.organization_id)


@router.post(
    "/organization/invitations",
    status_code=status.HTTP_201_CREATED,
    responses={
        **SIGNED_IN_ERRORS,
        status.HTTP_409_CONFLICT: error_response("Already a member"),
    },
)
async def invite_member(
    data: Invitation, principal: PrincipalDep, session: SessionDep
) -> InvitationSent:
    """Invite someone into the active organization (admins and owners; only an
    owner invites an owner). The token goes to them; they accept it with a password."""
    role = Role(data.role)
    needed = Action.INVITE_OWNER if role is Role.OWNER else Action.INVITE
    if not allows(principal.role, needed):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, detail=f"The role {principal.role.value} may not invite"
        )
    existing = await session.scalar(
        select(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(User.email == data.email, Membership.organization_id == principal.organization_id)
    )
    if existing is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="Already a member")
    claims = {"email": data.email, "role": role.value, "org": str(principal.organization_id)}
    token = sign_payload(get_settings(), INVITATION, claims, days=INVITATION_DAYS)
    return InvitationSent(
        email=data.email,
        role=role,
        organization_id=principal.organization_id,
        invitation_token=token,
    )


@router.post(
    "/auth/accept-invitation",
    responses={
        **UNAUTHORIZED,
        **TOO_MANY,
        status.HTTP_409_CONFLICT: error_response("Already a member"),
    },
)
async def accept_invitation(
    data: AcceptInvitation, request: Request, session: SessionDep, response: Response
) -> Session:
    """Join the inviting organization: a new account with this password, or an
    existing one whose password this is. Signed in, in that organization."""
    settings = get_settings()
    try:
        claims = read_payload(settings, INVITATION, data.invitation_token)
        email, role = str(claims["email"]), Role(claims["role"])
        organization_id = uuid.UUID(str(claims["org"]))
    except (InvalidTokenError, KeyError, ValueError):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, detail="Invalid or expired invitation"
        ) from None
    if await session.get(Organization, organization_id) is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="Invalid or expired invitation")
    user = await session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=data.name, password_hash=hash_password(data.password))
        session.add(user)
        await session.flush()
    else:
        await check_password(session, request, email, data.password, user)
    member = await session.scalar(
        select(Membership.id).where(
            Membership.user_id == user.id, Membership.organization_id == organization_id
        )
    )
    if member is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="Already a member")
    session.add(Membership(user_id=user.id, organization_id=organization_id, role=role))
    await session.flush()
    return start_session(response, settings, user.id, organization_id)
