"""The router every resident chat is built from: posts and edits go to intake."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Router
from aiogram.types import Message, Update

from bot.config import ChatSettings
from bot.intake.posts import Intake


async def on_post(
    message: Message, chat: ChatSettings, bot: Bot, intake: Intake, event_update: Update
) -> None:
    await intake.on_message(message, chat, bot, event_update.update_id)


async def on_edit(
    message: Message, chat: ChatSettings, bot: Bot, intake: Intake, event_update: Update
) -> None:
    await intake.on_edit(message, chat, bot, event_update.update_id)


def build_router(chat: ChatSettings, chat_ids: set[int]) -> Router:
    """A router that sees only ``chat``'s messages (``chat_ids``: its id, and its
    new id if Telegram moved it while the bot runs); its handlers get ``chat``."""
    router = Router(name=f"chat:{chat.key}")

    # A coroutine, not F.chat.id.in_(…): see bot/filters.py.
    async def in_chat(message: Message) -> dict[str, Any] | bool:
        return {"chat": chat} if message.chat.id in chat_ids else False

    router.message.filter(in_chat)
    router.edited_message.filter(in_chat)
    router.message.register(on_post)
    router.edited_message.register(on_edit)
    return router
