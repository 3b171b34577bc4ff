"""The desk's own small facts, each behind a named accessor (table ``meta``).

The keys stay as earlier versions wrote them, so an existing database keeps
its digest bookkeeping, its moved chats and its pending prompts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from storage.db import Database
from storage.models import Outgoing, from_db_time, to_db_time
from storage.outbox import Clock, enqueue

_DIGEST_SINCE = "digest_since"  # the first day a digest is owed for (the install day)
_DIGEST_SENT = "digest_sent:"  # + the day, ISO: that day's digest is queued
_UNREADABLE = "unreadable:"  # + the update id: the staff were told about it
_MOVED = "moved:"  # + the old chat id -> the supergroup it became
_LAST_UPDATE = "last_update_at"  # when the last update arrived
_EXTEND_PROMPT = "extend_prompt:"  # + the prompt's message id -> the chosen day
_STAFF_NAME = "staff_name:"  # + a moderator's user id -> their name as Telegram last gave it
_ADDRESS_PROMPT = "address_prompt:"  # + the prompt's message id: a reply is the address


class DeskFacts:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # ---- the digest ------------------------------------------------------------

    async def digest_since(self) -> date | None:
        value = await self._get(_DIGEST_SINCE)
        return date.fromisoformat(value) if value else None

    async def set_digest_since(self, day: date) -> None:
        await self._set(_DIGEST_SINCE, day.isoformat())

    async def digest_sent(self, day: date) -> bool:
        return await self._get(f"{_DIGEST_SENT}{day.isoformat()}") is not None

    async def queue_digest(self, day: date, items: Iterable[Outgoing]) -> bool:
        """Queue a day's digest unless it was queued already (one transaction)."""
        return await self._queue_once(f"{_DIGEST_SENT}{day.isoformat()}", items)

    # ---- updates -----------------------------------------------------------------

    async def queue_unreadable(self, update_id: int, items: Iterable[Outgoing]) -> bool:
        """Tell the staff about an update that could not be read, once per update."""
        return await self._queue_once(f"{_UNREADABLE}{update_id}", items)

    async def last_update(self) -> datetime | None:
        return from_db_time(await self._get(_LAST_UPDATE))

    async def set_last_update(self, moment: datetime) -> None:
        await self._set(_LAST_UPDATE, to_db_time(moment))

    # ---- chats -------------------------------------------------------------------

    async def moved_chats(self) -> dict[int, int]:
        """Groups that Telegram upgraded to supergroups: old id -> new id."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT key, value FROM meta WHERE key >= ? AND key < ?",
                (_MOVED, _MOVED + "\U0010ffff"),
            )
        return {int(key.removeprefix(_MOVED)): int(value) for key, value in rows}

    async def record_move(self, old: int, new: int) -> None:
        await self._set(f"{_MOVED}{old}", str(new))

    # ---- staff ---------------------------------------------------------------------

    async def staff_names(self) -> dict[int, str]:
        """Moderators' names as last seen: the digest printed without a token uses them."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT key, value FROM meta WHERE key >= ? AND key < ?",
                (_STAFF_NAME, _STAFF_NAME + "\U0010ffff"),
            )
        return {int(key.removeprefix(_STAFF_NAME)): value for key, value in rows}

    async def set_staff_names(self, names: dict[int, str]) -> None:
        async with self._db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [(f"{_STAFF_NAME}{user_id}", name) for user_id, name in names.items()],
            )

    # ---- prompts -----------------------------------------------------------------

    async def extension_prompt(self, message_id: int) -> date | None:
        """The day chosen for a later deadline, if ``message_id`` asks for its reason."""
        value = await self._get(f"{_EXTEND_PROMPT}{message_id}")
        return date.fromisoformat(value) if value else None

    async def set_extension_prompt(self, message_id: int, day: date) -> None:
        await self._set(f"{_EXTEND_PROMPT}{message_id}", day.isoformat())

    async def address_prompt(self, message_id: int) -> bool:
        """Whether ``message_id`` asks a moderator for a ticket's address."""
        return await self._get(f"{_ADDRESS_PROMPT}{message_id}") is not None

    async def set_address_prompt(self, message_id: int) -> None:
        await self._set(f"{_ADDRESS_PROMPT}{message_id}", "1")

    # ---- the table ---------------------------------------------------------------

    async def _get(self, key: str) -> str | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    async def _set(self, key: str, value: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    async def _queue_once(self, key: str, items: Iterable[Outgoing]) -> bool:
        """Queue ``items`` and record ``key``, in one transaction, unless ``key``
        is recorded already: something sent once."""
        now = self._clock()
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, to_db_time(now))
            )
            if cursor.rowcount != 1:
                return False
            await enqueue(conn, items, now)
            return True
