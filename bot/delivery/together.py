"""Acknowledgements together: when replies pile up in a resident chat faster
than Telegram lets the bot write there (20 messages a minute in a group), one
message acknowledges the waiting posts, each code with a mention of its author,
so that a burst of posts is answered in seconds, not minutes.

Each ticket still records the message that acknowledged it. A message that
fails is tried together once more, then its posts are acknowledged one by one
as before: nothing is lost to the batching.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from enum import Enum

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import SendMessage

from bot.config import Settings
from bot.delivery.pacing import Pacer, backoff
from bot.delivery.resend import ResendGuard
from bot.textfit import MESSAGE_LIMIT, cut, visible_length
from bot.texts import Html, Texts, escape
from storage.acks import AckLine, AckRepository
from storage.models import OutboxRow
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)

# Telegram allows 100 entities in a message; a line has two (the code, the mention).
MOST_LINES = 30
# Tries of one message together before its posts are acknowledged one by one.
TRIES_TOGETHER = 2
NAME_LIMIT = 64
RECORD_ATTEMPTS = 3


class Sent(Enum):
    together = "together"  # sent and recorded
    later = "later"  # not sent; the rows wait for their next attempt
    singly = "singly"  # not sent; these rows go one by one now


class AcksTogether:
    def __init__(
        self,
        bot: Bot,
        settings: Settings,
        acks: AckRepository,
        outbox: OutboxRepository,
        texts: Texts,
        clock: Callable[[], datetime],
        resend: ResendGuard,
        pacer: Pacer,
    ) -> None:
        self.bot = bot
        self.pacer = pacer
        self.resend = resend
        self.settings = settings
        self.acks = acks
        self.outbox = outbox
        self.texts = texts
        self.clock = clock
        self._singly: set[int] = set()  # rows whose message together failed for good

    def spread(self, row: OutboxRow) -> float:
        """How long an acknowledgement about to go should wait for others to join
        it (see :meth:`Pacer.spread`); other rows never wait here."""
        if self.settings.intake.ack_together_from < 1 or not self._eligible(row):
            return 0.0
        return self.pacer.spread(row.chat_id)

    def pick(self, rows: Sequence[OutboxRow]) -> list[OutboxRow]:
        """The acknowledgements among ``rows`` (a chat's claimed queue from the
        row about to go, which must be one) to send as one message; [] when
        the queue is short enough for one reply per post. Once half the
        chat's messages for the minute are spent, two are enough."""
        least = self.settings.intake.ack_together_from
        if least < 1 or not rows or not self._eligible(rows[0]):
            return []
        if self.pacer.scarce(rows[0].chat_id):
            least = 2
        thread = rows[0].params.get("message_thread_id")
        chosen = [
            row
            for row in rows
            if self._eligible(row) and row.params.get("message_thread_id") == thread
        ]
        return chosen[:MOST_LINES] if len(chosen) >= max(least, 2) else []

    def _eligible(self, row: OutboxRow) -> bool:
        return (
            row.kind == "send"
            and row.role == "ack"
            and row.method == "sendMessage"
            and row.ticket_id is not None
            and row.attempts < TRIES_TOGETHER
            and row.id not in self._singly
            and self.settings.chat_by_id(row.chat_id) is not None
        )

    async def send(self, rows: Sequence[OutboxRow]) -> tuple[Sent, list[OutboxRow]]:
        """Send one message acknowledging ``rows`` (or as many as fit) and record it:
        (the outcome, the rows it concerned; the others stay as they were)."""
        chat = self.settings.chat_by_id(rows[0].chat_id)
        assert chat is not None  # pick() checked
        lines = await self.acks.lines([row.ticket_id for row in rows if row.ticket_id])
        gone = [row for row in rows if row.ticket_id not in lines]
        self._singly.update(row.id for row in gone)  # the usual path records them
        rows = [row for row in rows if row.ticket_id in lines]
        if len(rows) < 2:
            self._singly.update(row.id for row in rows)
            return Sent.singly, [*gone, *rows]
        text, rows = self._text(self.settings.chat_locale(chat), chat.key, rows, lines)
        params: dict[str, object] = {"chat_id": chat.chat_id, "text": text}
        if (thread := rows[0].params.get("message_thread_id")) is not None:
            params["message_thread_id"] = thread
        try:
            await self.resend.check(chat.chat_id)
            message = await self.bot(SendMessage(**params))  # type: ignore[arg-type]
        except TelegramRetryAfter as exc:
            until = self.clock() + timedelta(seconds=exc.retry_after)
            for row in rows:
                await self.outbox.retry_later(row, until, f"429 retry after {exc.retry_after}")
            await self.outbox.hold_chat(chat.chat_id, until)
            return Sent.later, rows
        except (
            TelegramServerError,
            TelegramNetworkError,
            TelegramUnauthorizedError,
            TimeoutError,
        ) as exc:
            self.resend.failed(rows[0], exc)
            cfg = self.settings.delivery
            for row in rows:
                wait = backoff(row.attempts, cfg.retry_base_seconds, cfg.retry_max_seconds)
                at = self.clock() + timedelta(seconds=wait)
                await self.outbox.retry_later(row, at, f"together: {type(exc).__name__}: {exc}")
            log.warning("%d acknowledgements together to %s failed: %s", len(rows), chat.key, exc)
            return Sent.later, rows
        except TelegramAPIError as exc:
            log.warning(
                "%d acknowledgements together to %s refused (%s); sending them one by one",
                len(rows),
                chat.key,
                exc.message,
            )
            self._singly.update(row.id for row in rows)
            return Sent.singly, rows
        await self._record(rows, message.message_id)
        log.info(
            "%d posts in %s acknowledged together by message %s: %s",
            len(rows),
            chat.key,
            message.message_id,
            ", ".join(lines[row.ticket_id].code for row in rows if row.ticket_id),
        )
        return Sent.together, rows

    def _text(
        self, locale: str, chat_key: str, rows: list[OutboxRow], lines: dict[int, AckLine]
    ) -> tuple[Html, list[OutboxRow]]:
        """The message, and the rows it names (as many as fit in one message)."""
        head = self.texts.get(locale, "ack-together")
        tail = self.texts.get(locale, "ack-emergency") if chat_key == "law_order" else None
        room = MESSAGE_LIMIT - visible_length(head) - (visible_length(tail) + 2 if tail else 0)
        parts: list[str] = []
        named: list[OutboxRow] = []
        for row in rows:
            line = self._line(locale, lines[row.ticket_id])  # type: ignore[index]
            room -= visible_length(line) + 1
            if room < 0 and named:
                break
            parts.append(line)
            named.append(row)
        text = "\n".join([head, *parts])
        if tail:
            text += f"\n\n{tail}"
        return Html(text), named

    def _line(self, locale: str, line: AckLine) -> Html:
        name = cut(line.author_name or str(line.author_id), NAME_LIMIT, "…")
        author = Html(f'<a href="tg://user?id={int(line.author_id)}">{escape(name)}</a>')
        if line.problem_code:
            return self.texts.get(
                locale,
                "ack-together-line-problem",
                code=line.code,
                author=author,
                problem=line.problem_code,
            )
        return self.texts.get(locale, "ack-together-line", code=line.code, author=author)

    async def _record(self, rows: list[OutboxRow], message_id: int) -> None:
        # The message is out: try hard to record it, or a restart would send it again.
        for attempt in range(1, RECORD_ATTEMPTS + 1):
            try:
                await self.acks.mark_sent(rows, message_id)
            except Exception:
                if attempt == RECORD_ATTEMPTS:
                    raise
                log.warning("recording acknowledgement %s failed; retrying", message_id)
                await asyncio.sleep(0.2 * attempt)
            else:
                return
