"""Intake: decide what a message in a resident chat is, and record it.

A post becomes a ticket; a reply to a ticketed message is a follow-up; an
edit updates its ticket. The ticket, its event, the acknowledgement and the
staff card are written in one transaction; the delivery worker sends them.
"""

from __future__ import annotations

import asyncio
import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from aiogram import Bot
from aiogram.enums import ContentType
from aiogram.types import Message

from bot.card.render import Renderer, code_in, post_link
from bot.config import ChatSettings, Settings
from bot.delivery.outgoing import reaction, text_message
from bot.languages import Languages
from bot.reading.urgency import is_urgent
from bot.textfit import MESSAGE_LIMIT, cut
from bot.tickets.alerts import HeadAlerts
from bot.tickets.deadlines import deadlines_for
from storage.models import Draft, Outgoing, Priority, Status, Ticket
from storage.reads import MessageLink
from storage.residents import ResidentRepository
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

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
WRITE_ATTEMPTS = 3
WRITE_RETRY_SECONDS = 0.2
# Neither storage nor the staff chat: hold the update, retrying this often.
HOLD_FIRST_SECONDS = 1.0
HOLD_MAX_SECONDS = 60.0


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
    ) -> None:
        self.settings = settings
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
        content = content_of(message)
        edited = await self.tickets.edit_text(
            ticket.id,
            content.text if content else "",
            actor_id=message.from_user.id if message.from_user else None,
            deliver=lambda t: [self._card(t)],
        )
        if edited is not None:
            log.info("update %s: ticket %s edited by its author", update_id, edited.code)
        return edited or ticket

    async def _record(
        self,
        message: Message,
        chat: ChatSettings,
        content: Content,
        update_id: int | None,
        bot: Bot,
    ) -> Ticket:
        user = message.from_user
        assert user is not None  # classify() checked
        reply = message.reply_to_message
        if reply is not None:
            link = await self.tickets.by_message(message.chat.id, reply.message_id)
            if link is None and reply.from_user is not None and reply.from_user.id == bot.id:
                link = await self._adopt(reply, chat)
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

        received = message.date
        due = deadlines_for(
            received,
            self.settings.locale.zone,
            response_hours=self.settings.deadlines.first_response_hours,
            resolve_working_days=self.settings.deadlines.resolve_working_days,
        )
        draft = Draft(
            chat_key=chat.key,
            prefix=chat.prefix,
            source_chat_id=message.chat.id,
            source_message_id=message.message_id,
            source_thread_id=message.message_thread_id if message.is_topic_message else None,
            author_id=user.id,
            author_name=user.full_name,
            author_username=user.username,
            author_language=user.language_code,
            text=content.text,
            media_type=content.media_type,
            media_file_id=content.media_file_id,
            created_at=received,
            response_due_at=due.response_due_at,
            resolve_due_at=due.resolve_due_at,
            media_group_id=message.media_group_id,
            priority=Priority.urgent if is_urgent(content.text, chat) else Priority.normal,
        )
        # The acknowledgement speaks the resident's language when we know it.
        locale = await self.languages.of(
            user.id, user.language_code, fallback=self.settings.chat_locale(chat)
        )
        bot_username = (await bot.me()).username or ""
        heads = await self.alerts.reachable_heads() if draft.priority is Priority.urgent else []

        def announce(ticket: Ticket) -> list[Outgoing]:
            out = self._announce(ticket, chat, locale, bot_username)
            if ticket.priority is Priority.urgent:
                out += self.alerts.urgent(ticket, heads)
            return out

        result = await self.tickets.create(draft, announce)
        if result.created:
            log.info(
                "update %s: ticket %s created from %s message %s by user %s (%s, %d chars%s)",
                update_id,
                result.ticket.code,
                chat.key,
                message.message_id,
                user.id,
                content.media_type or "text",
                len(content.text),
                ", URGENT" if result.ticket.priority is Priority.urgent else "",
            )
        else:
            log.info(
                "update %s: %s message %s already is ticket %s",
                update_id,
                chat.key,
                message.message_id,
                result.ticket.code,
            )
        return result.ticket

    async def _adopt(self, reply: Message, chat: ChatSettings) -> MessageLink | None:
        """A reply to a message of ours that we never recorded (sent just before a
        crash) still belongs to the ticket that message names."""
        code = code_in(reply.text or reply.caption)
        if code is None:
            return None
        link = await self.tickets.adopt(
            reply.chat.id, reply.message_id, code, chat_key=chat.key, role="ack"
        )
        if link is not None:
            log.warning("message %s of ours was never recorded; it is %s's", reply.message_id, code)
        return link

    def _announce(
        self, ticket: Ticket, chat: ChatSettings, locale: str, bot_username: str
    ) -> list[Outgoing]:
        """What a new ticket sends: the acknowledgement and the staff card."""
        out: list[Outgoing] = []
        mode = self.settings.intake.ack
        if mode == "reply":
            text = self.renderer.ack(ticket, chat, locale, bot_username)
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
        """Run ``record`` with brief retries; if storage keeps failing, put the
        post in front of a human in the staff chat instead of losing it. If the
        staff chat cannot be told either, hold: this update (and the ones after
        it) stays unconfirmed at Telegram while both are retried, so a restart
        or a recovery still finds the post."""
        hold = HOLD_FIRST_SECONDS
        while True:
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    return await record()  # type: ignore[misc]
                except Exception:
                    log.exception(
                        "update %s: recording %s message %s failed (attempt %d of %d)",
                        update_id,
                        chat.key,
                        message.message_id,
                        attempt,
                        WRITE_ATTEMPTS,
                    )
                    if attempt < WRITE_ATTEMPTS:
                        await asyncio.sleep(WRITE_RETRY_SECONDS * attempt)
            if await self._hand_to_staff(message, chat, bot, update_id):
                return None
            log.critical(
                "update %s: %s message %s neither stored nor handed to staff; it is held"
                " unconfirmed at Telegram and tried again in %.0f s",
                update_id,
                chat.key,
                message.message_id,
                hold,
            )
            await asyncio.sleep(hold)
            hold = min(hold * 2, HOLD_MAX_SECONDS)

    async def _hand_to_staff(
        self, message: Message, chat: ChatSettings, bot: Bot, update_id: int | None
    ) -> bool:
        content = content_of(message)
        user = message.from_user
        text = self.renderer.texts.get(
            self.settings.locale.default,
            "intake-failed",
            link=post_link(message.chat.id, message.message_id)
            or f"{chat.title}, #{message.message_id}",
            author=user.full_name if user else "?",
            text=cut(content.text if content else "", MESSAGE_LIMIT // 2, "…"),
        )
        try:
            await bot.send_message(self.settings.staff.chat_id, text)
            log.error(
                "update %s: %s message %s handed to staff by hand: storage unavailable",
                update_id,
                chat.key,
                message.message_id,
            )
        except Exception:
            log.exception("update %s: the staff chat could not be told either", update_id)
            return False
        return True
