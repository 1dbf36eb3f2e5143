from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy.exc import DataError, IntegrityError

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


def app_raising(error: Exception) -> FastAPI:
    app = FastAPI()
    register_error_handlers(app)

    @app.post("/write")
    async def write() -> None:
        raise error

    return app


async def post(app: FastAPI) -> Response:
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        return await client.post("/write")


async def test_integrity_error_answers_409_with_a_message():
    error = IntegrityError("INSERT INTO t", {}, Exception("duplicate key value"))

    response = await post(app_raising(error))

    assert response.status_code == 409
    assert response.json() == {
        "detail": "The data conflicts with stored data (a constraint refused it)"
    }


async def test_data_error_answers_422_in_fastapis_validation_shape():
    error = DataError("INSERT INTO t", {}, Exception("value too long"))

    response = await post(app_raising(error))

    assert response.status_code == 422
    [detail] = response.json()["detail"]
    assert detail == {
        "loc": ["body"],
        "msg": "The database refused a value",
        "type": "data_error",
    }
