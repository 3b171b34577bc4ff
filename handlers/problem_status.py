"""A problem's state for anyone, privately: ``/problem P-12`` or the deep link
``/start p12``; and 🔔 to follow a problem one did not post about (its plan's
changes are then told privately, as to the residents who posted)."""

from __future__ import annotations

import logging
import re

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.card.callbacks import RowId
from bot.filters import on_loop
from bot.languages import Languages
from bot.problems.plan_desk import PlanDesk
from bot.texts import Html, Texts
from handlers.resident import _reachable, _say
from storage.problems import ProblemRepository
from storage.residents import ResidentRepository
from storage.roadmap import RoadmapRepository

log = logging.getLogger(__name__)

_CODE = re.compile(r"^\s*[PpРр]-?\s*(\d{1,9})\s*$")  # "P-12", "p12", "Р-12" typed in Cyrillic
DEEP_LINK = re.compile(r"^p(\d{1,9})$")


class Follow(CallbackData, prefix="f"):
    """🔔 / 🔕 under a problem's state: ``f:<problem_id>:<1|0>``."""

    problem_id: RowId
    on: bool


async def _show(
    message: Message,
    number: int | None,
    residents: ResidentRepository,
    languages: Languages,
    problems: ProblemRepository,
    roadmap: RoadmapRepository,
    plan_desk: PlanDesk,
    texts: Texts,
) -> None:
    assert message.from_user is not None
    user = message.from_user
    locale = await _reachable(user, residents, languages)
    problem = await problems.by_code(f"P-{number}") if number is not None else None
    plan = await roadmap.plan(problem.id) if problem is not None else None
    if problem is None or plan is None or problem.merged_into is not None:
        await _say(message, residents, texts.get(locale, "problem-status-unknown"))
        return
    residents_count = (await problems.facts(problem.id, newest=0)).residents
    text = plan_desk.told(problem, plan, locale, "problem-status", more=False)
    text = Html(f"{text}\n{texts.get(locale, 'problem-status-residents', count=residents_count)}")
    posted = any(t.author_id == user.id for t in await problems.appeals(problem.id, 1000))
    following = user.id in await roadmap.followers(problem.id)
    markup = None if posted else _follow_button(problem.id, not following, texts, locale)
    log.info("user %s looked at %s", user.id, problem.code)
    await _say(message, residents, text, reply_markup=markup)


def _follow_button(problem_id: int, on: bool, texts: Texts, locale: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    key = "btn-follow" if on else "btn-unfollow"
    builder.button(
        text=texts.plain(locale, key), callback_data=Follow(problem_id=problem_id, on=on)
    )
    return builder.as_markup()


async def on_problem(
    message: Message,
    command: CommandObject,
    residents: ResidentRepository,
    languages: Languages,
    problems: ProblemRepository,
    roadmap: RoadmapRepository,
    plan_desk: PlanDesk,
    texts: Texts,
) -> None:
    """``/problem P-12``, and the deep link ``/start p12``."""
    pattern = DEEP_LINK if command.command == "start" else _CODE
    found = pattern.match(command.args or "")
    number = int(found.group(1)) if found else None
    await _show(message, number, residents, languages, problems, roadmap, plan_desk, texts)


async def on_follow(
    query: CallbackQuery,
    callback_data: Follow,
    roadmap: RoadmapRepository,
    problems: ProblemRepository,
    languages: Languages,
    texts: Texts,
) -> None:
    user = query.from_user
    locale = await languages.of(user.id, user.language_code)
    problem = await problems.get(callback_data.problem_id)
    if problem is None:
        await query.answer(texts.plain(locale, "problem-status-unknown"), show_alert=True)
        return
    await roadmap.follow(problem.id, user.id, callback_data.on)
    key = "follow-problem-on" if callback_data.on else "follow-problem-off"
    await query.answer(texts.plain(locale, key, code=problem.code))
    if isinstance(query.message, Message):
        button = _follow_button(problem.id, not callback_data.on, texts, locale)
        await query.message.edit_reply_markup(reply_markup=button)


def get_router() -> Router:
    router = Router(name="problem-status")
    router.message.filter(on_loop(F.chat.type == "private"))
    router.callback_query.filter(on_loop(F.message.chat.type == "private"))
    router.message.register(on_problem, Command("problem"))
    router.message.register(
        on_problem, CommandStart(deep_link=True, magic=F.args.regexp(DEEP_LINK))
    )
    router.callback_query.register(on_follow, Follow.filter())
    return router
