"""A problem's plan, set from its card: the button data (``n:<step>:<problem_id>[:<arg>]``,
within 64 bytes: organisations go by their place in the config) and the choices
shown on the card, each derived from the plan policy in storage/rules.py."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Self

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.card.callbacks import RowId
from bot.problems.roadmap_words import RoadmapWords, day
from storage.roadmap import Funding, Plan
from storage.rules import PlanChange, Role, plan_buttons

DUE_IN_DAYS = (14, 30, 90, 180)  # the quick choices of a due date
ASK = "ask"  # the argument that asks for a reply instead of a button


class PlanStep(StrEnum):
    menu = "menu"  # the plan's buttons on the card
    org = "org"  # who is responsible (the list; with an index: that one)
    measure = "measure"  # a prompt to reply to with the measure
    due = "due"  # the date choices; with YYYYMMDD: that date; with "ask": a prompt
    fund = "fund"  # the funding choices; with one: that
    start = "start"
    finish = "finish"
    decline = "decline"  # a prompt to reply to with the reason
    replan = "replan"
    back = "back"  # the card's own buttons again


STATUS_STEPS = {
    PlanChange.start: PlanStep.start,
    PlanChange.finish: PlanStep.finish,
    PlanChange.decline: PlanStep.decline,
    PlanChange.replan: PlanStep.replan,
}


class PlanAction(CallbackData, prefix="n"):
    step: PlanStep
    problem_id: RowId
    arg: str | None = None

    def pack(self) -> str:
        packed = super().pack()
        return packed.removesuffix(self.__separator__) if self.arg is None else packed

    @classmethod
    def unpack(cls, value: str) -> Self:
        if value.count(cls.__separator__) == len(cls.model_fields) - 1:
            value += cls.__separator__
        return super().unpack(value)


def plan_button(problem_id: int, words: RoadmapWords) -> InlineKeyboardButton:
    """The card's way into its plan."""
    return InlineKeyboardButton(
        text=words.plain("btn-plan"),
        callback_data=PlanAction(step=PlanStep.menu, problem_id=problem_id).pack(),
    )


def _button(builder: InlineKeyboardBuilder, text: str, step: PlanStep, pid: int, arg=None) -> None:
    builder.button(text=text, callback_data=PlanAction(step=step, problem_id=pid, arg=arg))


def plan_menu(plan: Plan, roles: frozenset[Role], words: RoadmapWords) -> InlineKeyboardMarkup:
    """What can be set now, and the status changes the policy allows."""
    builder = InlineKeyboardBuilder()
    pid = plan.problem_id
    allowed = plan_buttons(plan.status, roles, has_plan=plan.has_plan)
    if PlanChange.plan in allowed:
        for step in (PlanStep.org, PlanStep.measure, PlanStep.due, PlanStep.fund):
            _button(builder, words.plain(f"btn-plan-{step}"), step, pid)
    for change in allowed:
        if change in STATUS_STEPS:
            _button(builder, words.plain(f"btn-plan-{change}"), STATUS_STEPS[change], pid)
    _button(builder, words.plain("btn-back"), PlanStep.back, pid)
    return builder.adjust(2).as_markup()


def _choices(pid: int, options: list[tuple[str, PlanStep, str]], words: RoadmapWords):
    builder = InlineKeyboardBuilder()
    for text, step, arg in options:
        _button(builder, text, step, pid, arg)
    _button(builder, words.plain("btn-back"), PlanStep.menu, pid)
    return builder.adjust(1).as_markup()


def _mark(chosen: bool) -> str:
    return "✓ " if chosen else ""


def organisation_choices(
    plan: Plan, organisations: list[str], words: RoadmapWords
) -> InlineKeyboardMarkup:
    options = [
        (
            ("✓ " if name == plan.organisation else "") + words.organisation(name),
            PlanStep.org,
            str(n),
        )
        for n, name in enumerate(organisations)
    ]
    return _choices(plan.problem_id, options, words)


def due_choices(plan: Plan, today: date, words: RoadmapWords) -> InlineKeyboardMarkup:
    dates = [today + timedelta(days=n) for n in DUE_IN_DAYS] + [date(today.year, 12, 31)]
    options = [
        (f"📅 {day(when)}", PlanStep.due, f"{when:%Y%m%d}")
        for when in sorted(set(dates))
        if when > today
    ]
    options.append((words.plain("btn-plan-due-other"), PlanStep.due, ASK))
    return _choices(plan.problem_id, options, words)


def funding_choices(plan: Plan, words: RoadmapWords) -> InlineKeyboardMarkup:
    options = [
        (_mark(funding is plan.funding) + words.funding(funding), PlanStep.fund, funding)
        for funding in Funding
    ]
    return _choices(plan.problem_id, options, words)
