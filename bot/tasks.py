"""Stopping the desk's background tasks.

``task.cancel()`` followed by ``with suppress(CancelledError): await task`` has
a trap: if the *caller* is cancelled while it waits (a shutdown that is itself
given up on, a test's time limit), the caller's own cancel is swallowed too
and it goes on as if nothing happened. ``asyncio.wait`` neither raises the
task's outcome nor swallows the caller's cancel, so the helpers here use it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

log = logging.getLogger(__name__)


async def settled(tasks: Iterable[asyncio.Future]) -> None:
    """Wait until every task has ended, however it ended; a cancel of the caller
    still reaches the caller, and leaves the tasks running."""
    pending = {task for task in tasks if not task.done()}
    if pending:
        await asyncio.wait(pending)


async def cancel_and_wait(task: asyncio.Future | None) -> None:
    """Cancel a task and wait until it has ended. Its failure is logged, not raised,
    so one part failing does not stop the others from stopping."""
    if task is None:
        return
    task.cancel()
    await settled([task])
    if not task.cancelled() and task.exception() is not None:
        log.error("%s had failed: %r", _name(task), task.exception())


def _name(task: asyncio.Future) -> str:
    return task.get_name() if isinstance(task, asyncio.Task) else "a background task"
