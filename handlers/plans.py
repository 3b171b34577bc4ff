"""A problem's plan, set from its card in the staff chat by moderators and heads:
🗺 opens the plan's buttons (who, what, by when, paid from where, and the status
changes the policy allows); the measure, another date and the reason a problem is
not planned are replies to a prompt under the card (see :func:`on_plan_reply`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, ForceReply, InlineKeyboardMarkup, Message

from bot.card.problem_card import card_markup
from bot.card.render import user_link
from bot.config import Settings
from bot.filters import on_loop
from bot.intake.chat_ids import ChatIds
from bot.problems.plan_desk import PlanDesk
from bot.problems.plan_keyboards import (
    ASK,
    PlanAction,
    PlanStep,
    due_choices,
    funding_choices,
    organisation_choices,
    plan_menu,
)
from bot.problems.roadmap_words import RoadmapWords, day
from bot.texts import Texts
from bot.tickets.staff_directory import StaffDirectory
from storage.models import Problem
from storage.outbox import Clock
from storage.problem_reads import ProblemLink
from storage.problems import ProblemRepository
from storage.roadmap import Funding, Plan, PlanEdit, RoadmapRepository
from storage.rules import PLANNERS, PlanChange, Refusal, Role

log = logging.getLogger(__name__)

PROMPTS = {  # the step, the role of its prompt under the card
    PlanStep.measure: "plan_measure",
    PlanStep.due: "plan_due",
    PlanStep.decline: "plan_reason",
}
_CHANGES = {
    PlanStep.start: PlanChange.start,
    PlanStep.finish: PlanChange.finish,
    PlanStep.replan: PlanChange.replan,
}


@dataclass
class PlanPress:
    """One press by a planner on a problem's current card."""

    query: CallbackQuery
    message: Message
    problem: Problem
    plan: Plan
    roles: frozenset[Role]
    words: RoadmapWords
    arg: str | None

    async def alert(self, key: str, **args: object) -> None:
        await self.query.answer(self.words.plain(key, **args), show_alert=True)

    async def keyboard(self, markup: InlineKeyboardMarkup) -> None:
        await self.query.answer()
        try:
            await self.message.edit_reply_markup(reply_markup=markup)
        except TelegramAPIError as exc:
            if "not modified" not in exc.message:
                raise

    async def change(self, desk: PlanDesk, change: PlanChange, edit: PlanEdit) -> None:
        outcome = await desk.change(
            self.problem.id, change, self.query.from_user.id, self.roles, edit
        )
        words, code = self.words, self.problem.code
        if outcome.done:
            assert outcome.plan is not None
            status = words.status(outcome.plan.status)
            await self.query.answer(words.plain("press-plan-done", code=code, status=status))
        elif outcome.refusal is Refusal.role:
            await self.alert("press-not-staff")
        else:
            status = words.status(outcome.before) if outcome.before else "—"
            await self.alert("press-plan-refused", code=code, status=status)


async def _admit(
    query: CallbackQuery,
    data: PlanAction,
    settings: Settings,
    problems: ProblemRepository,
    roadmap: RoadmapRepository,
    directory: StaffDirectory,
    texts: Texts,
) -> PlanPress | None:
    """Who pressed, on which problem's current card; every refusal answered here."""
    words = RoadmapWords(texts, settings.locale.default)
    roles = directory.roles(query.from_user.id)
    shown = query.message
    problem = await problems.get(data.problem_id)
    plan = await roadmap.plan(data.problem_id)
    if PLANNERS.isdisjoint(roles):
        await query.answer(words.plain("press-not-staff"), show_alert=True)
    elif problem is None or plan is None or not isinstance(shown, Message):
        await query.answer(words.plain("press-problem-unknown"), show_alert=True)
    elif problem.card_message_id != shown.message_id:
        await query.answer(words.plain("press-problem-stale", code=problem.code), show_alert=True)
    else:
        return PlanPress(query, shown, problem, plan, roles, words, data.arg)
    return None


async def on_menu(query: CallbackQuery, callback_data: PlanAction, **deps: Any) -> None:
    """🗺 on the card: the plan's buttons; ◀️: the card's own again."""
    press = await _admit(query, callback_data, **_gate(deps))
    if press is None:
        return
    if callback_data.step is PlanStep.back:
        await press.keyboard(card_markup(press.problem, press.words.texts, press.words.locale))
    else:
        await press.keyboard(plan_menu(press.plan, press.roles, press.words))


async def on_organisation(
    query: CallbackQuery, callback_data: PlanAction, plan_desk: PlanDesk, **deps: Any
) -> None:
    press = await _admit(query, callback_data, **_gate(deps))
    if press is None:
        return
    names: list[str] = deps["settings"].roadmap.organisations
    if press.arg is None:
        await press.keyboard(organisation_choices(press.plan, names, press.words))
    elif press.arg.isascii() and press.arg.isdigit() and int(press.arg) < len(names):
        edit = PlanEdit(organisation=names[int(press.arg)])
        await press.change(plan_desk, PlanChange.plan, edit)
    else:
        await press.alert("press-unavailable")


async def on_funding(
    query: CallbackQuery, callback_data: PlanAction, plan_desk: PlanDesk, **deps: Any
) -> None:
    press = await _admit(query, callback_data, **_gate(deps))
    if press is None:
        return
    if press.arg is None:
        await press.keyboard(funding_choices(press.plan, press.words))
    elif press.arg in set(Funding):
        await press.change(plan_desk, PlanChange.plan, PlanEdit(funding=Funding(press.arg)))
    else:
        await press.alert("press-unavailable")


async def on_due(
    query: CallbackQuery,
    callback_data: PlanAction,
    plan_desk: PlanDesk,
    clock: Clock,
    bot: Bot,
    **deps: Any,
) -> None:
    press = await _admit(query, callback_data, **_gate(deps))
    if press is None:
        return
    today = clock().astimezone(deps["settings"].locale.zone).date()
    if press.arg is None:
        await press.keyboard(due_choices(press.plan, today, press.words))
    elif press.arg == ASK:
        await _prompt(press, PlanStep.due, bot, deps["settings"], deps["problems"])
    elif (when := parse_date(press.arg)) is not None and when > today:
        await press.change(plan_desk, PlanChange.plan, PlanEdit(due_on=when))
    else:
        await press.alert("press-unavailable")


async def on_status(
    query: CallbackQuery, callback_data: PlanAction, plan_desk: PlanDesk, **deps: Any
) -> None:
    """▶️ started, ✅ done, 🔁 planned again."""
    press = await _admit(query, callback_data, **_gate(deps))
    if press is not None:
        await press.change(plan_desk, _CHANGES[callback_data.step], PlanEdit())


async def on_prompt(query: CallbackQuery, callback_data: PlanAction, bot: Bot, **deps: Any) -> None:
    """📝 the measure, 🚫 not planned: a prompt under the card to reply to."""
    press = await _admit(query, callback_data, **_gate(deps))
    if press is not None:
        await _prompt(press, callback_data.step, bot, deps["settings"], deps["problems"])


async def _prompt(
    press: PlanPress, step: PlanStep, bot: Bot, settings: Settings, problems: ProblemRepository
) -> None:
    await press.query.answer(press.words.plain("press-plan-reply"))
    name = user_link(press.query.from_user.id, press.query.from_user.full_name)
    prompt = await bot.send_message(
        settings.staff.chat_id,
        press.words.texts.get(
            press.words.locale,
            f"plan-prompt-{PROMPTS[step]}",
            moderator=name,
            code=press.problem.code,
        ),
        reply_parameters={"message_id": press.message.message_id},
        reply_markup=ForceReply(selective=True),
    )
    await problems.link_message(
        settings.staff.chat_id, prompt.message_id, press.problem.id, PROMPTS[step]
    )


_GATE = ("settings", "problems", "roadmap", "directory", "texts")


def _gate(deps: dict[str, Any]) -> dict[str, Any]:
    return {name: deps[name] for name in _GATE}


def parse_date(value: str | None) -> date | None:
    """YYYYMMDD from a button, or DD.MM.YYYY / YYYY-MM-DD as people write it."""
    text = (value or "").strip()
    for parse in (
        lambda v: (
            date(int(v[:4]), int(v[4:6]), int(v[6:8])) if len(v) == 8 and v.isdigit() else None
        ),
        lambda v: date.fromisoformat(v),
        lambda v: date(*reversed([int(p) for p in v.split(".")])) if v.count(".") == 2 else None,
    ):
        try:
            found = parse(text)
        except (ValueError, TypeError):
            continue
        if found is not None:
            return found
    return None


async def on_plan_reply(
    message: Message,
    link: ProblemLink,
    settings: Settings,
    plan_desk: PlanDesk,
    directory: StaffDirectory,
    texts: Texts,
    clock: Clock,
) -> None:
    """A reply to a plan prompt: the measure, a due date, or why it is not planned."""
    assert message.from_user is not None
    locale = settings.locale.default
    roles = directory.roles(message.from_user.id)
    if PLANNERS.isdisjoint(roles):
        await message.reply(texts.get(locale, "answer-not-staff"))
        return
    text = (message.text or "").strip()
    if not text:
        await message.reply(texts.get(locale, "plan-reply-text-needed"))
        return
    problem = link.problem
    if link.role == "plan_due":
        when = parse_date(text)
        today = clock().astimezone(settings.locale.zone).date()
        if when is None or when <= today:
            await message.reply(texts.get(locale, "plan-reply-bad-date", example=day(today)))
            return
        change, edit = PlanChange.plan, PlanEdit(due_on=when)
    elif link.role == "plan_reason":
        change, edit = PlanChange.decline, PlanEdit(reason=text)
    else:
        change, edit = PlanChange.plan, PlanEdit(measure=text)
    outcome = await plan_desk.change(problem.id, change, message.from_user.id, roles, edit)
    if not outcome.done:
        words = RoadmapWords(texts, locale)
        status = words.status(outcome.before) if outcome.before else "—"
        await message.reply(
            texts.get(locale, "press-plan-refused", code=problem.code, status=status)
        )


def get_router(chat_ids: ChatIds) -> Router:
    router = Router(name="plans")
    in_staff_chat = on_loop(F.message.chat.id.in_(chat_ids.staff))
    for handler, steps in (
        (on_menu, (PlanStep.menu, PlanStep.back)),
        (on_organisation, (PlanStep.org,)),
        (on_funding, (PlanStep.fund,)),
        (on_due, (PlanStep.due,)),
        (on_status, tuple(_CHANGES)),
        (on_prompt, (PlanStep.measure, PlanStep.decline)),
    ):
        router.callback_query.register(handler, PlanAction.filter(F.step.in_(steps)), in_staff_chat)
    return router
