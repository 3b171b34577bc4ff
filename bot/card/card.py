"""The staff card of a ticket as it stands now: text, buttons, where it goes,
and a digest of what it shows. The delivery worker only sends what this makes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from aiogram.types import InlineKeyboardMarkup

from bot.card.keyboards import card_keyboard
from bot.card.render import CardData, Renderer
from bot.texts import Html
from bot.tickets.staff_directory import StaffDirectory
from storage.models import Ticket
from storage.tickets import TicketRepository


@dataclass(frozen=True, slots=True)
class Card:
    ticket: Ticket
    text: Html
    markup: InlineKeyboardMarkup
    photo: bool  # sent as the ticket's photo with the text as its caption
    thread_id: int | None  # the staff chat's topic for the ticket's chat, if any
    digest: str  # of text and buttons: an edit that would change nothing is not sent
    replaces: int | None = None  # posted anew: the old card message, whose buttons go

    @property
    def unchanged(self) -> bool:
        """The card message shows exactly this already."""
        return self.ticket.card_message_id is not None and self.ticket.card_digest == self.digest


class Cards:
    def __init__(
        self,
        tickets: TicketRepository,
        renderer: Renderer,
        directory: StaffDirectory,
        clock: Callable[[], datetime],
    ) -> None:
        self.tickets = tickets
        self.renderer = renderer
        self.directory = directory
        self.clock = clock

    async def build(self, ticket_id: int | None) -> Card | None:
        """The card of a ticket, read from the database now; None if there is no such ticket."""
        ticket = await self.tickets.get(ticket_id) if ticket_id else None
        if ticket is None:
            return None
        facts = await self.tickets.facts(ticket.id)
        name = self.directory.name(ticket.assignee_id) if ticket.assignee_id else None
        renderer = self.renderer
        text = renderer.card(CardData(ticket, facts, name), self.clock())
        markup = card_keyboard(ticket, renderer.texts, renderer.staff_locale, facts)
        digest = hashlib.sha256(f"{text}\n{markup.model_dump_json()}".encode()).hexdigest()[:32]
        return Card(
            ticket,
            text,
            markup,
            photo=renderer.card_has_photo(ticket),
            thread_id=renderer.settings.chat(ticket.chat_key).staff_topic_id,
            digest=digest,
            replaces=facts.replaced_card if ticket.card_message_id is None else None,
        )
