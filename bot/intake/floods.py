"""Floods and copies: posts that belong to an appeal the resident just made.

Twenty posts in a minute by one resident are one appeal with follow-ups, not
twenty appeals (and twenty cards); the same text posted in each of the
district's chats is one appeal linked to every post.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from aiogram.types import Message

from bot.config import ChatSettings, IntakeSettings
from bot.intake.classify import Content
from bot.intake.spam.verdict import same_text
from storage.models import Outgoing, Status, Ticket
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

# The resident's latest appeals looked at: a flood or a copy follows one of them.
RECENT = 5


async def merge_target(
    tickets: TicketRepository,
    settings: IntakeSettings,
    author_id: int,
    chat_key: str,
    text: str,
    at: datetime,
) -> tuple[Ticket, str] | None:
    """The open appeal a post at ``at`` joins, with why ("flood", "same text"), or None."""
    for ticket in await tickets.by_author(author_id, limit=RECENT):
        if ticket.status is Status.closed:
            continue
        age = (at - ticket.created_at).total_seconds()
        if age < 0:
            continue
        if ticket.chat_key == chat_key and age <= settings.flood_seconds and settings.flood_seconds:
            return ticket, "flood"
        if (
            ticket.chat_key != chat_key
            and age <= settings.same_text_hours * 3600
            and settings.same_text_hours
            and same_text(ticket.text, text)
        ):
            return ticket, "same text in another chat"
    return None


async def join_flood(
    tickets: TicketRepository,
    settings: IntakeSettings,
    message: Message,
    chat: ChatSettings,
    content: Content,
    update_id: int | None,
    card: Callable[[Ticket], Outgoing],
) -> Ticket | None:
    """The appeal a flood or a copy joins, with this post as its follow-up; None
    when the post is an appeal of its own."""
    user = message.from_user
    assert user is not None
    found = await merge_target(tickets, settings, user.id, chat.key, content.text, message.date)
    if found is None:
        return None
    ticket, why = found
    added = await tickets.add_followup(
        ticket.id,
        chat_id=message.chat.id,
        message_id=message.message_id,
        author_id=user.id,
        author_name=user.full_name,
        text=content.text,
        media_type=content.media_type,
        deliver=lambda t: [card(t)],
    )
    if added:
        log.info(
            "update %s: %s message %s joins ticket %s (%s)",
            update_id,
            chat.key,
            message.message_id,
            ticket.code,
            why,
        )
    return ticket
