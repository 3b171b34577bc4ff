"""The command menus Telegram shows: the staff's in the staff chat, /start in private."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat

from bot.config import Settings
from bot.texts import Texts

log = logging.getLogger(__name__)

STAFF_COMMANDS = ("open", "mine", "ticket", "find", "history")


async def register_commands(bot: Bot, settings: Settings, texts: Texts) -> None:
    """Best effort: a menu that failed to register must not stop the bot."""
    locale = settings.locale.default
    menus = [
        (
            BotCommandScopeChat(chat_id=settings.staff.chat_id),
            [
                BotCommand(command=c, description=texts.plain(locale, f"cmd-{c}"))
                for c in STAFF_COMMANDS
            ],
        ),
        (
            BotCommandScopeAllPrivateChats(),
            [BotCommand(command="start", description=texts.plain(locale, "cmd-start"))],
        ),
    ]
    for scope, commands in menus:
        try:
            await bot.set_my_commands(commands, scope=scope)
        except TelegramAPIError as exc:
            log.warning("command menu for %s not set: %s", scope.type, exc.message)
