"""Request dependencies: the database session and the caller's tenant.

The tenant comes from a header carrying the tenant's UUID. Real authentication
replaces `get_tenant_id` here, and only here.
"""

import uuid
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
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
