"""Sending a card: edited in place while its message exists, posted otherwise.
An edit that would change nothing is not sent at all."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.methods import (
    EditMessageCaption,
    EditMessageReplyMarkup,
    EditMessageText,
    SendMessage,
    SendPhoto,
)

from bot.card.card import Card
from bot.card.problem_card import ProblemCard

log = logging.getLogger(__name__)


async def send_card(bot: Bot, card: Card, staff_chat: int) -> tuple[int | None, bool]:
    """(the card's message id, whether it was posted anew)."""
    ticket = card.ticket
    if card.unchanged or (ticket.card_message_id is not None and await _edit(bot, card)):
        return ticket.card_message_id, False
    common: dict[str, Any] = {
        "chat_id": staff_chat,
        "reply_markup": card.markup,
        "message_thread_id": card.thread_id,
    }
    if card.photo:
        sent = await bot(SendPhoto(photo=ticket.media_file_id, caption=card.text, **common))
    else:
        sent = await bot(SendMessage(text=card.text, **common))
    log.info("card of %s posted as staff message %s", ticket.code, sent.message_id)
    if card.replaces is not None:
        await _retire(bot, card, staff_chat)
    return sent.message_id, True


async def _retire(bot: Bot, card: Card, staff_chat: int) -> None:
    """Only the card carries a ticket's buttons: take them off the one it replaces
    (they would only answer "stale" now). Best effort: a press there is refused."""
    ticket = card.ticket
    place = {"chat_id": ticket.card_chat_id or staff_chat, "message_id": card.replaces}
    try:
        await bot(EditMessageReplyMarkup(**place))
    except TelegramAPIError as exc:
        log.info("old card of %s keeps its buttons: %s", ticket.code, exc.message)


async def _edit(bot: Bot, card: Card) -> bool:
    """Edit the card message in place; False if it is gone and must be posted again."""
    ticket = card.ticket
    place = {"chat_id": ticket.card_chat_id, "message_id": ticket.card_message_id}
    try:
        if card.photo:
            await bot(EditMessageCaption(caption=card.text, reply_markup=card.markup, **place))
        else:
            await bot(EditMessageText(text=card.text, reply_markup=card.markup, **place))
    except TelegramBadRequest as exc:
        if "not modified" in exc.message:
            return True
        if "not found" not in exc.message:
            raise
        log.warning("card of %s was deleted from the staff chat; posting it again", ticket.code)
        return False
    return True


async def send_problem_card(
    bot: Bot, card: ProblemCard, staff_chat: int
) -> tuple[int | None, bool]:
    """A problem's card: edited in place while its message exists, posted otherwise
    (the message is then its card, and the old one loses its buttons)."""
    problem = card.problem
    if card.unchanged:
        return problem.card_message_id, False
    if problem.card_message_id is not None:
        place = {"chat_id": problem.card_chat_id, "message_id": problem.card_message_id}
        try:
            await bot(EditMessageText(text=card.text, reply_markup=card.markup, **place))
        except TelegramBadRequest as exc:
            if "not modified" in exc.message:
                return problem.card_message_id, False
            if "not found" not in exc.message:
                raise
            log.warning(
                "card of %s was deleted from the staff chat; posting it again", problem.code
            )
        else:
            return problem.card_message_id, False
    sent = await bot(SendMessage(chat_id=staff_chat, text=card.text, reply_markup=card.markup))
    log.info("card of %s posted as staff message %s", problem.code, sent.message_id)
    return sent.message_id, True
