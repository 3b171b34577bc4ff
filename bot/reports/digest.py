"""The akim's daily digest: yesterday's appeals in one glance, with a chart.

Scheduled with an APScheduler ``CronTrigger`` at ``[digest] time`` in the
district's zone. Each day's digest is sent exactly once: the record that it
was sent (:meth:`DeskFacts.queue_digest`) and its messages enter the outbox in
one transaction, so a crash either sends it (once, by the outbox) or leaves it
to the next start, which catches up the latest digest that fell due while the
bot was down. ``/digest``, ``/stats`` and the CLI build the same digest on demand;
in the running bot it goes through the outbox too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.card.render import local_time
from bot.config import Settings
from bot.delivery.outgoing import Media, media_message, text_message, upload
from bot.languages import Languages
from bot.reports.chart import ChartFailed, ChartText, draw_apart
from bot.reports.roadmap_digest import RoadmapDigest
from bot.textfit import CAPTION_LIMIT, cut, pack_lines
from bot.texts import Html, Texts
from bot.tickets.alerts import HeadAlerts
from bot.tickets.staff_directory import StaffDirectory
from storage.db import Database
from storage.digest import ChatDay, DigestData, Listed, read_digest
from storage.facts import DeskFacts
from storage.models import Outgoing
from storage.outbox import Clock, OutboxRepository
from storage.residents import ResidentRepository

log = logging.getLogger(__name__)

RETRY_MINUTES = 30


def digest_service(
    settings: Settings, db: Database, texts: Texts, directory: StaffDirectory, clock: Clock
) -> DigestService:
    """The digest and what it needs, for a process that runs nothing else (the CLI)."""
    residents = ResidentRepository(db, clock)
    return DigestService(
        settings,
        DeskFacts(db, clock),
        OutboxRepository(db, clock),
        Languages(settings, residents),
        HeadAlerts(settings, texts, residents),
        texts,
        directory,
        clock,
    )


class DigestService:
    def __init__(
        self,
        settings: Settings,
        facts: DeskFacts,
        outbox: OutboxRepository,
        languages: Languages,
        alerts: HeadAlerts,
        texts: Texts,
        directory: StaffDirectory,
        clock: Clock,
    ) -> None:
        self.settings = settings
        self.facts = facts
        self.outbox = outbox
        self.languages = languages
        self.alerts = alerts
        self.texts = texts
        self.directory = directory
        self.clock = clock
        self.zone = settings.locale.zone
        self.staff_locale = settings.locale.default
        self.roadmap = RoadmapDigest(settings, texts)  # its lines and its weekly chart

    # ---- the numbers and their words ------------------------------------------

    async def build(self, day: date, *, end: datetime | None = None) -> DigestData:
        """The figures for a local day (off the event loop: it may read much)."""
        return await asyncio.to_thread(
            read_digest,
            self.settings.storage.path,
            day,
            self.zone,
            self.clock(),
            [chat.key for chat in self.settings.chats],
            end=end,
        )

    def text(self, data: DigestData, locale: str, *, running: bool = False) -> list[str]:
        """The digest as HTML messages (each within Telegram's 4096)."""

        def t(key: str, **args: object) -> Html:
            return self.texts.get(locale, key, **args)

        title = (
            t(
                "digest-title-running",
                day=f"{data.day:%d.%m.%Y}",
                time=self._time(data.end, "%H:%M"),
            )
            if running
            else t("digest-title", day=f"{data.day:%d.%m.%Y}")
        )
        lines: list[str] = [title, ""]
        for chat in self.settings.chats:
            lines.append(self._chat_line(t, chat.title, data.chats[chat.key]))
        lines.append(self._chat_line(t, t("digest-total"), data.total))
        if data.categories:
            named = (f"{t(f'category-{code}')} {n}" for code, n in data.categories.items())
            lines.append(t("digest-categories", list=Html(" · ".join(named))))
        lines += self._problem_lines(t, data)
        lines += ["", *self._response_lines(t, data, locale)]
        for key, named in (
            ("digest-urgent", data.urgent),
            ("digest-overdue", data.overdue),
            ("digest-oldest", data.oldest),
        ):
            if named.total:
                lines += ["", t(key, count=named.total)]
                lines += [self._item(t, item) for item in named.items]
                if named.total > len(named.items):
                    lines.append(t("digest-more", count=named.total - len(named.items)))
        if data.moderators:
            lines += ["", t("digest-moderators")]
            lines += [
                t(
                    "digest-moderator",
                    name=self.directory.name(person),
                    answered=day.answered,
                    closed=day.closed,
                )
                for person, day in data.moderators.items()
            ]
        if data.rated_solved or data.rated_unsolved:
            lines += [
                "",
                t("digest-ratings", solved=data.rated_solved, unsolved=data.rated_unsolved),
            ]
        if data.spam_caught or data.spam_restored:
            lines += ["", t("digest-spam", caught=data.spam_caught, restored=data.spam_restored)]
        lines += ["", t("digest-state-at", at=self._time(data.at, "%d.%m.%Y %H:%M"))]
        return pack_lines(lines)

    @staticmethod
    def _problem_lines(t: Callable[..., Html], data: DigestData) -> list[Html]:
        """The day's largest problems (one issue at one place, many appeals)."""
        if not data.problems:
            return []
        return [
            Html(""),
            t("digest-problems"),
            *(
                t(
                    "digest-problem",
                    code=p.code,
                    title=p.title,
                    today=p.today,
                    total=p.total,
                    status=t(f"digest-problem-{p.status}"),
                )
                for p in data.problems
            ),
        ]

    def _response_lines(self, t: Callable[..., Html], data: DigestData, locale: str) -> list[Html]:
        """How fast the staff answered first, and how often in time."""
        median, p90 = data.response_percentile(0.5), data.response_percentile(0.9)
        if median is None or p90 is None:
            lines = [t("digest-response-none")]
        else:
            lines = [
                t(
                    "digest-response",
                    median=self._duration(locale, median),
                    p90=self._duration(locale, p90),
                    count=len(data.first_response_minutes),
                )
            ]
        if data.response_due:
            share = round(100 * data.response_in_time / data.response_due)
            done, due = data.response_in_time, data.response_due
            lines.append(t("digest-in-time", done=done, due=due, share=share))
        return lines

    def caption(self, data: DigestData, locale: str) -> str:
        total = data.total
        text = self.texts.get(
            locale,
            "digest-caption",
            day=f"{data.day:%d.%m.%Y}",
            new=total.new,
            closed=total.closed,
            open=total.open,
            overdue=total.overdue,
        )
        return cut(text, CAPTION_LIMIT, "…")

    async def chart(self, data: DigestData, locale: str) -> bytes | None:
        """The chart as PNG; None if it could not be drawn (the text goes alone)."""
        text = ChartText(
            title=self.texts.plain(locale, "digest-chart-title"),
            new=self.texts.plain(locale, "digest-chart-new"),
            closed=self.texts.plain(locale, "digest-chart-closed"),
            chats={chat.key: chat.title for chat in self.settings.chats},
        )
        try:
            return await draw_apart(data.history, text)
        except (ChartFailed, OSError) as exc:
            log.error("digest chart for %s not drawn: %s; the text goes without it", data.day, exc)
            return None

    def messages(
        self, chat_id: int, data: DigestData, locale: str, png: bytes | None, note: str = ""
    ) -> list[Outgoing]:
        """The chart with a short caption, then the text: what one reader receives."""
        out: list[Outgoing] = []
        if png is not None:
            photo = upload(png, f"{data.day}.png")
            out.append(media_message(Media.photo, chat_id, photo, self.caption(data, locale)))
        parts = self.text(data, locale)
        if note:
            parts.append(note)
        out += [text_message(chat_id, part) for part in parts]
        return out

    # ---- who reads it -----------------------------------------------------------

    async def for_heads(self, data: DigestData) -> list[Outgoing]:
        """The digest for every head, in their language; a head who has not
        started the bot (or no head configured) makes it go to the staff chat."""
        charts: dict[str, bytes | None] = {}

        async def chart(locale: str) -> bytes | None:
            if locale not in charts:
                charts[locale] = await self.chart(data, locale)
            return charts[locale]

        reachable = await self.alerts.reachable_heads()
        out: list[Outgoing] = []
        for head in reachable:
            locale = await self.languages.of(head, fallback=self.staff_locale)
            out += self.messages(head, data, locale, await chart(locale))
            out += await self.roadmap.messages(head, data.day, locale)
        missing = [h for h in self.settings.staff.head if h not in reachable]
        if missing or not self.settings.staff.head:
            note = (
                self.texts.get(self.staff_locale, "digest-head-unreachable", count=len(missing))
                if missing
                else self.texts.get(self.staff_locale, "digest-no-head")
            )
            out += self.messages(
                self.settings.staff.chat_id,
                data,
                self.staff_locale,
                await chart(self.staff_locale),
                note,
            )
            chat = self.settings.staff.chat_id
            out += await self.roadmap.messages(chat, data.day, self.staff_locale)
        return out

    # ---- the schedule -----------------------------------------------------------

    def schedule(self, scheduler: AsyncIOScheduler) -> None:
        at = self.settings.digest.time
        scheduler.add_job(
            self.send_due,
            CronTrigger(hour=at.hour, minute=at.minute, timezone=self.zone),
            id="daily-digest",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=3600,
        )
        # A digest that failed (Telegram, disk) is tried again; once sent this is one read.
        scheduler.add_job(
            self.send_due,
            IntervalTrigger(minutes=RETRY_MINUTES),
            id="daily-digest-retry",
            max_instances=1,
            coalesce=True,
        )

    def due_day(self, now: datetime) -> date:
        """The latest day whose digest has fallen due at ``now``."""
        local = now.astimezone(self.zone)
        back = 1 if local.time() >= self.settings.digest.time else 2
        return local.date() - timedelta(days=back)

    async def send_due(self) -> bool:
        """Send the latest digest that is due and not yet sent (the scheduled
        run, and the catch-up at start); True if it was queued now."""
        try:
            now = self.clock()
            since = await self.facts.digest_since()
            if since is None:
                # A new desk owes no digest for the days before it existed.
                since = now.astimezone(self.zone).date()
                await self.facts.set_digest_since(since)
            day = self.due_day(now)
            if day < since:
                return False
            return await self.send_for(day)
        except Exception:
            log.exception("the daily digest failed; tried again in %d minutes", RETRY_MINUTES)
            return False

    async def send_for(self, day: date) -> bool:
        if await self.facts.digest_sent(day):
            return False
        data = await self.build(day)
        items = await self.for_heads(data)
        queued = await self.facts.queue_digest(day, items)
        if queued:
            log.info(
                "digest for %s queued: %d messages to %d heads",
                day,
                len(items),
                len({item.chat_id for item in items}),
            )
        return queued

    # ---- on demand --------------------------------------------------------------

    async def send_now(
        self, chat_id: int, day: date, locale: str, *, running: bool = False
    ) -> None:
        """/digest and /stats: built at once for one chat, queued like every message."""
        if running:
            data = await self.build(day, end=self.clock())
            items = [text_message(chat_id, part) for part in self.text(data, locale, running=True)]
        else:
            data = await self.build(day)
            items = self.messages(chat_id, data, locale, await self.chart(data, locale))
            items += await self.roadmap.messages(chat_id, day, locale)
            since = await self.facts.digest_since()
            if since is not None and day < since:
                # On the first day "yesterday" is all zeros: say why before the figures.
                note = self.texts.get(locale, "digest-before-start", since=f"{since:%d.%m.%Y}")
                items.insert(0, text_message(chat_id, note))
        await self.outbox.queue(items)

    # ---- pieces -----------------------------------------------------------------

    @staticmethod
    def _chat_line(t: Callable[..., Html], title: str, day: ChatDay) -> Html:
        return t(
            "digest-chat",
            chat=title,
            new=day.new,
            answered=day.answered,
            closed=day.closed,
            open=day.open,
            overdue=day.overdue,
        )

    def _item(self, t: Callable[..., Html], item: Listed) -> Html:
        return t(
            "digest-item",
            code=item.code,
            chat=self.settings.chat(item.chat_key).title,
            assignee=self.directory.name(item.assignee_id)
            if item.assignee_id
            else t("digest-unassigned"),
            created=self._time(item.created_at, "%d.%m"),
            due=self._time(item.resolve_due_at, "%d.%m") if item.resolve_due_at else "—",
            mark=("🔴" if item.urgent else "") + ("⚠️" if item.overdue else ""),
        )

    def _time(self, moment: datetime, fmt: str) -> str:
        return local_time(moment, self.zone, fmt)

    def _duration(self, locale: str, minutes: float) -> str:
        whole = round(minutes)
        if whole < 60:
            return self.texts.plain(locale, "duration-minutes", minutes=whole)
        if whole < 48 * 60:
            return self.texts.plain(locale, "duration-hours", hours=whole // 60, minutes=whole % 60)
        return self.texts.plain(
            locale, "duration-days", days=whole // (24 * 60), hours=whole // 60 % 24
        )
