"""How the roadmap's values read in a language: a plan's status, its funding and the
organisation responsible (a known one by the catalogue, any other as configured)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot.config_roadmap import KNOWN_ORGANISATIONS
from bot.textfit import cut
from bot.texts import Html, Texts
from storage.roadmap import Plan
from storage.roadmap_reads import Funding, RoadmapItem

if TYPE_CHECKING:  # the card's renderer and the stores, named for the type only
    from bot.card.render import Renderer
    from storage.models import Problem
    from storage.roadmap import RoadmapRepository
from storage.rules import PlanStatus


class RoadmapWords:
    def __init__(self, texts: Texts, locale: str) -> None:
        self.texts = texts
        self.locale = locale

    def plain(self, key: str, **args: object) -> str:
        return self.texts.plain(self.locale, key, **args)

    def status(self, status: PlanStatus) -> str:
        return self.plain(f"roadmap-status-{status}")

    def funding(self, funding: Funding | None) -> str:
        return self.plain(f"roadmap-funding-{funding}") if funding else ""

    def organisation(self, name: str | None) -> str:
        if not name:
            return ""
        return self.plain(f"roadmap-org-{name}") if name in KNOWN_ORGANISATIONS else name

    def note(self, item: RoadmapItem) -> str:
        if item.status is PlanStatus.not_planned and item.reason:
            return self.plain("roadmap-not-planned-because", reason=item.reason)
        return self.plain("roadmap-overdue") if item.overdue else ""


async def plan_lines(
    roadmap: RoadmapRepository, problem: Problem, renderer: Renderer
) -> list[Html]:
    """The plan on a problem's card: where it stands, by when, who, paid from where, and
    the measure (or why it is not planned). Nothing while it is new and unplanned."""
    plan = await roadmap.plan(problem.id)
    if plan is None or (plan.status is PlanStatus.new and plan == Plan.blank(problem.id)):
        return []
    texts, locale = renderer.texts, renderer.staff_locale
    words = RoadmapWords(texts, locale)
    facts = [words.status(plan.status)]
    if plan.due_on:
        facts.append(texts.plain(locale, "roadmap-list-due", date=day(plan.due_on)))
    facts += [words.organisation(plan.organisation), words.funding(plan.funding)]
    lines = [texts.get(locale, "problem-card-plan", plan=" · ".join(f for f in facts if f))]
    detail = plan.reason if plan.status is PlanStatus.not_planned else plan.measure
    if detail:
        lines.append(texts.get(locale, "roadmap-list-measure", text=cut(detail, 200, "…")))
    return [*lines, Html("")]


def day(value: date | None) -> str:
    """A date as people in Kazakhstan write it."""
    return value.strftime("%d.%m.%Y") if value else ""
