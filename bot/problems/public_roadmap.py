"""The public roadmap in the resident chats that have it on ([roadmap] public_chats):
one pinned message listing the chat's open problems with their status, due date
and number of residents, edited in place when it changes (at most every
``public_edit_minutes``), and a weekly summary post, once per week.

The pinned message is sent, pinned and edited directly, not through the outbox:
it is rendered from the database each time, so a failed call is simply made
again at the next run, and nothing can be lost. It shares the outbox's pacer:
it waits while the chat's sending budget is half spent (a burst's
acknowledgements come first) and counts its own calls in it. The weekly summary is a one-off
post, so it goes through the outbox, recorded in the same transaction as the week.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TypeVar

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.config import ChatSettings, Settings
from bot.delivery.outgoing import text_message
from bot.delivery.pacing import Pacer
from bot.problems.roadmap_words import RoadmapWords, day
from bot.textfit import cut
from bot.texts import Html, Texts
from storage.public_roadmap import PublicRoadmapStore, Shown
from storage.roadmap import RoadmapRepository
from storage.rules import PlanStatus

log = logging.getLogger(__name__)
T = TypeVar("T")

OPEN_ON_ROADMAP = (PlanStatus.in_progress, PlanStatus.planned, PlanStatus.new)
MAX_LINES = 30  # problems listed; the rest are counted
TITLE_EXCERPT = 70


class PublicRoadmap:
    def __init__(
        self,
        settings: Settings,
        texts: Texts,
        roadmap: RoadmapRepository,
        store: PublicRoadmapStore,
        bot: Bot,
        clock: Callable[[], datetime],
        pacer: Pacer | None = None,
    ) -> None:
        self.settings = settings
        self.pacer = pacer
        self.texts = texts
        self.roadmap = roadmap
        self.store = store
        self.bot = bot
        self.clock = clock
        self.zone = settings.locale.zone

    def schedule(self, scheduler: AsyncIOScheduler) -> None:
        if not self.settings.roadmap.public_chats:
            return
        scheduler.add_job(
            self.refresh,
            IntervalTrigger(minutes=1),
            id="public-roadmap",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(self.zone),
        )

    async def refresh(self) -> int:
        """Bring every public roadmap up to date; return how many messages changed."""
        changed = 0
        for key in self.settings.roadmap.public_chats:
            chat = self.settings.chat(key)
            try:
                changed += await self._pinned(chat)
                await self._weekly(chat)
            except TelegramAPIError as exc:
                log.warning("public roadmap in %s: %s; tried again next run", key, exc.message)
            except Exception:
                log.exception("public roadmap in %s failed; tried again next run", key)
        return changed

    # ---- the pinned list ---------------------------------------------------------------

    async def render(self, chat: ChatSettings) -> tuple[Html, str]:
        """The chat's roadmap message, and a digest of what it lists (not of its time)."""
        locale = self.settings.chat_locale(chat)
        words = RoadmapWords(self.texts, locale)
        now = self.clock().astimezone(self.zone)
        shown = await self.roadmap.page(
            now.date(), 0, MAX_LINES, statuses=OPEN_ON_ROADMAP, chat_key=chat.key
        )
        lines = []
        for item in shown.items:
            plan = [words.status(item.status)]
            if item.due_on:
                key = "roadmap-list-overdue-since" if item.overdue else "roadmap-list-due"
                plan.append(words.plain(key, date=day(item.due_on)))
            lines.append(
                self.texts.get(
                    locale,
                    "roadmap-public-item",
                    code=item.code,
                    title=cut(item.title, TITLE_EXCERPT, "…"),
                    plan=" · ".join(plan),
                    residents=item.residents,
                )
            )
        if shown.total > len(shown.items):
            more = shown.total - len(shown.items)
            lines.append(self.texts.get(locale, "roadmap-public-more", count=more))
        if not lines:
            lines.append(self.texts.get(locale, "roadmap-public-empty"))
        body = "\n".join(lines)
        digest = hashlib.sha256(body.encode()).hexdigest()[:16]
        head = self.texts.get(locale, "roadmap-public-title", chat=chat.title)
        when = self.texts.get(locale, "roadmap-public-updated", time=f"{now:%d.%m.%Y %H:%M}")
        return Html(f"{head}\n{when}\n\n{body}"), digest

    async def _pinned(self, chat: ChatSettings) -> int:
        shown = await self.store.shown(chat.chat_id)
        text, digest = await self.render(chat)
        if shown.message_id is not None and (shown.digest == digest or not self._may_edit(shown)):
            return 0
        if self._busy(chat):
            return 0
        if shown.message_id is not None:
            try:
                await self._sent(
                    chat,
                    self.bot.edit_message_text(
                        text=text, chat_id=chat.chat_id, message_id=shown.message_id
                    ),
                )
            except TelegramBadRequest as exc:
                if "not modified" in exc.message:
                    await self.store.record(chat.chat_id, shown.message_id, digest)
                    return 0
                if "not found" not in exc.message:
                    raise
                log.info("public roadmap in %s was deleted; posting it again", chat.key)
            else:
                await self.store.record(chat.chat_id, shown.message_id, digest)
                log.info("public roadmap in %s edited", chat.key)
                return 1
        sent = await self._sent(chat, self.bot.send_message(chat.chat_id, text))
        await self.store.record(chat.chat_id, sent.message_id, digest)
        try:
            await self._sent(
                chat,
                self.bot.pin_chat_message(chat.chat_id, sent.message_id, disable_notification=True),
            )
        except TelegramBadRequest as exc:
            # Shown all the same; the akimat gives the bot the right to pin when it wants.
            log.warning("public roadmap in %s not pinned: %s", chat.key, exc.message)
        log.info("public roadmap in %s posted as message %s", chat.key, sent.message_id)
        return 1

    def _busy(self, chat: ChatSettings) -> bool:
        """Whether the chat's sending budget is half spent or exhausted: the roadmap
        can wait a minute, a burst's acknowledgements cannot."""
        if self.pacer is None or not (
            self.pacer.scarce(chat.chat_id) or self.pacer.wait_for(chat.chat_id) > 0
        ):
            return False
        log.info("public roadmap in %s waits: the chat's sending budget is in use", chat.key)
        return True

    async def _sent(self, chat: ChatSettings, call: Awaitable[T]) -> T:
        """Make the call and count it against the chat's budget (also when it fails:
        Telegram counted it)."""
        try:
            return await call
        finally:
            if self.pacer is not None:
                self.pacer.sent(chat.chat_id)

    def _may_edit(self, shown: Shown) -> bool:
        every = timedelta(minutes=self.settings.roadmap.public_edit_minutes)
        return shown.edited_at is None or self.clock() - shown.edited_at >= every

    # ---- the weekly summary ------------------------------------------------------------

    async def _weekly(self, chat: ChatSettings) -> bool:
        """Last week's summary, once the week is over and the digest's hour has come."""
        now = self.clock().astimezone(self.zone)
        monday = datetime.combine(
            now.date() - timedelta(days=now.weekday()), self.settings.digest.time, self.zone
        )
        if now < monday:
            return False
        until = monday.replace(hour=0, minute=0, second=0, microsecond=0)
        since = until - timedelta(days=7)
        year, week, _ = since.isocalendar()
        label = f"{year}-W{week:02d}"
        if (await self.store.shown(chat.chat_id)).summary_week == label:
            return False
        figures = await self.store.week_figures(chat.key, since, until)
        text = self.texts.get(
            self.settings.chat_locale(chat),
            "roadmap-week",
            since=f"{since:%d.%m}",
            until=f"{until - timedelta(days=1):%d.%m}",
            solved=figures.solved,
            planned=figures.planned,
            waiting=figures.waiting,
        )
        sent = await self.store.summarise(chat.chat_id, label, [text_message(chat.chat_id, text)])
        if sent:
            log.info("weekly roadmap summary %s queued for %s", label, chat.key)
        return sent
