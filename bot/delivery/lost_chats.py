"""A resident chat the bot can no longer write to (removed, the chat gone,
rights taken): the staff are told once per chat, and the process says so in
its log, since every appeal's answer there would fail from now on."""

from __future__ import annotations

import logging
import re

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError

from bot.config import Settings
from bot.texts import Texts

log = logging.getLogger(__name__)

# Errors that mean the bot has lost a chat (removed, or the chat is gone).
_LOST_CHAT = re.compile(r"chat not found|kicked|not a member|have no rights to send", re.I)


def lost(exc: TelegramAPIError) -> bool:
    """The bot is not in the chat, or may not write there."""
    return isinstance(exc, TelegramForbiddenError) or bool(_LOST_CHAT.search(exc.message))


def lost_message(error: str) -> bool:
    """An error's text says the bot has lost the chat."""
    return bool(_LOST_CHAT.search(error))


class LostChats:
    def __init__(self, bot: Bot, settings: Settings, texts: Texts) -> None:
        self.bot = bot
        self.settings = settings
        self.texts = texts
        self._alerted: set[int] = set()

    async def alert(self, chat_id: int, error: str) -> None:
        """Tell the staff, once per chat, that the bot cannot write to a resident chat."""
        chat = self.settings.chat_by_id(chat_id)
        if chat is None or chat_id in self._alerted:
            return
        self._alerted.add(chat_id)
        log.critical("chats[%s] (%s): the bot cannot write there: %s", chat.key, chat_id, error)
        text = self.texts.notice(
            self.settings.locale.default, "chat-unreachable", chat=chat.title, error=error
        )
        try:
            await self.bot.send_message(self.settings.staff.chat_id, text)
        except TelegramAPIError as exc:
            log.critical("the staff chat could not be told either: %s", exc.message)
