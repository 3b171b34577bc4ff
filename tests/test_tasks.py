"""Stopping background tasks: a stop that is itself cancelled must end cancelled, not
carry on as if its own cancel had been the task's (the trap of ``suppress(CancelledError)``
around awaiting a cancelled task)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.reading.learning import Learning
from bot.reading.reader import Reader
from bot.tasks import cancel_and_wait, settled


async def _slow_to_end(started: asyncio.Event, ended: asyncio.Event) -> None:
    """A task that tidies up for a moment when cancelled, as one closing a cursor does."""
    started.set()
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        await asyncio.sleep(0.05)
        raise
    finally:
        ended.set()


async def _cancel_while_it_waits(stop: asyncio.Task) -> None:
    await asyncio.sleep(0)  # the stop is now waiting on the cancelled task
    assert not stop.done()
    stop.cancel()
    await asyncio.wait({stop})


async def test_a_stop_cancelled_while_it_waits_ends_cancelled():
    started, ended = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(_slow_to_end(started, ended))
    await started.wait()
    stop = asyncio.create_task(cancel_and_wait(task))
    await _cancel_while_it_waits(stop)
    assert stop.cancelled()
    await asyncio.wait({task})  # the task still ends, by its own cancel
    assert task.cancelled() and ended.is_set()


async def test_cancel_and_wait_waits_for_the_end_and_logs_a_failure(caplog):
    started, ended = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(_slow_to_end(started, ended))
    await started.wait()
    await cancel_and_wait(task)
    assert task.cancelled() and ended.is_set()

    async def fails() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            raise RuntimeError("disk full")

    failing = asyncio.create_task(fails(), name="failing-part")
    await asyncio.sleep(0)
    with caplog.at_level(logging.ERROR, logger="bot.tasks"):
        await cancel_and_wait(failing)  # logged, not raised: the other parts still stop
    assert "failing-part had failed: RuntimeError('disk full')" in caplog.text
    await cancel_and_wait(None)
    await cancel_and_wait(task)  # already ended: nothing to do


async def test_settled_waits_for_every_outcome_and_leaves_tasks_to_a_cancelled_caller():
    async def fails() -> None:
        raise ValueError("bad")

    ok = asyncio.create_task(asyncio.sleep(0.01))
    failed = asyncio.create_task(fails())
    await settled([ok, failed])  # neither the failure nor its outcome is raised
    assert ok.done() and isinstance(failed.exception(), ValueError)

    started, ended = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(_slow_to_end(started, ended))
    await started.wait()
    waiting = asyncio.create_task(settled([task]))
    await _cancel_while_it_waits(waiting)
    assert waiting.cancelled() and not task.done()  # the caller gave up; the task runs on
    await cancel_and_wait(task)


class _StuckStore:
    """Examples that never come: a training is under way until it is cancelled."""

    def __init__(self) -> None:
        self.started, self.ended = asyncio.Event(), asyncio.Event()

    async def examples(self, kind: str):
        await _slow_to_end(self.started, self.ended)

    async def load_model(self, name: str) -> bytes | None:
        return None

    async def save_model(self, name: str, data: bytes, examples: int = 0) -> None:
        raise AssertionError("nothing is learnt from a store that never answers")


@pytest.mark.parametrize("waiting", ["stop", "training_done"])
async def test_the_learning_s_stop_keeps_its_own_cancel(waiting):
    store = _StuckStore()
    learning = Learning(Reader(), store)
    training = learning.retrain()
    await store.started.wait()
    stop = asyncio.create_task(getattr(learning, waiting)())
    await _cancel_while_it_waits(stop)
    assert stop.cancelled()
    await learning.stop()
    assert training.cancelled() and store.ended.is_set()
