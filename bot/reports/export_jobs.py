"""``/export`` in the staff chat: a workbook built in the background (updates are
handled one at a time, and intake must not wait for it), one at a time (it is
built in memory), and sent as a reply."""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from datetime import timedelta

from aiogram.exceptions import TelegramAPIError
from aiogram.types import BufferedInputFile, Message

from bot.config import Settings
from bot.reports.export import export
from bot.texts import Texts
from bot.tickets.staff_directory import StaffDirectory
from storage.outbox import Clock

log = logging.getLogger(__name__)


class ExportJobs:
    def __init__(
        self, settings: Settings, texts: Texts, directory: StaffDirectory, clock: Clock
    ) -> None:
        self.settings = settings
        self.texts = texts
        self.directory = directory
        self.clock = clock
        self._running: set[asyncio.Task[None]] = set()
        self._one_at_a_time = asyncio.Lock()

    def start(self, message: Message, days: int) -> None:
        """The last ``days`` days as a workbook, replied to ``message`` when ready."""
        task = asyncio.create_task(self._send(message, days))
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _send(self, message: Message, days: int) -> None:
        texts, locale = self.texts, self.settings.locale.default
        until = self.clock().astimezone(self.settings.locale.zone).date()
        since = until - timedelta(days=days - 1)
        workbook = io.BytesIO()
        try:
            async with self._one_at_a_time:
                count = await asyncio.to_thread(
                    export,
                    self.settings,
                    texts,
                    "xlsx",
                    workbook,
                    since=since,
                    until=until,
                    assignee_name=self.directory.name,
                )
            if not count:
                await message.reply(texts.get(locale, "export-empty", days=days))
                return
            name = f"appeals-{since:%Y%m%d}-{until:%Y%m%d}.xlsx"
            caption = texts.get(
                locale,
                "export-caption",
                since=f"{since:%d.%m.%Y}",
                until=f"{until:%d.%m.%Y}",
                count=count,
            )
            await message.reply_document(
                BufferedInputFile(workbook.getvalue(), name), caption=caption
            )
            log.info("export of %d days (%d tickets) sent to the staff chat", days, count)
        except Exception as exc:
            log.exception("export of %d days failed", days)
            with contextlib.suppress(TelegramAPIError):
                await message.reply(texts.get(locale, "export-failed", error=str(exc)))
