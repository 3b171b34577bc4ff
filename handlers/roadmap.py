"""/roadmap: the akim's and the staff's view of the roadmap of requests, in the
staff chat or a head's private chat, a page at a time."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message, User

from bot.config import Settings
from bot.filters import on_loop
from bot.intake.chat_ids import ChatIds
from bot.languages import Languages
from bot.problems.roadmap_view import RoadmapPageData, RoadmapView
from bot.texts import Texts
from storage.outbox import Clock

log = logging.getLogger(__name__)


async def _locale(settings: Settings, languages: Languages, user: User, private: bool) -> str:
    if private:
        return await languages.of(user.id, user.language_code)
    return settings.locale.default


async def on_roadmap(
    message: Message,
    settings: Settings,
    roadmap_view: RoadmapView,
    languages: Languages,
    clock: Clock,
) -> None:
    assert message.from_user is not None  # the router's filter checked who it is
    private = message.chat.type == "private"
    locale = await _locale(settings, languages, message.from_user, private)
    today = clock().astimezone(settings.locale.zone).date()
    text, markup = await roadmap_view.render(today, 0, locale)
    log.info("/roadmap asked by %s in chat %s", message.from_user.id, message.chat.id)
    await message.reply(text, reply_markup=markup)


async def on_page(
    query: CallbackQuery,
    callback_data: RoadmapPageData,
    settings: Settings,
    roadmap_view: RoadmapView,
    languages: Languages,
    texts: Texts,
    clock: Clock,
) -> None:
    shown = query.message
    if query.from_user.id not in settings.staff.members or not isinstance(shown, Message):
        locale = settings.locale.default
        await query.answer(texts.plain(locale, "press-not-staff"), show_alert=True)
        return
    await query.answer()
    locale = await _locale(settings, languages, query.from_user, shown.chat.type == "private")
    today = clock().astimezone(settings.locale.zone).date()
    text, markup = await roadmap_view.render(today, callback_data.page, locale)
    try:
        await shown.edit_text(text, reply_markup=markup)
    except TelegramAPIError as exc:
        # A second press of the page shown changes nothing.
        if "not modified" not in exc.message:
            raise


def get_router(settings: Settings, chat_ids: ChatIds) -> Router:
    router = Router(name="roadmap")
    where = F.chat.id.in_(chat_ids.staff) | (F.chat.type == "private")
    members = F.from_user.id.in_(settings.staff.members)
    router.message.register(on_roadmap, on_loop(members & where), Command("roadmap"))
    # Anyone's press is answered: the handler refuses those who are not staff.
    router.callback_query.register(
        on_page,
        RoadmapPageData.filter(),
        on_loop(F.message.chat.id.in_(chat_ids.staff) | (F.message.chat.type == "private")),
    )
    return router
