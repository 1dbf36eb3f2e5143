from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from app.core.errors import NotFoundError, register_error_handlers


async def test_not_found_error_answers_404_with_its_message():
    app = FastAPI()
    register_error_handlers(app)

    @app.get("/missing")
    async def missing() -> None:
        raise NotFoundError("campaign 42 not found")

    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/missing")
    assert response.status_code == 404
    assert response.json() == {"detail": "campaign 42 not found"}
