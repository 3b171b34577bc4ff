"""Law & Order: public safety and police liaison."""

from aiogram import Router

from bot.config import ChatSettings
from handlers.resident_chat import build_router


def get_router(chat: ChatSettings, chat_ids: set[int]) -> Router:
    return build_router(chat, chat_ids)
