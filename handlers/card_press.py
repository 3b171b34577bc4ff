"""Before any card button's handler: who pressed, where, on which ticket's
current card, and whether the policy lets them. A press that passes reaches its
handler with a :class:`Press`; every other press is answered here and changes
nothing."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, TelegramObject

from bot.card.callbacks import Action, TicketAction
from bot.config import Settings
from bot.texts import Texts
from bot.tickets.staff_directory import StaffDirectory
from storage.changes import Outcome
from storage.models import OPEN, Ticket
from storage.rules import Change, refusal
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


@dataclass
class Press:
    """One press by a moderator on a ticket's current card."""

    query: CallbackQuery
    ticket: Ticket
    texts: Texts
    locale: str
    bot: Bot
    directory: StaffDirectory
    staff_chat: int

    @property
    def user_id(self) -> int:
        return self.query.from_user.id

    async def toast(self, key: str, **args: object) -> None:
        # Pop-ups are plain text: Telegram does not parse HTML there.
        await self.query.answer(self.texts.plain(self.locale, key, **args))

    async def alert(self, key: str, **args: object) -> None:
        await self.query.answer(self.texts.plain(self.locale, key, **args), show_alert=True)

    async def keyboard(self, markup: InlineKeyboardMarkup) -> None:
        """Show other buttons on the card (a choice), or its own again."""
        try:
            await self.bot.edit_message_reply_markup(
                chat_id=self.staff_chat, message_id=self.ticket.card_message_id, reply_markup=markup
            )
        except TelegramAPIError as exc:
            if "not modified" not in exc.message:
                raise

    async def refused(self, outcome: Outcome | None) -> bool:
        """Explain a change the policy did not allow; True if refused."""
        if outcome is None:
            await self.alert("press-unknown-ticket")
            return True
        if outcome.done:
            return False
        now = outcome.ticket
        if now.assignee_id and now.assignee_id != self.user_id and now.status in OPEN:
            name = self.directory.name(now.assignee_id)
            await self.alert("press-taken-by", code=now.code, name=name)
        else:
            status = self.texts.get(self.locale, f"status-{now.status}")
            await self.alert("press-wrong-state", code=now.code, status=status)
        return True


class CardPresses(BaseMiddleware):
    """The gate every card button's handler sits behind (an inner middleware)."""

    def __init__(self, staff_chats: set[int]) -> None:
        self.staff_chats = staff_chats  # the very set the routers filter on

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, CallbackQuery)
        press = await self._admit(event, data)
        if press is None:
            return None
        data["press"] = press
        return await handler(event, data)

    async def _admit(self, query: CallbackQuery, data: dict[str, Any]) -> Press | None:
        texts: Texts = data["texts"]
        directory: StaffDirectory = data["directory"]
        settings: Settings = data["settings"]
        callback: TicketAction = data["callback_data"]
        locale = settings.locale.default

        async def alert(key: str, **args: object) -> None:
            await query.answer(texts.plain(locale, key, **args), show_alert=True)

        user = query.from_user
        if not directory.is_moderator(user.id):
            log.info("press %s refused: user %s is not a moderator", query.data, user.id)
            await alert("press-not-staff")
            return None
        directory.remember(user)
        if query.message is None or query.message.chat.id not in self.staff_chats:
            await alert("press-wrong-chat")
            return None
        tickets: TicketRepository = data["tickets"]
        ticket = await tickets.get(callback.ticket_id)
        if ticket is None:
            log.info("press %s refused: no such ticket", query.data)
            await alert("press-unknown-ticket")
            return None
        if ticket.card_message_id != query.message.message_id:
            await alert("press-stale", code=ticket.code)
            return None
        press = Press(query, ticket, texts, locale, data["bot"], directory, settings.staff.chat_id)
        if callback.action is Action.back:
            return press
        refused = refusal(
            Change(callback.action), await tickets.state(ticket), directory.roles(user.id)
        )
        if refused is not None and callback.action is Action.ban:
            await alert("press-unavailable")  # not spam, or banned already
            return None
        if refused is not None:
            await press.refused(Outcome(False, ticket, ticket, refusal=refused))
            return None
        return press
