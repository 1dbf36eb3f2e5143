"""Identity: sign-up, sign-in (rate-limited in the database), sign-out, /me,
switching organization, invitations; the browser's cookie session with its
CSRF check; an external OpenID Connect provider's tokens."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import func, select

from app.core.config import get_settings, signing_key
from app.core.roles import Role
from app.core.security import _jwks_client, hash_password, verify_password, verify_token
from app.db.demo import DEMO_EMAIL, DEMO_PASSWORD, ensure_demo_account
from app.models.identity import Membership, SignInFailure, User
from tests.helpers import PASSWORD, add_member, auth_headers, make_organization

SIGN_UP = {
    "email": "Ada@Example.com",
    "password": "a long enough password",
    "name": "Ada",
    "organization_name": "Analytical Engines",
}


def bearer(body: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {body['access_token']}"}


async def test_sign_up_creates_an_organization_and_its_owner(client):
    response = await client.post("/api/v1/auth/sign-up", json=SIGN_UP)

    assert response.status_code == 201
    assert "password" not in response.text and "hash" not in response.text
    me = (await client.get("/api/v1/me", headers=bearer(response.json()))).json()
    assert me["user"]["email"] == "ada@example.com"
    assert set(me["user"]) == {"id", "email", "name"}
    assert me["active_organization"]["name"] == "Analytical Engines"
    assert me["active_organization"]["role"] == "owner"
    assert me["organizations"] == [me["active_organization"]]


async def test_sign_up_twice_with_one_email_is_a_conflict(client):
    await client.post("/api/v1/auth/sign-up", json=SIGN_UP)
    again = {**SIGN_UP, "email": "ada@example.com"}

    assert (await client.post("/api/v1/auth/sign-up", json=again)).status_code == 409


async def test_sign_up_can_be_turned_off(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "signup_enabled", False)

    assert (await client.post("/api/v1/auth/sign-up", json=SIGN_UP)).status_code == 403


async def test_the_password_is_stored_as_an_argon2_hash(client, session):
    await client.post("/api/v1/auth/sign-up", json=SIGN_UP)

    user = await session.scalar(select(User).where(User.email == "ada@example.com"))
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(SIGN_UP["password"], user.password_hash)
    assert "hash" not in repr(user)


async def test_sign_in_with_email_and_password(client, owner_a, tenant_a):
    body = {"email": "OWNER-A@example.com", "password": PASSWORD}
    response = await client.post("/api/v1/auth/sign-in", json=body)

    assert response.status_code == 200
    assert response.json()["organization_id"] == str(tenant_a.id)
    assert response.json()["token_type"] == "bearer"
    assert "password" not in response.text
    whoami = await client.get("/api/v1/health/tenant", headers=bearer(response.json()))
    assert whoami.json() == {"tenant_id": str(tenant_a.id)}


@pytest.mark.parametrize(
    "body",
    [
        {"email": "owner-a@example.com", "password": "wrong password"},
        {"email": "nobody@example.com", "password": PASSWORD},
    ],
)
async def test_sign_in_with_a_wrong_password_or_account_is_refused(client, owner_a, body):
    response = await client.post("/api/v1/auth/sign-in", json=body)

    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong e-mail or password"}


async def test_failed_sign_ins_are_limited_per_account(client, session, owner_a):
    limit = get_settings().signin_max_failures_per_account
    wrong = {"email": "owner-a@example.com", "password": "wrong password"}
    for _ in range(limit):
        assert (await client.post("/api/v1/auth/sign-in", json=wrong)).status_code == 401

    right = {"email": "owner-a@example.com", "password": PASSWORD}
    refused = await client.post("/api/v1/auth/sign-in", json=right)

    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    # The count lives in the database (every replica sees it), not in memory.
    count = await session.scalar(select(func.count()).select_from(SignInFailure))
    assert count == limit


async def test_failed_sign_ins_are_limited_per_client_address(client, monkeypatch, owner_a):
    monkeypatch.setattr(get_settings(), "signin_max_failures_per_address", 3)
    for index in range(3):
        body = {"email": f"guess-{index}@example.com", "password": "wrong password"}
        assert (await client.post("/api/v1/auth/sign-in", json=body)).status_code == 401

    right = {"email": "owner-a@example.com", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/sign-in", json=right)).status_code == 429


async def test_old_failures_do_not_count(client, session, owner_a):
    long_ago = datetime.now(UTC) - timedelta(days=1)
    for _ in range(10):
        session.add(SignInFailure(email="owner-a@example.com", address="127.0.0.1", at=long_ago))
    await session.commit()

    right = {"email": "owner-a@example.com", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/sign-in", json=right)).status_code == 200


async def test_switching_to_another_of_ones_organizations(client, session, owner_a, tenant_b):
    session.add(Membership(user_id=owner_a.id, organization_id=tenant_b.id, role=Role.VIEWER))
    await session.commit()
    signed_in = await client.post(
        "/api/v1/auth/sign-in", json={"email": "owner-a@example.com", "password": PASSWORD}
    )

    switched = await client.post(
        "/api/v1/auth/switch",
        json={"organization_id": str(tenant_b.id)},
        headers=bearer(signed_in.json()),
    )

    assert switched.status_code == 200
    me = (await client.get("/api/v1/me", headers=bearer(switched.json()))).json()
    assert me["active_organization"]["id"] == str(tenant_b.id)
    assert me["active_organization"]["role"] == "viewer"
    assert len(me["organizations"]) == 2


async def test_switching_to_an_organization_one_is_not_in_is_forbidden(client, headers_a, tenant_b):
    for organization in (tenant_b.id, uuid.uuid4()):
        response = await client.post(
            "/api/v1/auth/switch", json={"organization_id": str(organization)}, headers=headers_a
        )
        assert response.status_code == 403
        assert response.json() == {"detail": "Not one of your organizations"}


async def test_an_admin_invites_a_new_member_who_accepts(client, session, headers_a, tenant_a):
    invited = await client.post(
        "/api/v1/organization/invitations",
        json={"email": "new@example.com", "role": "member"},
        headers=headers_a,
    )
    assert invited.status_code == 201

    accepted = await client.post(
        "/api/v1/auth/accept-invitation",
        json={"invitation_token": invited.json()["invitation_token"], "password": "new password"},
    )

    assert accepted.status_code == 200
    me = (await client.get("/api/v1/me", headers=bearer(accepted.json()))).json()
    assert me["active_organization"] == {
        "id": str(tenant_a.id),
        "name": "Organization A",
        "role": "member",
    }


async def test_an_existing_user_accepts_with_their_own_password(client, owner_b, headers_a):
    invited = await client.post(
        "/api/v1/organization/invitations",
        json={"email": "owner-b@example.com", "role": "viewer"},
        headers=headers_a,
    )
    token = invited.json()["invitation_token"]
    wrong = {"invitation_token": token, "password": "not their password"}
    right = {"invitation_token": token, "password": PASSWORD}

    assert (await client.post("/api/v1/auth/accept-invitation", json=wrong)).status_code == 401
    assert (await client.post("/api/v1/auth/accept-invitation", json=right)).status_code == 200
    assert (await client.post("/api/v1/auth/accept-invitation", json=right)).status_code == 409


async def test_a_forged_invitation_is_refused(client, tenant_a):
    forged = jwt.encode(
        {"email": "x@example.com", "role": "owner", "org": str(tenant_a.id)},
        "a-key-that-is-not-the-apps-secret-key",
    )
    body = {"invitation_token": forged, "password": "a password"}

    assert (await client.post("/api/v1/auth/accept-invitation", json=body)).status_code == 401


@pytest.mark.parametrize(
    ("inviter", "role", "allowed"),
    [
        (Role.VIEWER, "viewer", False),
        (Role.MEMBER, "member", False),
        (Role.ADMIN, "member", True),
        (Role.ADMIN, "owner", False),
        (Role.OWNER, "owner", True),
    ],
)
async def test_who_may_invite(client, session, tenant_a, inviter, role, allowed):
    user = await add_member(session, tenant_a, inviter)

    response = await client.post(
        "/api/v1/organization/invitations",
        json={"email": "someone@example.com", "role": role},
        headers=auth_headers(user, tenant_a),
    )

    assert response.status_code == (201 if allowed else 403)


async def test_inviting_a_member_again_is_a_conflict(client, headers_a, owner_a):
    body = {"email": "owner-a@example.com", "role": "member"}
    response = await client.post("/api/v1/organization/invitations", json=body, headers=headers_a)
    assert response.status_code == 409


async def test_a_removed_member_loses_access_at_once(client, session, viewer_a, viewer_headers_a):
    assert (await client.get("/api/v1/me", headers=viewer_headers_a)).status_code == 200
    membership = await session.scalar(select(Membership).where(Membership.user_id == viewer_a.id))
    await session.delete(membership)
    await session.commit()

    assert (await client.get("/api/v1/me", headers=viewer_headers_a)).status_code == 403


async def test_the_browser_session_is_an_httponly_cookie_and_writes_need_csrf(
    client, owner_a, tenant_a
):
    settings = get_settings()
    response = await client.post(
        "/api/v1/auth/sign-in", json={"email": "owner-a@example.com", "password": PASSWORD}
    )
    cookies = response.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith(f"{settings.session_cookie_name}="))
    csrf_cookie = next(c for c in cookies if c.startswith(f"{settings.csrf_cookie_name}="))
    assert "HttpOnly" in session_cookie and "SameSite=lax" in session_cookie
    assert "HttpOnly" not in csrf_cookie
    csrf = client.cookies[settings.csrf_cookie_name]

    assert (await client.get("/api/v1/me")).status_code == 200  # the cookie alone reads
    invite = {"email": "x@example.com", "role": "member"}
    url = "/api/v1/organization/invitations"
    assert (await client.post(url, json=invite)).status_code == 403  # no CSRF header
    wrong = {settings.csrf_header: "not-the-token"}
    assert (await client.post(url, json=invite, headers=wrong)).status_code == 403
    right = {settings.csrf_header: csrf}
    assert (await client.post(url, json=invite, headers=right)).status_code == 201

    signed_out = await client.post("/api/v1/auth/sign-out")
    assert signed_out.status_code == 204
    assert (await client.get("/api/v1/me")).status_code == 401


def rsa_provider(monkeypatch, settings):
    """An OIDC provider: a key pair, its JWKS served to PyJWKClient."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwks = {"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}
    monkeypatch.setattr(settings, "oidc_issuer", "https://idp.example.com/")
    monkeypatch.setattr(settings, "oidc_jwks_url", "https://idp.example.com/jwks")
    monkeypatch.setattr(settings, "oidc_audience", "vectra-client")
    _jwks_client.cache_clear()
    monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", lambda self: jwks)

    def sign(**changes):
        now = datetime.now(UTC)
        claims = {
            "iss": "https://idp.example.com/",
            "aud": "vectra-client",
            "sub": "idp-user-1",
            "email": "owner-a@example.com",
            "email_verified": True,
            "iat": now,
            "exp": now + timedelta(minutes=5),
            **changes,
        }
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})

    return sign


async def test_an_oidc_providers_token_is_accepted(client, monkeypatch, owner_a, tenant_a):
    sign = rsa_provider(monkeypatch, get_settings())

    response = await client.get(
        "/api/v1/health/tenant", headers={"Authorization": f"Bearer {sign()}"}
    )

    assert response.json() == {"tenant_id": str(tenant_a.id)}
    _jwks_client.cache_clear()


@pytest.mark.parametrize(
    "changes",
    [
        {"aud": "another-client"},
        {"exp": datetime(2020, 1, 1, tzinfo=UTC)},
        {"email": "stranger@example.com"},
        {"email_verified": False},
    ],
)
async def test_a_bad_oidc_token_is_refused(client, monkeypatch, owner_a, changes):
    sign = rsa_provider(monkeypatch, get_settings())

    response = await client.get(
        "/api/v1/health/tenant", headers={"Authorization": f"Bearer {sign(**changes)}"}
    )

    assert response.status_code == 401
    _jwks_client.cache_clear()


async def test_an_organization_without_members_is_nobodys(session):
    organization = await make_organization(session, "Empty")
    count = await session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.organization_id == organization.id)
    )
    assert count == 0
    assert hash_password("x") != hash_password("x")  # salted


async def test_the_demo_account_signs_in_and_is_created_once(client, fastapi_app):
    await ensure_demo_account()
    await ensure_demo_account()

    body = {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    signed_in = await client.post("/api/v1/auth/sign-in", json=body)

    assert signed_in.status_code == 200
    me = (await client.get("/api/v1/me", headers=bearer(signed_in.json()))).json()
    assert [(org["name"], org["role"]) for org in me["organizations"]] == [
        ("Demo", "owner"),
        ("Demo Partner", "viewer"),
    ]


async def test_a_browser_session_past_half_its_life_is_renewed_while_used(
    client, owner_a, tenant_a
):
    settings = get_settings()
    now = datetime.now(UTC)
    claims = {
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
        "sub": str(owner_a.id),
        "org": str(tenant_a.id),
        "iat": now - timedelta(minutes=settings.access_token_minutes * 0.6),
        "exp": now + timedelta(minutes=settings.access_token_minutes * 0.4),
    }
    old = jwt.encode(claims, signing_key(settings), algorithm="HS256")
    client.cookies.set(settings.session_cookie_name, old)
    client.cookies.set(settings.csrf_cookie_name, "the-csrf-token")

    response = await client.get("/api/v1/me")

    assert response.status_code == 200
    renewed = response.cookies[settings.session_cookie_name]
    assert renewed != old
    assert verify_token(settings, renewed).organization_id == tenant_a.id
    assert response.cookies[settings.csrf_cookie_name] == "the-csrf-token"
    client.cookies.clear()
    client.cookies.set(settings.session_cookie_name, renewed)
    fresh = await client.get("/api/v1/me")
    assert fresh.status_code == 200
    assert "set-cookie" not in fresh.headers  # a young session is left as it is
