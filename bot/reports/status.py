"""``python -m bot status``: the health of a desk, read from its database."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import Settings
from storage.db import Database
from storage.facts import DeskFacts
from storage.models import Status
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository


class NoDatabase(Exception):
    """The configured database file does not exist (yet)."""


async def collect_status(settings: Settings, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    if not settings.storage.path.is_file():
        # Opening would create an empty database and report a healthy nothing.
        raise NoDatabase(
            f"storage.path: {settings.storage.path} does not exist (has the bot run with "
            "this config yet?)"
        )
    db = await Database.open(settings.storage.path)
    try:
        clock = lambda: now  # noqa: E731
        outbox = await OutboxRepository(db, clock).stats()
        tickets = TicketRepository(db, clock)
        counts = await tickets.count_by_status()
        last_update = await DeskFacts(db, clock).last_update()
    finally:
        await db.close()
    lines = [f"database: {settings.storage.path}"]
    oldest = (
        f", oldest pending {_age(now - outbox.oldest_pending_at)}"
        if outbox.oldest_pending_at
        else ""
    )
    lines.append(f"outbox: {outbox.pending} pending, {outbox.failed} failed{oldest}")
    lines.append("tickets: " + ", ".join(f"{status} {counts.get(status, 0)}" for status in Status))
    lines.append(
        f"last update received: {_age(now - last_update)} ago"
        if last_update
        else "last update received: never"
    )
    return "\n".join(lines)


def _age(delta) -> str:  # type: ignore[no-untyped-def]
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds}s"
    if seconds < 7200:
        return f"{seconds // 60}m"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
