"""Request dependencies: the database session, the caller's tenant, paging parameters."""

import uuid
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import get_settings
from app.db.session import get_session


def get_tenant_id(request: Request) -> uuid.UUID:
    """The caller's tenant: THE place where real authentication plugs in.

    The `X-Tenant-ID` header (a tenant's UUID) is a development stand-in. In
    production, replace this function's body, and only it, by the check of a
    credential (a session cookie, a bearer token verified against your identity
    provider) that yields the tenant the caller belongs to; every route and
    repository takes its tenant from here. Missing: 401; malformed: 400.
    """
    header = get_settings().tenant_header
    value = request.headers.get(header)
    if not value:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=f"Missing {header} header")
    try:
        return uuid.UUID(value)
    except ValueError:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, detail=f"{header} must be a UUID"
        ) from None


# scope="function": the session commits when the endpoint returns, before the
# response is sent (a failed commit is an error answer, not a lost write).
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
TenantDep = Annotated[uuid.UUID, Depends(get_tenant_id)]

# Paging of every list: `limit` items from `offset`. The offset's bound keeps it
# inside what every database accepts (a larger one would overflow a 64-bit OFFSET).
MAX_PAGE_SIZE = 100
MAX_OFFSET = 2**31 - 1
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page")]
PageOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip")]
