"""What is an appeal: the intake rules on a single message, before anything is
stored (commands, service messages, stickers and empty text are not)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from aiogram.enums import ContentType
from aiogram.types import Message

from bot.config import Settings

# Content a resident may send as an appeal; anything else (stickers, polls,
# dice, service messages) is not one.
MEDIA_TYPES: frozenset[str] = frozenset(
    {
        ContentType.PHOTO,
        ContentType.VIDEO,
        ContentType.DOCUMENT,
        ContentType.VOICE,
        ContentType.AUDIO,
        ContentType.VIDEO_NOTE,
        ContentType.ANIMATION,
        ContentType.LOCATION,
    }
)


class Skip(StrEnum):
    """Why a message did not become a ticket (logged, never shown to anyone)."""

    no_author = "no author"
    on_behalf_of_chat = "posted on behalf of a chat or channel"
    bot = "sent by a bot"
    staff = "sent by district staff"
    command = "a bot command"
    not_an_appeal = "content that is not an appeal"
    too_short = "text too short"


@dataclass(frozen=True, slots=True)
class Content:
    text: str
    media_type: str | None
    media_file_id: str | None


# Kinds Telegram sends with the plainer kind's field set too.
_SAME_AS = {
    ContentType.LIVE_PHOTO.value: ContentType.PHOTO.value,
    ContentType.VENUE.value: ContentType.LOCATION.value,
}
# Characters that show nothing: a text of only these is not an appeal.
_FILLERS = frozenset("\u2800\u3164\u115f\u1160\uffa0")


def content_of(message: Message) -> Content | None:
    """The appeal-worthy content of a message, or None (sticker, poll, service…)."""
    kind = str(getattr(message.content_type, "value", message.content_type))
    kind = _SAME_AS.get(kind, kind)
    text = message.text if kind == ContentType.TEXT else (message.caption or "")
    if kind == ContentType.TEXT:
        return Content(text or "", None, None)
    if kind not in MEDIA_TYPES:
        return None
    if kind == ContentType.PHOTO:
        file_id = message.photo[-1].file_id if message.photo else None
    elif kind == ContentType.LOCATION:
        loc = message.location
        file_id = f"{loc.latitude:.6f},{loc.longitude:.6f}" if loc else None
        if message.venue and not text:
            text = f"{message.venue.title}, {message.venue.address}"
    else:
        file_id = getattr(getattr(message, kind, None), "file_id", None)
    return Content(text, kind, file_id)


def readable_length(text: str) -> int:
    """Characters a reader sees, spaces between words included; zero-width,
    control and combining characters and blank fillers are not counted."""
    shown = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in ("Cf", "Cc", "Mn", "Me") and ch not in _FILLERS
    )
    return len(shown.strip())


def is_command(message: Message) -> bool:
    """Telegram marks a command (``/`` + Latin letters, digits, ``_``) as an entity;
    "/ помогите" or "/помогите" are text, and may be appeals."""
    return any(e.type == "bot_command" and e.offset == 0 for e in message.entities or ())


def classify(message: Message, settings: Settings) -> Content | Skip:
    """A message's appeal content, or the reason it is not an appeal."""
    if message.sender_chat is not None:
        return Skip.on_behalf_of_chat
    user = message.from_user
    if user is None:
        return Skip.no_author
    if user.is_bot:
        return Skip.bot
    if user.id in settings.staff.members:
        return Skip.staff
    content = content_of(message)
    if content is None:
        return Skip.not_an_appeal
    if content.media_type is None:
        if is_command(message):
            return Skip.command
        if readable_length(content.text) < settings.intake.min_text_length:
            return Skip.too_short
    return content
