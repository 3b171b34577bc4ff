"""Polling that stops when asked, even when its one cancel is lost.

aiogram stops polling (``stop_polling``, SIGTERM, Ctrl-C) by cancelling its polling task
once and then waiting for it with no limit. A cancel that lands while a getUpdates call is
failing, a connection reset by Telegram's side at that very moment, can reach aiogram as
that network failure instead: aiogram logs "Failed to fetch updates", sleeps and polls
again, and the desk never stops (the test run hung that way). Once a stop is asked, this
watch cancels the polling again every :data:`AGAIN_SECONDS` until it has ended.
"""

from __future__ import annotations

import asyncio
import logging

from aiogram import Dispatcher

log = logging.getLogger(__name__)

AGAIN_SECONDS = 2.0
LOOK_SECONDS = 0.2


async def watch_the_stop(dispatcher: Dispatcher) -> None:
    """Run beside ``dispatcher.start_polling`` and be cancelled when it returns."""
    stop = await _stop_signal(dispatcher)
    await stop.wait()
    while True:
        await asyncio.sleep(AGAIN_SECONDS)
        if not stop.is_set():  # polling started anew since, which clears it
            continue
        for task in _polling_tasks(dispatcher):
            log.warning("polling did not stop when asked; cancelling it again")
            task.cancel()


async def _stop_signal(dispatcher: Dispatcher) -> asyncio.Event:
    """aiogram's own signal, set by stop_polling and by its SIGTERM and SIGINT handlers;
    start_polling makes it at its first start."""
    while (stop := getattr(dispatcher, "_stop_signal", None)) is None:  # noqa: ASYNC110
        await asyncio.sleep(LOOK_SECONDS)
    return stop


def _polling_tasks(dispatcher: Dispatcher) -> list[asyncio.Task]:
    """The dispatcher's polling tasks still running (aiogram runs one a bot, unnamed)."""
    found = []
    for task in asyncio.all_tasks():
        coro = task.get_coro()
        frame = getattr(coro, "cr_frame", None)
        if (
            not task.done()
            and getattr(coro, "__qualname__", "") == "Dispatcher._polling"
            and frame is not None
            and frame.f_locals.get("self") is dispatcher
        ):
            found.append(task)
    return found
