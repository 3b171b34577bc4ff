"""A desk's database with appeals and problems in it, for the grouping tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from bot.config import Settings
from bot.problems.grouping import Grouper
from storage.db import Database
from storage.models import Draft, to_db_time
from storage.tickets import TicketRepository

T0 = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)
_CHATS = {"akimat": ("A", -101), "law_order": ("L", -102), "housing": ("H", -103)}


def settings(**problems: Any) -> Settings:
    return Settings(
        staff={"chat_id": -100, "moderators": [1]},
        chats=[
            {"key": key, "title": key, "chat_id": chat_id, "prefix": prefix}
            for key, (prefix, chat_id) in _CHATS.items()
        ],
        problems=problems,
    )


def _shown(key: str | None) -> str | None:
    """The address as intake shows it: "Кенесары, 40" for the key "кенесары 40"."""
    if key is None:
        return None
    street, _, house = key.rpartition(" ")
    return f"{street.title()}, {house}" if street and house.isdigit() else key.title()


class Appeals:
    """Stores appeals and problems the way intake and moderators leave them."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.tickets = TicketRepository(db, lambda: T0)
        self._posts = itertools.count(1)

    def draft(
        self,
        text: str,
        *,
        at: datetime = T0,
        category: str | None = "heating",
        key: str | None = "кенесары 40",
        lat: float | None = None,
        lon: float | None = None,
        chat: str = "housing",
        author: int | None = None,
    ) -> Draft:
        post = next(self._posts)
        prefix, chat_id = _CHATS[chat]
        return Draft(
            chat_key=chat,
            prefix=prefix,
            source_chat_id=chat_id,
            source_message_id=post,
            source_thread_id=None,
            author_id=author if author is not None else 1000 + post,
            author_name="Resident",
            author_username=None,
            author_language="ru",
            text=text,
            media_type=None,
            media_file_id=None,
            created_at=at,
            category=category,
            address=_shown(key),
            address_key=key,
            lat=lat,
            lon=lon,
        )

    async def add(self, text: str, **kwargs: Any) -> int:
        created = await self.tickets.create(self.draft(text, **kwargs))
        return created.ticket.id

    async def problem(self, ticket_ids: list[int], *, status: str = "new") -> int:
        """A problem made of these appeals (place and category of the first)."""

        def make(conn: Any) -> int:
            first = conn.execute(
                "SELECT category, address, address_key, lat, lon, created_at FROM tickets"
                " WHERE id = ?",
                (ticket_ids[0],),
            ).fetchone()
            number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM problems").fetchone()
            now = to_db_time(T0)
            [(pid,)] = conn.execute(
                "INSERT INTO problems (number, title, category, address, address_key, lat, lon,"
                " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id",
                (number[0], "problem", *tuple(first)[:5], status, first[5], now),
            ).fetchall()
            conn.executemany(
                "UPDATE tickets SET problem_id = ? WHERE id = ?", [(pid, t) for t in ticket_ids]
            )
            return pid

        return await self.db.write(make)

    async def set_problem(self, problem_id: int, **columns: Any) -> None:
        sets = ", ".join(f"{name} = ?" for name in columns)
        await self.db.write(
            lambda conn: conn.execute(
                f"UPDATE problems SET {sets} WHERE id = ?", (*columns.values(), problem_id)
            )
        )


def grouper(appeals: Appeals, **problems: Any) -> Grouper:
    """The matcher over ``appeals``' database, with ``[problems]`` settings of the test's own."""
    return Grouper(appeals.db, settings(**problems))
