from fastapi import APIRouter
from sqlalchemy import text

from app.api.deps import SessionDep, TenantDep

router = APIRouter(prefix="/health", tags=["health"])


@router.get("")
async def health(session: SessionDep) -> dict[str, str]:
    await session.execute(text("SELECT 1"))
    return {"status": "ok"}


@router.get("/tenant")
async def whoami(tenant_id: TenantDep) -> dict[str, str]:
    return {"tenant_id": str(tenant_id)}
