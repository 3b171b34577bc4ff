"""The roadmap as it reads: every problem on it with its plan, counts and place in
the order (overdue plans first, then by status and due date).

A problem with no plan row is "new" on the roadmap; one closed as solved with no
plan is "done", one closed otherwise "not planned" (:data:`ROADMAP_STATUS_SQL`,
the one place that says so). Duplicates merged into another problem and spam are
not on it. The functions take a plain ``sqlite3`` connection so that the bot (on
the database's thread) and the exports (on a read-only snapshot) share them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from storage.rules import PlanStatus

OVERDUE_STATUSES = (PlanStatus.planned, PlanStatus.in_progress)


class Funding(StrEnum):
    budget = "budget"  # the current budget
    needs_funding = "needs_funding"  # waits for money
    participatory = "participatory"  # the participatory budget ("бюджет народного участия")


ROADMAP_STATUS_SQL = (
    "COALESCE(pl.status, CASE WHEN p.status != 'closed' THEN 'new'"
    " WHEN p.resolution = 'resolved' THEN 'done' ELSE 'not_planned' END)"
)
_ON_ROADMAP = "p.merged_into IS NULL AND COALESCE(p.resolution, '') NOT IN ('duplicate', 'spam')"
_OVERDUE = "(status IN ('planned', 'in_progress') AND due_on IS NOT NULL AND due_on < :today)"
# Overdue plans first (the longest overdue first), then by where they stand, then by date.
_ORDER = (
    f"{_OVERDUE} DESC, CASE status WHEN 'in_progress' THEN 0 WHEN 'planned' THEN 1"
    " WHEN 'new' THEN 2 WHEN 'not_planned' THEN 3 ELSE 4 END,"
    " due_on IS NULL, due_on, number"
)
_ROWS = f"""(
        SELECT p.id AS problem_id, p.number, p.title, p.category, p.address,
               {ROADMAP_STATUS_SQL} AS status,
               pl.organisation, pl.measure, pl.due_on, pl.funding, pl.reason, pl.alerted_due,
               (SELECT COUNT(*) FROM tickets t WHERE t.problem_id = p.id) AS appeals,
               (SELECT COUNT(DISTINCT t.author_id) FROM tickets t
                 WHERE t.problem_id = p.id) AS residents
          FROM problems p LEFT JOIN plans pl ON pl.problem_id = p.id
         WHERE {_ON_ROADMAP}
           AND (:chat IS NULL OR EXISTS (SELECT 1 FROM tickets c
                 WHERE c.problem_id = p.id AND c.chat_key = :chat))
    )"""  # noqa: S608 - fixed fragments; values are parameters


@dataclass(frozen=True, slots=True)
class RoadmapItem:
    """One line of the roadmap."""

    problem_id: int
    number: int
    title: str
    category: str | None
    address: str | None
    status: PlanStatus
    organisation: str | None
    measure: str | None
    due_on: date | None
    funding: Funding | None
    reason: str | None
    appeals: int
    residents: int
    overdue: bool

    @property
    def code(self) -> str:
        return f"P-{self.number}"


@dataclass(frozen=True, slots=True)
class RoadmapPage:
    items: list[RoadmapItem]
    total: int
    page: int
    pages: int


def _item(row: sqlite3.Row, today: date) -> RoadmapItem:
    due = date.fromisoformat(row["due_on"]) if row["due_on"] else None
    status = PlanStatus(row["status"])
    return RoadmapItem(
        problem_id=row["problem_id"],
        number=row["number"],
        title=row["title"],
        category=row["category"],
        address=row["address"],
        status=status,
        organisation=row["organisation"],
        measure=row["measure"],
        due_on=due,
        funding=Funding(row["funding"]) if row["funding"] else None,
        reason=row["reason"],
        appeals=row["appeals"],
        residents=row["residents"],
        overdue=status in OVERDUE_STATUSES and due is not None and due < today,
    )


def _where(statuses: Collection[PlanStatus] | None) -> tuple[str, dict[str, Any]]:
    if not statuses:
        return "", {}
    names = {f"s{i}": s.value for i, s in enumerate(statuses)}
    return f" WHERE status IN ({', '.join(':' + n for n in names)})", names


def read_roadmap(
    conn: sqlite3.Connection,
    today: date,
    *,
    statuses: Collection[PlanStatus] | None = None,
    chat_key: str | None = None,
    limit: int = -1,
    offset: int = 0,
) -> list[RoadmapItem]:
    """The roadmap in its order: overdue plans first, then by status and due date."""
    where, names = _where(statuses)
    sql = f"SELECT * FROM {_ROWS}{where} ORDER BY {_ORDER} LIMIT :limit OFFSET :offset"  # noqa: S608
    args = {"today": today.isoformat(), "chat": chat_key, "limit": limit, "offset": offset}
    return [_item(row, today) for row in named(conn).execute(sql, {**args, **names})]


def count_roadmap(
    conn: sqlite3.Connection,
    *,
    statuses: Collection[PlanStatus] | None = None,
    chat_key: str | None = None,
) -> int:
    where, names = _where(statuses)
    sql = f"SELECT COUNT(*) FROM {_ROWS}{where}"  # noqa: S608 - fixed fragments
    [(count,)] = conn.execute(sql, {"chat": chat_key, **names})
    return int(count)


def count_overdue(conn: sqlite3.Connection, today: date) -> int:
    sql = f"SELECT COUNT(*) FROM {_ROWS} WHERE {_OVERDUE}"  # noqa: S608 - fixed fragments
    [(count,)] = conn.execute(sql, {"chat": None, "today": today.isoformat()})
    return int(count)


def counts_by_status(conn: sqlite3.Connection, *, chat_key: str | None = None) -> dict[str, int]:
    """Problems on the roadmap by status (every status, zeros included)."""
    sql = f"SELECT status, COUNT(*) FROM {_ROWS} GROUP BY status"  # noqa: S608 - fixed fragments
    rows = conn.execute(sql, {"chat": chat_key})
    counts = dict.fromkeys((s.value for s in PlanStatus), 0)
    counts.update({status: n for status, n in rows})
    return counts


def named(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor whose rows are read by column name, whatever the connection's default
    (the exports' snapshot connection has none)."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor
