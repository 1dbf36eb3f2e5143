"""Coroutines run from synchronous code, inside a running event loop or not."""

import asyncio

import pytest

from app.core.async_bridge import background_loop, run_sync


async def double(value: int) -> int:
    await asyncio.sleep(0)
    return 2 * value


async def fail() -> None:
    raise ValueError("refused")


def test_runs_a_coroutine_from_plain_code():
    assert run_sync(double(21)) == 42


async def test_runs_a_coroutine_inside_a_running_event_loop():
    # asyncio.run(double(21)) would raise RuntimeError here.
    assert run_sync(double(21)) == 42


def test_the_coroutines_exception_is_raised_to_the_caller():
    with pytest.raises(ValueError, match="refused"):
        run_sync(fail())


def test_one_loop_serves_every_call():
    assert background_loop() is background_loop()
    assert background_loop().is_running()
