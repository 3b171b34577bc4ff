"""The reads that a problem's card, its actions and intake need."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from storage.db import Database
from storage.models import OPEN_SQL, PROBLEM_PREFIX, Problem, Ticket
from storage.outbox import Clock
from storage.rules import ProblemState

# Appeals a card lists, newest first.
NEWEST = 5
_CODE = re.compile(rf"^\s*{PROBLEM_PREFIX}-(\d{{1,9}})\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ProblemFacts:
    """What a problem's card shows beyond its row: how many, who, the newest."""

    appeals: int = 0  # in it now
    residents: int = 0  # distinct authors: a resident who wrote twice counts once
    open: int = 0  # appeals in it not closed yet
    newest: tuple[Ticket, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class ProblemLink:
    problem: Problem
    role: str  # card, prompt


def number_of(code: str) -> int | None:
    """The number in a problem code ``P-12`` (any case, spaces around), or None."""
    found = _CODE.match(code)
    return int(found.group(1)) if found else None


def problem_state(problem: Problem) -> ProblemState:
    return ProblemState(problem.status, merged=problem.merged_into is not None)


async def read_problem(conn: aiosqlite.Connection, where: str, *args: Any) -> Problem | None:
    # `where` is always a literal from the storage package; values are bound parameters.
    rows = await conn.execute_fetchall(f"SELECT * FROM problems WHERE {where}", args)  # noqa: S608
    return Problem.from_row(rows[0]) if rows else None


async def read_facts(
    conn: aiosqlite.Connection, problem_id: int, newest: int = NEWEST
) -> ProblemFacts:
    [(appeals, residents, still_open)] = await conn.execute_fetchall(
        f"SELECT COUNT(*), COUNT(DISTINCT author_id), COALESCE(SUM({OPEN_SQL}), 0)"  # noqa: S608
        " FROM tickets WHERE problem_id = ?",
        (problem_id,),
    )
    rows = await conn.execute_fetchall(
        "SELECT * FROM tickets WHERE problem_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        (problem_id, newest),
    )
    return ProblemFacts(
        int(appeals), int(residents), int(still_open), tuple(Ticket.from_row(r) for r in rows)
    )


async def open_appeals(conn: aiosqlite.Connection, problem_id: int) -> list[Ticket]:
    rows = await conn.execute_fetchall(
        f"SELECT * FROM tickets WHERE problem_id = ? AND {OPEN_SQL}"  # noqa: S608
        " ORDER BY created_at, id",
        (problem_id,),
    )
    return [Ticket.from_row(row) for row in rows]


class ProblemReads:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def get(self, problem_id: int) -> Problem | None:
        async with self._db.read() as conn:
            return await read_problem(conn, "id = ?", problem_id)

    async def by_code(self, code: str) -> Problem | None:
        number = number_of(code)
        if number is None:
            return None
        async with self._db.read() as conn:
            return await read_problem(conn, "number = ?", number)

    async def by_message(self, chat_id: int, message_id: int) -> ProblemLink | None:
        """The problem a staff message belongs to: its card (the current one, or an
        older one it was posted as) or a prompt under it."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT problem_id, role FROM problem_messages"
                " WHERE chat_id = ? AND message_id = ?",
                (chat_id, message_id),
            )
            if rows:
                problem = await read_problem(conn, "id = ?", rows[0][0])
                return ProblemLink(problem, rows[0][1]) if problem else None
            problem = await read_problem(
                conn, "card_chat_id = ? AND card_message_id = ?", chat_id, message_id
            )
        return ProblemLink(problem, "card") if problem else None

    async def facts(self, problem_id: int, newest: int = NEWEST) -> ProblemFacts:
        async with self._db.read() as conn:
            return await read_facts(conn, problem_id, newest)

    async def open_appeals(self, problem_id: int) -> list[Ticket]:
        async with self._db.read() as conn:
            return await open_appeals(conn, problem_id)

    async def appeals(self, problem_id: int, limit: int = 100) -> list[Ticket]:
        """Its appeals, newest first."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT * FROM tickets WHERE problem_id = ?"
                " ORDER BY created_at DESC, id DESC LIMIT ?",
                (problem_id, limit),
            )
        return [Ticket.from_row(row) for row in rows]

    async def merge_candidates(self, problem: Problem, limit: int = 4) -> list[Problem]:
        """Open problems this one could be merged into: same category first, newest."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                f"SELECT * FROM problems WHERE {OPEN_SQL} AND id != ?"  # noqa: S608
                " ORDER BY (category IS ?) DESC, (address_key IS ?) DESC, id DESC LIMIT ?",
                (problem.id, problem.category, problem.address_key, limit),
            )
        return [Problem.from_row(row) for row in rows]

    async def link_message(self, chat_id: int, message_id: int, problem_id: int, role: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT OR REPLACE INTO problem_messages (chat_id, message_id, problem_id, role)"
                " VALUES (?, ?, ?, ?)",
                (chat_id, message_id, problem_id, role),
            )
