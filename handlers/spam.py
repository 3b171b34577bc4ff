"""The staff chat's answers to spam: "Not spam" and 🔨 on a removed post's
line, and ``/spam``, the latest decisions with their reasons."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.card.render import local_time
from bot.config import Settings
from bot.filters import on_loop
from bot.intake.chat_ids import ChatIds
from bot.intake.spam.guard import SpamGuard
from bot.intake.spam.line import SpamAction, SpamChoice, reasons_text
from bot.intake.spam.restore import SpamDecisions
from bot.textfit import MESSAGE_LIMIT, cut
from bot.texts import Html, Texts
from bot.tickets.staff_directory import StaffDirectory

log = logging.getLogger(__name__)

RECENT = 15
EXCERPT = 80


def get_router(settings: Settings, chat_ids: ChatIds) -> Router:
    router = Router(name="spam")
    router.message.filter(on_loop(F.chat.id.in_(chat_ids.staff)))
    router.callback_query.filter(on_loop(F.message.chat.id.in_(chat_ids.staff)))
    router.callback_query.register(on_press, SpamAction.filter())
    router.message.register(on_spam_command, Command("spam"))
    return router


async def on_press(
    query: CallbackQuery,
    callback_data: SpamAction,
    decisions: SpamDecisions,
    directory: StaffDirectory,
    texts: Texts,
    settings: Settings,
    bot: Bot,
) -> None:
    locale = settings.locale.default
    if not directory.is_moderator(query.from_user.id):
        await query.answer(texts.plain(locale, "press-not-staff"), show_alert=True)
        return
    directory.remember(query.from_user)
    line_id = query.message.message_id if query.message is not None else None
    if callback_data.action is SpamChoice.not_spam:
        ticket = await decisions.not_spam(callback_data.spam_id, query.from_user.id, line_id, bot)
        if ticket is None:
            await query.answer(texts.plain(locale, "press-spam-done"))
        else:
            await query.answer(texts.plain(locale, "press-not-spam", code=ticket.code))
        return
    banned = await decisions.ban(callback_data.spam_id, query.from_user.id, line_id)
    await query.answer(texts.plain(locale, "press-spam-banned" if banned else "press-spam-done"))


async def on_spam_command(
    message: Message,
    spam: SpamGuard,
    directory: StaffDirectory,
    texts: Texts,
    settings: Settings,
) -> None:
    if message.from_user is None or not directory.is_moderator(message.from_user.id):
        return
    locale = settings.locale.default
    posts = await spam.repo.recent(RECENT)
    if not posts:
        await message.answer(texts.get(locale, "spam-recent-empty"))
        return
    lines = [texts.get(locale, "spam-recent-title")]
    for post in posts:
        assert post.judged_at is not None
        lines.append(
            texts.get(
                locale,
                "spam-recent-line",
                when=local_time(post.judged_at, settings.locale.zone),
                chat=settings.chat(post.chat_key).title,
                author=post.author_name,
                text=cut(" ".join(post.text.split()) or "—", EXCERPT, "…"),
                reasons=reasons_text(texts, locale, post.reasons),
                restored=1 if post.status == "restored" else 0,
            )
        )
    await message.answer(Html(cut("\n".join(lines), MESSAGE_LIMIT, "…")))
