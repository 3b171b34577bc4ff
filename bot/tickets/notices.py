"""What a moderator's action tells people: the resident (under the post and
privately), the moderator it was assigned to, the staff chat."""

from __future__ import annotations

from datetime import date

from bot.card.keyboards import rating_keyboard
from bot.card.render import post_link
from bot.config import Settings
from bot.delivery.outgoing import (
    Media,
    media_message,
    reaction,
    text_message,
    under_post,
)
from bot.textfit import CAPTION_LIMIT, MESSAGE_LIMIT, cut, visible_length
from bot.texts import Html, Texts, escape
from storage.models import Answer, Outgoing, Resolution, Ticket

CONFIRM_ANSWER = "👍"
CONFIRM_NOTE = "✍"


class Notices:
    def __init__(self, settings: Settings, texts: Texts) -> None:
        self.settings = settings
        self.texts = texts
        self.staff_chat = settings.staff.chat_id
        self.staff_locale = settings.locale.default

    def _chat_title(self, ticket: Ticket) -> str:
        return self.settings.chat(ticket.chat_key).title

    def assigned(self, ticket: Ticket, assignee_id: int) -> Outgoing:
        """To the moderator a ticket was given, privately, with a link to its card."""
        link = (
            post_link(self.staff_chat, ticket.card_message_id) if ticket.card_message_id else None
        )
        text = self.texts.get(
            self.staff_locale,
            "assigned-notice",
            code=ticket.code,
            chat=self._chat_title(ticket),
            link=link or "—",
        )
        return text_message(assignee_id, text, ticket_id=ticket.id)

    def answer(
        self, ticket: Ticket, answer: Answer, public: str, private: str | None
    ) -> list[Outgoing]:
        """The answer under the post, and to the author privately when we may."""
        title = self.texts.get(public, "answer-public-title", code=ticket.code)
        out = [_answer(ticket.source_chat_id, title, answer, ticket, "answer", under_post(ticket))]
        if private:
            title = self.texts.get(
                private, "answer-private-title", code=ticket.code, chat=self._chat_title(ticket)
            )
            out.append(_answer(ticket.author_id, title, answer, ticket, "answer_private", {}))
        return out

    def closed(
        self,
        ticket: Ticket,
        resolution: Resolution,
        public: str,
        private: str | None,
        closing: int,
    ) -> list[Outgoing]:
        """The closing told under the post (if the desk does) and privately, where a
        resolved one asks "was your issue solved?" once for this closing."""
        out: list[Outgoing] = []
        if self.settings.notices.close_in_chat:
            text = self.texts.get(
                public,
                "close-notice",
                code=ticket.code,
                resolution=self.texts.get(public, f"resolution-{resolution}"),
            )
            out.append(notice(ticket, text))
        if private:
            text = self.texts.get(
                private,
                "close-notice-private",
                code=ticket.code,
                chat=self._chat_title(ticket),
                resolution=self.texts.get(private, f"resolution-{resolution}"),
            )
            markup = None
            if resolution is Resolution.resolved:
                text = Html(f"{text}\n\n{self.texts.get(private, 'rate-question')}")
                markup = rating_keyboard(ticket.id, closing, self.texts, private)
            out.append(text_message(ticket.author_id, text, markup=markup, ticket_id=ticket.id))
        return out

    def extended(
        self, ticket: Ticket, day: date, reason: str, public: str, private: str | None
    ) -> Outgoing:
        """A later deadline and its reason: privately when we may, else under the post."""
        when = f"{day:%d.%m.%Y}"
        if private:
            text = self.texts.get(
                private,
                "extend-notice-private",
                code=ticket.code,
                chat=self._chat_title(ticket),
                due=when,
                reason=reason,
            )
            return text_message(ticket.author_id, text, ticket_id=ticket.id)
        text = self.texts.get(
            public, "extend-notice-public", code=ticket.code, due=when, reason=reason
        )
        return notice(ticket, text)

    def disputed(self, ticket: Ticket) -> Outgoing:
        """The staff told that the author says the issue is not solved."""
        text = self.texts.get(
            self.staff_locale, "disputed-staff", code=ticket.code, author=ticket.author_name
        )
        return text_message(self.staff_chat, text)

    def confirm(self, message_id: int | None, emoji: str, ticket: Ticket) -> list[Outgoing]:
        """A reaction on the moderator's message: their answer or note is taken."""
        if message_id is None:
            return []
        return [reaction(self.staff_chat, message_id, emoji, ticket_id=ticket.id)]


def notice(ticket: Ticket, text: Html) -> Outgoing:
    """A notice to the resident chat, under the post."""
    return text_message(
        ticket.source_chat_id, text, ticket_id=ticket.id, role="notice", **under_post(ticket)
    )


def _answer(
    chat_id: int, title: Html, answer: Answer, ticket: Ticket, role: str, place: dict
) -> Outgoing:
    """An answer as a message: its media with the text as caption, or the text."""
    media = Media(answer.media_type) if answer.media_type in set(Media) else None
    limit = CAPTION_LIMIT if media else MESSAGE_LIMIT
    body = ""
    if answer.text:
        room = limit - visible_length(title) - 2
        body = "\n\n" + escape(cut(answer.text, room, "…"))
    text = f"{title}{body}"
    if media is not None:
        assert answer.media_file_id is not None
        return media_message(
            media,
            chat_id,
            answer.media_file_id,
            text,
            ticket_id=ticket.id,
            role=role,
            answer_id=answer.id,
            **place,
        )
    return text_message(chat_id, text, ticket_id=ticket.id, role=role, answer_id=answer.id, **place)
