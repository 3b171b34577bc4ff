"""Filters evaluated on the event loop.

aiogram calls a filter that is a plain callable — a magic filter (``F…``) too —
through ``asyncio.to_thread``: one round trip to a worker thread per filter per
update, and a post in a resident chat passes every router before its own.
:func:`on_loop` makes a magic filter a coroutine, which aiogram awaits inline.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import TelegramObject
from aiogram.utils.magic_filter import MagicFilter


def on_loop(magic: MagicFilter) -> Callable[[TelegramObject], Awaitable[Any]]:
    resolve = magic.resolve

    async def check(event: TelegramObject) -> Any:
        return resolve(event)

    return check
