"""What a change of a problem does, inside the caller's transaction: to the
problem's own row and audit log, and to each of its appeals (their own change
through the ticket policy, each audited in the appeal's own history)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage.changes import ChangeArgs, apply_change
from storage.models import (
    PROBLEM_PREFIX,
    Answer,
    Outgoing,
    Problem,
    Resolution,
    Status,
    Ticket,
    to_db_time,
)
from storage.outbox import enqueue
from storage.problem_reads import open_appeals, read_problem
from storage.records import AnswerDraft, add_event
from storage.rules import Change, ProblemChange, Role, problem_status_after

# What one appeal's own change sends (its answer, its closing notice).
DeliverAppeal = Callable[[Ticket, Answer | None], Iterable[Outgoing]]


@dataclass(frozen=True, slots=True)
class AppealArgs:
    """What a problem's take, assign, answer or close gives each open appeal."""

    assignee_id: int | None = None
    resolution: Resolution | None = None
    answer: AnswerDraft | None = None


# The change each open appeal gets when its problem gets one (absent: the problem alone).
_APPEAL_CHANGE = {
    ProblemChange.take: Change.assign,
    ProblemChange.assign: Change.assign,
    ProblemChange.answer: Change.answer,
    ProblemChange.close: Change.close,
    ProblemChange.reopen: Change.reopen,
}


async def add_problem_event(
    conn: aiosqlite.Connection,
    problem_id: int,
    at: datetime,
    actor_id: int | None,
    kind: str,
    payload: dict[str, Any],
) -> None:
    await conn.execute(
        "INSERT INTO problem_events (problem_id, at, actor_id, kind, payload)"
        " VALUES (?, ?, ?, ?, ?)",
        (problem_id, to_db_time(at), actor_id, kind, json.dumps(payload, ensure_ascii=False)),
    )


async def join(
    conn: aiosqlite.Connection,
    problem: Problem,
    ticket: Ticket,
    actor_id: int | None,
    now: datetime,
) -> None:
    """An appeal joins a problem: the appeal's row, both audit logs."""
    stamp = to_db_time(now)
    await conn.execute(
        "UPDATE tickets SET problem_id = ?, updated_at = ? WHERE id = ?",
        (problem.id, stamp, ticket.id),
    )
    await conn.execute("UPDATE problems SET updated_at = ? WHERE id = ?", (stamp, problem.id))
    payload = {"problem_id": problem.id, "problem": problem.code}
    await add_event(conn, ticket.id, now, actor_id, "attach", payload)
    await add_problem_event(
        conn, problem.id, now, actor_id, "attach", {"ticket_id": ticket.id, "code": ticket.code}
    )


async def live_problem(conn: aiosqlite.Connection, problem_id: int) -> Problem | None:
    """The problem, or the one it was merged into (and so on)."""
    problem = await read_problem(conn, "id = ?", problem_id)
    seen: set[int] = set()
    while problem is not None and problem.merged_into is not None and problem.id not in seen:
        seen.add(problem.id)
        problem = await read_problem(conn, "id = ?", problem.merged_into)
    return problem


@dataclass(frozen=True, slots=True)
class ProblemWrite:
    """One change of a problem, as :func:`appeals_change` applies it to the appeals."""

    problem: Problem
    change: ProblemChange
    actor_id: int
    roles: Collection[Role]
    args: AppealArgs
    now: datetime


async def appeals_change(
    conn: aiosqlite.Connection, write: ProblemWrite, each: DeliverAppeal | None
) -> list[Ticket]:
    """Each appeal's own change for the problem's; those changed, after it.

    Open appeals are taken, assigned, answered or closed; reopening reopens the
    appeals that the problem's last closing closed."""
    appeal_change = _APPEAL_CHANGE.get(write.change)
    if appeal_change is None:
        return []
    if write.change is ProblemChange.reopen:
        targets = await closed_with(conn, write.problem)
    else:
        targets = await open_appeals(conn, write.problem.id)
    args = write.args
    assignee = args.assignee_id if write.change is ProblemChange.assign else write.actor_id
    ticket_args = ChangeArgs(assignee_id=assignee, resolution=args.resolution, answer=args.answer)
    touched = []
    for ticket in targets:
        if appeal_change is Change.assign and ticket.assignee_id == assignee:
            continue
        outcome = await apply_change(
            conn, ticket.id, appeal_change, write.actor_id, write.roles, ticket_args, write.now
        )
        if outcome is None or not outcome.done:
            continue
        touched.append(outcome.ticket)
        if each is not None:
            await enqueue(conn, each(outcome.ticket, outcome.answer), write.now)
    return touched


async def closed_with(conn: aiosqlite.Connection, problem: Problem) -> list[Ticket]:
    """The appeals its last closing closed (the same transaction stamped both)."""
    if problem.closed_at is None:
        return []
    rows = await conn.execute_fetchall(
        "SELECT * FROM tickets WHERE problem_id = ? AND status = 'closed' AND closed_at = ?",
        (problem.id, to_db_time(problem.closed_at)),
    )
    return [Ticket.from_row(row) for row in rows]


def problem_fields(write: ProblemWrite) -> dict[str, Any]:
    """The problem's own columns after the change."""
    problem, change, stamp = write.problem, write.change, to_db_time(write.now)
    fields: dict[str, Any] = {
        "status": problem_status_after(change, problem.status).value,
        "updated_at": stamp,
    }
    if change is ProblemChange.take:
        fields["assignee_id"] = write.actor_id
    elif change is ProblemChange.assign:
        fields["assignee_id"] = write.args.assignee_id
    elif change is ProblemChange.answer:
        fields["assignee_id"] = problem.assignee_id or write.actor_id
    elif change is ProblemChange.close:
        assert write.args.resolution is not None
        fields.update(resolution=write.args.resolution.value, closed_at=stamp)
    elif change is ProblemChange.reopen:
        fields.update(
            resolution=None, closed_at=None, assignee_id=problem.assignee_id or write.actor_id
        )
    return fields


@dataclass(frozen=True, slots=True)
class ProblemBrief:
    """What a resident is told about the problem their appeal joined."""

    problem_id: int
    code: str
    residents: int  # the residents who wrote about it, this one included
    status: str
    # Another of its appeals is urgent for the same reason: its alert has been raised.
    alerted: bool = False


def join_at_intake(
    conn: sqlite3.Connection, problem_id: int, ticket_id: int, ticket_code: str, now: datetime
) -> ProblemBrief | None:
    """A new appeal joins the problem the grouper chose (or the one it was merged
    into), in the transaction that creates it; None if that problem is closed by now."""
    seen: set[int] = set()
    row = conn.execute(
        "SELECT id, number, status, merged_into FROM problems WHERE id = ?", (problem_id,)
    ).fetchone()
    while row is not None and row["merged_into"] is not None and row["id"] not in seen:
        seen.add(row["id"])
        row = conn.execute(
            "SELECT id, number, status, merged_into FROM problems WHERE id = ?",
            (row["merged_into"],),
        ).fetchone()
    if row is None or row["status"] == Status.closed:
        return None
    stamp = to_db_time(now)
    code = f"{PROBLEM_PREFIX}-{row['number']}"
    conn.execute("UPDATE tickets SET problem_id = ? WHERE id = ?", (row["id"], ticket_id))
    conn.execute("UPDATE problems SET updated_at = ? WHERE id = ?", (stamp, row["id"]))
    conn.execute(
        "INSERT INTO events (ticket_id, at, actor_id, kind, payload) VALUES (?, ?, NULL, ?, ?)",
        (ticket_id, stamp, "attach", json.dumps({"problem_id": row["id"], "problem": code})),
    )
    conn.execute(
        "INSERT INTO problem_events (problem_id, at, actor_id, kind, payload)"
        " VALUES (?, ?, NULL, 'attach', ?)",
        (row["id"], stamp, json.dumps({"ticket_id": ticket_id, "code": ticket_code})),
    )
    [(residents,)] = conn.execute(
        "SELECT COUNT(DISTINCT author_id) FROM tickets WHERE problem_id = ?", (row["id"],)
    ).fetchall()
    [(alerted,)] = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM tickets AS other, tickets AS joined"
        " WHERE joined.id = ? AND other.problem_id = ? AND other.id != joined.id"
        " AND other.priority = 'urgent' AND other.urgency_reason IS joined.urgency_reason)",
        (ticket_id, row["id"]),
    ).fetchall()
    return ProblemBrief(row["id"], code, int(residents), row["status"], bool(alerted))
