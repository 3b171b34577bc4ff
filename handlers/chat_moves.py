"""Groups that Telegram upgraded to supergroups: the service messages in the
old and the new chat tell the bot the new id before anything is lost."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import Message

from bot.filters import on_loop
from bot.intake.chat_ids import ChatIds


async def on_moved_away(message: Message, chat_ids: ChatIds) -> None:
    assert message.migrate_to_chat_id is not None
    await chat_ids.moved(message.chat.id, message.migrate_to_chat_id)


async def on_moved_here(message: Message, chat_ids: ChatIds) -> None:
    assert message.migrate_from_chat_id is not None
    await chat_ids.moved(message.migrate_from_chat_id, message.chat.id)


def get_router(chat_ids: ChatIds) -> Router:
    router = Router(name="chat-moves")
    moved_away = on_loop(F.migrate_to_chat_id & F.chat.id.func(chat_ids.known))
    router.message.register(on_moved_away, moved_away)
    router.message.register(on_moved_here, on_loop(F.migrate_from_chat_id.func(chat_ids.known)))
    return router
