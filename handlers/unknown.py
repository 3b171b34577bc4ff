"""The last router: chats the bot is in but was not configured for (logged once
each with their id and title, which is how the operator finds the ids to
configure), and button presses no other router understood."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message

from bot.config import Settings
from bot.delivery.worker import Delivery
from bot.filters import on_loop
from bot.intake.chat_ids import ChatIds
from bot.texts import Texts

log = logging.getLogger(__name__)


async def on_unknown_message(message: Message, chat_ids: ChatIds) -> None:
    chat = message.chat
    if chat_ids.first_sighting(chat.id):
        log.warning(
            "message from a chat that is not configured: chat_id=%s type=%s title=%r "
            "(add it to the config to take appeals from it)",
            chat.id,
            chat.type,
            chat.title,
        )


async def on_unknown_press(query: CallbackQuery, settings: Settings, texts: Texts) -> None:
    # Forged, malformed or outdated data: answered, so the client stops
    # spinning, and nothing changes.
    log.info("press %r by user %s not understood", (query.data or "")[:64], query.from_user.id)
    await query.answer(texts.plain(settings.locale.default, "press-unavailable"), show_alert=True)


async def on_membership(
    event: ChatMemberUpdated, chat_ids: ChatIds, settings: Settings, delivery: Delivery
) -> None:
    status = event.new_chat_member.status
    if event.chat.id == settings.staff.chat_id and status in ("member", "administrator"):
        await delivery.staff_chat.returned()  # what waited for the staff chat goes out
    configured = "configured" if chat_ids.known(event.chat.id) else "NOT configured"
    log.warning(
        "bot is now %s in chat_id=%s type=%s title=%r (%s)",
        status,
        event.chat.id,
        event.chat.type,
        event.chat.title,
        configured,
    )


def get_router(settings: Settings, chat_ids: ChatIds) -> Router:
    router = Router(name="unknown-chats")
    unconfigured_group = on_loop(
        F.chat.type.in_({"group", "supergroup"}) & ~F.chat.id.func(chat_ids.known)
    )
    router.message.register(on_unknown_message, unconfigured_group)
    router.edited_message.register(on_unknown_message, unconfigured_group)
    router.callback_query.register(on_unknown_press)
    router.my_chat_member.register(on_membership)
    return router
