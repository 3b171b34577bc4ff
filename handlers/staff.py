"""The staff chat's card buttons: one handler per action, each behind the gate
in card_press.py (staff only, the ticket's current card, the policy allows it).
Answers by reply: staff_replies.py; commands: staff_commands.py."""

from __future__ import annotations

import logging
from datetime import date, datetime

from aiogram import F, Router
from aiogram.types import CallbackQuery, ForceReply

from bot.card.callbacks import Action, TicketAction
from bot.card.keyboards import (
    CLOSING,
    assign_keyboard,
    ban_keyboard,
    card_keyboard,
    category_keyboard,
    close_keyboard,
    extend_keyboard,
)
from bot.card.render import user_link
from bot.config import Settings
from bot.handler_calls import aside
from bot.intake.chat_ids import ChatIds
from bot.problems.desk import ProblemDesk
from bot.reading.category import Category
from bot.tickets.deadlines import extension_options
from bot.tickets.workflow import Workflow
from handlers.card_press import CardPresses, Press
from storage.models import Priority, Resolution
from storage.rules import Refusal
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


def on(action: Action) -> object:
    """The filter of one card button."""
    return TicketAction.filter(F.action == action)


async def take(query: CallbackQuery, press: Press, workflow: Workflow) -> None:
    outcome = await workflow.take(press.ticket.id, press.user_id)
    if not await press.refused(outcome):
        await press.toast("press-took", code=press.ticket.code)


async def assign(
    query: CallbackQuery, press: Press, callback_data: TicketAction, workflow: Workflow
) -> None:
    ticket, arg, directory = press.ticket, callback_data.arg, press.directory
    if arg is None:
        await press.toast("press-choose-moderator", code=ticket.code)
        moderators = directory.moderators()
        await press.keyboard(assign_keyboard(ticket.id, moderators, press.texts, press.locale))
        return
    if not (arg.isascii() and arg.isdigit()) or not directory.is_moderator(int(arg)):
        await press.alert("press-not-moderator-choice")
        return
    outcome = await workflow.assign(ticket.id, press.user_id, int(arg))
    if not await press.refused(outcome):
        await press.toast("press-assigned", code=ticket.code, name=directory.name(int(arg)))


async def answer(query: CallbackQuery, press: Press, workflow: Workflow) -> None:
    await press.toast("press-answer-prompt")
    aside(_prompt(press, workflow, "answer-prompt"), f"the answer prompt of {press.ticket.code}")


async def close(
    query: CallbackQuery, press: Press, callback_data: TicketAction, workflow: Workflow
) -> None:
    ticket, arg = press.ticket, callback_data.arg
    if arg is None:
        await press.toast("press-choose-resolution", code=ticket.code)
        await press.keyboard(close_keyboard(ticket.id, press.texts, press.locale))
        return
    if arg not in {r.value for r in CLOSING}:
        await press.alert("press-unavailable")
        return
    resolution = Resolution(arg)
    outcome = await workflow.close(ticket.id, press.user_id, resolution)
    if not await press.refused(outcome):
        named = press.texts.plain(press.locale, f"resolution-{resolution}")
        await press.toast("press-closed", code=ticket.code, resolution=named)


async def reopen(query: CallbackQuery, press: Press, workflow: Workflow) -> None:
    outcome = await workflow.reopen(press.ticket.id, press.user_id)
    if not await press.refused(outcome):
        await press.toast("press-reopened", code=press.ticket.code)


async def spam(query: CallbackQuery, press: Press, workflow: Workflow) -> None:
    # Answer first: deleting the post is one more round trip to Telegram.
    await press.toast("press-spam", code=press.ticket.code)
    await workflow.spam(press.ticket.id, press.user_id, press.bot)


async def ban(
    query: CallbackQuery, press: Press, callback_data: TicketAction, workflow: Workflow
) -> None:
    ticket = press.ticket
    if callback_data.arg != "yes":
        await press.toast("press-ban-confirm", code=ticket.code)
        await press.keyboard(ban_keyboard(ticket.id, press.texts, press.locale))
        return
    error = await workflow.ban(ticket, press.user_id, press.bot)
    if error:
        await press.alert("press-ban-failed", error=error)
    else:
        await press.toast("press-banned", code=ticket.code)


async def urgent(query: CallbackQuery, press: Press, workflow: Workflow) -> None:
    outcome = await workflow.toggle_urgent(press.ticket.id, press.user_id)
    now_urgent = outcome is not None and outcome.done and outcome.ticket.priority is Priority.urgent
    await press.toast("press-urgent" if now_urgent else "press-not-urgent", code=press.ticket.code)


async def extend(
    query: CallbackQuery,
    press: Press,
    callback_data: TicketAction,
    workflow: Workflow,
    tickets: TicketRepository,
    settings: Settings,
) -> None:
    """⏳: choose a later deadline (within the two-month ceiling), then reply
    to the prompt with the reason, which the resident is told."""
    ticket = press.ticket
    zone = settings.locale.zone
    options = extension_options(ticket.created_at, ticket.resolve_due_at, zone)
    if not options:
        await press.alert("press-extend-max", code=ticket.code)
        return
    if callback_data.arg is None:
        await press.toast("press-extend-choose", code=ticket.code)
        markup = extend_keyboard(ticket.id, options, options[-1], press.texts, press.locale)
        await press.keyboard(markup)
        return
    day = _day(callback_data.arg)
    if day not in options:
        await press.alert("press-unavailable")
        return
    await press.toast("press-extend-reason", code=ticket.code)
    await _own_buttons(press, tickets)
    aside(
        _prompt(press, workflow, "extend-prompt", day),
        f"the extension prompt of {press.ticket.code}",
    )


async def recategorize(
    query: CallbackQuery, press: Press, callback_data: TicketAction, workflow: Workflow
) -> None:
    """🏷: the list of categories; a tap on one corrects the appeal's category."""
    ticket, code = press.ticket, callback_data.arg
    if code is None:
        await press.toast("press-category-choose", code=ticket.code)
        codes = [c.value for c in Category]
        await press.keyboard(category_keyboard(ticket, codes, press.texts, press.locale))
        return
    if code not in Category.__members__:
        await press.alert("press-unavailable")
        return
    outcome = await workflow.recategorize(ticket.id, press.user_id, code)
    if outcome is not None and outcome.refusal is Refusal.repeated:
        await press.toast("press-category-same", code=ticket.code)
    elif not await press.refused(outcome):
        named = press.texts.plain(press.locale, f"category-{code}")
        await press.toast("press-category-set", code=ticket.code, category=named)


async def readdress(
    query: CallbackQuery, press: Press, workflow: Workflow, tickets: TicketRepository
) -> None:
    """📍: a prompt under the card; the moderator replies to it with the address."""
    await press.toast("press-address-prompt", code=press.ticket.code)
    await _own_buttons(press, tickets)
    aside(
        _prompt(press, workflow, "address-prompt", address=True),
        f"the address prompt of {press.ticket.code}",
    )


async def make(
    query: CallbackQuery,
    press: Press,
    callback_data: TicketAction,
    problem_desk: ProblemDesk,
    tickets: TicketRepository,
) -> None:
    """📌: a problem of this appeal; with "pair", of the matching appeals offered too."""
    ids = [press.ticket.id]
    if callback_data.arg == "pair":
        ids += [ticket_id for ticket_id, _ in (await tickets.facts(press.ticket.id)).pair]
    elif callback_data.arg is not None:
        await press.alert("press-unavailable")
        return
    outcome = await problem_desk.make(ids, press.user_id)
    if outcome is not None and outcome.done and outcome.problem is not None:
        await press.toast("press-problem-made", code=outcome.problem.code)
    else:
        await _problem_refused(press, tickets)


async def attach(
    query: CallbackQuery,
    press: Press,
    callback_data: TicketAction,
    problem_desk: ProblemDesk,
    tickets: TicketRepository,
) -> None:
    """📌 "Attach to P-12?": the appeal joins the problem grouping offered."""
    arg = callback_data.arg or ""
    if not (arg.isascii() and arg.isdigit()):
        await press.alert("press-unavailable")
        return
    outcome = await problem_desk.attach(int(arg), press.ticket.id, press.user_id)
    if outcome is not None and outcome.done and outcome.problem is not None:
        await press.toast(
            "press-problem-attached", ticket=press.ticket.code, code=outcome.problem.code
        )
    elif outcome is not None and outcome.problem is not None and outcome.refusal:
        status = press.texts.get(press.locale, f"status-{outcome.problem.status}")
        await press.alert("press-problem-wrong-state", code=outcome.problem.code, status=status)
    else:
        await _problem_refused(press, tickets)


async def detach(
    query: CallbackQuery, press: Press, problem_desk: ProblemDesk, tickets: TicketRepository
) -> None:
    """✂️: the appeal leaves its problem and is worked on its own card again."""
    outcome = await problem_desk.detach(press.ticket.id, press.user_id)
    if outcome is not None and outcome.done and outcome.problem is not None:
        await press.toast(
            "press-problem-detached", ticket=press.ticket.code, code=outcome.problem.code
        )
    else:
        await _problem_refused(press, tickets)


async def _problem_refused(press: Press, tickets: TicketRepository) -> None:
    now = await tickets.get(press.ticket.id) or press.ticket
    status = press.texts.get(press.locale, f"status-{now.status}")
    await press.alert("press-wrong-state", code=now.code, status=status)


async def back(query: CallbackQuery, press: Press, tickets: TicketRepository) -> None:
    await query.answer()
    await _own_buttons(press, tickets)


async def _own_buttons(press: Press, tickets: TicketRepository) -> None:
    """The card's own buttons again, after a choice."""
    facts = await tickets.facts(press.ticket.id)
    await press.keyboard(card_keyboard(press.ticket, press.texts, press.locale, facts))


async def _prompt(
    press: Press, workflow: Workflow, key: str, day: date | None = None, address: bool = False
) -> None:
    """A prompt under the card that the moderator replies to (the answer, a reason,
    an address). Sent beside the update (see :func:`bot.handler_calls.aside`): a
    slow Telegram holds up no one, and the prompt is recorded whenever it answers."""
    ticket = press.ticket
    moderator = user_link(press.user_id, press.query.from_user.full_name)
    extra = {"due": f"{day:%d.%m.%Y}"} if day else {}
    prompt = await press.bot.send_message(
        press.staff_chat,
        press.texts.get(press.locale, key, moderator=moderator, code=ticket.code, **extra),
        reply_parameters={"message_id": ticket.card_message_id},
        reply_markup=ForceReply(selective=True),
    )
    await workflow.prompted(ticket, prompt.message_id, day, address)


def _day(arg: str | None) -> date | None:
    try:
        return datetime.strptime(arg or "", "%Y%m%d").date()
    except ValueError:
        return None


_HANDLERS = {
    Action.take: take,
    Action.assign: assign,
    Action.answer: answer,
    Action.close: close,
    Action.reopen: reopen,
    Action.spam: spam,
    Action.ban: ban,
    Action.urgent: urgent,
    Action.extend: extend,
    Action.recategorize: recategorize,
    Action.readdress: readdress,
    Action.make: make,
    Action.attach: attach,
    Action.detach: detach,
    Action.back: back,
}


def get_router(settings: Settings, chat_ids: ChatIds) -> Router:
    router = Router(name="staff")
    router.callback_query.middleware(CardPresses(chat_ids.staff))
    for action, handler in _HANDLERS.items():
        router.callback_query.register(handler, on(action))
    return router
