"""Which Telegram chat ids are which configured chat, including groups that
Telegram upgraded to supergroups (their id changes) while the bot ran.

A move is learnt from the service message in either chat or from the
``migrate_to_chat_id`` error of a send; it is stored, followed at once by
every outgoing request (:class:`FollowMoves`) and by the routers' filters,
and the operator is told to update the config.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramMigrateToChat
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response

from bot.config import Settings
from storage.facts import DeskFacts

log = logging.getLogger(__name__)


class ChatIds:
    def __init__(self, settings: Settings, facts: DeskFacts) -> None:
        self._settings = settings
        self._facts = facts
        self._moves: dict[int, int] = {}
        # Mutable on purpose: the routers' filters hold these very sets.
        self.resident: dict[str, set[int]] = {c.key: {c.chat_id} for c in settings.chats}
        self.staff: set[int] = {settings.staff.chat_id}
        self._strangers: set[int] = set()  # unconfigured chats already logged

    def known(self, chat_id: int) -> bool:
        return chat_id in self.staff or any(chat_id in ids for ids in self.resident.values())

    def first_sighting(self, chat_id: int) -> bool:
        """True the first time an unconfigured chat is seen (it is logged once)."""
        if chat_id in self._strangers:
            return False
        self._strangers.add(chat_id)
        return True

    def resolve(self, chat_id: int) -> int:
        """Where a chat lives now."""
        seen = set()
        while chat_id in self._moves and chat_id not in seen:
            seen.add(chat_id)
            chat_id = self._moves[chat_id]
        return chat_id

    async def load(self) -> None:
        for old, new in (await self._facts.moved_chats()).items():
            self._apply(old, new, announce=True)

    async def moved(self, old: int, new: int) -> None:
        if self._moves.get(old) == new:
            return
        await self._facts.record_move(old, new)
        self._apply(old, new, announce=True)

    def _apply(self, old: int, new: int, *, announce: bool) -> None:
        self._moves[old] = new
        for key, ids in self.resident.items():
            if old in ids:
                ids.add(new)
                if announce:
                    log.warning(
                        "chats[%s]: the group %s became supergroup %s; the bot follows it, "
                        "but set chat_id = %s in the config",
                        key,
                        old,
                        new,
                        new,
                    )
        if old in self.staff:
            self.staff.add(new)
            if announce:
                log.warning(
                    "staff.chat_id: the group %s became supergroup %s; the bot follows it, "
                    "but set staff.chat_id = %s in the config",
                    old,
                    new,
                    new,
                )


class FollowMoves(BaseRequestMiddleware):
    """Every request goes to where its chat lives now; a send that meets
    ``migrate_to_chat_id`` records the move and is sent again there."""

    def __init__(self, chat_ids: ChatIds) -> None:
        self._chat_ids = chat_ids

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[Any],
        bot: Bot,
        method: TelegramMethod[Any],
    ) -> Response[Any]:
        chat_id = getattr(method, "chat_id", None)
        if not isinstance(chat_id, int):
            return await make_request(bot, method)
        method.chat_id = self._chat_ids.resolve(chat_id)  # type: ignore[attr-defined]
        try:
            return await make_request(bot, method)
        except TelegramMigrateToChat as exc:
            await self._chat_ids.moved(method.chat_id, exc.migrate_to_chat_id)  # type: ignore[attr-defined]
            method.chat_id = exc.migrate_to_chat_id  # type: ignore[attr-defined]
            return await make_request(bot, method)
