"""Intake's promise that no post is lost: a write that keeps failing puts the
post in front of a human in the staff chat; if that fails too, the update is
held unconfirmed at Telegram and both are retried."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiogram import Bot
from aiogram.types import Message

from bot.card.render import post_link
from bot.config import ChatSettings, Settings
from bot.intake.classify import content_of
from bot.textfit import MESSAGE_LIMIT, cut
from bot.texts import Texts
from storage.models import Ticket

# Intake's own lines: whoever follows intake in the log sees these with the rest.
log = logging.getLogger("bot.intake.posts")

WRITE_ATTEMPTS = 3
WRITE_RETRY_SECONDS = 0.2
# Neither storage nor the staff chat: hold the update, retrying this often.
HOLD_FIRST_SECONDS = 1.0
HOLD_MAX_SECONDS = 60.0


async def durably(
    record: Callable[[], object],
    message: Message,
    chat: ChatSettings,
    bot: Bot,
    update_id: int | None,
    settings: Settings,
    texts: Texts,
) -> Ticket | None:
    """Run ``record`` with brief retries; if storage keeps failing, put the
    post in front of a human in the staff chat instead of losing it. If the
    staff chat cannot be told either, hold: this update (and the ones after
    it) stays unconfirmed at Telegram while both are retried, so a restart
    or a recovery still finds the post."""
    hold = HOLD_FIRST_SECONDS
    while True:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return await record()  # type: ignore[misc]
            except Exception:
                log.exception(
                    "update %s: recording %s message %s failed (attempt %d of %d)",
                    update_id,
                    chat.key,
                    message.message_id,
                    attempt,
                    WRITE_ATTEMPTS,
                )
                if attempt < WRITE_ATTEMPTS:
                    await asyncio.sleep(WRITE_RETRY_SECONDS * attempt)
        if await _hand_to_staff(message, chat, bot, update_id, settings, texts):
            return None
        log.critical(
            "update %s: %s message %s neither stored nor handed to staff; it is held"
            " unconfirmed at Telegram and tried again in %.0f s",
            update_id,
            chat.key,
            message.message_id,
            hold,
        )
        await asyncio.sleep(hold)
        hold = min(hold * 2, HOLD_MAX_SECONDS)


async def _hand_to_staff(
    message: Message,
    chat: ChatSettings,
    bot: Bot,
    update_id: int | None,
    settings: Settings,
    texts: Texts,
) -> bool:
    content = content_of(message)
    user = message.from_user
    text = texts.notice(
        settings.locale.default,
        "intake-failed",
        link=post_link(message.chat.id, message.message_id)
        or f"{chat.title}, #{message.message_id}",
        author=user.full_name if user else "?",
        text=cut(content.text if content else "", MESSAGE_LIMIT // 2, "…"),
    )
    try:
        await bot.send_message(settings.staff.chat_id, text)
        log.error(
            "update %s: %s message %s handed to staff by hand: storage unavailable",
            update_id,
            chat.key,
            message.message_id,
        )
    except Exception:
        log.exception("update %s: the staff chat could not be told either", update_id)
        return False
    return True
