"""The command menus Telegram shows: the staff's in the staff chat, /start in private."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)

from bot.config import Settings
from bot.texts import LOCALES, Texts

log = logging.getLogger(__name__)

STAFF_COMMANDS = ("open", "mine", "ticket", "find", "history", "export")
PRIVATE_COMMANDS = ("start", "my", "ticket", "help", "language")


async def register_commands(bot: Bot, settings: Settings, texts: Texts) -> None:
    """Best effort: a menu that failed to register must not stop the bot."""
    staff_locale = settings.locale.default
    menus: list[tuple[BotCommandScope, list[BotCommand], str | None]] = [
        (
            BotCommandScopeChat(chat_id=settings.staff.chat_id),
            [
                BotCommand(command=c, description=texts.plain(staff_locale, f"cmd-{c}"))
                for c in STAFF_COMMANDS
            ],
            None,
        )
    ]
    # The private menu in each language, Telegram picking by the person's app language.
    for locale in (None, *LOCALES):
        menus.append(
            (
                BotCommandScopeAllPrivateChats(),
                [
                    BotCommand(
                        command=c,
                        description=texts.plain(locale or staff_locale, f"cmd-private-{c}"),
                    )
                    for c in PRIVATE_COMMANDS
                ],
                locale,
            )
        )
    for scope, commands, language in menus:
        try:
            await bot.set_my_commands(commands, scope=scope, language_code=language)
        except TelegramAPIError as exc:
            log.warning("command menu for %s not set: %s", scope.type, exc.message)
