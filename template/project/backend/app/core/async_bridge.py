"""Run a coroutine from synchronous code (a Celery task), whether or not an
event loop is already running in the calling thread.

`asyncio.run` raises inside a running loop (an eager task sent from an async
endpoint); instead, coroutines run on one long-lived loop of this process, in a
background thread, which also keeps shared clients (the LLM's HTTP pool) on a
single loop. A forked worker process makes its own.
"""

import asyncio
import os
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_pid = 0


def background_loop() -> asyncio.AbstractEventLoop:
    global _loop, _pid
    with _lock:
        if _loop is None or _pid != os.getpid():
            _loop, _pid = asyncio.new_event_loop(), os.getpid()
            threading.Thread(target=_loop.run_forever, name="async-bridge", daemon=True).start()
        return _loop


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """The coroutine's result (or its exception), waiting for it in this thread."""
    return asyncio.run_coroutine_threadsafe(coroutine, background_loop()).result()
