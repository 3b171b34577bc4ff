"""Resending after an answer that leaves it open whether a message went out.

A 5xx, a timeout or a dropped connection may come after Telegram delivered the
message. Resending at every retry of an outage would post one copy per
attempt; instead, once a send to a chat ended that way, the chat is probed
with a call that sends nothing (getChat) before each retry, and the message is
sent again only when Telegram answers: at most one copy too many per fault.
"""

from __future__ import annotations

import asyncio

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetChat

from storage.models import OutboxRow

# Answers after which a message may or may not have been delivered.
UNSURE = (TelegramServerError, TelegramNetworkError, TimeoutError, asyncio.TimeoutError)
# Calls that leave nothing behind to double.
_IDEMPOTENT = frozenset({"setMessageReaction"})


class ResendGuard:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._unsure: set[int] = set()

    def failed(self, row: OutboxRow, exc: BaseException) -> None:
        """``row``'s send ended with ``exc``: if it may have gone out, probe its chat
        before the next send."""
        if isinstance(exc, UNSURE) and row.method not in _IDEMPOTENT:
            self._unsure.add(row.chat_id)

    async def check(self, chat_id: int) -> None:
        """Return when a message may be sent to ``chat_id``; raise the probe's
        error while Telegram still fails there (the row is retried as usual)."""
        if chat_id not in self._unsure:
            return
        try:
            await self.bot(GetChat(chat_id=chat_id))
        except (*UNSURE, TelegramRetryAfter):
            raise
        except TelegramAPIError:
            pass  # a lasting answer (no such chat, blocked): the send itself reports it
        self._unsure.discard(chat_id)
