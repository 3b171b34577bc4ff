"""The staff card of a problem as it stands now: its code, title, place, how many
residents, the newest appeals, status and assignee, and the buttons the policy
allows. Sent and edited through the outbox like a ticket's card."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.card.callbacks import ProblemAction, ProblemActionKind
from bot.card.render import Renderer, post_link, user_link
from bot.problems.plan_keyboards import plan_button
from bot.problems.roadmap_words import RoadmapWords, plan_lines
from bot.textfit import MESSAGE_LIMIT, cut, visible_length
from bot.texts import Html, Texts, escape
from bot.tickets.staff_directory import StaffDirectory
from storage.models import Priority, Problem, Status, Ticket
from storage.problem_reads import ProblemFacts, problem_state
from storage.problems import ProblemRepository
from storage.roadmap import RoadmapRepository
from storage.rules import STAFF, ProblemChange, Role, problem_buttons

_BADGE = {Status.new: "🆕", Status.assigned: "🟡", Status.answered: "💬", Status.closed: "✅"}
LINE = 70  # of an appeal's text on the card


@dataclass(frozen=True, slots=True)
class ProblemCard:
    problem: Problem
    text: Html
    markup: InlineKeyboardMarkup
    digest: str

    @property
    def unchanged(self) -> bool:
        return self.problem.card_message_id is not None and self.problem.card_digest == self.digest


def problem_label(change: ProblemChange, problem: Problem) -> str:
    if change is ProblemChange.assign and problem.status is not Status.new:
        return "btn-reassign"
    if change in (ProblemChange.merge, ProblemChange.detach, ProblemChange.retitle):
        return f"btn-problem-{change}"
    return f"btn-{change}"


def problem_keyboard(
    problem: Problem, texts: Texts, locale: str, roles: Collection[Role] = STAFF
) -> InlineKeyboardMarkup:
    """Exactly the actions the policy allows ``roles`` on the problem now."""
    keys = [
        InlineKeyboardButton(
            text=texts.get(locale, problem_label(change, problem)),
            callback_data=ProblemAction(
                action=ProblemActionKind(change), problem_id=problem.id
            ).pack(),
        )
        for change in problem_buttons(problem_state(problem), roles)
    ]
    return InlineKeyboardMarkup(inline_keyboard=[keys[n : n + 2] for n in range(0, len(keys), 2)])


def card_markup(problem: Problem, texts: Texts, locale: str) -> InlineKeyboardMarkup:
    """The card's buttons as sent: the problem's own, and its plan's (a merged
    problem has none: its plan is the other one's)."""
    markup = problem_keyboard(problem, texts, locale)
    if problem.merged_into is not None:
        return markup
    button = plan_button(problem.id, RoadmapWords(texts, locale))
    return InlineKeyboardMarkup(inline_keyboard=[*markup.inline_keyboard, [button]])


def problem_text(
    renderer: Renderer,
    problem: Problem,
    facts: ProblemFacts,
    assignee: str | None,
    plan: Sequence[Html] = (),
) -> Html:
    t = renderer.texts
    locale = renderer.staff_locale
    urgent = any(
        a.priority is Priority.urgent for a in facts.newest if a.status is not Status.closed
    )
    badge = "🔴" if urgent and problem.status is not Status.closed else _BADGE[problem.status]
    category = t.get(locale, f"category-{problem.category}") if problem.category else "—"
    lines = [
        t.get(locale, "problem-card-header", badge=badge, code=problem.code, title=problem.title),
        t.get(
            locale,
            "card-reading",
            category=category,
            address=problem.address or t.get(locale, "card-no-address"),
        ),
        t.get(
            locale,
            "problem-card-counts",
            residents=facts.residents,
            appeals=facts.appeals,
            open=facts.open,
        ),
    ]
    if problem.merged_into is not None:
        lines.append(t.get(locale, "problem-card-merged"))
    if facts.newest:
        lines.append(Html(""))
        lines.append(t.get(locale, "problem-card-newest"))
        lines.extend(_appeal_line(renderer, ticket) for ticket in facts.newest)
    lines.append(Html(""))
    lines.extend(plan)
    who = (
        user_link(problem.assignee_id, assignee or str(problem.assignee_id))
        if (problem.assignee_id)
        else t.get(locale, "card-unassigned")
    )
    status = t.get(locale, f"status-{problem.status}")
    lines.append(t.get(locale, "card-status", status=status, assignee=who))
    if problem.resolution:
        resolution = t.get(locale, f"resolution-{problem.resolution}")
        lines.append(t.get(locale, "card-resolution", resolution=resolution))
    lines.append(t.get(locale, "problem-card-reply"))
    while visible_length("\n".join(lines)) > MESSAGE_LIMIT and len(lines) > 4:
        lines.pop(-5)  # the oldest appeal lines give way first
    return Html("\n".join(lines))


def _appeal_line(renderer: Renderer, ticket: Ticket) -> Html:
    """One appeal: its code (a link to the post), its author, a short line of its text."""
    code: Html = escape(ticket.code)
    link = post_link(ticket.source_chat_id, ticket.source_message_id)
    if link:
        code = Html(f'<a href="{escape(link)}">{code}</a>')
    text = " ".join(ticket.text.split())
    excerpt = escape(f"«{cut(text, LINE, '…')}»") if text else Html("")
    mark = "✅ " if ticket.status is Status.closed else ""
    return renderer.texts.get(
        renderer.staff_locale,
        "problem-card-line",
        mark=Html(mark),
        code=code,
        author=escape(ticket.author_name),
        text=excerpt,
    )


class ProblemCards:
    def __init__(
        self,
        problems: ProblemRepository,
        renderer: Renderer,
        directory: StaffDirectory,
        clock: Callable[[], datetime],
        roadmap: RoadmapRepository | None = None,
    ) -> None:
        self.problems = problems
        self.roadmap = roadmap
        self.renderer = renderer
        self.directory = directory
        self.clock = clock

    async def build(self, problem_id: int | None) -> ProblemCard | None:
        """The card of a problem, read from the database now; None if there is none."""
        problem = await self.problems.get(problem_id) if problem_id else None
        if problem is None:
            return None
        facts = await self.problems.facts(problem.id)
        name = self.directory.name(problem.assignee_id) if problem.assignee_id else None
        plan = await plan_lines(self.roadmap, problem, self.renderer) if self.roadmap else []
        text = problem_text(self.renderer, problem, facts, name, plan)
        markup = card_markup(problem, self.renderer.texts, self.renderer.staff_locale)
        digest = hashlib.sha256(f"{text}\n{markup.model_dump_json()}".encode()).hexdigest()[:32]
        return ProblemCard(problem, text, markup, digest)
