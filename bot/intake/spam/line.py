"""The staff's one line about a post removed as spam, and its buttons."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.config import Settings
from bot.textfit import cut
from bot.texts import Html, Texts
from storage.spam import SpamPost

EXCERPT = 200


class SpamChoice(StrEnum):
    not_spam = "not_spam"
    ban = "ban"


class SpamAction(CallbackData, prefix="s"):
    """A press on a removed post's line: ``s:<action>:<spam id>``."""

    action: SpamChoice
    spam_id: int


def reasons_text(texts: Texts, locale: str, reasons: tuple[str, ...] | list[str]) -> str:
    """The reasons as moderators read them: "invites to private messages, link casino.top"."""
    out = []
    for reason in reasons:
        code, _, detail = reason.partition(":")
        key = f"spam-reason-{code.replace('_', '-')}"
        try:
            out.append(texts.plain(locale, key, detail=detail or "-"))
        except KeyError:
            out.append(reason)
    return ", ".join(out)


def line_text(settings: Settings, texts: Texts, post: SpamPost, code: str = "—") -> Html:
    locale = settings.locale.default
    chat = settings.chat(post.chat_key)
    author = post.author_name + (f" @{post.author_username}" if post.author_username else "")
    key = "spam-line-restored" if post.status == "restored" else "spam-line"
    text = texts.get(
        locale,
        key,
        chat=chat.title,
        author=author,
        user_id=post.author_id,
        text=cut(post.text or "—", EXCERPT, "…"),
        reasons=reasons_text(texts, locale, post.reasons),
        code=code,
    )
    if post.banned_at is not None:
        text = Html(f"{text}\n{texts.get(locale, 'spam-line-banned')}")
    return text


def line_keyboard(settings: Settings, texts: Texts, post: SpamPost) -> InlineKeyboardMarkup | None:
    if post.status == "restored":
        return None
    locale = settings.locale.default
    row = [
        InlineKeyboardButton(
            text=texts.plain(locale, "btn-not-spam"),
            callback_data=SpamAction(action=SpamChoice.not_spam, spam_id=post.id).pack(),
        )
    ]
    if post.banned_at is None:
        row.append(
            InlineKeyboardButton(
                text=texts.plain(locale, "btn-ban"),
                callback_data=SpamAction(action=SpamChoice.ban, spam_id=post.id).pack(),
            )
        )
    return InlineKeyboardMarkup(inline_keyboard=[row])
