"""The Celery application: the broker and result backend come from the settings
(CELERY_BROKER_URL, CELERY_RESULT_BACKEND); tasks run eagerly unless
CELERY_TASK_ALWAYS_EAGER=false. A worker: `celery -A app.core.celery_app worker`.

Reliable by configuration, for long LLM calls:
- a task is acknowledged once it has run (`acks_late`), and given back to the
  broker when its worker process dies (`task_reject_on_worker_lost`): a killed
  worker loses no task, another runs it (task bodies are idempotent for that);
- a worker process takes one task at a time (prefetch 1), so a long task does
  not hold others hostage;
- soft and hard time limits, and a broker visibility timeout above the hard
  limit: a task unacknowledged that long is redelivered, never while it runs;
- sending a task with the broker down fails within about
  CELERY_BROKER_TIMEOUT_SECONDS (the API answers 503), instead of retrying for
  long seconds.
"""

from typing import Any

from celery import Celery

from app.core.config import Settings, check_production, get_settings
from app.core.logging import configure_logging


def reliability(settings: Settings) -> dict[str, Any]:
    timeout = settings.celery_broker_timeout_seconds
    redis_options = {
        "socket_connect_timeout": timeout,
        "socket_timeout": max(timeout, 5.0),
        "retry_on_timeout": False,
    }
    return {
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_soft_time_limit": settings.celery_task_soft_time_limit,
        "task_time_limit": settings.celery_task_time_limit,
        "broker_transport_options": {
            "visibility_timeout": settings.celery_visibility_timeout,
            # Publishing: one attempt, no retry loop, within the timeout.
            "max_retries": 0,
            **redis_options,
        },
        "broker_connection_timeout": timeout,
        # Sending: no retry of the publish when the broker is down (the caller answers 503).
        "task_publish_retry": False,
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": None,
        "redis_socket_connect_timeout": timeout,
        "redis_socket_timeout": max(timeout, 5.0),
        "redis_retry_on_timeout": False,
        "result_backend_transport_options": {"retry_policy": {"max_retries": 0}},
        "result_expires": 24 * 3600,
    }


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
        **reliability(settings),
    )
    return app


celery_app = create_celery()
