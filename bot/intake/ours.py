"""A resident's reply to a message of the bot's that no ticket is linked to:
one sent just before a crash and never recorded, or one that acknowledged
several posts at once (see bot/delivery/together.py)."""

from __future__ import annotations

import logging

from aiogram.types import Message

from bot.card.render import code_in, codes_in
from bot.config import ChatSettings
from storage.acks import AckRepository
from storage.reads import MessageLink
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


async def reply_to_ours(
    tickets: TicketRepository,
    acks: AckRepository | None,
    reply: Message,
    chat: ChatSettings,
    author_id: int,
) -> MessageLink | None:
    """The ticket a reply to ``reply`` (a message of ours) is a follow-up of, if any.

    A message that acknowledged several posts is no one ticket's: the reply joins
    the replier's own appeal among them (their latest), else it is a post of its
    own, also when that message went out unheard and no ticket recorded it (a copy
    sent again after a crash or a lost answer). Any other message of ours names the
    one ticket it was about."""
    text = reply.text or reply.caption
    codes = codes_in(text)
    if len(codes) > 1 and acks is not None:
        found = await acks.acknowledged_by(reply.chat.id, reply.message_id, codes)
        if not found:  # unheard? A message naming several appeals of this chat is shared
            named = await acks.named_in(reply.chat.id, codes)
            if len(named) > 1:
                found = named
                log.warning(
                    "message %s of ours was never recorded; it names %s",
                    reply.message_id,
                    ", ".join(codes),
                )
        if found:
            mine = [ticket_id for ticket_id, author in found if author == author_id]
            ticket = await tickets.get(max(mine)) if mine else None
            return MessageLink(ticket, "ack") if ticket is not None else None
    # Sent just before a crash, never recorded: it still belongs to the ticket it names.
    code = code_in(text)
    if code is None:
        return None
    link = await tickets.adopt(reply.chat.id, reply.message_id, code, chat_key=chat.key, role="ack")
    if link is not None:
        log.warning("message %s of ours was never recorded; it is %s's", reply.message_id, code)
    return link
