"""The private chat with a resident (or a moderator): ``/start`` lets the bot
write to them — answers to their appeals, assignments for moderators."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramForbiddenError
from aiogram.filters import CommandStart
from aiogram.types import ChatMemberUpdated, Message

from bot.config import Settings
from bot.texts import LOCALES, Texts
from storage.residents import ResidentRepository

log = logging.getLogger(__name__)


def get_router(settings: Settings) -> Router:
    router = Router(name="resident")
    router.message.filter(F.chat.type == "private")

    @router.message(CommandStart())
    async def on_start(message: Message, residents: ResidentRepository, texts: Texts) -> None:
        user = message.from_user
        if user is None:
            return
        language = user.language_code if user.language_code in LOCALES else None
        await residents.started(user.id, language)
        log.info("user %s started the bot privately", user.id)
        try:
            await message.answer(texts.get(language or settings.locale.default, "start-greeting"))
        except TelegramForbiddenError:
            # Started, then blocked before the greeting went out.
            await residents.blocked(user.id)
            log.info("user %s blocked the bot right after /start", user.id)

    @router.my_chat_member(F.chat.type == "private")
    async def on_private_membership(
        event: ChatMemberUpdated, residents: ResidentRepository
    ) -> None:
        # Blocking the bot (and unblocking it) arrives as a change of the bot's
        # membership in the private chat: stop, or resume, writing to them.
        user = event.from_user
        if event.new_chat_member.status == ChatMemberStatus.KICKED:
            await residents.blocked(user.id)
            log.info("user %s blocked the bot", user.id)
        elif event.new_chat_member.status == ChatMemberStatus.MEMBER:
            language = user.language_code if user.language_code in LOCALES else None
            await residents.started(user.id, language)
            log.info("user %s unblocked the bot", user.id)

    return router
