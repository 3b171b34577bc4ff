"""The roadmap's watch: a job every few minutes (on the app's one scheduler) that
tells the heads when a plan's due date has passed, once per plan and due date,
across restarts (the date told is kept with the plan, in the same transaction as
the alert's outbox rows)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.config import Settings
from bot.problems.roadmap_words import RoadmapWords, day
from bot.textfit import cut
from bot.texts import Texts
from bot.tickets.alerts import HeadAlerts
from storage.roadmap import RoadmapItem, RoadmapRepository

log = logging.getLogger(__name__)

MEASURE_EXCERPT = 300


class RoadmapWatch:
    def __init__(
        self,
        settings: Settings,
        roadmap: RoadmapRepository,
        texts: Texts,
        alerts: HeadAlerts,
        clock: Callable[[], datetime],
    ) -> None:
        self.settings = settings
        self.roadmap = roadmap
        self.texts = texts
        self.alerts = alerts
        self.clock = clock
        self.words = RoadmapWords(texts, settings.locale.default)

    def schedule(self, scheduler: AsyncIOScheduler) -> None:
        scheduler.add_job(
            self.check,
            IntervalTrigger(minutes=self.settings.deadlines.check_every_minutes),
            id="roadmap-watch",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(self.settings.locale.zone),
        )

    async def check(self) -> int:
        """Tell the heads of every plan newly past its due date; return how many."""
        try:
            return await self._check()
        except Exception:
            log.exception("roadmap watch failed; it runs again at the next interval")
            return 0

    async def _check(self) -> int:
        today = self.clock().astimezone(self.settings.locale.zone).date()
        items = await self.roadmap.overdue_unalerted(today)
        if not items:
            return 0
        heads = await self.alerts.reachable_heads()
        told = 0
        for item in items:
            outgoing = self.alerts.to_heads(self._text(item), heads)
            if await self.roadmap.mark_overdue(item, outgoing):
                log.warning(
                    "problem %s: its plan was due %s; the heads are told", item.code, item.due_on
                )
                told += 1
        return told

    def _text(self, item: RoadmapItem) -> str:
        return self.texts.get(
            self.settings.locale.default,
            "roadmap-overdue-alert",
            code=item.code,
            title=item.title,
            measure=cut(item.measure or "—", MEASURE_EXCERPT, "…"),
            due=day(item.due_on),
            organisation=self.words.organisation(item.organisation) or "—",
            residents=item.residents,
        )
