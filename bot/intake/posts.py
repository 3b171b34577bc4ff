"""Intake: decide what a message in a resident chat is, and record it.

A post becomes a ticket; a reply to a ticketed message is a follow-up; an
edit updates its ticket. The ticket, its event, the acknowledgement and the
staff card are written in one transaction; the delivery worker sends them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from aiogram import Bot
from aiogram.types import Message

from bot.card.render import Renderer
from bot.config import ChatSettings, Settings
from bot.delivery.outgoing import reaction, text_message
from bot.intake.classify import Content, Skip, classify, content_of
from bot.intake.drafts import appeal_draft, post_facts
from bot.intake.durable import durably
from bot.intake.floods import join_flood
from bot.intake.ours import reply_to_ours
from bot.intake.spam.guard import SpamGuard, spam_signs
from bot.intake.spam.verdict import Outcome, Verdict
from bot.languages import Languages
from bot.problems.grouping import Grouper
from bot.problems.joining import grouped, neighbours, under_neighbour
from bot.reading.reader import Reader, reader_for
from bot.tickets.alerts import HeadAlerts
from storage.acks import AckRepository
from storage.models import Draft, Outgoing, Priority, Status, Ticket
from storage.problem_changes import ProblemBrief
from storage.reread import Reread
from storage.residents import ResidentRepository
from storage.tickets import Created, TicketRepository

log = logging.getLogger(__name__)

# A reply to a closed appeal moves its card to the bottom of the staff chat, at most
# once in this long: a flood of replies then updates that one card.
FOLLOWUP_QUIET = timedelta(minutes=30)
# Telegram keeps an update this long: a message older than that when it first
# reaches intake (an old message edited into an appeal) is an appeal of today.
INTAKE_WINDOW = timedelta(hours=24)


def _received(message: Message, now: datetime) -> datetime:
    """When an appeal came in: its post's date, unless the post is older than the
    intake window (then the edit that made it one, linked to the original)."""
    if now - message.date <= INTAKE_WINDOW:
        return message.date
    if message.edit_date is None:
        return now
    return min(datetime.fromtimestamp(message.edit_date, UTC), now)


class Intake:
    def __init__(
        self,
        settings: Settings,
        tickets: TicketRepository,
        residents: ResidentRepository,
        renderer: Renderer,
        languages: Languages,
        alerts: HeadAlerts,
        clock: Callable[[], datetime],
        reader: Reader | None = None,
        spam: SpamGuard | None = None,
        grouper: Grouper | None = None,
        acks: AckRepository | None = None,
    ) -> None:
        self.spam = spam
        self.grouper = grouper
        self.acks = acks
        self.settings = settings
        self.reader = reader or reader_for(settings)
        self.tickets = tickets
        self.residents = residents
        self.alerts = alerts
        self.renderer = renderer
        self.languages = languages
        self.clock = clock

    async def on_message(
        self, message: Message, chat: ChatSettings, bot: Bot, update_id: int | None = None
    ) -> Ticket | None:
        """A new message in a resident chat: a ticket, a follow-up, or nothing."""
        verdict = classify(message, self.settings)
        if isinstance(verdict, Skip):
            log.debug(
                "update %s: %s message %s not an appeal: %s",
                update_id,
                chat.key,
                message.message_id,
                verdict,
            )
            return None
        return await self._durably(
            message,
            chat,
            bot,
            update_id,
            lambda: self._record(message, chat, verdict, update_id, bot),
        )

    async def on_edit(
        self, message: Message, chat: ChatSettings, bot: Bot, update_id: int | None = None
    ) -> Ticket | None:
        """An edited message: its ticket's text follows; an edit that turns a
        message into an appeal makes the ticket it would have made."""
        link = await self.tickets.by_message(message.chat.id, message.message_id)
        if link is None:
            return await self.on_message(message, chat, bot, update_id)
        if link.role != "source" or (
            await self.tickets.text_message_id(link.ticket) != message.message_id
        ):
            log.debug(
                "update %s: edit of a %s message of %s ignored",
                update_id,
                link.role,
                link.ticket.code,
            )
            return link.ticket
        return await self._durably(
            message, chat, bot, update_id, lambda: self._edit(message, link.ticket, update_id)
        )

    async def _edit(self, message: Message, ticket: Ticket, update_id: int | None) -> Ticket:
        """The ticket's text follows the edit, and so does what the desk reads
        in it; an edit that makes it urgent alerts the heads, once."""
        content = content_of(message)
        text = content.text if content else ""
        day = ticket.created_at.astimezone(self.settings.locale.zone).date()
        reading = self.reader.read(text, ticket.chat_key, day)
        reread = Reread(
            category=reading.category.value,
            address=reading.address.text if reading.address else None,
            address_key=reading.address.key if reading.address else None,
            urgency_reason=reading.urgency.reason if reading.urgency.urgent else None,
        )
        heads = await self.alerts.reachable_heads() if reading.urgency.urgent else []
        edited = await self.tickets.edit_text(
            ticket.id,
            text,
            actor_id=message.from_user.id if message.from_user else None,
            reread=reread,
            deliver=lambda t: [self._card(t)],
            alert=lambda t: self.alerts.urgent(t, heads),
        )
        if edited is not None:
            raised = edited.priority is not ticket.priority
            log.info(
                "update %s: ticket %s edited by its author%s",
                update_id,
                edited.code,
                f", now URGENT: {edited.urgency_reason}" if raised else "",
            )
        return edited or ticket

    async def _record(
        self,
        message: Message,
        chat: ChatSettings,
        content: Content,
        update_id: int | None,
        bot: Bot,
    ) -> Ticket | None:
        """Spam removed; else a follow-up, an album's next item, a flood or a copy
        joining the resident's appeal, or a new ticket."""
        verdict = await self.spam.screen(message, content.text) if self.spam else None
        if verdict is not None and verdict.outcome is Outcome.SURE:
            assert self.spam is not None
            await self.spam.remove(message, chat, content, verdict, update_id)
            return None
        found = await self._followup(message, chat, content, update_id, bot)
        if found is None:
            found = await self._album_item(message, content, update_id)
        if found is None:
            found = await join_flood(
                self.tickets, self.settings.intake, message, chat, content, update_id, self._card
            )
        return found or await self._new_ticket(message, chat, content, update_id, bot, verdict)

    async def _followup(
        self,
        message: Message,
        chat: ChatSettings,
        content: Content,
        update_id: int | None,
        bot: Bot,
    ) -> Ticket | None:
        """A reply to a ticketed message: attached to its ticket."""
        user, reply = message.from_user, message.reply_to_message
        assert user is not None  # classify() checked
        if reply is not None:
            link = await self.tickets.by_message(message.chat.id, reply.message_id)
            if link is None and reply.from_user is not None and reply.from_user.id == bot.id:
                link = await reply_to_ours(self.tickets, self.acks, reply, chat, user.id)
            if link is not None and neighbours(link.ticket, user.id):
                return None  # its own appeal, in the neighbour's problem (_new_ticket)
            if link is not None and link.role in {"source", "ack", "followup", "answer"}:
                added = await self.tickets.add_followup(
                    link.ticket.id,
                    chat_id=message.chat.id,
                    message_id=message.message_id,
                    author_id=user.id,
                    author_name=user.full_name,
                    text=content.text,
                    media_type=content.media_type,
                    repost_card=link.ticket.status is Status.closed,
                    quiet=FOLLOWUP_QUIET,
                    deliver=lambda t: [self._card(t)],
                )
                if added:
                    log.info(
                        "update %s: follow-up on ticket %s (message %s)",
                        update_id,
                        link.ticket.code,
                        message.message_id,
                    )
                return link.ticket
        return None

    async def _album_item(
        self, message: Message, content: Content, update_id: int | None
    ) -> Ticket | None:
        """One more item of an album whose first item is a ticket already."""
        if message.media_group_id:
            album = await self.tickets.by_album(message.chat.id, message.media_group_id)
            if album is not None:
                added = await self.tickets.add_attachment(
                    album.id,
                    chat_id=message.chat.id,
                    message_id=message.message_id,
                    text=content.text,
                    media_type=content.media_type,
                    deliver=lambda t: [self._card(t)],
                )
                if added:
                    log.info("update %s: album item added to ticket %s", update_id, album.code)
                return album
        return None

    async def _new_ticket(
        self,
        message: Message,
        chat: ChatSettings,
        content: Content,
        update_id: int | None,
        bot: Bot,
        verdict: Verdict | None = None,
    ) -> Ticket:
        user = message.from_user
        assert user is not None  # classify() checked
        draft = replace(self._draft(message, chat, content), **spam_signs(verdict))
        draft = await grouped(self.grouper, draft, update_id)
        draft = await under_neighbour(self.tickets, message, draft)
        # The acknowledgement speaks the resident's language when we know it.
        locale = await self.languages.of(
            user.id, user.language_code, fallback=self.settings.chat_locale(chat)
        )
        bot_username = (await bot.me()).username or ""
        heads = await self.alerts.reachable_heads() if draft.priority is Priority.urgent else []

        def announce(ticket: Ticket) -> list[Outgoing]:
            out = self.announce(ticket, chat, locale, bot_username)
            if ticket.priority is Priority.urgent:
                out += self.alerts.urgent(ticket, heads)
            return out

        def attached(ticket: Ticket, problem: ProblemBrief) -> list[Outgoing]:
            out = self.announce(ticket, chat, locale, bot_username, problem)
            # One alert per danger in a problem: forty for one outage would bury it (the
            # outage alert counts them), but a fire at a house whose problem is its
            # unemptied bins is news.
            if ticket.priority is Priority.urgent and not problem.alerted:
                out += self.alerts.urgent(ticket, heads)
            return out

        result = await self.tickets.create(draft, announce, attached=attached)
        if result.created and self.spam is not None:
            await self.spam.genuine(user.id, verdict)
        _log_outcome(result, draft, chat, message, content, update_id)
        return result.ticket

    def _draft(self, message: Message, chat: ChatSettings, content: Content) -> Draft:
        """The post as an appeal (``drafts.appeal_draft``), received when
        ``_received`` says."""
        facts = post_facts(message, content, _received(message, self.clock()))
        return appeal_draft(facts, chat, self.reader, self.settings)

    def announce(
        self,
        ticket: Ticket,
        chat: ChatSettings,
        locale: str,
        bot_username: str,
        problem: ProblemBrief | None = None,
    ) -> list[Outgoing]:
        """What a new ticket sends: the acknowledgement and the staff card (the
        card of the problem it joined, if it joined one: see storage/outbox.py)."""
        out: list[Outgoing] = []
        mode = self.settings.intake.ack
        if mode == "reply":
            text = self.renderer.ack(ticket, chat, locale, bot_username, problem)
            out.append(
                text_message(
                    ticket.source_chat_id,
                    text,
                    reply_to=ticket.source_message_id,
                    ticket_id=ticket.id,
                    role="ack",
                )
            )
        elif mode == "reaction":
            emoji = self.settings.intake.ack_reaction
            out.append(
                reaction(
                    ticket.source_chat_id, ticket.source_message_id, emoji, ticket_id=ticket.id
                )
            )
        out.append(self._card(ticket))
        return out

    def _card(self, ticket: Ticket) -> Outgoing:
        return Outgoing.card(ticket, self.settings.staff.chat_id)

    async def _durably(
        self,
        message: Message,
        chat: ChatSettings,
        bot: Bot,
        update_id: int | None,
        record: Callable[[], object],
    ) -> Ticket | None:
        return await durably(
            record, message, chat, bot, update_id, self.settings, self.renderer.texts
        )


def _log_outcome(
    result: Created,
    draft: Draft,
    chat: ChatSettings,
    message: Message,
    content: Content,
    update_id: int | None,
) -> None:
    """One line per post that became a ticket (or already was one); never its text."""
    user = message.from_user
    if not result.created:
        log.info(
            "update %s: %s message %s already is ticket %s",
            update_id,
            chat.key,
            message.message_id,
            result.ticket.code,
        )
        return
    log.info(
        "update %s: ticket %s created from %s message %s by user %s (%s, %d chars, %s%s%s)",
        update_id,
        result.ticket.code,
        chat.key,
        message.message_id,
        user.id if user else None,
        content.media_type or "text",
        len(content.text),
        draft.category,
        f", URGENT: {draft.urgency_reason}" if draft.priority is Priority.urgent else "",
        f", in problem {result.problem.code}" if result.problem else "",
    )
