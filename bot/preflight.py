"""Checks before polling: the token works, the staff chat is reachable, and each
resident chat will actually show the bot its messages."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import User

from bot.config import Settings

log = logging.getLogger(__name__)

GETME_ATTEMPTS = 5


class PreflightError(Exception):
    """The bot cannot do its job with this setup; ``problems`` says why, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


async def identify(bot: Bot) -> User:
    """``getMe``, patient with a network that is still coming up."""
    for attempt in range(1, GETME_ATTEMPTS + 1):
        try:
            return await bot.get_me()
        except TelegramUnauthorizedError:
            raise PreflightError(
                [
                    "BOT_TOKEN: Telegram rejected the token (revoked or mistyped); "
                    "get the current one from @BotFather"
                ]
            ) from None
        except (TelegramNetworkError, TelegramServerError, TimeoutError) as exc:
            if attempt == GETME_ATTEMPTS:
                raise PreflightError(
                    [f"cannot reach the Telegram Bot API at {bot.session.api.base}: {exc}"]
                ) from None
            delay = 2 ** (attempt - 1)
            log.warning("getMe failed (%s); retrying in %ss", exc, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


async def preflight(bot: Bot, settings: Settings) -> list[str]:
    """Return warnings to log; raise :class:`PreflightError` when starting is pointless."""
    me = await identify(bot)
    warnings: list[str] = []
    staff = settings.staff.chat_id
    try:
        await bot.get_chat(staff)
        member = await bot.get_chat_member(staff, me.id)
    except (TelegramBadRequest, TelegramForbiddenError) as exc:
        raise PreflightError(
            [
                f"staff.chat_id {staff}: the bot cannot reach the staff chat ({exc.message}); "
                "add the bot to it, then start again"
            ]
        ) from None
    if member.status in {ChatMemberStatus.LEFT, ChatMemberStatus.KICKED}:
        raise PreflightError(
            [f"staff.chat_id {staff}: the bot is not a member of the staff chat; add it"]
        )

    for chat in settings.chats:
        where = f"chats[{chat.key}] ({chat.chat_id})"
        try:
            info = await bot.get_chat(chat.chat_id)
            member = await bot.get_chat_member(chat.chat_id, me.id)
        except TelegramAPIError as exc:
            warnings.append(
                f"{where}: the bot cannot see this chat ({exc.message}); add the bot to "
                f"{chat.title!r} as an administrator, or no appeals will arrive from it"
            )
            continue
        if member.status in {ChatMemberStatus.LEFT, ChatMemberStatus.KICKED}:
            warnings.append(f"{where}: the bot is not a member; add it as an administrator")
        elif member.status == ChatMemberStatus.ADMINISTRATOR:
            if not getattr(member, "can_delete_messages", False):
                warnings.append(
                    f"{where}: the bot is an administrator without 'Delete messages'; "
                    "spam cannot be removed"
                )
        elif not me.can_read_all_group_messages:
            warnings.append(
                f"{where}: privacy mode is on and the bot is not an administrator, so it "
                "sees only commands and replies to it; make it an administrator or turn "
                "privacy mode off in @BotFather (/setprivacy)"
            )
        if info.title and info.title != chat.title:
            log.info(
                "%s: Telegram calls this chat %r (config says %r)", where, info.title, chat.title
            )
    return warnings
