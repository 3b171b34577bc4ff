"""How the roadmap's values read in a language: a plan's status, its funding and the
organisation responsible (a known one by the catalogue, any other as configured)."""

from __future__ import annotations

from datetime import date

from bot.config_roadmap import KNOWN_ORGANISATIONS
from bot.texts import Texts
from storage.roadmap_reads import Funding, RoadmapItem
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


def day(value: date | None) -> str:
    """A date as people in Kazakhstan write it."""
    return value.strftime("%d.%m.%Y") if value else ""
