"""Replies in the staff chat to a problem's card or to a prompt under it: the
answer every open appeal in it gets, a new title, "merge P-7", "detach H-3"."""

from __future__ import annotations

import logging
import re

from aiogram.types import Message

from bot.delivery.outgoing import Media
from bot.intake.classify import content_of
from bot.problems.desk import ProblemDesk
from bot.texts import Texts
from storage.problem_reads import ProblemLink
from storage.problems import ProblemRepository
from storage.records import AnswerDraft
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

# The words a moderator may start the reply with, in each of the desk's languages.
_MERGE = re.compile(r"^\s*(?:merge|объединить|біріктіру)\s+(P-\d{1,9})\s*$", re.IGNORECASE)
_DETACH = re.compile(r"^\s*(?:detach|отделить|бөлу)\s+([A-Z]{1,3}-\d{1,9})\s*$", re.IGNORECASE)


async def on_problem_reply(
    message: Message,
    link: ProblemLink,
    problems: ProblemRepository,
    problem_desk: ProblemDesk,
    tickets: TicketRepository,
    texts: Texts,
    locale: str,
) -> None:
    """A moderator's reply (the caller checked who it is) about ``link.problem``."""
    assert message.from_user is not None
    problem, user_id = link.problem, message.from_user.id
    content = content_of(message)
    if content is None or (content.media_type and content.media_type not in set(Media)):
        await message.reply(texts.get(locale, "answer-unsupported"))
        return
    text = content.text.strip()
    if link.role == "title":
        if not text or content.media_type:
            await message.reply(texts.get(locale, "problem-title-needed"))
            return
        outcome = await problem_desk.retitle(problem.id, text, user_id)
        if outcome is None or not outcome.done:
            await message.reply(texts.get(locale, "problem-retitle-refused", code=problem.code))
        return
    if not content.media_type and (merge := _MERGE.match(text)):
        await _merge(
            message, problem.id, problem.code, merge.group(1), problems, problem_desk, texts, locale
        )
        return
    if not content.media_type and (detach := _DETACH.match(text)):
        ticket = await tickets.by_code(detach.group(1))
        if ticket is None or ticket.problem_id != problem.id:
            await message.reply(
                texts.get(
                    locale, "problem-detach-unknown", code=problem.code, ticket=detach.group(1)
                )
            )
            return
        await problem_desk.detach(ticket.id, user_id)
        return
    if text.startswith("!") and not content.media_type:
        return  # a note among the staff: problems keep none of their own
    facts = await problems.facts(problem.id, newest=0)
    if facts.open == 0:
        await message.reply(texts.get(locale, "problem-answer-none", code=problem.code))
        return
    draft = AnswerDraft(user_id, text, content.media_type, content.media_file_id)
    outcome = await problem_desk.answer(problem.id, draft, reply_to=message.message_id)
    if outcome is None or not outcome.done:
        await message.reply(texts.get(locale, "problem-answer-closed", code=problem.code))
        return
    log.info(
        "problem %s: one answer for %d appeals by %s", problem.code, len(outcome.appeals), user_id
    )


async def _merge(
    message: Message,
    problem_id: int,
    code: str,
    into_code: str,
    problems: ProblemRepository,
    problem_desk: ProblemDesk,
    texts: Texts,
    locale: str,
) -> None:
    assert message.from_user is not None
    into = await problems.by_code(into_code)
    if into is None:
        await message.reply(texts.get(locale, "problem-merge-unknown", into=into_code.upper()))
        return
    outcome = await problem_desk.merge(problem_id, into.id, message.from_user.id)
    if outcome is None or not outcome.done:
        await message.reply(texts.get(locale, "problem-merge-refused", code=code, into=into.code))
