"""The staff chat: presses on card buttons."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.config import Settings
from bot.texts import Texts

log = logging.getLogger(__name__)


def get_router(settings: Settings) -> Router:
    router = Router(name="staff")

    @router.callback_query()
    async def on_unknown_press(query: CallbackQuery, texts: Texts) -> None:
        # Every press is answered, or the user's client spins; a press nobody
        # handles (an old card, forged data) changes nothing.
        log.info(
            "press %r by user %s in chat %s not handled",
            (query.data or "")[:64],
            query.from_user.id,
            query.message.chat.id if query.message else None,
        )
        await query.answer(texts.get(settings.locale.default, "press-unavailable"), show_alert=True)

    return router
