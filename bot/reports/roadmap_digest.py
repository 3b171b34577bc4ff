"""The roadmap in the akim's daily digest: how many problems stand where (overdue
plans first, named), and on Mondays a chart of problems by category and status.
Read from a read-only snapshot in a worker thread, like the rest of the digest."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from bot.config import Settings
from bot.delivery.outgoing import Media, media_message, text_message, upload
from bot.problems.roadmap_words import RoadmapWords, day
from bot.reports.chart import ChartFailed
from bot.reports.roadmap_chart import RoadmapChartText, draw_roadmap_apart
from bot.textfit import cut
from bot.texts import Html, Texts
from storage.models import Outgoing
from storage.roadmap_reads import RoadmapItem, read_roadmap
from storage.rules import PlanStatus
from storage.snapshot import NoDatabase, open_snapshot

log = logging.getLogger(__name__)

OVERDUE_LISTED = 5
TITLE_EXCERPT = 60


@dataclass(frozen=True, slots=True)
class RoadmapSummary:
    counts: dict[str, int]  # status -> problems
    overdue: list[RoadmapItem]
    by_category: dict[str, list[int]]  # category -> problems per status (PlanStatus order)


def read_summary(settings: Settings, today: date) -> RoadmapSummary | None:
    """The roadmap as it stands (None for a database from before it)."""
    try:
        conn, tables = open_snapshot(settings.storage.path)
    except NoDatabase:
        return None
    try:
        if "plans" not in tables:
            return None
        items = read_roadmap(conn, today)
    finally:
        conn.close()
    order = list(PlanStatus)
    counts = dict.fromkeys((s.value for s in order), 0)
    by_category: dict[str, list[int]] = defaultdict(lambda: [0] * len(order))
    for item in items:
        counts[item.status.value] += 1
        by_category[item.category or "other"][order.index(item.status)] += 1
    overdue = [item for item in items if item.overdue]
    return RoadmapSummary(counts, overdue, dict(by_category))


class RoadmapDigest:
    def __init__(self, settings: Settings, texts: Texts) -> None:
        self.settings = settings
        self.texts = texts

    async def messages(self, chat_id: int, digest_day: date, locale: str) -> list[Outgoing]:
        """The roadmap's part of the digest for ``digest_day`` (the day before it is sent):
        its lines, and after a Sunday the week's chart."""
        today = digest_day + timedelta(days=1)
        summary = await asyncio.to_thread(read_summary, self.settings, today)
        if summary is None or not any(summary.counts.values()):
            return []
        out = [text_message(chat_id, self.text(summary, locale))]
        if digest_day.weekday() == 6 and summary.by_category:
            png = await self.chart(summary, locale)
            if png is not None:
                caption = self.texts.plain(locale, "roadmap-chart-weekly")
                photo = upload(png, f"roadmap-{today}.png")
                out.append(media_message(Media.photo, chat_id, photo, caption))
        return out

    def text(self, summary: RoadmapSummary, locale: str) -> Html:
        words = RoadmapWords(self.texts, locale)
        parts = [
            self.texts.get(locale, "roadmap-list-count", status=words.status(s), count=n)
            for s in PlanStatus
            if (n := summary.counts[s.value])
        ]
        lines = [self.texts.get(locale, "digest-roadmap", counts=Html(" · ".join(parts)))]
        if summary.overdue:
            lines.append(self.texts.get(locale, "roadmap-list-overdue", count=len(summary.overdue)))
        for item in summary.overdue[:OVERDUE_LISTED]:
            lines.append(
                self.texts.get(
                    locale,
                    "digest-roadmap-overdue",
                    code=item.code,
                    title=cut(item.title, TITLE_EXCERPT, "…"),
                    due=day(item.due_on),
                    organisation=words.organisation(item.organisation) or "—",
                )
            )
        return Html("\n".join(lines))

    async def chart(self, summary: RoadmapSummary, locale: str) -> bytes | None:
        text = RoadmapChartText(
            title=self.texts.plain(locale, "roadmap-chart-by-category"),
            statuses=[RoadmapWords(self.texts, locale).status(s) for s in PlanStatus],
            categories={
                code: self.texts.plain(locale, f"category-{code}") for code in summary.by_category
            },
        )
        try:
            return await draw_roadmap_apart(summary.by_category, text)
        except (ChartFailed, OSError) as exc:
            log.error("roadmap chart not drawn: %s; the digest goes without it", exc)
            return None
