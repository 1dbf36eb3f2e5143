from fastapi import APIRouter
from sqlalchemy import text

from app.api.deps import SessionDep, TenantDep
from app.core.errors import TENANT_ERRORS

router = APIRouter(prefix="/health", tags=["health"])


@router.get("")
async def health(session: SessionDep) -> dict[str, str]:
    await session.execute(text("SELECT 1"))
    return {"status": "ok"}


@router.get("/tenant", responses=TENANT_ERRORS)
async def whoami(tenant_id: TenantDep) -> dict[str, str]:
    return {"tenant_id": str(tenant_id)}
