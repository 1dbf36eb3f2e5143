async def test_health_reaches_the_database(client):
    response = await client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_endpoint_modules_are_mounted_by_convention(client):
    paths = client._transport.app.openapi()["paths"]  # type: ignore[attr-defined]
    assert "/api/v1/health" in paths
    assert "/api/v1/health/tenant" in paths
