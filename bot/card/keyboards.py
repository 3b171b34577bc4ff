"""Inline keyboards. Which buttons a card shows is the policy's to say (storage/rules.py)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.card.callbacks import Action, Language, OpenPage, Rate, TicketAction
from bot.texts import Texts
from storage.models import Priority, Resolution, Status, Ticket
from storage.reads import TicketFacts
from storage.rules import STAFF, Change, Role, State, buttons

CLOSING = (Resolution.resolved, Resolution.rejected, Resolution.duplicate)


def card_state(ticket: Ticket, facts: TicketFacts | None = None) -> State:
    """What the policy needs to know to draw the card's buttons."""
    return State(
        ticket.status,
        ticket.resolution,
        banned=facts.banned if facts else False,
        attached=ticket.problem_id is not None,
        offered=facts is not None and facts.problem is not None and ticket.problem_id is None,
    )


def button_label(change: Change, ticket: Ticket) -> str:
    """The text key of a card button: ``btn-<action>``, or how it reads in this state."""
    if change is Change.assign and ticket.status is not Status.new:
        return "btn-reassign"
    if change is Change.urgent and ticket.priority is Priority.urgent:
        return "btn-not-urgent"
    return f"btn-{change}"


def _button(
    change: Change, ticket: Ticket, texts: Texts, locale: str, facts: TicketFacts | None
) -> InlineKeyboardButton:
    """A card button; grouping's offers name the problem, or the appeals, they offer."""
    arg = None
    text = texts.get(locale, button_label(change, ticket))
    if change is Change.attach and facts is not None and facts.problem is not None:
        offered = facts.problem
        text = texts.get(locale, "btn-attach-to", code=offered.code, residents=offered.residents)
        arg = str(offered.id)
    elif change is Change.make and facts is not None and facts.pair:
        codes = ", ".join(code for _, code in facts.pair[:3])
        text, arg = texts.get(locale, "btn-make-pair", codes=codes), "pair"
    return InlineKeyboardButton(
        text=text,
        callback_data=TicketAction(action=Action(change), ticket_id=ticket.id, arg=arg).pack(),
    )


def card_keyboard(
    ticket: Ticket,
    texts: Texts,
    locale: str,
    facts: TicketFacts | None = None,
    roles: Collection[Role] = STAFF,
) -> InlineKeyboardMarkup:
    """Exactly the actions the policy allows ``roles`` on the ticket now, as
    buttons; 🚫 Spam first on an appeal the spam checks found suspicious."""
    changes = list(buttons(card_state(ticket, facts), roles))
    if facts is not None and facts.spam_signs and Change.spam in changes:
        changes.remove(Change.spam)
        changes.insert(0, Change.spam)
    keys = [_button(change, ticket, texts, locale, facts) for change in changes]
    # Two on a row: big enough to hit on a phone, the card stays short. Built
    # directly: InlineKeyboardBuilder costs ~0.8 ms, and every card needs this.
    return InlineKeyboardMarkup(inline_keyboard=[keys[n : n + 2] for n in range(0, len(keys), 2)])


def _with_back(
    builder: InlineKeyboardBuilder, ticket_id: int, texts: Texts, locale: str
) -> InlineKeyboardMarkup:
    builder.button(
        text=texts.get(locale, "btn-back"),
        callback_data=TicketAction(action=Action.back, ticket_id=ticket_id),
    )
    builder.adjust(1)
    return builder.as_markup()


def assign_keyboard(
    ticket_id: int, moderators: Iterable[tuple[int, str]], texts: Texts, locale: str
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for user_id, name in moderators:
        builder.button(
            text=f"👤 {name}",
            callback_data=TicketAction(action=Action.assign, ticket_id=ticket_id, arg=str(user_id)),
        )
    return _with_back(builder, ticket_id, texts, locale)


def close_keyboard(ticket_id: int, texts: Texts, locale: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for resolution in CLOSING:
        builder.button(
            text=texts.get(locale, f"btn-close-{resolution}"),
            callback_data=TicketAction(action=Action.close, ticket_id=ticket_id, arg=resolution),
        )
    return _with_back(builder, ticket_id, texts, locale)


def extend_keyboard(
    ticket_id: int, options: list[date], ceiling: date, texts: Texts, locale: str
) -> InlineKeyboardMarkup:
    """New resolution deadlines to choose from (``arg``: the day as YYYYMMDD)."""
    builder = InlineKeyboardBuilder()
    for day in options:
        key = "btn-extend-max" if day == ceiling else "btn-extend-to"
        builder.button(
            text=texts.get(locale, key, day=f"{day:%d.%m.%Y}"),
            callback_data=TicketAction(
                action=Action.extend, ticket_id=ticket_id, arg=f"{day:%Y%m%d}"
            ),
        )
    return _with_back(builder, ticket_id, texts, locale)


def ban_keyboard(ticket_id: int, texts: Texts, locale: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=texts.get(locale, "btn-ban-confirm"),
        callback_data=TicketAction(action=Action.ban, ticket_id=ticket_id, arg="yes"),
    )
    return _with_back(builder, ticket_id, texts, locale)


LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def language_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in LANGUAGE_NAMES.items():
        builder.button(text=name, callback_data=Language(code=code))
    builder.adjust(3)
    return builder.as_markup()


def rating_keyboard(
    ticket_id: int, closing: int, texts: Texts, locale: str
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for answer in ("yes", "no"):
        builder.button(
            text=texts.get(locale, f"rate-{answer}"),
            callback_data=Rate(ticket_id=ticket_id, closing=closing, answer=answer),
        )
    return builder.as_markup()


def pages_keyboard(
    offset: int, total: int, size: int, assignee: int, texts: Texts, locale: str
) -> InlineKeyboardMarkup | None:
    builder = InlineKeyboardBuilder()
    if offset > 0:
        builder.button(
            text=texts.get(locale, "btn-prev"),
            callback_data=OpenPage(offset=max(offset - size, 0), assignee=assignee),
        )
    if offset + size < total:
        builder.button(
            text=texts.get(locale, "btn-next"),
            callback_data=OpenPage(offset=offset + size, assignee=assignee),
        )
    return builder.as_markup() if list(builder.buttons) else None


def category_keyboard(
    ticket: Ticket, codes: Iterable[str], texts: Texts, locale: str
) -> InlineKeyboardMarkup:
    """Every category (the ticket's own marked), and back."""
    builder = InlineKeyboardBuilder()
    for code in codes:
        mark = "✓ " if code == ticket.category else ""
        builder.button(
            text=mark + texts.plain(locale, f"category-{code}"),
            callback_data=TicketAction(action=Action.recategorize, ticket_id=ticket.id, arg=code),
        )
    builder.button(
        text=texts.get(locale, "btn-back"),
        callback_data=TicketAction(action=Action.back, ticket_id=ticket.id),
    )
    return builder.adjust(2).as_markup()
