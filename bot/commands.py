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

STAFF_COMMANDS = (
    "open",
    "mine",
    "ticket",
    "find",
    "history",
    "export",
    "digest",
    "stats",
    "roadmap",
    "spam",
)
HEAD_COMMANDS = ("digest", "stats", "roadmap")
PRIVATE_COMMANDS = ("start", "my", "ticket", "problem", "help", "language")


async def register_commands(
    bot: Bot, settings: Settings, texts: Texts, heads: list[int] | None = None
) -> None:
    """Best effort: a menu that failed to register must not stop the bot.
    ``heads``: those who have started the bot (Telegram refuses the others' menus;
    theirs is set when they start it)."""
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
    # The akim's own private chat (refused until they start the bot: see head_menu).
    menus += [
        (BotCommandScopeChat(chat_id=head), head_commands(settings, texts), None)
        for head in heads or []
    ]
    for scope, commands, language in menus:
        await _set(bot, commands, scope, language)


def head_commands(settings: Settings, texts: Texts) -> list[BotCommand]:
    """A head's private menu: the digest first, then what residents have."""
    locale = settings.locale.default
    return [
        BotCommand(command=c, description=texts.plain(locale, f"cmd-{c}")) for c in HEAD_COMMANDS
    ] + [
        BotCommand(command=c, description=texts.plain(locale, f"cmd-private-{c}"))
        for c in PRIVATE_COMMANDS
    ]


async def head_menu(bot: Bot, settings: Settings, texts: Texts, head: int) -> None:
    """Set a head's menu when they start the bot (Telegram refuses it before)."""
    await _set(bot, head_commands(settings, texts), BotCommandScopeChat(chat_id=head), None)


async def _set(
    bot: Bot, commands: list[BotCommand], scope: BotCommandScope, language: str | None
) -> None:
    try:
        await bot.set_my_commands(commands, scope=scope, language_code=language)
    except TelegramAPIError as exc:
        log.warning("command menu for %s not set: %s", scope.type, exc.message)
