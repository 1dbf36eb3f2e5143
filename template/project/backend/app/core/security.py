"""Passwords (Argon2, pwdlib) and tokens (JWT, PyJWT).

The app signs short-lived access tokens (HS256 with SECRET_KEY): `sub` is the
user, `org` the active organization. `verify_token` accepts them, and the
tokens of an external OpenID Connect provider when OIDC_ISSUER and
OIDC_JWKS_URL are set (signature from the provider's keys); both checked for
signature, expiry, issuer and audience. Anything else, `alg: none`, an
expired, tampered or foreign-key token included, is an `InvalidTokenError`.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import jwt
from pwdlib import PasswordHash

from app.core.config import Settings, signing_key

ALGORITHM = "HS256"
_passwords = PasswordHash.recommended()
# Verified when the account does not exist, so that the answer takes as long.
_DUMMY_HASH = _passwords.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _passwords.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant work whether or not the account exists."""
    if password_hash is None:
        _passwords.verify(password, _DUMMY_HASH)
        return False
    try:
        return _passwords.verify(password, password_hash)
    except Exception:  # a malformed stored hash is a failed sign-in, not a 500
        return False


class InvalidTokenError(Exception):
    """The token is missing a claim, expired, tampered, or signed by an unknown key."""


@dataclass(frozen=True)
class TokenClaims:
    """What a verified token says: the user (an id, or an external provider's
    e-mail), and the active organization when the token names one."""

    user_id: uuid.UUID | None
    email: str | None
    organization_id: uuid.UUID | None
    external: bool
    issued_at: datetime | None = None


def issue_token(
    settings: Settings, *, user_id: uuid.UUID, organization_id: uuid.UUID | None
) -> tuple[str, int]:
    """A signed access token and its lifetime in seconds."""
    now = datetime.now(UTC)
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims: dict[str, Any] = {
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
        "sub": str(user_id),
        "iat": now,
        "nbf": now,
        "exp": now + lifetime,
        "jti": uuid.uuid4().hex,
    }
    if organization_id is not None:
        claims["org"] = str(organization_id)
    token = jwt.encode(claims, signing_key(settings), algorithm=ALGORITHM)
    return token, int(lifetime.total_seconds())


def needs_renewal(settings: Settings, claims: TokenClaims) -> bool:
    """An app token past half its lifetime: a browser's session is renewed while used."""
    if claims.issued_at is None or claims.external:
        return False
    half = timedelta(minutes=settings.access_token_minutes) / 2
    return datetime.now(UTC) - claims.issued_at > half


def sign_payload(settings: Settings, purpose: str, claims: dict[str, Any], days: int) -> str:
    """A signed token for another purpose (an invitation), never an access token."""
    now = datetime.now(UTC)
    payload = {
        **claims,
        "iss": settings.token_issuer,
        "aud": f"{settings.token_audience}:{purpose}",
        "iat": now,
        "exp": now + timedelta(days=days),
    }
    return jwt.encode(payload, signing_key(settings), algorithm=ALGORITHM)


def read_payload(settings: Settings, purpose: str, token: str) -> dict[str, Any]:
    try:
        payload: dict[str, Any] = jwt.decode(
            token,
            signing_key(settings),
            algorithms=[ALGORITHM],
            audience=f"{settings.token_audience}:{purpose}",
            issuer=settings.token_issuer,
            options={"require": ["exp", "iat", "iss", "aud"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidTokenError(str(error)) from None
    return payload


def verify_token(settings: Settings, token: str) -> TokenClaims:
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise InvalidTokenError(str(error)) from None
    if settings.oidc_issuer and unverified.get("iss") == settings.oidc_issuer:
        return _verify_external(settings, token)
    try:
        claims = jwt.decode(
            token,
            signing_key(settings),
            algorithms=[ALGORITHM],
            audience=settings.token_audience,
            issuer=settings.token_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
        organization = claims.get("org")
        return TokenClaims(
            user_id=uuid.UUID(claims["sub"]),
            email=None,
            organization_id=uuid.UUID(organization) if organization else None,
            external=False,
            issued_at=datetime.fromtimestamp(claims["iat"], UTC),
        )
    except (jwt.PyJWTError, ValueError, TypeError) as error:
        raise InvalidTokenError(str(error)) from None


@lru_cache
def _jwks_client(url: str) -> jwt.PyJWKClient:
    """One client per JWKS URL: it caches the provider's keys between requests."""
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=300)


def _verify_external(settings: Settings, token: str) -> TokenClaims:
    if not settings.oidc_jwks_url:
        raise InvalidTokenError("OIDC_JWKS_URL is not set")
    try:
        key = _jwks_client(settings.oidc_jwks_url).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=settings.oidc_algorithms,
            audience=settings.oidc_audience or settings.token_audience,
            issuer=settings.oidc_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidTokenError(str(error)) from None
    email = claims.get("email")
    if not isinstance(email, str) or claims.get("email_verified") is False:
        raise InvalidTokenError("the provider's token has no verified e-mail")
    return TokenClaims(user_id=None, email=email.lower(), organization_id=None, external=True)
