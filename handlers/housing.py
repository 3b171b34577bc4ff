"""Housing: cooperatives, utilities, heating, lifts, courtyards."""

from aiogram import Router

from bot.config import ChatSettings
from handlers.resident_chat import build_router


def get_router(chat: ChatSettings, chat_ids: set[int]) -> Router:
    return build_router(chat, chat_ids)
