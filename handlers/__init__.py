"""Routers, one module per audience; ``get_routers`` assembles them from the config."""

from __future__ import annotations

from aiogram import Router

from bot.config import Settings
from bot.intake.chat_ids import ChatIds
from handlers import (
    akimat,
    chat_moves,
    digest,
    housing,
    law_order,
    plans,
    problem_status,
    problems,
    resident,
    roadmap,
    spam,
    staff,
    staff_commands,
    staff_replies,
    unknown,
)

_CHAT_MODULES = {"akimat": akimat, "law_order": law_order, "housing": housing}


def get_routers(settings: Settings, chat_ids: ChatIds) -> list[Router]:
    # staff_commands before staff: a command is never taken for an answer to a card.
    # unknown comes last: it answers what no other router understood.
    routers = [
        chat_moves.get_router(chat_ids),
        digest.get_router(settings, chat_ids),
        roadmap.get_router(settings, chat_ids),
        staff_commands.get_router(settings, chat_ids),
        spam.get_router(settings, chat_ids),
        staff.get_router(settings, chat_ids),
        plans.get_router(chat_ids),
        problems.get_router(chat_ids),
        staff_replies.get_router(settings, chat_ids),
        problem_status.get_router(),
        resident.get_router(settings),
    ]
    routers += [
        _CHAT_MODULES[chat.key].get_router(chat, chat_ids.resident[chat.key])
        for chat in settings.chats
    ]
    routers.append(unknown.get_router(settings, chat_ids))
    return routers
