"""Answers in the staff chat: a moderator replies to a card or to the bot's
prompt with text or media (an answer, or a note starting with "!"), or with the
reason for a later deadline."""

from __future__ import annotations

import logging
from datetime import date

from aiogram import F, Router
from aiogram.types import Message

from bot.card.callbacks import TicketAction
from bot.card.render import code_in
from bot.config import Settings
from bot.delivery.outgoing import Media
from bot.filters import on_loop
from bot.intake.chat_ids import ChatIds
from bot.intake.classify import Content, content_of
from bot.problems.desk import ProblemDesk
from bot.problems.plan_desk import PlanDesk
from bot.texts import Texts
from bot.tickets.staff_directory import StaffDirectory
from bot.tickets.workflow import Workflow
from handlers.plans import on_plan_reply
from handlers.problem_replies import on_problem_reply
from storage.facts import DeskFacts
from storage.models import Ticket
from storage.outbox import Clock
from storage.problems import ProblemRepository
from storage.reads import MessageLink
from storage.records import AnswerDraft
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

NOTE_MARK = "!"


async def on_reply(
    message: Message,
    settings: Settings,
    tickets: TicketRepository,
    problems: ProblemRepository,
    problem_desk: ProblemDesk,
    facts: DeskFacts,
    workflow: Workflow,
    directory: StaffDirectory,
    texts: Texts,
    plan_desk: PlanDesk,
    clock: Clock,
) -> None:
    assert message.reply_to_message is not None
    replied, locale = message.reply_to_message, settings.locale.default
    link = await tickets.by_message(settings.staff.chat_id, replied.message_id)
    if link is None and replied.from_user and replied.from_user.id == message.bot.id:
        link = await _orphan_card(replied, tickets, settings.staff.chat_id)
    problem = None
    if link is None:
        problem = await problems.by_message(settings.staff.chat_id, replied.message_id)
    if problem is None and (link is None or link.role not in ("card", "prompt")):
        return  # ordinary conversation among the staff
    if problem is not None and problem.role.startswith("plan_"):
        # Heads set plans too: the plan's policy says who may, not the moderators' list.
        await on_plan_reply(message, problem, settings, plan_desk, directory, texts, clock)
        return
    user = message.from_user
    if user is None or not directory.is_moderator(user.id):
        await message.reply(texts.get(locale, "answer-not-staff"))
        return
    directory.remember(user)
    if problem is not None:
        await on_problem_reply(message, problem, problems, problem_desk, tickets, texts, locale)
        return
    assert link is not None
    content = content_of(message)
    if content is None or (content.media_type and content.media_type not in set(Media)):
        await message.reply(texts.get(locale, "answer-unsupported"))
        return
    day = await facts.extension_prompt(replied.message_id) if link.role == "prompt" else None
    if link.role == "prompt" and await facts.address_prompt(replied.message_id):
        await _readdress(message, link.ticket, content, workflow, texts, locale)
    elif day is not None:
        await _extend(message, link.ticket, day, content, workflow, texts, locale)
    else:
        await _answer(message, link.ticket, content, workflow, texts, locale)


async def _answer(
    message: Message,
    ticket: Ticket,
    content: Content,
    workflow: Workflow,
    texts: Texts,
    locale: str,
) -> None:
    """An answer to the resident, or (starting with "!") a note for the staff."""
    assert message.from_user is not None
    user_id, text = message.from_user.id, content.text.strip()
    if text.startswith(NOTE_MARK) and not content.media_type:
        note = text.removeprefix(NOTE_MARK).strip()
        if not note:
            return
        outcome = await workflow.note(
            ticket.id, AnswerDraft(user_id, note), reply_to=message.message_id
        )
    else:
        draft = AnswerDraft(user_id, text, content.media_type, content.media_file_id)
        outcome = await workflow.answer(ticket.id, draft, reply_to=message.message_id)
    if outcome is not None and not outcome.done:
        await message.reply(texts.get(locale, "answer-closed", code=outcome.ticket.code))


async def _extend(
    message: Message,
    ticket: Ticket,
    day: date,
    content: Content,
    workflow: Workflow,
    texts: Texts,
    locale: str,
) -> None:
    """The reply to an extension prompt: its text is the reason."""
    assert message.from_user is not None
    reason = content.text.strip()
    if not reason or content.media_type:
        await message.reply(texts.get(locale, "extend-reason-needed"))
        return
    outcome = await workflow.extend(
        ticket.id, message.from_user.id, day, reason, reply_to=message.message_id
    )
    if outcome is None or not outcome.done:
        now = outcome.ticket if outcome else ticket
        await message.reply(texts.get(locale, "extend-refused", code=now.code))


async def _readdress(
    message: Message,
    ticket: Ticket,
    content: Content,
    workflow: Workflow,
    texts: Texts,
    locale: str,
) -> None:
    """The reply to an address prompt: its text is the ticket's address."""
    assert message.from_user is not None
    written = content.text.strip()
    if not written or content.media_type:
        await message.reply(texts.get(locale, "address-needed"))
        return
    outcome = await workflow.readdress(ticket.id, message.from_user.id, written)
    if outcome is None or not outcome.done:
        await message.reply(texts.get(locale, "address-refused", code=ticket.code))


async def _orphan_card(
    replied: Message, tickets: TicketRepository, staff_chat: int
) -> MessageLink | None:
    """A card sent just before a crash and never recorded: its buttons and its
    first line still name the ticket (lists and other messages have no buttons)."""
    markup = replied.reply_markup
    ids = {
        TicketAction.unpack(button.callback_data).ticket_id
        for row in (markup.inline_keyboard if markup else [])
        for button in row
        if button.callback_data and button.callback_data.startswith("t:")
    }
    ticket = await tickets.get(ids.pop()) if len(ids) == 1 else None
    if ticket is None or code_in(replied.text or replied.caption) != ticket.code:
        return None
    log.warning("card message %s was never recorded; it is %s's", replied.message_id, ticket.code)
    return await tickets.adopt(
        staff_chat, replied.message_id, ticket.code, chat_key=ticket.chat_key, role="card"
    )


def get_router(settings: Settings, chat_ids: ChatIds) -> Router:
    router = Router(name="staff-replies")
    router.message.register(
        on_reply,
        on_loop(F.chat.id.in_(chat_ids.staff)),
        on_loop(F.reply_to_message & ~F.text.startswith("/")),
    )
    return router
