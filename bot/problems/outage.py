"""The outage watch: a problem that gains many appeals within the hour (ten by
default) is an outage, and the akim and deputies are told at once, once per
problem in that window.

A job every minute rather than a check where appeals join problems: appeals
join at intake, by a moderator's attach and by a merge, and one query over the
last hour's appeals sees them all; the alert is recorded in the problem's
history in the same transaction as its messages, so a restart neither repeats
nor loses it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.card.render import post_link
from bot.config import Settings
from bot.texts import Html, Texts, escape
from bot.tickets.alerts import HeadAlerts
from storage.outages import OutageRepository, Surge

log = logging.getLogger(__name__)


class OutageWatch:
    def __init__(
        self,
        settings: Settings,
        outages: OutageRepository,
        alerts: HeadAlerts,
        texts: Texts,
        wake: Callable[[], None],
    ) -> None:
        self.settings = settings
        self.outages = outages
        self.alerts = alerts
        self.texts = texts
        self.wake = wake

    @property
    def window(self) -> timedelta:
        return timedelta(minutes=self.settings.problems.alert_minutes)

    def schedule(self, scheduler: AsyncIOScheduler) -> None:
        scheduler.add_job(
            self.check,
            IntervalTrigger(seconds=self.settings.problems.alert_check_seconds),
            id="outage-watch",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(self.settings.locale.zone),
        )

    async def check(self) -> int:
        """Tell the heads of every new outage; return how many were told of."""
        try:
            surges = await self.outages.surges(self.window, self.settings.problems.alert_appeals)
            if not surges:
                return 0
            heads = await self.alerts.reachable_heads()
            told = 0
            for surge in surges:
                items = self.alerts.to_heads(self.text(surge), heads)
                if await self.outages.alert(surge, self.window, items):
                    told += 1
                    log.warning(
                        "problem %s: %d appeals within %d min; the akim is told",
                        surge.code,
                        surge.recent,
                        self.settings.problems.alert_minutes,
                    )
            if told:
                self.wake()
            return told
        except Exception:
            log.exception("outage watch failed; it runs again at the next interval")
            return 0

    def text(self, surge: Surge) -> Html:
        locale = self.settings.locale.default
        link = None
        if surge.card_chat_id is not None and surge.card_message_id is not None:
            link = post_link(surge.card_chat_id, surge.card_message_id)
        text = self.texts.get(
            locale,
            "outage-alert",
            code=surge.code,
            title=surge.title,
            recent=surge.recent,
            minutes=self.settings.problems.alert_minutes,
            residents=surge.residents,
            link=link or "—",
        )
        if surge.address:
            text = Html(f"{text}\n📍 {escape(surge.address)}")
        return text
