"""The moderators' actions on a ticket and everything each one sends.

Handlers call these; the policy (storage/rules.py) is enforced by the
repository inside the transaction, and what must reach people goes through
the outbox in that same transaction, whose commit wakes the sender.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import date
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.config import Settings
from bot.languages import Languages
from bot.tickets.alerts import HeadAlerts
from bot.tickets.deadlines import end_of_day
from bot.tickets.notices import CONFIRM_ANSWER, CONFIRM_NOTE, Notices
from bot.tickets.staff_directory import StaffDirectory
from storage.changes import Outcome
from storage.facts import DeskFacts
from storage.models import Answer, Outgoing, Priority, Resolution, Ticket
from storage.ratings import RatingRepository
from storage.records import AnswerDraft
from storage.residents import ResidentRepository
from storage.rules import Change, Role

if TYPE_CHECKING:
    from bot.reading.corrections import Corrections
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

Extra = Callable[[Ticket, Answer | None], list[Outgoing]]


class Workflow:
    def __init__(
        self,
        settings: Settings,
        tickets: TicketRepository,
        residents: ResidentRepository,
        ratings: RatingRepository,
        facts: DeskFacts,
        notices: Notices,
        languages: Languages,
        alerts: HeadAlerts,
        directory: StaffDirectory,
        reading: Corrections | None = None,
    ) -> None:
        self.settings = settings
        self.reading = reading
        self.tickets = tickets
        self.residents = residents
        self.ratings = ratings
        self.facts = facts
        self.notices = notices
        self.languages = languages
        self.alerts = alerts
        self.directory = directory
        self.staff_chat = settings.staff.chat_id

    # ---- changes -------------------------------------------------------------

    async def take(self, ticket_id: int, actor_id: int) -> Outcome | None:
        return await self._apply(ticket_id, Change.take, actor_id)

    async def assign(self, ticket_id: int, actor_id: int, assignee_id: int) -> Outcome | None:
        notify = assignee_id != actor_id and await self.residents.reachable(assignee_id)

        def notice(ticket: Ticket, _: Answer | None) -> list[Outgoing]:
            return [self.notices.assigned(ticket, assignee_id)] if notify else []

        return await self._apply(
            ticket_id, Change.assign, actor_id, assignee_id=assignee_id, extra=notice
        )

    async def answer(
        self, ticket_id: int, draft: AnswerDraft, *, reply_to: int | None = None
    ) -> Outcome | None:
        """A moderator's answer: to the resident chat under the post, privately
        to the author when possible, and a 👍 on the moderator's message."""
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            return None
        public = await self.languages.public(ticket)
        private = await self.languages.private(ticket)

        def send(t: Ticket, answer: Answer | None) -> list[Outgoing]:
            assert answer is not None
            confirm = self.notices.confirm(reply_to, CONFIRM_ANSWER, t)
            return [*self.notices.answer(t, answer, public, private), *confirm]

        return await self._apply(
            ticket_id, Change.answer, draft.author_id, answer=draft, extra=send
        )

    async def note(
        self, ticket_id: int, draft: AnswerDraft, *, reply_to: int | None = None
    ) -> Outcome | None:
        """An internal note: kept on the ticket and its card, never sent to the resident."""
        return await self._apply(
            ticket_id,
            Change.note,
            draft.author_id,
            answer=draft,
            extra=lambda t, _: self.notices.confirm(reply_to, CONFIRM_NOTE, t),
        )

    async def close(self, ticket_id: int, actor_id: int, resolution: Resolution) -> Outcome | None:
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            return None
        public = await self.languages.public(ticket)
        private = await self.languages.private(ticket)
        closing = await self.ratings.closings(ticket_id) + 1

        def notices(t: Ticket, _: Answer | None) -> list[Outgoing]:
            return self.notices.closed(t, resolution, public, private, closing)

        return await self._apply(
            ticket_id, Change.close, actor_id, resolution=resolution, extra=notices
        )

    async def extend(
        self, ticket_id: int, actor_id: int, day: date, reason: str, *, reply_to: int | None = None
    ) -> Outcome | None:
        """A later resolution deadline (the end of ``day``), its reason kept on the
        ticket and told to the resident: privately when possible, else under the post."""
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            return None
        public = await self.languages.public(ticket)
        private = await self.languages.private(ticket)

        def notices(t: Ticket, _: Answer | None) -> list[Outgoing]:
            told = self.notices.extended(t, day, reason, public, private)
            return [told, *self.notices.confirm(reply_to, CONFIRM_ANSWER, t)]

        return await self._apply(
            ticket_id,
            Change.extend,
            actor_id,
            due=end_of_day(day, self.settings.locale.zone),
            reason=reason,
            extra=notices,
        )

    async def reopen(self, ticket_id: int, actor_id: int) -> Outcome | None:
        return await self._apply(ticket_id, Change.reopen, actor_id)

    async def rate(
        self, ticket_id: int, closing: int, user_id: int, solved: bool
    ) -> Outcome | None:
        """The author's answer to "was your issue solved?" about one closing.
        "No" reopens the ticket and tells the staff."""

        def alert(t: Ticket, _: Answer | None) -> list[Outgoing]:
            return [] if solved else [self.notices.disputed(t)]

        change = Change.rate if solved else Change.dispute
        outcome = await self._apply(
            ticket_id, change, user_id, roles=frozenset(), closing=closing, extra=alert
        )
        if outcome is not None and outcome.done:
            said = "solved" if solved else "NOT solved"
            log.info("ticket %s: its author says %s", outcome.ticket.code, said)
        return outcome

    async def toggle_urgent(self, ticket_id: int, actor_id: int) -> Outcome | None:
        """Staff mark a ticket urgent (the akim is told at once) or not urgent."""
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            return None
        urgent = ticket.priority is not Priority.urgent
        heads = await self.alerts.reachable_heads() if urgent else []

        def send(t: Ticket, _: Answer | None) -> list[Outgoing]:
            return self.alerts.urgent(t, heads) if urgent else []

        outcome = await self._apply(
            ticket_id,
            Change.urgent,
            actor_id,
            priority=Priority.urgent if urgent else Priority.normal,
            extra=send,
        )
        if outcome is not None and outcome.done and self.reading is not None:
            self.reading.learnt("urgent")  # the model of urgency learns from staff's decisions
        return outcome

    async def spam(self, ticket_id: int, actor_id: int, bot: Bot) -> Outcome | None:
        """Close as spam and remove the post; a removal that fails is shown on the card."""
        outcome = await self._apply(ticket_id, Change.spam, actor_id)
        if outcome is None or not outcome.done:
            return outcome
        ticket = outcome.ticket
        facts = await self.tickets.facts(ticket.id)
        if facts.post_deleted:
            return outcome  # spam again after a reopen: the post is gone already
        try:
            await bot.delete_message(ticket.source_chat_id, ticket.source_message_id)
        except TelegramAPIError as exc:
            log.warning("ticket %s: spam post not deleted: %s", ticket.code, exc.message)
            await self._record(ticket.id, "post_delete_failed", {"error": exc.message}, actor_id)
        else:
            log.info("ticket %s: spam post deleted by moderator %s", ticket.code, actor_id)
            await self._record(ticket.id, "post_deleted", {}, actor_id)
        if not facts.ack_shared:  # one message acknowledged others' posts too: it stays
            await self._delete_ack(ticket, bot)
        return outcome

    @staticmethod
    async def _delete_ack(ticket: Ticket, bot: Bot) -> None:
        """The bot's public "appeal received, number …" under a spam post would keep the
        spam's place in the chat and look like the desk took it seriously."""
        if ticket.ack_message_id is None:
            return
        try:
            await bot.delete_message(ticket.source_chat_id, ticket.ack_message_id)
        except TelegramAPIError as exc:
            log.warning("ticket %s: acknowledgement not deleted: %s", ticket.code, exc.message)

    async def ban(self, ticket: Ticket, actor_id: int, bot: Bot) -> str | None:
        """Ban the author from the resident chat; the error text if Telegram refused."""
        try:
            await bot.ban_chat_member(ticket.source_chat_id, ticket.author_id)
        except TelegramAPIError as exc:
            log.warning("ticket %s: author not banned: %s", ticket.code, exc.message)
            await self._record(ticket.id, "ban_failed", {"error": exc.message}, actor_id)
            return exc.message
        log.info("ticket %s: author %s banned by %s", ticket.code, ticket.author_id, actor_id)
        await self._apply(ticket.id, Change.ban, actor_id)
        return None

    async def recategorize(self, ticket_id: int, actor_id: int, category: str) -> Outcome | None:
        """A moderator says what the appeal is about; the model learns from it."""
        outcome = await self._apply(ticket_id, Change.recategorize, actor_id, category=category)
        if outcome is not None and outcome.done and self.reading is not None:
            self.reading.learnt()
        return outcome

    async def readdress(
        self, ticket_id: int, actor_id: int, written: str, reply_to: int | None = None
    ) -> Outcome | None:
        """A moderator gives the address: read like a resident's, kept as written
        when the reader finds no street in it; the street list learns it."""
        if self.reading is None:
            return None
        text, key = self.reading.address(written)
        return await self._apply(
            ticket_id, Change.readdress, actor_id, address=text, address_key=key
        )

    # ---- the card and its prompts --------------------------------------------

    def card(self, ticket: Ticket | int) -> Outgoing:
        return Outgoing.card(ticket, self.staff_chat)

    async def repost_card(self, ticket_id: int, actor_id: int) -> Ticket | None:
        """Post the card anew at the bottom of the staff chat; the new one is the card."""
        # "repost": an appeal in a problem gets its own card too (see storage/outbox.py).
        return await self.tickets.detach_card(
            ticket_id,
            actor_id=actor_id,
            deliver=lambda t: [Outgoing("card", self.staff_chat, t.id, role="repost")],
        )

    async def prompted(
        self, ticket: Ticket, message_id: int, extend_to: date | None, address: bool = False
    ) -> None:
        """A prompt the bot posted under the card: a reply to it answers the ticket,
        or (``extend_to``) gives the reason for a later deadline, or (``address``)
        the ticket's address."""
        await self.tickets.link_message(self.staff_chat, message_id, ticket.id, "prompt")
        if extend_to is not None:
            await self.facts.set_extension_prompt(message_id, extend_to)
        if address:
            await self.facts.set_address_prompt(message_id)

    # ---- helpers -------------------------------------------------------------

    async def _apply(
        self,
        ticket_id: int,
        change: Change,
        actor_id: int,
        *,
        roles: Collection[Role] | None = None,
        extra: Extra | None = None,
        **kwargs: Any,
    ) -> Outcome | None:
        if roles is None:
            roles = self.directory.roles(actor_id)

        def deliver(ticket: Ticket, answer: Answer | None) -> list[Outgoing]:
            return [self.card(ticket), *(extra(ticket, answer) if extra else [])]

        outcome = await self.tickets.apply(
            ticket_id, change, actor_id=actor_id, roles=roles, deliver=deliver, **kwargs
        )
        if outcome is not None and outcome.done:
            log.info(
                "ticket %s: %s by %s (%s -> %s)",
                outcome.ticket.code,
                change,
                actor_id,
                outcome.before.status,
                outcome.ticket.status,
            )
        return outcome

    async def _record(
        self, ticket_id: int, kind: str, payload: dict[str, Any], actor_id: int
    ) -> None:
        await self.tickets.note_event(
            ticket_id, kind, payload, actor_id=actor_id, deliver=lambda t: [self.card(t)]
        )
