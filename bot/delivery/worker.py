"""The delivery worker: sends what the outbox holds, in order per chat, and
records what was sent. Nothing is dropped on a transient failure."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)

from bot.card.card import Card, Cards
from bot.card.problem_card import ProblemCards
from bot.config import Settings
from bot.delivery.card_sender import send_card, send_problem_card
from bot.delivery.lost_chats import LostChats, lost, lost_message
from bot.delivery.outgoing import send_row
from bot.delivery.pacing import Pacer, backoff
from bot.delivery.resend import ResendGuard
from bot.delivery.staff_chat import StaffChatHold
from bot.delivery.together import AcksTogether, Sent
from bot.tasks import cancel_and_wait
from bot.texts import Texts
from storage.acks import AckRepository
from storage.models import OutboxRow
from storage.outbox import OutboxRepository
from storage.residents import ResidentRepository

log = logging.getLogger(__name__)

IDLE_POLL_SECONDS = 5.0
# Rows of one chat taken at a time: each still goes out only after the one before
# it is recorded, but the outbox is read and the rows claimed once for all of them.
ROWS_PER_CHAT = 20

RECORD_ATTEMPTS = 3
MAX_UNEXPECTED_ATTEMPTS = 5


class Delivery:
    def __init__(
        self,
        bot: Bot,
        settings: Settings,
        outbox: OutboxRepository,
        residents: ResidentRepository,
        cards: Cards,
        texts: Texts,
        clock: Callable[[], datetime],
        acks: AckRepository,
        problem_cards: ProblemCards | None = None,
    ) -> None:
        self.problem_cards = problem_cards
        self.bot = bot
        self.settings = settings
        self.outbox = outbox
        self.residents = residents
        self.cards = cards
        self.texts = texts
        self.clock = clock
        self.pacer = Pacer(settings.delivery.limits)
        self.resend = ResendGuard(bot)
        self.together = AcksTogether(
            bot, settings, acks, outbox, texts, clock, self.resend, self.pacer
        )
        self.staff_chat = StaffChatHold(settings, outbox, residents, texts, clock, self.wake)
        self._ahead: dict[int, asyncio.Future[Card | None]] = {}
        self._wake = asyncio.Event()
        self._stopping = False
        self._backlog_checked: datetime | None = None
        self.lost_chats = LostChats(bot, settings, texts)
        self._task: asyncio.Task[None] | None = None

    # ---- lifecycle ---------------------------------------------------------

    def wake(self) -> None:
        """Something was queued: look at the outbox now rather than at the next poll."""
        self._wake.set()

    async def start(self) -> None:
        released = await self.outbox.release_claims()
        if released:
            log.warning(
                "%d messages were being sent when the bot last stopped; resending", released
            )
        # What waits for the staff chat is tried at once: the bot may be back.
        await self.outbox.release_chat(self.settings.staff.chat_id)
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="outbox-delivery")

    async def stop(self, flush_seconds: float) -> None:
        """Send what is due for up to ``flush_seconds``, then stop; the rest waits in the outbox."""
        if self._task is None:
            return
        self._stopping = True
        self.wake()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), flush_seconds)
        except TimeoutError:
            await cancel_and_wait(self._task)
            stats = await self.outbox.stats()
            log.warning("delivery stopped with %d messages still queued", stats.pending)
        except Exception:
            log.exception("the delivery worker had failed")
        self._task = None

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                queues = await self.outbox.due_by_chat(ROWS_PER_CHAT)
                paced = await self._send_due(queues)
                if not queues:
                    if self._stopping:
                        return
                    await self._sleep_until_due()
                elif paced is not None:
                    await self._sleep(paced)
                await self._check_backlog()
            except Exception:
                # Storage trouble (locked, disk full): the worker must outlive it,
                # or nothing would be sent until a restart.
                log.exception("delivery: the outbox is unavailable; retrying in 1 s")
                await asyncio.sleep(1)

    async def _send_due(self, queues: list[list[OutboxRow]]) -> float | None:
        """Send what is due in each chat that may be written to now; return how
        long until a paced chat may be, if nothing could be sent.

        Each chat's rows go out one after another, in order, each recorded
        before the next is sent; the chats are served side by side, so one
        chat's round trips do not hold up the others'. The rows are claimed
        together, and those not reached are released."""
        soonest: float | None = None
        ready: list[list[OutboxRow]] = []
        for queue in queues:
            wait = self.pacer.wait_for(queue[0].chat_id)
            if wait > 0:
                soonest = wait if soonest is None else min(soonest, wait)
            else:
                ready.append(queue)
        if not ready:
            return soonest
        await self.outbox.claim_many([row for queue in ready for row in queue])
        if len(ready) == 1:
            outcomes: list[Any] = [await self._send_queue(ready[0])]
        else:
            # Every chat finishes (its rows recorded or released) before the next look
            # at the outbox, even when one fails: no row may be picked up twice.
            outcomes = await asyncio.gather(
                *(self._send_queue(queue) for queue in ready), return_exceptions=True
            )
        sent = False
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
            went, wait = outcome
            sent = sent or went
            if wait is not None:
                soonest = wait if soonest is None else min(soonest, wait)
        return None if sent else soonest

    async def _send_queue(self, queue: list[OutboxRow]) -> tuple[bool, float | None]:
        """One chat's claimed rows, in order, until one does not go out or the
        chat must wait: (whether any was sent, how long the chat must wait)."""
        sent, wait = False, None
        done: set[int] = set()  # rows that went out together with an earlier one
        try:
            for n, row in enumerate(queue):
                if row.id in done:
                    continue
                wait = max(self.pacer.wait_for(row.chat_id), self.together.spread(row))
                if wait > 0:
                    await self.outbox.unclaim(queue[n:])
                    return sent, wait
                self.pacer.sent(row.chat_id)
                went = await self._together(queue, n, done)
                if went is None:
                    self._read_ahead(queue, n)
                    went = await self.deliver(row)
                if not went:
                    await self.outbox.unclaim(queue[n + 1 :])
                    return sent, None
                sent = True
            return sent, None
        finally:
            for row in queue:
                if (early := self._ahead.pop(row.id, None)) is not None:
                    with contextlib.suppress(Exception):
                        await early

    async def _together(self, queue: list[OutboxRow], n: int, done: set[int]) -> bool | None:
        """Row ``n`` with the other acknowledgements waiting in its chat, as one
        message, when enough wait: whether it went; None: it goes alone."""
        rows = self.together.pick([row for row in queue[n:] if row.id not in done])
        if not rows:
            return None
        outcome, concerned = await self.together.send(rows)
        if outcome is Sent.singly:
            return None
        done.update(row.id for row in concerned)
        if queue[n].id not in done:
            return None
        return outcome is Sent.together

    def _read_ahead(self, queue: list[OutboxRow], n: int) -> None:
        """While row ``n`` is being sent, read what the next row's card shows.

        It is claimed already, so whatever changes after this read queues a
        refresh of its own; but not when row ``n`` is that ticket's card too,
        whose recording may change what the next one does (edit, not post)."""
        if n + 1 >= len(queue):
            return
        row, after = queue[n], queue[n + 1]
        if after.kind != "card" or after.ticket_id is None:
            return
        if row.kind == "card" and row.ticket_id == after.ticket_id:
            return
        self._ahead[after.id] = asyncio.ensure_future(self.cards.build(after.ticket_id))

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), min(max(seconds, 0.01), IDLE_POLL_SECONDS))

    async def _check_backlog(self) -> None:
        """Warn (once a minute at most) when the oldest queued message is old."""
        now = self.clock()
        if self._backlog_checked and (now - self._backlog_checked).total_seconds() < 60:
            return
        self._backlog_checked = now
        stats = await self.outbox.stats()
        limit = self.settings.delivery.backlog_warning_seconds
        if stats.oldest_pending_at and (now - stats.oldest_pending_at).total_seconds() > limit:
            log.warning(
                "delivery backlog: %d messages queued, the oldest for %d s",
                stats.pending,
                (now - stats.oldest_pending_at).total_seconds(),
            )

    async def _sleep_until_due(self) -> None:
        timeout = IDLE_POLL_SECONDS
        next_at = await self.outbox.next_attempt_at()
        if next_at is not None:
            timeout = max((next_at - self.clock()).total_seconds(), 0.05)
        await self._sleep(timeout)

    # ---- one row -----------------------------------------------------------

    async def deliver(self, row: OutboxRow) -> bool:
        """Try one outbox row and record the outcome: True if it went out. Telegram's
        errors are handled here; only storage errors propagate (the row stays pending)."""
        try:
            await self.resend.check(row.chat_id)
            digest = None
            if row.kind == "card":
                message_id, posted, digest = await self._send_card(row)
            else:
                message_id, posted = await send_row(self.bot, row), True
        except TelegramRetryAfter as exc:
            until = self.clock() + timedelta(seconds=exc.retry_after)
            log.warning(
                "outbox %s: Telegram asks to wait %ss before writing to chat %s",
                row.id,
                exc.retry_after,
                row.chat_id,
            )
            await self.outbox.retry_later(row, until, f"429 retry after {exc.retry_after}")
            await self.outbox.hold_chat(row.chat_id, until)
        except (
            TelegramServerError,
            TelegramNetworkError,
            TimeoutError,
            TelegramUnauthorizedError,
        ) as exc:
            self.resend.failed(row, exc)
            await self._retry(row, exc)
        except (
            TelegramBadRequest,
            TelegramForbiddenError,
            TelegramNotFound,
            TelegramMigrateToChat,
        ) as exc:
            if row.chat_id == self.staff_chat.chat_id and lost(exc):
                await self.staff_chat.hold(row, _describe(exc))
                return False
            await self._failed_for_good(row, exc)
        except Exception as exc:
            # A bug, not Telegram: keep the row for a few tries, then set it aside so it
            # does not hold back the rest of its chat's queue.
            log.exception("outbox %s: unexpected error", row.id)
            if row.attempts + 1 >= MAX_UNEXPECTED_ATTEMPTS:
                await self.outbox.mark_failed(row, _describe(exc))
            else:
                delay = self._backoff(row.attempts)
                await self.outbox.retry_later(
                    row, self.clock() + timedelta(seconds=delay), _describe(exc)
                )
        else:
            await self._record_sent(row, message_id, posted, digest)
            self.staff_chat.sent(row)
            return True
        return False

    async def _retry(self, row: OutboxRow, exc: Exception) -> None:
        """A transient failure (5xx, network): try again after a back-off."""
        delay = self._backoff(row.attempts)
        log.warning(
            "outbox %s (%s to chat %s) failed: %s; retry in %.1fs",
            row.id,
            row.method or "card",
            row.chat_id,
            _describe(exc),
            delay,
        )
        await self.outbox.retry_later(row, self.clock() + timedelta(seconds=delay), _describe(exc))

    async def _failed_for_good(self, row: OutboxRow, exc: TelegramAPIError) -> None:
        """A permanent failure: recorded, and what it means is marked."""
        log.error(
            "outbox %s (%s to chat %s, ticket %s) failed for good: %s",
            row.id,
            row.method or "card",
            row.chat_id,
            row.ticket_id,
            _describe(exc),
        )
        await self.outbox.mark_failed(row, _describe(exc))
        if isinstance(exc, TelegramForbiddenError) and row.chat_id > 0:
            # A private chat refused us: the person blocked the bot (or never started it).
            await self.residents.blocked(row.chat_id)
        elif row.chat_id < 0 and lost_message(exc.message):
            await self.lost_chats.alert(row.chat_id, exc.message)

    async def _record_sent(
        self, row: OutboxRow, message_id: int | None, posted: bool, digest: str | None
    ) -> None:
        # The message is out: try hard to record it, or a restart would send it again.
        for attempt in range(1, RECORD_ATTEMPTS + 1):
            try:
                await self.outbox.mark_sent(row, message_id, posted=posted, card_digest=digest)
            except Exception:
                if attempt == RECORD_ATTEMPTS:
                    raise
                log.warning("outbox %s: recording delivery failed; retrying", row.id)
                await asyncio.sleep(0.2 * attempt)
            else:
                log.debug("outbox %s delivered as message %s", row.id, message_id)
                return

    def _backoff(self, attempts: int) -> float:
        cfg = self.settings.delivery
        return backoff(attempts, cfg.retry_base_seconds, cfg.retry_max_seconds)

    async def _send_card(self, row: OutboxRow) -> tuple[int | None, bool, str | None]:
        """Edit the ticket's card in place, or post it: (message id, whether posted,
        digest of what it shows)."""
        if row.problem_id is not None:
            return await self._send_problem_card(row)
        early = self._ahead.pop(row.id, None)
        card = await (early if early is not None else self.cards.build(row.ticket_id))
        if card is None:
            return None, False, None
        message_id, posted = await send_card(self.bot, card, self.settings.staff.chat_id)
        return message_id, posted, card.digest

    async def _send_problem_card(self, row: OutboxRow) -> tuple[int | None, bool, str | None]:
        if self.problem_cards is None:
            return None, False, None
        card = await self.problem_cards.build(row.problem_id)
        if card is None:
            return None, False, None
        message_id, posted = await send_problem_card(self.bot, card, self.settings.staff.chat_id)
        return message_id, posted, card.digest


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
