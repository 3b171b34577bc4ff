"""Checks before polling: the token works, the staff chat is reachable, and each
resident chat will actually show the bot its messages."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import User

from bot.config import ChatSettings, Settings
from bot.delivery.pacing import backoff

log = logging.getLogger(__name__)

# Transient failures (5xx, network) tried this many times, backing off as the delivery
# worker does; a 429 is always waited out, for as long as Telegram asks.
START_ATTEMPTS = 6

T = TypeVar("T")


class PreflightError(Exception):
    """The bot cannot do its job with this setup; ``problems`` says why, one per line."""

    def __init__(self, problems: list[str], *, unreachable: bool = False) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
        # Telegram did not answer: not a setup mistake, and worth a restart later.
        self.unreachable = unreachable


async def patiently(settings: Settings, what: str, call: Callable[[], Awaitable[T]]) -> T:
    """``call()`` through Telegram's flood control and outages: a 429 is waited out for
    its ``retry_after``, 5xx and network errors are retried with the delivery worker's
    back-off. One warning line per wait says what is awaited and for how long."""
    failures = 0
    while True:
        try:
            return await call()
        except TelegramRetryAfter as exc:
            log.warning(
                "start-up: %s: Telegram's flood control asks to wait %ss; waiting",
                what,
                exc.retry_after,
            )
            await asyncio.sleep(exc.retry_after)
        except (TelegramNetworkError, TelegramServerError, TimeoutError) as exc:
            failures += 1
            if failures >= START_ATTEMPTS:
                raise PreflightError(
                    [
                        f"cannot reach the Telegram Bot API at {settings.telegram.api_base} "
                        f"({what}: {_describe(exc)}); is the network up?"
                    ],
                    unreachable=True,
                ) from None
            cfg = settings.delivery
            delay = backoff(failures - 1, cfg.retry_base_seconds, cfg.retry_max_seconds)
            log.warning(
                "start-up: %s failed (%s); retrying in %.1fs (%d of %d)",
                what,
                _describe(exc),
                delay,
                failures,
                START_ATTEMPTS - 1,
            )
            await asyncio.sleep(delay)


async def identify(bot: Bot, settings: Settings) -> User:
    """``getMe``, patient with a network that is still coming up. ``bot.me()`` keeps the
    answer, so polling does not ask again."""
    try:
        return await patiently(settings, "getMe", bot.me)
    except TelegramUnauthorizedError:
        raise PreflightError(
            [
                "BOT_TOKEN: Telegram rejected the token (revoked or mistyped); "
                "get the current one from @BotFather"
            ]
        ) from None


async def preflight(bot: Bot, settings: Settings) -> list[str]:
    """Return warnings to log; raise :class:`PreflightError` when starting is pointless."""
    me = await identify(bot, settings)
    warnings: list[str] = []
    staff = settings.staff.chat_id
    try:
        await patiently(settings, "getChat (staff chat)", lambda: bot.get_chat(staff))
        member = await patiently(
            settings,
            "getChatMember (staff chat)",
            lambda: bot.get_chat_member(staff, me.id),
        )
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
        warnings += await _chat_warnings(bot, settings, me, chat)
    return warnings


async def _chat_warnings(bot: Bot, settings: Settings, me: User, chat: ChatSettings) -> list[str]:
    """What stands between a resident chat and its appeals reaching the desk."""
    where = f"chats[{chat.key}] ({chat.chat_id})"
    try:
        info = await patiently(settings, f"getChat ({where})", lambda: bot.get_chat(chat.chat_id))
        member = await patiently(
            settings,
            f"getChatMember ({where})",
            lambda: bot.get_chat_member(chat.chat_id, me.id),
        )
    except TelegramAPIError as exc:
        return [
            f"{where}: the bot cannot see this chat ({exc.message}); add the bot to "
            f"{chat.title!r} as an administrator, or no appeals will arrive from it"
        ]
    if info.title and info.title != chat.title:
        log.info("%s: Telegram calls this chat %r (config says %r)", where, info.title, chat.title)
    if member.status in {ChatMemberStatus.LEFT, ChatMemberStatus.KICKED}:
        return [f"{where}: the bot is not a member; add it as an administrator"]
    if member.status == ChatMemberStatus.ADMINISTRATOR:
        if not getattr(member, "can_delete_messages", False):
            return [
                f"{where}: the bot is an administrator without 'Delete messages'; "
                "spam cannot be removed"
            ]
    elif not me.can_read_all_group_messages:
        return [
            f"{where}: privacy mode is on and the bot is not an administrator, so it "
            "sees only commands and replies to it; make it an administrator or turn "
            "privacy mode off in @BotFather (/setprivacy)"
        ]
    return []


def _describe(exc: BaseException) -> str:
    # aiogram's network errors carry the cause in their text; a bare timeout has none.
    return str(exc) or type(exc).__name__
