"""The staff's one line about a post removed as spam, and its buttons."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.config import Settings
from bot.textfit import cut
from bot.texts import Html, Texts
from storage.rules import Change, Role, allowed
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


# The line's buttons, in order, and the policy's change each one makes.
_BUTTONS = (
    (SpamChoice.not_spam, Change.not_spam, "btn-not-spam"),
    (SpamChoice.ban, Change.ban, "btn-ban"),
)


def line_keyboard(settings: Settings, texts: Texts, post: SpamPost) -> InlineKeyboardMarkup | None:
    """The buttons the ticket policy allows a moderator on ``post`` now, as a
    card shows exactly the actions allowed; None when there are none."""
    locale = settings.locale.default
    row = [
        InlineKeyboardButton(
            text=texts.plain(locale, key),
            callback_data=SpamAction(action=choice, spam_id=post.id).pack(),
        )
        for choice, change, key in _BUTTONS
        if allowed(change, post.state, {Role.moderator})
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row]) if row else None
