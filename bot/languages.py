"""Which language to write to a person in: the one place it is decided.

A resident's own choice (``/language``) wins, then their Telegram app's
language, then the chat's or the desk's default."""

from __future__ import annotations

from bot.config import Settings
from bot.texts import pick_locale
from storage.models import Ticket
from storage.residents import ResidentRepository


class Languages:
    def __init__(self, settings: Settings, residents: ResidentRepository) -> None:
        self.settings = settings
        self.residents = residents
        self.default = settings.locale.default

    async def of(self, user_id: int, telegram: str | None = None, *, fallback: str = "") -> str:
        """The language of a person (``telegram``: their app's, when known)."""
        return pick_locale(
            await self.residents.language(user_id), telegram, fallback=fallback or self.default
        )

    async def public(self, ticket: Ticket) -> str:
        """A public reply under the post speaks its author's language when known."""
        chat = self.settings.chat(ticket.chat_key)
        return await self.of(
            ticket.author_id, ticket.author_language, fallback=self.settings.chat_locale(chat)
        )

    async def private(self, ticket: Ticket) -> str | None:
        """The language to write to the ticket's author in, or None if we may not."""
        if not await self.residents.reachable(ticket.author_id):
            return None
        return await self.of(ticket.author_id, ticket.author_language)
