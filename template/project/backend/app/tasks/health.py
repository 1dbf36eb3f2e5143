from app.core.celery_app import celery_app


@celery_app.task(name="health.ping")
def ping() -> str:
    """A worker liveness check: `celery -A app.core.celery_app call health.ping`."""
    return "pong"
