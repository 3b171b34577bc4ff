"""The moderators' actions on a ticket and everything each one sends.

Handlers call these; the state rules are enforced by the repository inside
the transaction, and what must reach people goes through the outbox in
that same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.card.keyboards import rating_keyboard
from bot.card.render import Renderer, post_link
from bot.config import Settings
from bot.reading.urgency import HeadAlerts
from bot.textfit import CAPTION_LIMIT, MESSAGE_LIMIT, cut, visible_length
from bot.texts import Html, escape, pick_locale
from bot.tickets.deadlines import end_of_day
from bot.tickets.staff_directory import StaffDirectory
from storage.changes import Outcome
from storage.models import Answer, Outgoing, Priority, Resolution, Ticket
from storage.ratings import RatingRepository
from storage.records import AnswerDraft
from storage.residents import ResidentRepository
from storage.rules import Change, Role
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

# How an answer with media is sent: method and the parameter carrying the file.
MEDIA_METHODS: dict[str, tuple[str, str]] = {
    "photo": ("sendPhoto", "photo"),
    "document": ("sendDocument", "document"),
    "voice": ("sendVoice", "voice"),
    "video": ("sendVideo", "video"),
}
CONFIRM_ANSWER = "👍"
CONFIRM_NOTE = "✍"


class Workflow:
    def __init__(
        self,
        settings: Settings,
        tickets: TicketRepository,
        residents: ResidentRepository,
        ratings: RatingRepository,
        renderer: Renderer,
        directory: StaffDirectory,
        wake_delivery: Callable[[], None],
    ) -> None:
        self.settings = settings
        self.tickets = tickets
        self.residents = residents
        self.ratings = ratings
        self.alerts = HeadAlerts(settings, renderer.texts, residents)
        self.renderer = renderer
        self.texts = renderer.texts
        self.directory = directory
        self.wake_delivery = wake_delivery
        self.staff_chat = settings.staff.chat_id
        self.staff_locale = settings.locale.default

    # ---- changes -------------------------------------------------------------

    async def take(self, ticket_id: int, actor_id: int) -> Outcome | None:
        return await self._apply(ticket_id, Change.take, actor_id)

    async def assign(self, ticket_id: int, actor_id: int, assignee_id: int) -> Outcome | None:
        notify = assignee_id != actor_id and await self.residents.reachable(assignee_id)

        def notice(ticket: Ticket) -> list[Outgoing]:
            if not notify:
                return []
            link = (
                post_link(self.staff_chat, ticket.card_message_id)
                if ticket.card_message_id
                else None
            )
            text = self.texts.get(
                self.staff_locale,
                "assigned-notice",
                code=ticket.code,
                chat=self.settings.chat(ticket.chat_key).title,
                link=link or "—",
            )
            return [Outgoing.send("sendMessage", assignee_id, {"text": text}, ticket_id=ticket.id)]

        return await self._apply(
            ticket_id,
            Change.assign,
            actor_id,
            assignee_id=assignee_id,
            extra=lambda t, _: notice(t),
        )

    async def answer(
        self, ticket_id: int, draft: AnswerDraft, *, reply_to: int | None = None
    ) -> Outcome | None:
        """A moderator's answer: to the resident chat under the post, privately
        to the author when possible, and a 👍 on the moderator's message."""
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            return None
        private_locale = await self._private_locale(ticket)
        public_locale = await self._public_locale(ticket)

        def send(t: Ticket, answer: Answer | None) -> list[Outgoing]:
            assert answer is not None
            chat = self.settings.chat(t.chat_key)
            public = self._answer_message(
                t.source_chat_id,
                self.texts.get(public_locale, "answer-public-title", code=t.code),
                answer,
                _under_post(t),
                t,
                "answer",
            )
            out = [public]
            if private_locale:
                title = self.texts.get(
                    private_locale, "answer-private-title", code=t.code, chat=chat.title
                )
                out.append(
                    self._answer_message(t.author_id, title, answer, {}, t, "answer_private")
                )
            out += self._confirm(reply_to, CONFIRM_ANSWER, t)
            return out

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
            extra=lambda t, _: self._confirm(reply_to, CONFIRM_NOTE, t),
        )

    async def close(self, ticket_id: int, actor_id: int, resolution: Resolution) -> Outcome | None:
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            return None
        tell = resolution is not Resolution.spam
        private_locale = await self._private_locale(ticket) if tell else None
        public_locale = await self._public_locale(ticket)
        closing = await self.ratings.closings(ticket_id) + 1

        def notices(t: Ticket, _: Answer | None) -> list[Outgoing]:
            out: list[Outgoing] = []
            if not tell:
                return out
            chat = self.settings.chat(t.chat_key)
            if self.settings.notices.close_in_chat:
                locale = public_locale
                text = self.texts.get(
                    locale,
                    "close-notice",
                    code=t.code,
                    resolution=self.texts.get(locale, f"resolution-{resolution}"),
                )
                out.append(_notice(t, text))
            if private_locale:
                text = self.texts.get(
                    private_locale,
                    "close-notice-private",
                    code=t.code,
                    chat=chat.title,
                    resolution=self.texts.get(private_locale, f"resolution-{resolution}"),
                )
                params = {"text": text}
                if resolution is Resolution.resolved:
                    # "Was your issue solved?": once for this closing.
                    question = self.texts.get(private_locale, "rate-question")
                    params["text"] = f"{text}\n\n{question}"
                    params["reply_markup"] = rating_keyboard(
                        t.id, closing, self.texts, private_locale
                    ).model_dump(exclude_none=True)
                out.append(Outgoing.send("sendMessage", t.author_id, params, ticket_id=t.id))
            return out

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
        private_locale = await self._private_locale(ticket)
        public_locale = await self._public_locale(ticket)

        def notices(t: Ticket, _: Answer | None) -> list[Outgoing]:
            when = f"{day:%d.%m.%Y}"
            out = self._confirm(reply_to, CONFIRM_ANSWER, t)
            if private_locale:
                text = self.texts.get(
                    private_locale,
                    "extend-notice-private",
                    code=t.code,
                    chat=self.settings.chat(t.chat_key).title,
                    due=when,
                    reason=reason,
                )
                return [
                    Outgoing.send("sendMessage", t.author_id, {"text": text}, ticket_id=t.id),
                    *out,
                ]
            text = self.texts.get(
                public_locale, "extend-notice-public", code=t.code, due=when, reason=reason
            )
            return [_notice(t, text), *out]

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
            if solved:
                return []
            text = self.texts.get(
                self.staff_locale, "disputed-staff", code=t.code, author=t.author_name
            )
            return [Outgoing.send("sendMessage", self.staff_chat, {"text": text})]

        change = Change.rate if solved else Change.dispute
        outcome = await self._apply(
            ticket_id, change, user_id, roles=frozenset(), closing=closing, extra=alert
        )
        if outcome is not None and outcome.done:
            log.info(
                "ticket %s: its author says %s",
                outcome.ticket.code,
                "solved" if solved else "NOT solved",
            )
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

        return await self._apply(
            ticket_id,
            Change.urgent,
            actor_id,
            priority=Priority.urgent if urgent else Priority.normal,
            extra=send,
        )

    async def spam(self, ticket_id: int, actor_id: int, bot: Bot) -> Outcome | None:
        """Close as spam and remove the post; a removal that fails is shown on the card."""
        outcome = await self._apply(ticket_id, Change.spam, actor_id)
        if outcome is None or not outcome.done:
            return outcome
        ticket = outcome.ticket
        try:
            await bot.delete_message(ticket.source_chat_id, ticket.source_message_id)
        except TelegramAPIError as exc:
            log.warning("ticket %s: spam post not deleted: %s", ticket.code, exc.message)
            await self._record(ticket.id, "post_delete_failed", {"error": exc.message}, actor_id)
        else:
            log.info("ticket %s: spam post deleted by moderator %s", ticket.code, actor_id)
            await self._record(ticket.id, "post_deleted", {}, actor_id)
        return outcome

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

    # ---- helpers -------------------------------------------------------------

    def card(self, ticket: Ticket | int) -> Outgoing:
        return Outgoing.card(ticket, self.staff_chat)

    async def repost_card(self, ticket_id: int, actor_id: int) -> Ticket | None:
        """Post the card anew at the bottom of the staff chat; the new one is the card."""
        ticket = await self.tickets.detach_card(
            ticket_id, actor_id=actor_id, deliver=lambda t: [self.card(t)]
        )
        self.wake_delivery()
        return ticket

    async def _apply(
        self,
        ticket_id: int,
        change: Change,
        actor_id: int,
        *,
        roles: Collection[Role] | None = None,
        extra: Callable[[Ticket, Answer | None], list[Outgoing]] | None = None,
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
                "ticket %s: %s by moderator %s (%s -> %s)",
                outcome.ticket.code,
                change,
                actor_id,
                outcome.before.status,
                outcome.ticket.status,
            )
            self.wake_delivery()
        return outcome

    async def _record(
        self, ticket_id: int, kind: str, payload: dict[str, Any], actor_id: int
    ) -> None:
        await self.tickets.note_event(
            ticket_id, kind, payload, actor_id=actor_id, deliver=lambda t: [self.card(t)]
        )
        self.wake_delivery()

    async def _private_locale(self, ticket: Ticket) -> str | None:
        """The language to write to the ticket's author in, or None if we may not."""
        if not await self.residents.reachable(ticket.author_id):
            return None
        return pick_locale(
            await self.residents.language(ticket.author_id),
            ticket.author_language,
            fallback=self.settings.locale.default,
        )

    async def _public_locale(self, ticket: Ticket) -> str:
        """A public reply under the post speaks its author's language when known."""
        chat = self.settings.chat(ticket.chat_key)
        return pick_locale(
            await self.residents.language(ticket.author_id),
            ticket.author_language,
            fallback=self.settings.chat_locale(chat),
        )

    def _confirm(self, message_id: int | None, emoji: str, ticket: Ticket) -> list[Outgoing]:
        if message_id is None:
            return []
        return [
            Outgoing.send(
                "setMessageReaction",
                self.staff_chat,
                {"message_id": message_id, "reaction": [{"type": "emoji", "emoji": emoji}]},
                ticket_id=ticket.id,
            )
        ]

    @staticmethod
    def _answer_message(
        chat_id: int,
        title: Html,
        answer: Answer,
        params: dict[str, Any],
        ticket: Ticket,
        role: str,
    ) -> Outgoing:
        media = MEDIA_METHODS.get(answer.media_type or "")
        limit = CAPTION_LIMIT if media else MESSAGE_LIMIT
        body = ""
        if answer.text:
            room = limit - visible_length(title) - 2
            body = "\n\n" + escape(cut(answer.text, room, "…"))
        text = f"{title}{body}"
        if media:
            method, field = media
            payload = {field: answer.media_file_id, "caption": text, **params}
        else:
            method, payload = "sendMessage", {"text": text, **params}
        return Outgoing.send(
            method, chat_id, payload, ticket_id=ticket.id, role=role, answer_id=answer.id
        )


def _under_post(ticket: Ticket) -> dict[str, Any]:
    """Where a public message about a ticket goes: under the post, in its topic."""
    params: dict[str, Any] = {"reply_parameters": {"message_id": ticket.source_message_id}}
    if ticket.source_thread_id:
        params["message_thread_id"] = ticket.source_thread_id
    return params


def _notice(ticket: Ticket, text: Html) -> Outgoing:
    """A notice to the resident chat, under the post."""
    return Outgoing.send(
        "sendMessage",
        ticket.source_chat_id,
        {"text": text, **_under_post(ticket)},
        ticket_id=ticket.id,
        role="notice",
    )
