"""Changes to a problem's plan and everything each one sends: the problem's card
refreshed, and, when where it stands changes (or a planned date moves), every
resident who wrote about it told in their language — privately when they have
started the bot, otherwise in one message in their chat that links them. All of
it is queued in the change's own transaction."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass

from bot.card.render import user_link
from bot.config import Settings
from bot.delivery.outgoing import text_message
from bot.languages import Languages
from bot.problems.roadmap_words import RoadmapWords, day
from bot.textfit import cut
from bot.texts import Html, Texts
from storage.models import Outgoing, Problem
from storage.problems import ProblemRepository
from storage.residents import ResidentRepository
from storage.roadmap import Plan, PlanEdit, PlanOutcome, RoadmapRepository
from storage.roadmap_reads import OVERDUE_STATUSES
from storage.rules import PlanChange, PlanStatus, Role

log = logging.getLogger(__name__)

MENTIONS_PER_MESSAGE = 40  # Telegram parses up to 100 entities; the rest is bold and links
DETAIL_EXCERPT = 300


@dataclass(frozen=True, slots=True)
class Resident:
    """One resident who wrote about a problem, and how to reach them."""

    user_id: int
    name: str
    chat_id: int
    chat_key: str
    locale: str
    private: bool


class PlanDesk:
    def __init__(
        self,
        settings: Settings,
        roadmap: RoadmapRepository,
        problems: ProblemRepository,
        residents: ResidentRepository,
        languages: Languages,
        texts: Texts,
    ) -> None:
        self.settings = settings
        self.roadmap = roadmap
        self.problems = problems
        self.residents = residents
        self.languages = languages
        self.texts = texts

    async def change(
        self,
        problem_id: int,
        change: PlanChange,
        actor_id: int,
        roles: Collection[Role],
        edit: PlanEdit = PlanEdit(),  # noqa: B008 - frozen
    ) -> PlanOutcome:
        problem = await self.problems.get(problem_id)
        before = await self.roadmap.plan(problem_id)
        if problem is None or before is None:
            return PlanOutcome(None)
        audience = await self.audience(problem_id)

        def deliver(plan: Plan, status_before: PlanStatus) -> list[Outgoing]:
            out = [Outgoing.problem_card(problem_id, self.settings.staff.chat_id)]
            moved = plan.due_on != before.due_on and plan.status in OVERDUE_STATUSES
            if plan.status is not status_before or moved:
                out += self.telling(problem, plan, audience)
            return out

        outcome = await self.roadmap.change(problem_id, change, actor_id, roles, edit, deliver)
        if outcome.done:
            log.info("problem %s: plan %s by %s", problem.code, change, actor_id)
        return outcome

    async def audience(self, problem_id: int) -> list[Resident]:
        """Everyone who wrote about the problem, once each, newest post first."""
        seen: dict[int, Resident] = {}
        for ticket in await self.problems.appeals(problem_id, 1000):
            if ticket.author_id in seen:
                continue
            chat = self.settings.chat(ticket.chat_key)
            seen[ticket.author_id] = Resident(
                ticket.author_id,
                ticket.author_name,
                ticket.source_chat_id,
                ticket.chat_key,
                await self.languages.of(
                    ticket.author_id,
                    ticket.author_language,
                    fallback=self.settings.chat_locale(chat),
                ),
                await self.residents.reachable(ticket.author_id),
            )
        for user_id in await self.roadmap.followers(problem_id):
            # Followers asked privately, so only privately; not twice if they posted too.
            if user_id not in seen and await self.residents.reachable(user_id):
                locale = await self.languages.of(user_id)
                seen[user_id] = Resident(user_id, "", 0, "", locale, True)
        return list(seen.values())

    def telling(self, problem: Problem, plan: Plan, audience: list[Resident]) -> list[Outgoing]:
        """What each resident is told of ``plan``: one message each privately, and for
        the rest one message per chat (in its language) linking them."""
        out = [
            text_message(r.user_id, self.told(problem, plan, r.locale, "plan-told"))
            for r in audience
            if r.private
        ]
        by_chat: dict[str, list[Resident]] = {}
        for resident in audience:
            if not resident.private:
                by_chat.setdefault(resident.chat_key, []).append(resident)
        for key, people in by_chat.items():
            locale = self.settings.chat_locale(self.settings.chat(key))
            head = self.told(problem, plan, locale, "plan-told-chat")
            for n in range(0, len(people), MENTIONS_PER_MESSAGE):
                group = people[n : n + MENTIONS_PER_MESSAGE]
                links = Html(", ".join(user_link(r.user_id, r.name) for r in group))
                line = self.texts.get(locale, "plan-told-residents", residents=links)
                out.append(text_message(group[0].chat_id, Html(f"{head}\n{line}")))
        return out

    def told(self, problem: Problem, plan: Plan, locale: str, key: str, more: bool = True) -> Html:
        """The plan as residents read it; ``more``: with how to see it again."""
        words = RoadmapWords(self.texts, locale)
        t = self.texts.get
        lines = [
            t(locale, key, code=problem.code, title=problem.title, status=words.status(plan.status))
        ]
        if plan.status is PlanStatus.not_planned and plan.reason:
            lines.append(
                t(locale, "plan-told-reason", reason=cut(plan.reason, DETAIL_EXCERPT, "…"))
            )
        elif plan.measure:
            lines.append(
                t(locale, "plan-told-measure", measure=cut(plan.measure, DETAIL_EXCERPT, "…"))
            )
        if plan.due_on and plan.status in OVERDUE_STATUSES:
            lines.append(t(locale, "plan-told-due", date=day(plan.due_on)))
        if plan.organisation and plan.status is not PlanStatus.not_planned:
            lines.append(
                t(
                    locale,
                    "plan-told-organisation",
                    organisation=words.organisation(plan.organisation),
                )
            )
        if more:
            lines.append(t(locale, "plan-told-more", code=problem.code))
        return Html("\n".join(lines))
