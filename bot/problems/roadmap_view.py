"""The roadmap in Telegram, as the akim and the staff read it with /roadmap:
overdue plans first, then by status and due date, a page at a time with buttons."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from pydantic import Field

from bot.config import Settings
from bot.problems.roadmap_words import RoadmapWords, day
from bot.textfit import cut
from bot.texts import Html, Texts
from storage.roadmap import RoadmapItem, RoadmapPage, RoadmapRepository
from storage.rules import PlanStatus

MEASURE_EXCERPT = 160  # of a measure or a reason in the list
TITLE_EXCERPT = 80


class RoadmapPageData(CallbackData, prefix="m"):
    """A page of /roadmap: ``m:<page>``."""

    page: Annotated[int, Field(ge=0, le=100_000)]


class RoadmapView:
    def __init__(self, settings: Settings, texts: Texts, roadmap: RoadmapRepository) -> None:
        self.settings = settings
        self.texts = texts
        self.roadmap = roadmap

    async def render(
        self, today: date, page: int, locale: str
    ) -> tuple[Html, InlineKeyboardMarkup | None]:
        """One page of the roadmap and its buttons."""
        size = self.settings.roadmap.page_size
        shown = await self.roadmap.page(today, page, size)
        counts = await self.roadmap.counts()
        overdue = await self.roadmap.overdue_count(today)
        words = RoadmapWords(self.texts, locale)
        lines = [
            self.texts.get(
                locale,
                "roadmap-list-title",
                page=shown.page + 1,
                pages=shown.pages,
                total=shown.total,
            )
        ]
        if not shown.total:
            return Html("\n".join([*lines, self.texts.get(locale, "roadmap-list-empty")])), None
        lines.append(self._counts(words, counts, overdue))
        for number, item in enumerate(shown.items, start=shown.page * size + 1):
            lines += ["", *self._item(words, number, item)]
        return Html("\n".join(lines)), self._keyboard(shown, locale)

    def _counts(self, words: RoadmapWords, counts: dict[str, int], overdue: int) -> Html:
        parts = []
        if overdue:
            parts.append(self.texts.get(words.locale, "roadmap-list-overdue", count=overdue))
        parts += [
            self.texts.get(words.locale, "roadmap-list-count", status=words.status(s), count=n)
            for s in PlanStatus
            if (n := counts.get(s.value, 0))
        ]
        return Html(" · ".join(parts))

    def _item(self, words: RoadmapWords, number: int, item: RoadmapItem) -> list[Html]:
        locale = words.locale
        head = self.texts.get(
            locale,
            "roadmap-list-item",
            number=number,
            mark="⚠️ " if item.overdue else "",
            code=item.code,
            title=cut(item.title, TITLE_EXCERPT, "…"),
            residents=item.residents,
        )
        facts = [words.status(item.status)]
        if item.due_on:
            key = "roadmap-list-overdue-since" if item.overdue else "roadmap-list-due"
            facts.append(self.texts.plain(locale, key, date=day(item.due_on)))
        facts += [words.organisation(item.organisation), words.funding(item.funding)]
        plan = self.texts.get(locale, "roadmap-list-plan", plan=" · ".join(f for f in facts if f))
        lines = [head, plan]
        detail = item.reason if item.status is PlanStatus.not_planned else item.measure
        if detail:
            excerpt = cut(detail, MEASURE_EXCERPT, "…")
            lines.append(self.texts.get(locale, "roadmap-list-measure", text=excerpt))
        return lines

    def _keyboard(self, shown: RoadmapPage, locale: str) -> InlineKeyboardMarkup | None:
        builder = InlineKeyboardBuilder()
        if shown.page > 0:
            builder.button(
                text=self.texts.plain(locale, "btn-prev"),
                callback_data=RoadmapPageData(page=shown.page - 1),
            )
        if shown.page + 1 < shown.pages:
            builder.button(
                text=self.texts.plain(locale, "btn-next"),
                callback_data=RoadmapPageData(page=shown.page + 1),
            )
        return builder.as_markup() if list(builder.buttons) else None
