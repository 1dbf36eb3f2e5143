"""The Celery application: the broker and result backend come from the settings
(CELERY_BROKER_URL, CELERY_RESULT_BACKEND); tasks run eagerly unless
CELERY_TASK_ALWAYS_EAGER=false. A worker: `celery -A app.core.celery_app worker`."""

from celery import Celery

from app.core.config import check_production, get_settings
from app.core.logging import configure_logging


def create_celery() -> Celery:
    settings = get_settings()
    check_production(settings)
    configure_logging(settings.log_level)
    app = Celery(
        settings.app_name,
        broker=settings.celery_broker_url,
        backend=settings.celery_result_backend,
        include=["app.tasks"],
    )
    app.conf.update(
        task_always_eager=settings.celery_task_always_eager,
        task_eager_propagates=True,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
    )
    return app


celery_app = create_celery()
