"""Inline keyboards. Which buttons a card shows follows from the ticket's state."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import Action, TicketAction
from bot.texts import Texts
from storage.models import Status, Ticket

_BUTTONS: dict[Status, list[tuple[Action, str]]] = {
    Status.new: [
        (Action.take, "btn-take"),
        (Action.assign, "btn-assign"),
        (Action.answer, "btn-answer"),
        (Action.close, "btn-close"),
        (Action.spam, "btn-spam"),
    ],
    Status.assigned: [
        (Action.assign, "btn-reassign"),
        (Action.answer, "btn-answer"),
        (Action.close, "btn-close"),
        (Action.spam, "btn-spam"),
    ],
    Status.closed: [(Action.reopen, "btn-reopen")],
}
_BUTTONS[Status.answered] = _BUTTONS[Status.assigned]


def card_keyboard(ticket: Ticket, texts: Texts, locale: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for action, key in _BUTTONS[ticket.status]:
        builder.button(
            text=texts.get(locale, key),
            callback_data=TicketAction(action=action, ticket_id=ticket.id),
        )
    # Two on a row: big enough to hit on a phone, the card stays short.
    builder.adjust(2)
    return builder.as_markup()
