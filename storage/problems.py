"""Problems: one issue at one place grouping many appeals (code ``P-<number>``).

Every change is one write transaction: the problem, its ``problem_events`` row,
each affected appeal's own change and ``events`` row (each appeal keeps its own
history and answer), and what the change sends, queued in the outbox. The
policy (:mod:`storage.rules`) is asked inside that transaction, about the
problem and about each appeal.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage.changes import policy_state
from storage.models import Outgoing, Problem, Ticket, to_db_time
from storage.outbox import enqueue
from storage.problem_changes import (
    AppealArgs,
    DeliverAppeal,
    ProblemWrite,
    add_problem_event,
    appeals_change,
    join,
    live_problem,
    problem_fields,
)
from storage.problem_reads import ProblemReads, problem_state, read_problem
from storage.records import add_event, read_ticket
from storage.rules import STAFF, Change, ProblemChange, Refusal, Role, problem_refusal, refusal

# What a problem's change sends: given the problem after it and the appeals it touched.
DeliverProblem = Callable[[Problem, Sequence[Ticket]], Iterable[Outgoing]]


def _nothing(_: Problem, __: Sequence[Ticket]) -> Iterable[Outgoing]:
    return ()


@dataclass(frozen=True, slots=True)
class ProblemOutcome:
    """Done, or refused by the policy (and why); None from a method: no such thing."""

    done: bool
    problem: Problem | None  # after the change; as it stands when refused
    refusal: Refusal | None = None
    appeals: tuple[Ticket, ...] = ()  # the appeals the change touched, after it


class ProblemRepository(ProblemReads):
    """Problems and everything that changes them (the reads: :class:`ProblemReads`)."""

    async def make(
        self,
        ticket_ids: Sequence[int],
        *,
        actor_id: int,
        title: Callable[[Ticket], str],
        roles: Collection[Role] = STAFF,
        deliver: DeliverProblem = _nothing,
    ) -> ProblemOutcome | None:
        """A new problem of the first appeal and those of the others that may still
        join one; its title from the first (``title``: its category and address)."""
        async with self._db.transaction() as conn:
            now = self._clock()
            first = await read_ticket(conn, "id = ?", ticket_ids[0]) if ticket_ids else None
            if first is None:
                return None
            refused = refusal(Change.make, await policy_state(conn, first), roles)
            if refused is not None:
                return ProblemOutcome(False, None, refused, (first,))
            joining = [first]
            for ticket_id in dict.fromkeys(ticket_ids[1:]):
                other = await read_ticket(conn, "id = ?", ticket_id)
                if (
                    other is not None
                    and refusal(Change.make, await policy_state(conn, other), roles) is None
                ):
                    joining.append(other)
            problem = await self._insert(conn, first, title(first), now)
            for ticket in joining:
                await join(conn, problem, ticket, actor_id, now)
            made = {"tickets": [t.code for t in joining]}
            await add_problem_event(conn, problem.id, now, actor_id, "made", made)
            return await self._done(conn, problem.id, [t.id for t in joining], now, deliver)

    async def attach(
        self,
        problem_id: int,
        ticket_id: int,
        *,
        actor_id: int | None,
        roles: Collection[Role] = STAFF,
        deliver: DeliverProblem = _nothing,
    ) -> ProblemOutcome | None:
        """An appeal joins a problem (the one it was merged into, if it was)."""
        async with self._db.transaction() as conn:
            now = self._clock()
            problem = await live_problem(conn, problem_id)
            ticket = await read_ticket(conn, "id = ?", ticket_id)
            if problem is None or ticket is None:
                return None
            refused = problem_refusal(
                ProblemChange.attach, problem_state(problem), roles
            ) or refusal(Change.attach, await policy_state(conn, ticket), roles)
            if refused is not None:
                return ProblemOutcome(False, problem, refused, (ticket,))
            await join(conn, problem, ticket, actor_id, now)
            return await self._done(conn, problem.id, [ticket.id], now, deliver)

    async def detach(
        self,
        ticket_id: int,
        *,
        actor_id: int,
        roles: Collection[Role] = STAFF,
        deliver: DeliverProblem = _nothing,
    ) -> ProblemOutcome | None:
        """An appeal leaves its problem and is worked on its own again."""
        async with self._db.transaction() as conn:
            now = self._clock()
            ticket = await read_ticket(conn, "id = ?", ticket_id)
            if ticket is None:
                return None
            problem = (
                await read_problem(conn, "id = ?", ticket.problem_id) if ticket.problem_id else None
            )
            refused = refusal(Change.detach, await policy_state(conn, ticket), roles)
            if problem is not None and refused is None:
                refused = problem_refusal(ProblemChange.detach, problem_state(problem), roles)
            if problem is None or refused is not None:
                return ProblemOutcome(False, problem, refused or Refusal.state, (ticket,))
            stamp = to_db_time(now)
            await conn.execute(
                "UPDATE tickets SET problem_id = NULL, updated_at = ? WHERE id = ?",
                (stamp, ticket.id),
            )
            await conn.execute(
                "UPDATE problems SET updated_at = ? WHERE id = ?", (stamp, problem.id)
            )
            payload = {"problem_id": problem.id, "problem": problem.code}
            await add_event(conn, ticket.id, now, actor_id, "detach", payload)
            await add_problem_event(
                conn,
                problem.id,
                now,
                actor_id,
                "detach",
                {"ticket_id": ticket.id, "code": ticket.code},
            )
            return await self._done(conn, problem.id, [ticket.id], now, deliver)

    async def merge(
        self,
        problem_id: int,
        into_id: int,
        *,
        actor_id: int,
        roles: Collection[Role] = STAFF,
        deliver: DeliverProblem = _nothing,
    ) -> ProblemOutcome | None:
        """``problem_id`` joins ``into_id``: its appeals move, and it is closed as the
        duplicate of it (``merged_into``). The outcome is about the one that stays."""
        async with self._db.transaction() as conn:
            now = self._clock()
            source = await read_problem(conn, "id = ?", problem_id)
            into = await read_problem(conn, "id = ?", into_id)
            if source is None or into is None:
                return None
            refused = problem_refusal(ProblemChange.merge, problem_state(source), roles)
            if refused is None:
                refused = problem_refusal(ProblemChange.attach, problem_state(into), roles)
            if refused is None and source.id == into.id:
                refused = Refusal.repeated
            if refused is not None:
                return ProblemOutcome(False, into, refused)
            moved = await self._all_appeals(conn, source.id)
            stamp = to_db_time(now)
            await conn.execute(
                "UPDATE tickets SET problem_id = ?, updated_at = ? WHERE problem_id = ?",
                (into.id, stamp, source.id),
            )
            for ticket in moved:
                payload = {"from": source.code, "to": into.code, "problem_id": into.id}
                await add_event(conn, ticket.id, now, actor_id, "problem_merged", payload)
            await conn.execute(
                "UPDATE problems SET status = 'closed', resolution = 'duplicate',"
                " merged_into = ?, closed_at = ?, updated_at = ? WHERE id = ?",
                (into.id, stamp, stamp, source.id),
            )
            await conn.execute("UPDATE problems SET updated_at = ? WHERE id = ?", (stamp, into.id))
            codes = [t.code for t in moved]
            carried = await _carry_roadmap(conn, source.id, into.id)
            await add_problem_event(
                conn, source.id, now, actor_id, "merged", {"into": into.code, "tickets": codes}
            )
            absorbed = {"from": source.code, "tickets": codes, **carried}
            await add_problem_event(conn, into.id, now, actor_id, "absorbed", absorbed)
            closed = await read_problem(conn, "id = ?", source.id)
            assert closed is not None
            await enqueue(conn, deliver(closed, ()), now)
            return await self._done(conn, into.id, [t.id for t in moved], now, deliver)

    async def retitle(
        self,
        problem_id: int,
        title: str,
        *,
        actor_id: int,
        roles: Collection[Role] = STAFF,
        deliver: DeliverProblem = _nothing,
    ) -> ProblemOutcome | None:
        title = " ".join(title.split())
        async with self._db.transaction() as conn:
            now = self._clock()
            problem = await read_problem(conn, "id = ?", problem_id)
            if problem is None:
                return None
            refused = problem_refusal(ProblemChange.retitle, problem_state(problem), roles)
            if refused is None and (not title or title == problem.title):
                refused = Refusal.repeated
            if refused is not None:
                return ProblemOutcome(False, problem, refused)
            await conn.execute(
                "UPDATE problems SET title = ?, updated_at = ? WHERE id = ?",
                (title, to_db_time(now), problem.id),
            )
            payload = {"from": problem.title, "to": title}
            await add_problem_event(conn, problem.id, now, actor_id, "retitled", payload)
            return await self._done(conn, problem.id, [], now, deliver)

    async def apply(
        self,
        problem_id: int,
        change: ProblemChange,
        *,
        actor_id: int,
        roles: Collection[Role] = STAFF,
        args: AppealArgs | None = None,
        deliver: DeliverProblem = _nothing,
        each: DeliverAppeal | None = None,
    ) -> ProblemOutcome | None:
        """Take, assign, answer, close or reopen a problem, and with it its appeals:
        each open appeal gets its own change (answer, closing…), checked by the
        ticket policy, audited and told to its resident (``each``). Reopening
        reopens the appeals that its closing closed."""
        args = args or AppealArgs()
        async with self._db.transaction() as conn:
            now = self._clock()
            problem = await read_problem(conn, "id = ?", problem_id)
            if problem is None:
                return None
            refused = problem_refusal(change, problem_state(problem), roles)
            if refused is None and change is ProblemChange.close and args.resolution is None:
                refused = Refusal.state
            if refused is not None:
                return ProblemOutcome(False, problem, refused)
            write = ProblemWrite(problem, change, actor_id, roles, args, now)
            fields = problem_fields(write)
            assignments = ", ".join(f"{name} = ?" for name in fields)
            await conn.execute(
                f"UPDATE problems SET {assignments} WHERE id = ?",  # noqa: S608 - fixed names
                (*fields.values(), problem.id),
            )
            touched = await appeals_change(conn, write, each)
            codes = [t.code for t in touched]
            payload: dict[str, Any] = {"from": problem.status.value, "tickets": codes}
            if args.resolution is not None:
                payload["resolution"] = args.resolution.value
            if "assignee_id" in fields:
                payload["assignee_id"] = fields["assignee_id"]
            await add_problem_event(conn, problem.id, now, actor_id, change.value, payload)
            return await self._done(conn, problem.id, [t.id for t in touched], now, deliver)

    @staticmethod
    async def _all_appeals(conn: aiosqlite.Connection, problem_id: int) -> list[Ticket]:
        rows = await conn.execute_fetchall(
            "SELECT * FROM tickets WHERE problem_id = ? ORDER BY id", (problem_id,)
        )
        return [Ticket.from_row(row) for row in rows]

    @staticmethod
    async def _insert(
        conn: aiosqlite.Connection, ticket: Ticket, title: str, now: datetime
    ) -> Problem:
        stamp = to_db_time(now)
        rows = await conn.execute_fetchall(
            "INSERT INTO problems (number, title, category, address, address_key, lat, lon,"
            " created_at, updated_at)"
            " VALUES ((SELECT COALESCE(MAX(number), 0) + 1 FROM problems), ?, ?, ?, ?, ?, ?, ?, ?)"
            " RETURNING *",
            (
                title,
                ticket.category,
                ticket.address,
                ticket.address_key,
                ticket.lat,
                ticket.lon,
                stamp,
                stamp,
            ),
        )
        return Problem.from_row(rows[0])

    @staticmethod
    async def _done(
        conn: aiosqlite.Connection,
        problem_id: int,
        ticket_ids: Sequence[int],
        now: datetime,
        deliver: DeliverProblem,
    ) -> ProblemOutcome:
        problem = await read_problem(conn, "id = ?", problem_id)
        assert problem is not None
        appeals = []
        for ticket_id in ticket_ids:
            ticket = await read_ticket(conn, "id = ?", ticket_id)
            assert ticket is not None
            appeals.append(ticket)
        await enqueue(conn, deliver(problem, appeals), now)
        return ProblemOutcome(True, problem, None, tuple(appeals))


async def _carry_roadmap(conn: aiosqlite.Connection, source_id: int, into_id: int) -> dict:
    """A merged problem's followers follow the one it joins, and its plan becomes that
    one's when that one has none (a plan already made there stays). Returns what moved,
    for the audit."""
    followers = await conn.execute(
        "INSERT OR IGNORE INTO problem_followers (problem_id, user_id, at)"
        " SELECT ?, user_id, at FROM problem_followers WHERE problem_id = ?",
        (into_id, source_id),
    )
    await conn.execute("DELETE FROM problem_followers WHERE problem_id = ?", (source_id,))
    plan = await conn.execute(
        "UPDATE plans SET problem_id = ? WHERE problem_id = ?"
        " AND NOT EXISTS (SELECT 1 FROM plans WHERE problem_id = ?)",
        (into_id, source_id, into_id),
    )
    return {"followers": max(followers.rowcount, 0), "plan": plan.rowcount == 1}
