"""The staff chat is the one chat whose messages wait for it.

Cards, prompts and notices for moderators have nowhere else to go. When the
bot is removed from the staff chat (or may no longer write there), they are
held in the outbox, never failed: the heads are told privately and the log
says it at ERROR, once per loss, and everything held goes out when the bot is
back (its membership update, the next probe, or the next start).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.config import Settings
from bot.delivery.outgoing import text_message
from bot.texts import Texts
from storage.models import OutboxRow
from storage.outbox import OutboxRepository
from storage.residents import ResidentRepository

log = logging.getLogger(__name__)

# How often a held staff chat is tried again when nothing says the bot is back.
PROBE_SECONDS = 60.0
HELD = "staff chat unavailable"


class StaffChatHold:
    def __init__(
        self,
        settings: Settings,
        outbox: OutboxRepository,
        residents: ResidentRepository,
        texts: Texts,
        clock: Callable[[], datetime],
        wake: Callable[[], None],
    ) -> None:
        self.settings = settings
        self.outbox = outbox
        self.residents = residents
        self.texts = texts
        self.clock = clock
        self.wake = wake
        self.lost_since: datetime | None = None

    @property
    def chat_id(self) -> int:
        return self.settings.staff.chat_id

    async def hold(self, row: OutboxRow, error: str) -> None:
        """``row`` (to the staff chat) met "the bot is not there": it and the rest of
        the staff chat's queue wait for the bot to be back."""
        until = self.clock() + timedelta(seconds=PROBE_SECONDS)
        await self.outbox.retry_later(row, until, f"{HELD}: {error}")
        await self.outbox.hold_chat(self.chat_id, until)
        if self.lost_since is not None:
            return
        self.lost_since = self.clock()
        log.error(
            "the staff chat %s cannot be written to (%s): cards and notices are held"
            " until the bot is back there",
            self.chat_id,
            error,
        )
        await self._tell_heads(error)

    def sent(self, row: OutboxRow) -> None:
        """A message reached the staff chat: it is writable again."""
        if self.lost_since is not None and row.chat_id == self.chat_id:
            log.warning(
                "the staff chat %s is writable again (lost since %s); held messages go out",
                self.chat_id,
                self.lost_since.isoformat(timespec="seconds"),
            )
            self.lost_since = None

    async def returned(self) -> None:
        """The bot is back in the staff chat: send what waits for it now."""
        released = await self.outbox.release_chat(self.chat_id)
        log.warning("the bot is back in the staff chat; %d held messages go out", released)
        self.wake()

    async def _tell_heads(self, error: str) -> None:
        heads = [h for h in self.settings.staff.head if await self.residents.reachable(h)]
        if not heads:
            log.critical(
                "the staff chat is lost and no head has started the bot to be told: %s", error
            )
            return
        text = self.texts.notice(self.settings.locale.default, "staff-chat-lost", error=error)
        await self.outbox.queue(text_message(head, text) for head in heads)
        self.wake()
