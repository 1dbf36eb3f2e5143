from app.core.celery_app import celery_app
from app.tasks.health import ping


def test_tasks_run_eagerly_by_default():
    assert celery_app.conf.task_always_eager is True
    assert ping.delay().get(timeout=1) == "pong"


def test_tasks_are_registered_by_convention():
    assert "health.ping" in celery_app.tasks
