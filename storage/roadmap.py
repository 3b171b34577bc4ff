"""The roadmap of requests: each problem's plan (who does what by when, paid from
where) and where it stands, read as the akim reads it.

A problem with no plan row is "new" on the roadmap; one closed as solved with no
plan is "done", one closed otherwise "not planned" (:data:`ROADMAP_STATUS_SQL`,
the one place that says so). Duplicates merged into another problem and spam are
not on it. Every change to a plan goes through the policy in storage/rules.py
inside the write transaction that makes it, with its ``problem_events`` row.

The read functions take a plain ``sqlite3`` connection so that the bot (on the
database's thread) and the exports (on a read-only snapshot) share them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from storage.db import Database
from storage.models import Outgoing, to_db_time
from storage.outbox import enqueue_now
from storage.rules import (
    PlanChange,
    PlanStatus,
    Refusal,
    Role,
    plan_refusal,
    plan_status_after,
)

Clock = Callable[[], datetime]
MEASURE_LIMIT = 500  # characters of a measure or a reason kept
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
class Plan:
    """A problem's plan as stored (a problem without one has :meth:`blank`)."""

    problem_id: int
    status: PlanStatus
    organisation: str | None = None
    measure: str | None = None
    due_on: date | None = None
    funding: Funding | None = None
    reason: str | None = None

    @property
    def has_plan(self) -> bool:
        """Someone is responsible and a measure is named: enough to be planned."""
        return bool(self.organisation and self.measure)

    @classmethod
    def blank(cls, problem_id: int) -> Plan:
        return cls(problem_id, PlanStatus.new)

    def fields(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "measure": self.measure,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "funding": self.funding.value if self.funding else None,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class PlanEdit:
    """What a change sets; None leaves a field as it is."""

    organisation: str | None = None
    measure: str | None = None
    due_on: date | None = None
    funding: Funding | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    plan: Plan | None  # after the change (None: no such problem)
    refusal: Refusal | None = None
    before: PlanStatus | None = None

    @property
    def done(self) -> bool:
        return self.plan is not None and self.refusal is None


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
    return [_item(row, today) for row in _named(conn).execute(sql, {**args, **names})]


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


def _named(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor whose rows are read by column name, whatever the connection's default
    (the exports' snapshot connection has none)."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor


def _read_plan(conn: sqlite3.Connection, problem_id: int) -> Plan | None:
    row = (
        _named(conn)
        .execute(
            f"SELECT p.id, {ROADMAP_STATUS_SQL} AS status, pl.organisation, pl.measure,"  # noqa: S608
            " pl.due_on, pl.funding, pl.reason"
            " FROM problems p LEFT JOIN plans pl ON pl.problem_id = p.id WHERE p.id = ?",
            (problem_id,),
        )
        .fetchone()
    )
    if row is None:
        return None
    return Plan(
        problem_id=row["id"],
        status=PlanStatus(row["status"]),
        organisation=row["organisation"],
        measure=row["measure"],
        due_on=date.fromisoformat(row["due_on"]) if row["due_on"] else None,
        funding=Funding(row["funding"]) if row["funding"] else None,
        reason=row["reason"],
    )


def _edited(plan: Plan, edit: PlanEdit) -> Plan:
    changes = {
        key: value
        for key, value in (
            ("organisation", edit.organisation),
            ("measure", edit.measure and edit.measure.strip()[:MEASURE_LIMIT]),
            ("due_on", edit.due_on),
            ("funding", edit.funding),
            ("reason", edit.reason and edit.reason.strip()[:MEASURE_LIMIT]),
        )
        if value is not None and value != ""
    }
    return replace(plan, **changes)


def _store(conn: sqlite3.Connection, plan: Plan, actor_id: int | None, now: str) -> None:
    values = plan.fields()
    conn.execute(
        "INSERT INTO plans (problem_id, status, organisation, measure, due_on, funding, reason,"
        " updated_at, updated_by) VALUES (:id, :status, :organisation, :measure, :due_on,"
        " :funding, :reason, :now, :actor)"
        " ON CONFLICT (problem_id) DO UPDATE SET status = excluded.status,"
        " organisation = excluded.organisation, measure = excluded.measure,"
        " due_on = excluded.due_on, funding = excluded.funding, reason = excluded.reason,"
        " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        {"id": plan.problem_id, "status": plan.status.value, "now": now, "actor": actor_id}
        | values,
    )


def add_problem_event(
    conn: sqlite3.Connection,
    problem_id: int,
    kind: str,
    payload: dict[str, Any],
    actor_id: int | None,
    now: str,
) -> None:
    conn.execute(
        "INSERT INTO problem_events (problem_id, at, actor_id, kind, payload)"
        " VALUES (?, ?, ?, ?, ?)",
        (problem_id, now, actor_id, kind, json.dumps(payload, ensure_ascii=False)),
    )


Deliver = Callable[[Plan, PlanStatus], Iterable[Outgoing]]


def _nothing(_: Plan, __: PlanStatus) -> Iterable[Outgoing]:
    return ()


class RoadmapRepository:
    """Plans on problems, and the roadmap read for Telegram."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def plan(self, problem_id: int) -> Plan | None:
        return await self._db.query(lambda conn: _read_plan(conn, problem_id))

    async def change(
        self,
        problem_id: int,
        change: PlanChange,
        actor_id: int | None,
        roles: Collection[Role],
        edit: PlanEdit = PlanEdit(),
        deliver: Deliver = _nothing,
    ) -> PlanOutcome:
        """Make ``change`` with ``edit`` if the policy allows it now, auditing it and
        queuing what ``deliver(plan, status_before)`` returns, in one transaction."""
        now = self._clock()

        def write(conn: sqlite3.Connection) -> PlanOutcome:
            before = _read_plan(conn, problem_id)
            if before is None:
                return PlanOutcome(None)
            after = _edited(before, edit)
            refused = plan_refusal(change, before.status, roles, has_plan=after.has_plan)
            if refused is None and change is PlanChange.decline and not after.reason:
                refused = Refusal.state  # not planned needs its reason
            if refused is not None:
                return PlanOutcome(before, refused, before.status)
            status = plan_status_after(change, before.status, has_plan=after.has_plan)
            after = replace(after, status=status)
            stamp = to_db_time(now)
            _store(conn, after, actor_id, stamp)
            payload = {"change": change.value, "status": [before.status.value, status.value]}
            payload |= {k: v for k, v in after.fields().items() if before.fields()[k] != v}
            add_problem_event(conn, problem_id, "plan", payload, actor_id, stamp)
            conn.execute("UPDATE problems SET updated_at = ? WHERE id = ?", (stamp, problem_id))
            if enqueue_now(conn, list(deliver(after, before.status)), now):
                queued.append(True)
            return PlanOutcome(after, None, before.status)

        queued: list[bool] = []
        outcome = await self._db.write(write)
        if queued:
            self._wake()
        return outcome

    async def page(
        self,
        today: date,
        page: int,
        size: int,
        *,
        statuses: Collection[PlanStatus] | None = None,
        chat_key: str | None = None,
    ) -> RoadmapPage:
        """One page of the roadmap (a page past the end shows the last one)."""

        def read(conn: sqlite3.Connection) -> RoadmapPage:
            total = count_roadmap(conn, statuses=statuses, chat_key=chat_key)
            pages = max((total + size - 1) // size, 1)
            number = min(max(page, 0), pages - 1)
            items = read_roadmap(
                conn, today, statuses=statuses, chat_key=chat_key, limit=size, offset=number * size
            )
            return RoadmapPage(items, total, number, pages)

        return await self._db.query(read)

    async def counts(self, *, chat_key: str | None = None) -> dict[str, int]:
        return await self._db.query(lambda conn: counts_by_status(conn, chat_key=chat_key))

    async def overdue_count(self, today: date) -> int:
        return await self._db.query(lambda conn: count_overdue(conn, today))

    async def overdue_unalerted(self, today: date) -> list[RoadmapItem]:
        """Plans whose due date has passed and whose heads have not been told of it."""

        def read(conn: sqlite3.Connection) -> list[RoadmapItem]:
            return [
                item
                for item in read_roadmap(conn, today, statuses=OVERDUE_STATUSES)
                if item.overdue
            ]

        items = await self._db.query(read)
        alerted = await self._db.query(
            lambda conn: dict(conn.execute("SELECT problem_id, alerted_due FROM plans").fetchall())
        )
        return [i for i in items if alerted.get(i.problem_id) != i.due_on.isoformat()]

    async def mark_overdue(self, item: RoadmapItem, items: Iterable[Outgoing]) -> bool:
        """Record that the heads are told of ``item``'s passed due date, and queue the
        telling, once: False if it was recorded already (or the date moved meanwhile)."""
        assert item.due_on is not None
        due, now = item.due_on.isoformat(), self._clock()
        outgoing = list(items)

        def write(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                "UPDATE plans SET alerted_due = due_on WHERE problem_id = ? AND due_on = ?"
                " AND alerted_due IS NOT due_on",
                (item.problem_id, due),
            )
            if cursor.rowcount != 1:
                return False
            stamp = to_db_time(now)
            add_problem_event(conn, item.problem_id, "plan_overdue", {"due_on": due}, None, stamp)
            enqueue_now(conn, outgoing, now)
            return True

        told = await self._db.write(write)
        if told and outgoing:
            self._wake()
        return told

    def _wake(self) -> None:
        # A plain write does not wake the sender itself (Database.transaction does).
        if self._db.on_queued is not None:
            self._db.on_queued()
