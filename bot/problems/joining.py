"""What grouping makes of a new appeal's draft, before the appeal is stored."""

from __future__ import annotations

import logging
from dataclasses import replace

from aiogram.types import Message

from bot.problems.grouping import Grouper, MatchKind
from storage.models import Draft, Status, Ticket
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


async def grouped(grouper: Grouper | None, draft: Draft, update_id: int | None) -> Draft:
    """The draft with what grouping found: a problem it joins at once, or what its
    card offers (a problem to join, or matching appeals to make one with).
    Grouping that fails leaves the appeal alone: it is never lost for it."""
    if grouper is None:
        return draft
    try:
        match = await grouper.match(draft)
    except Exception:
        log.exception("update %s: grouping failed; the appeal stands alone", update_id)
        return draft
    if match.why:
        log.debug("update %s: grouping: %s (%s)", update_id, match.kind, match.why)
    if match.kind is MatchKind.attach and match.problem_id:
        return replace(draft, problem_id=match.problem_id)
    if match.kind is MatchKind.suggest and match.problem_id:
        return replace(draft, suggestion=(match.problem_id,))
    if match.kind is MatchKind.pair and match.ticket_ids:
        return replace(draft, suggestion=(0, *match.ticket_ids))
    return draft


def neighbours(ticket: Ticket, user_id: int) -> bool:
    """A reply by another resident under an open appeal in a problem ("у нас тоже")
    is one more resident's appeal about it, not a follow-up of the neighbour's."""
    return (
        ticket.problem_id is not None
        and ticket.author_id != user_id
        and ticket.status is not Status.closed
    )


async def under_neighbour(tickets: TicketRepository, message: Message, draft: Draft) -> Draft:
    """The draft joining the problem of the appeal it replies to, if it is a
    neighbour's in one (see :func:`neighbours`) and grouping found none itself."""
    reply = message.reply_to_message
    if draft.problem_id is not None or reply is None:
        return draft
    link = await tickets.by_message(message.chat.id, reply.message_id)
    if link is None or not neighbours(link.ticket, draft.author_id):
        return draft
    return replace(draft, problem_id=link.ticket.problem_id, suggestion=())
