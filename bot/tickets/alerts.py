"""What the akim and deputies are told at once (an urgent appeal, a deadline
passed). Until a head has started the bot privately, the alert goes to the
staff chat with a line saying so: nothing is silently dropped."""

from __future__ import annotations

from bot.card.render import post_link
from bot.config import Settings
from bot.delivery.outgoing import text_message
from bot.textfit import cut
from bot.texts import Html, Texts, escape
from storage.models import Outgoing, Ticket
from storage.residents import ResidentRepository

EXCERPT = 300  # of the appeal's text in an urgent alert


class HeadAlerts:
    def __init__(self, settings: Settings, texts: Texts, residents: ResidentRepository) -> None:
        self.settings = settings
        self.texts = texts
        self.residents = residents

    async def reachable_heads(self) -> list[int]:
        return [h for h in self.settings.staff.head if await self.residents.reachable(h)]

    def urgent(self, ticket: Ticket, reachable: list[int]) -> list[Outgoing]:
        text = self.texts.get(
            self.settings.locale.default,
            "urgent-alert",
            code=ticket.code,
            chat=self.settings.chat(ticket.chat_key).title,
            text=cut(ticket.text, EXCERPT, "…") if ticket.text else "—",
            link=post_link(ticket.source_chat_id, ticket.source_message_id) or "—",
        )
        # Why the desk thinks someone is in danger, and where, when it read that.
        locale = self.settings.locale.default
        if ticket.urgency_reason:
            reason = self.texts.get(locale, f"urgency-{ticket.urgency_reason}")
            text = Html(f"{text}\n{self.texts.get(locale, 'card-urgent-why', reason=reason)}")
        if ticket.address:
            text = Html(f"{text}\n📍 {escape(ticket.address)}")
        return self.message(ticket, text, reachable)

    def message(self, ticket: Ticket, text: str, reachable: list[int]) -> list[Outgoing]:
        """``text`` about ``ticket`` to every head who may be written to; the rest
        via the staff chat."""
        return self.to_heads(text, reachable, ticket_id=ticket.id)

    def to_heads(
        self, text: str, reachable: list[int], *, ticket_id: int | None = None
    ) -> list[Outgoing]:
        """``text`` to every head who may be written to; the rest via the staff chat."""
        out = [text_message(head, text, ticket_id=ticket_id) for head in reachable]
        missing = [h for h in self.settings.staff.head if h not in reachable]
        if missing:
            note = self.texts.get(
                self.settings.locale.default, "urgent-head-unreachable", count=len(missing)
            )
            out.append(
                text_message(self.settings.staff.chat_id, f"{text}\n\n{note}", ticket_id=ticket_id)
            )
        return out
