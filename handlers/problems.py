"""The staff chat's problem card buttons: one handler per action, each behind the
gate in problem_press.py (staff only, the problem's current card, the policy
allows it). Answers, titles and "merge P-7" by reply: problem_replies.py."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, ForceReply, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.card.callbacks import ProblemAction, ProblemActionKind
from bot.card.keyboards import CLOSING
from bot.card.problem_card import card_markup
from bot.card.render import user_link
from bot.handler_calls import aside
from bot.intake.chat_ids import ChatIds
from bot.problems.desk import ProblemDesk
from bot.textfit import cut
from bot.texts import Texts
from handlers.problem_press import ProblemPress, ProblemPresses
from storage.models import Problem, Resolution
from storage.problems import ProblemRepository
from storage.tickets import TicketRepository

# Appeals a "detach" list offers: the newest (older ones by reply "detach H-3").
DETACH_CHOICES = 8


def on(action: ProblemActionKind) -> object:
    return ProblemAction.filter(F.action == action)


def _choices(
    problem: Problem, options: list[tuple[str, ProblemActionKind, str]], texts: Texts, locale: str
) -> InlineKeyboardMarkup:
    """A list of choices on the card, and back."""
    builder = InlineKeyboardBuilder()
    for label, action, arg in options:
        builder.button(
            text=label, callback_data=ProblemAction(action=action, problem_id=problem.id, arg=arg)
        )
    builder.button(
        text=texts.get(locale, "btn-back"),
        callback_data=ProblemAction(action=ProblemActionKind.back, problem_id=problem.id),
    )
    return builder.adjust(1).as_markup()


async def take(query: CallbackQuery, press: ProblemPress, problem_desk: ProblemDesk) -> None:
    outcome = await problem_desk.take(press.problem.id, press.user_id)
    if not await press.refused(outcome):
        await press.toast("press-problem-took", code=press.problem.code)


async def assign(
    query: CallbackQuery,
    press: ProblemPress,
    callback_data: ProblemAction,
    problem_desk: ProblemDesk,
) -> None:
    problem, arg, directory = press.problem, callback_data.arg, press.directory
    if arg is None:
        await press.toast("press-problem-choose-moderator", code=problem.code)
        options = [
            (f"👤 {name}", ProblemActionKind.assign, str(user_id))
            for user_id, name in directory.moderators()
        ]
        await press.keyboard(_choices(problem, options, press.texts, press.locale))
        return
    if not (arg.isascii() and arg.isdigit()) or not directory.is_moderator(int(arg)):
        await press.alert("press-not-moderator-choice")
        return
    outcome = await problem_desk.assign(problem.id, press.user_id, int(arg))
    if not await press.refused(outcome):
        await press.toast(
            "press-problem-assigned", code=problem.code, name=directory.name(int(arg))
        )


async def answer(query: CallbackQuery, press: ProblemPress, problems: ProblemRepository) -> None:
    await press.toast("press-answer-prompt")
    aside(
        _prompt(press, problems, "problem-answer-prompt"),
        f"the answer prompt of {press.problem.code}",
    )


async def retitle(query: CallbackQuery, press: ProblemPress, problems: ProblemRepository) -> None:
    await press.toast("press-problem-retitle")
    aside(
        _prompt(press, problems, "problem-retitle-prompt", role="title"),
        f"the title prompt of {press.problem.code}",
    )


async def close(
    query: CallbackQuery,
    press: ProblemPress,
    callback_data: ProblemAction,
    problem_desk: ProblemDesk,
) -> None:
    problem, arg = press.problem, callback_data.arg
    if arg is None:
        await press.toast("press-problem-choose-resolution", code=problem.code)
        options = [
            (press.texts.plain(press.locale, f"btn-close-{r}"), ProblemActionKind.close, r.value)
            for r in CLOSING
        ]
        await press.keyboard(_choices(problem, options, press.texts, press.locale))
        return
    if arg not in {r.value for r in CLOSING}:
        await press.alert("press-unavailable")
        return
    resolution = Resolution(arg)
    outcome = await problem_desk.close(problem.id, press.user_id, resolution)
    if not await press.refused(outcome):
        named = press.texts.plain(press.locale, f"resolution-{resolution}")
        await press.toast("press-problem-closed", code=problem.code, resolution=named)


async def reopen(query: CallbackQuery, press: ProblemPress, problem_desk: ProblemDesk) -> None:
    outcome = await problem_desk.reopen(press.problem.id, press.user_id)
    if not await press.refused(outcome):
        await press.toast("press-problem-reopened", code=press.problem.code)


async def merge(
    query: CallbackQuery,
    press: ProblemPress,
    callback_data: ProblemAction,
    problem_desk: ProblemDesk,
    problems: ProblemRepository,
) -> None:
    """🔗: a few open problems to merge this one into (or a reply "merge P-7")."""
    problem, arg = press.problem, callback_data.arg
    if arg is None:
        candidates = await problems.merge_candidates(problem)
        if not candidates:
            await press.alert("press-problem-no-merge", code=problem.code)
            return
        await press.toast("press-problem-choose-merge", code=problem.code)
        options = [
            (f"🔗 {p.code} · {cut(p.title, 40, '…')}", ProblemActionKind.merge, str(p.id))
            for p in candidates
        ]
        await press.keyboard(_choices(problem, options, press.texts, press.locale))
        return
    if not (arg.isascii() and arg.isdigit()):
        await press.alert("press-unavailable")
        return
    outcome = await problem_desk.merge(problem.id, int(arg), press.user_id)
    if not await press.refused(outcome):
        assert outcome is not None and outcome.problem is not None
        await press.toast("press-problem-merged", code=problem.code, into=outcome.problem.code)


async def detach(
    query: CallbackQuery,
    press: ProblemPress,
    callback_data: ProblemAction,
    problem_desk: ProblemDesk,
    problems: ProblemRepository,
    tickets: TicketRepository,
) -> None:
    """✂️: the newest appeals to choose from; the chosen one gets its own card back."""
    problem, arg = press.problem, callback_data.arg
    if arg is None:
        appeals = await problems.appeals(problem.id, DETACH_CHOICES)
        if not appeals:
            await press.alert("press-problem-nothing-to-detach", code=problem.code)
            return
        await press.toast("press-problem-choose-detach", code=problem.code)
        options = [
            (f"✂️ {t.code} · {cut(t.author_name, 30, '…')}", ProblemActionKind.detach, str(t.id))
            for t in appeals
        ]
        await press.keyboard(_choices(problem, options, press.texts, press.locale))
        return
    ticket = await tickets.get(int(arg)) if arg.isascii() and arg.isdigit() else None
    if ticket is None or ticket.problem_id != problem.id:
        await press.alert("press-problem-gone")  # detached meanwhile, or forged
        return
    outcome = await problem_desk.detach(ticket.id, press.user_id)
    if not await press.refused(outcome):
        await press.toast("press-problem-detached", ticket=ticket.code, code=problem.code)


async def back(query: CallbackQuery, press: ProblemPress) -> None:
    await query.answer()
    await press.keyboard(card_markup(press.problem, press.texts, press.locale))


async def _prompt(
    press: ProblemPress, problems: ProblemRepository, key: str, role: str = "prompt"
) -> None:
    """A prompt under the card that the moderator replies to (the answer, a title)."""
    problem = press.problem
    moderator = user_link(press.user_id, press.query.from_user.full_name)
    prompt = await press.bot.send_message(
        press.staff_chat,
        press.texts.get(press.locale, key, moderator=moderator, code=problem.code),
        reply_parameters={"message_id": problem.card_message_id},
        reply_markup=ForceReply(selective=True),
    )
    await problems.link_message(press.staff_chat, prompt.message_id, problem.id, role)


_HANDLERS = {
    ProblemActionKind.take: take,
    ProblemActionKind.assign: assign,
    ProblemActionKind.answer: answer,
    ProblemActionKind.close: close,
    ProblemActionKind.reopen: reopen,
    ProblemActionKind.merge: merge,
    ProblemActionKind.detach: detach,
    ProblemActionKind.retitle: retitle,
    ProblemActionKind.back: back,
}


def get_router(chat_ids: ChatIds) -> Router:
    router = Router(name="staff-problems")
    router.callback_query.middleware(ProblemPresses(chat_ids.staff))
    for action, handler in _HANDLERS.items():
        router.callback_query.register(handler, on(action))
    return router
