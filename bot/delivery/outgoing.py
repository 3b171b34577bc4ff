"""The one way to queue a message: typed, so that no one outside delivery names a
Bot API method. Each function returns an :class:`~storage.models.Outgoing` for
the outbox; the delivery worker turns it back into the call (``build_call``)."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    BanChatMember,
    CopyMessage,
    DeleteMessage,
    EditMessageText,
    RestrictChatMember,
    SendDocument,
    SendMessage,
    SendPhoto,
    SendVideo,
    SendVoice,
    SetMessageReaction,
    TelegramMethod,
    UnbanChatMember,
)
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message

from storage.models import OutboxRow, Outgoing, Ticket

log = logging.getLogger(__name__)


class Media(StrEnum):
    """Media a moderator's answer may carry, each sent with its own method."""

    photo = "photo"
    document = "document"
    voice = "voice"
    video = "video"


_MEDIA_METHODS: dict[Media, type[TelegramMethod[Any]]] = {
    Media.photo: SendPhoto,
    Media.document: SendDocument,
    Media.voice: SendVoice,
    Media.video: SendVideo,
}


def _method(method: type[TelegramMethod[Any]]) -> str:
    return str(method.__api_method__)


def under_post(ticket: Ticket) -> dict[str, Any]:
    """Where a public message about a ticket goes: under the post, in its topic."""
    params: dict[str, Any] = {"reply_parameters": {"message_id": ticket.source_message_id}}
    if ticket.source_thread_id:
        params["message_thread_id"] = ticket.source_thread_id
    return params


def text_message(
    chat_id: int,
    text: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
    ticket_id: int | None = None,
    role: str | None = None,
    answer_id: int | None = None,
    **place: Any,
) -> Outgoing:
    """A text message. ``place``: where it goes in the chat (see :func:`under_post`)."""
    params: dict[str, Any] = {"text": text, **place}
    if reply_to is not None:
        params["reply_parameters"] = {"message_id": reply_to}
    if markup is not None:
        params["reply_markup"] = markup.model_dump(exclude_none=True)
    return Outgoing.send(
        _method(SendMessage), chat_id, params, ticket_id=ticket_id, role=role, answer_id=answer_id
    )


def media_message(
    media: Media,
    chat_id: int,
    file: str | dict[str, str],
    caption: str,
    *,
    ticket_id: int | None = None,
    role: str | None = None,
    answer_id: int | None = None,
    **place: Any,
) -> Outgoing:
    """A photo, document, voice or video (a Telegram file id, or :func:`upload`)."""
    params = {media.value: file, "caption": caption, **place}
    return Outgoing.send(
        _method(_MEDIA_METHODS[media]),
        chat_id,
        params,
        ticket_id=ticket_id,
        role=role,
        answer_id=answer_id,
    )


def upload(data: bytes, filename: str) -> dict[str, str]:
    """A file to upload, as it travels in the outbox (JSON has no bytes)."""
    return {"upload": base64.b64encode(data).decode(), "filename": filename}


def reaction(
    chat_id: int, message_id: int, emoji: str, *, ticket_id: int | None = None
) -> Outgoing:
    """An emoji reaction on a message (an acknowledgement, a confirmation)."""
    params = {"message_id": message_id, "reaction": [{"type": "emoji", "emoji": emoji}]}
    return Outgoing.send(_method(SetMessageReaction), chat_id, params, ticket_id=ticket_id)


# What the outbox may ask for (older rows may name any of these).
METHODS: dict[str, type[TelegramMethod[Any]]] = {
    m.__api_method__: m
    for m in (
        SendMessage,
        SendPhoto,
        SendDocument,
        SendVideo,
        SendVoice,
        CopyMessage,
        SetMessageReaction,
        # Spam: the post removed, its author restricted or banned and that lifted,
        # the staff's line edited.
        DeleteMessage,
        RestrictChatMember,
        BanChatMember,
        UnbanChatMember,
        EditMessageText,
    )
}


def build_call(method: str, params: dict[str, Any]) -> TelegramMethod[Any]:
    """The Bot API call an outgoing message describes, its uploads as files."""
    values = {
        name: BufferedInputFile(base64.b64decode(value["upload"]), value["filename"])
        if isinstance(value, dict) and "upload" in value
        else value
        for name, value in params.items()
    }
    return METHODS[method](**values)


async def send_row(bot: Bot, row: OutboxRow) -> int | None:
    """Make the call an outbox row describes: the sent message's id, if any."""
    if row.method not in METHODS:
        raise ValueError(f"outbox row {row.id} names an unknown method {row.method!r}")
    try:
        result = await bot(build_call(row.method, row.params))
    except TelegramBadRequest as exc:
        # The post is gone (deleted, or its group moved): the message still goes
        # out, without the reply; its text names the ticket's code.
        if "replied not found" not in exc.message or "reply_parameters" not in row.params:
            raise
        log.info("outbox %s: the post it answers is gone; sending without reply", row.id)
        params = {k: v for k, v in row.params.items() if k != "reply_parameters"}
        result = await bot(build_call(row.method, params))
    return result.message_id if isinstance(result, Message) else None


async def send_directly(bot: Bot, items: Iterable[Outgoing]) -> None:
    """Send at once, in order, without the outbox: only for a process that has no
    delivery worker (``python -m bot digest``)."""
    for item in items:
        await bot(build_call(item.method or "", item.params))
