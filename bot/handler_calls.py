"""Telegram calls made while an update is handled never hold up the next update.

Updates are handled one at a time (an update is confirmed only after its
ticket is written), so a prompt, a spam deletion, a ban or a reply that
Telegram is slow to answer used to stop intake for as long as it hung. A call
made inside a handler now waits at most :data:`HANDLER_WAIT_SECONDS`; if
Telegram has not answered by then, the call goes on in the background (its
outcome logged when it comes) and the handler gets a :class:`SlowCall`, so the
update ends and the next one is handled. Work whose answer must be recorded (a
prompt, whose reply is the answer) runs :func:`aside` the update instead, and
records it whenever Telegram answers.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import Response, TelegramMethod
from aiogram.types import TelegramObject

log = logging.getLogger(__name__)

HANDLER_WAIT_SECONDS = 5.0
_handling: ContextVar[int | None] = ContextVar("handling_update", default=None)


_aside: set[asyncio.Task[None]] = set()


def aside(work: Awaitable[Any], what: str) -> None:
    """Run ``work`` (Telegram calls and the recording of their answers) beside the
    update: the handler returns at once, and ``work`` is not held to its wait."""

    async def run() -> None:
        _handling.set(None)  # this task's own context: not the update's any more
        try:
            await work
        except Exception:
            log.exception("%s failed", what)

    task = asyncio.create_task(run(), name=what)
    _aside.add(task)
    task.add_done_callback(_aside.discard)


class SlowCall(TimeoutError):
    """Telegram did not answer a handler's call in time; it goes on in the background."""


class MarkHandling:
    """An outer update middleware: what runs inside is handling update N."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        token = _handling.set(getattr(event, "update_id", 0))
        try:
            return await handler(event, data)
        finally:
            _handling.reset(token)


class QuickCalls(BaseRequestMiddleware):
    """A session middleware: a call made while an update is handled waits at most
    ``wait`` seconds for Telegram (see the module docstring)."""

    def __init__(self, wait: float = HANDLER_WAIT_SECONDS) -> None:
        self.wait = wait
        self._background: set[asyncio.Task[Any]] = set()

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[Any],
        bot: Bot,
        method: TelegramMethod[Any],
    ) -> Response[Any]:
        update_id = _handling.get()
        if update_id is None:  # the delivery worker, start-up, the scheduler
            return await make_request(bot, method)
        started = time.monotonic()
        call = asyncio.ensure_future(make_request(bot, method))
        try:
            return await asyncio.wait_for(asyncio.shield(call), self.wait)
        except TimeoutError:
            name = type(method).__name__
            log.warning(
                "update %s: Telegram has not answered %s in %.0f s; it goes on in the"
                " background and the next update is handled",
                update_id,
                name,
                self.wait,
            )
            self._background.add(call)
            call.add_done_callback(lambda done: self._finished(done, update_id, name, started))
            raise SlowCall(f"{name} not answered in {self.wait:.0f} s") from None

    def _finished(
        self, call: asyncio.Future[Any], update_id: int, name: str, started: float
    ) -> None:
        self._background.discard(call)  # type: ignore[arg-type]
        took = time.monotonic() - started
        if call.cancelled():
            log.warning("update %s: %s was cancelled after %.1f s", update_id, name, took)
        elif (error := call.exception()) is not None:
            log.error("update %s: %s failed after %.1f s: %s", update_id, name, took, error)
        else:
            log.info("update %s: %s answered after %.1f s", update_id, name, took)
