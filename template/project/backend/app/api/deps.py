"""Request dependencies: the database session, the caller's tenant, paging parameters.

The tenant comes from a header carrying the tenant's UUID. Real authentication
replaces `get_tenant_id` here, and only here.
"""

import uuid
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import get_settings
from app.db.session import get_session


def get_tenant_id(request: Request) -> uuid.UUID:
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


SessionDep = Annotated[AsyncSession, Depends(get_session)]
TenantDep = Annotated[uuid.UUID, Depends(get_tenant_id)]

# Paging of every list: `limit` items from `offset`. The offset's bound keeps it
# inside what every database accepts (a larger one would overflow a 64-bit OFFSET).
MAX_PAGE_SIZE = 100
MAX_OFFSET = 2**31 - 1
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page")]
PageOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip")]
