"""Each problem's plan on the roadmap of requests: who does what by when, paid
from where, and where it stands. Every change goes through the policy in
storage/rules.py inside the write transaction that makes it, with its
``problem_events`` row; the roadmap is read through :mod:`storage.roadmap_reads`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from storage.db import Database
from storage.models import Outgoing, to_db_time
from storage.outbox import enqueue_now
from storage.roadmap_reads import (
    OVERDUE_STATUSES,
    ROADMAP_STATUS_SQL,
    Funding,
    RoadmapItem,
    RoadmapPage,
    count_overdue,
    count_roadmap,
    counts_by_status,
    named,
    read_roadmap,
)
from storage.rules import (
    PlanChange,
    PlanStatus,
    Refusal,
    Role,
    plan_refusal,
    plan_status_after,
)

__all__ = ["Funding", "Plan", "PlanEdit", "PlanOutcome", "RoadmapItem", "RoadmapPage"]

Clock = Callable[[], datetime]
MEASURE_LIMIT = 500  # characters of a measure or a reason kept


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


def _read_plan(conn: sqlite3.Connection, problem_id: int) -> Plan | None:
    row = (
        named(conn)
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

    async def follow(self, problem_id: int, user_id: int, on: bool) -> bool:
        """Start (or stop) telling ``user_id`` of the problem's plan; False if that was so."""
        stamp = to_db_time(self._clock())

        def write(conn: sqlite3.Connection) -> bool:
            if on:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO problem_followers (problem_id, user_id, at)"
                    " VALUES (?, ?, ?)",
                    (problem_id, user_id, stamp),
                )
            else:
                cursor = conn.execute(
                    "DELETE FROM problem_followers WHERE problem_id = ? AND user_id = ?",
                    (problem_id, user_id),
                )
            return cursor.rowcount == 1

        return await self._db.write(write)

    async def followers(self, problem_id: int) -> list[int]:
        rows = await self._db.query(
            lambda conn: conn.execute(
                "SELECT user_id FROM problem_followers WHERE problem_id = ? ORDER BY at",
                (problem_id,),
            ).fetchall()
        )
        return [row[0] for row in rows]
