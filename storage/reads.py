"""The reads that cards, lists and the deadline watch need about tickets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from storage.changes import policy_state
from storage.db import Database
from storage.models import (
    OPEN_SQL,
    PROBLEM_PREFIX,
    RESOLVE_OVERDUE_SQL,
    RESPONSE_OVERDUE_SQL,
    Answer,
    Event,
    Ticket,
    to_db_time,
)
from storage.outbox import Clock
from storage.ratings import latest_rating
from storage.records import read_ticket
from storage.rules import State


@dataclass(frozen=True, slots=True)
class TicketFacts:
    """What a card shows beyond the ticket row itself."""

    last_followup: dict[str, Any] | None = None
    answers: int = 0
    last_answer: Answer | None = None
    notes: int = 0
    last_note: Answer | None = None
    delete_error: str | None = None  # the spam post could not be removed
    post_deleted: bool = False
    banned: bool = False
    ban_error: str | None = None
    solved: bool | None = None  # the author's latest "was it solved?" answer
    extended: dict[str, Any] | None = None  # the latest extension: due, reason
    replaced_card: int | None = None  # the card message a re-posted card replaces
    spam_signs: tuple[str, ...] = ()  # why intake found the appeal suspicious
    problem: Suggested | None = None  # the problem it belongs to, or the one offered
    pair: tuple[tuple[int, str], ...] = ()  # open appeals offered to make a problem with


@dataclass(frozen=True, slots=True)
class Suggested:
    """A problem as an appeal's card names it: the one it is in, or the one offered."""

    id: int
    code: str
    residents: int


@dataclass(frozen=True, slots=True)
class DeadlineWork:
    remind: list[Ticket]  # first response due soon
    response_overdue: list[Ticket]
    resolve_overdue: list[Ticket]


@dataclass(frozen=True, slots=True)
class MessageLink:
    ticket: Ticket
    role: str  # source, ack, followup, card, answer, prompt


class TicketReads:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def get(self, ticket_id: int) -> Ticket | None:
        async with self._db.read() as conn:
            return await read_ticket(conn, "id = ?", ticket_id)

    async def by_code(self, code: str) -> Ticket | None:
        async with self._db.read() as conn:
            return await read_ticket(conn, "code = ?", code.strip().upper())

    async def by_message(self, chat_id: int, message_id: int) -> MessageLink | None:
        """The ticket a message in a chat belongs to (its post, ack, card, answer…)."""
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT t.*, m.role AS _role FROM ticket_messages m"
                " JOIN tickets t ON t.id = m.ticket_id"
                " WHERE m.chat_id = ? AND m.message_id = ?",
                (chat_id, message_id),
            ) as cur:
                row = await cur.fetchone()
        if row is None:
            return None
        data = dict(row)
        role = data.pop("_role")
        return MessageLink(Ticket.from_row(data), role)

    async def events(self, ticket_id: int, *, last: int = -1) -> list[Event]:
        """The ticket's audit log in order; only the ``last`` N events if given."""
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT * FROM events WHERE ticket_id = ? ORDER BY id DESC LIMIT ?",
                (ticket_id, last),
            ) as cur:
                rows = await cur.fetchall()
        return [Event.from_row(row) for row in reversed(rows)]

    async def by_author(self, author_id: int, *, limit: int = 20) -> list[Ticket]:
        """A resident's own tickets, newest first."""
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT * FROM tickets WHERE author_id = ? ORDER BY created_at DESC, id DESC"
                " LIMIT ?",
                (author_id, limit),
            ) as cur:
                return [Ticket.from_row(row) for row in await cur.fetchall()]

    async def last_answers(self, ticket_ids: list[int]) -> dict[int, Answer]:
        """The latest public answer of each ticket (notes are never shown to residents)."""
        if not ticket_ids:
            return {}
        marks = ", ".join("?" for _ in ticket_ids)
        async with self._db.read() as conn:
            async with conn.execute(
                f"SELECT * FROM answers WHERE id IN (SELECT MAX(id) FROM answers"  # noqa: S608
                f" WHERE internal = 0 AND ticket_id IN ({marks}) GROUP BY ticket_id)",
                ticket_ids,
            ) as cur:
                return {row["ticket_id"]: Answer.from_row(row) for row in await cur.fetchall()}

    async def deadline_work(self, now: datetime, remind_before: timedelta) -> DeadlineWork:
        """Open tickets the deadline watch must act on now, each only once per deadline."""
        times = {"now": to_db_time(now), "soon": to_db_time(now + remind_before)}
        not_done = "NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = :kind"
        # An extension sets a new resolution deadline, which gets its own alert.
        since_extended = (
            " AND e.id > COALESCE((SELECT MAX(x.id) FROM events x"
            " WHERE x.ticket_id = t.id AND x.kind = 'extend'), 0)"
        )
        queries = {
            "remind": (
                f"{OPEN_SQL} AND first_response_at IS NULL"
                " AND response_due_at >= :now AND response_due_at <= :soon",
                "response_due_at",
                "reminder_response",
            ),
            "response": (
                f"{OPEN_SQL} AND {RESPONSE_OVERDUE_SQL}",
                "response_due_at",
                "overdue_response",
            ),
            "resolve": (
                f"{OPEN_SQL} AND {RESOLVE_OVERDUE_SQL}",
                "resolve_due_at",
                "overdue_resolve",
            ),
        }
        found: dict[str, list[Ticket]] = {}
        async with self._db.read() as conn:
            for name, (where, order, kind) in queries.items():
                async with conn.execute(
                    f"SELECT t.* FROM tickets t WHERE {where} AND {not_done}"  # noqa: S608
                    f"{since_extended if name == 'resolve' else ''})"
                    f" ORDER BY {order} LIMIT 200",  # by due: the partial indexes serve it
                    {**times, "kind": kind},
                ) as cur:
                    found[name] = [Ticket.from_row(row) for row in await cur.fetchall()]
        return DeadlineWork(found["remind"], found["response"], found["resolve"])

    async def facts(self, ticket_id: int) -> TicketFacts:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT * FROM answers WHERE ticket_id = ? ORDER BY id", (ticket_id,)
            )
            answers = [Answer.from_row(row) for row in rows]
            rows = await conn.execute_fetchall(
                "SELECT kind, payload FROM events WHERE ticket_id = ? AND kind IN"
                " ('followup', 'post_deleted', 'post_delete_failed', 'author_banned', 'ban_failed',"
                " 'extend', 'card_reposted')"
                " ORDER BY id",
                (ticket_id,),
            )
            events = [(kind, json.loads(payload)) for kind, payload in rows]
            solved = await latest_rating(conn, ticket_id)
            signs = await conn.execute_fetchall(
                "SELECT reasons FROM spam_signs WHERE ticket_id = ?", (ticket_id,)
            )
            problem, pair = await _problem_facts(conn, ticket_id)
        public = [a for a in answers if not a.internal]
        notes = [a for a in answers if a.internal]
        latest: dict[str, dict[str, Any]] = {kind: payload for kind, payload in events}
        delete = next(
            (k for k, _ in reversed(events) if k in ("post_deleted", "post_delete_failed")), None
        )
        ban = next((k for k, _ in reversed(events) if k in ("author_banned", "ban_failed")), None)
        return TicketFacts(
            last_followup=latest.get("followup"),
            answers=len(public),
            last_answer=public[-1] if public else None,
            notes=len(notes),
            last_note=notes[-1] if notes else None,
            post_deleted=delete == "post_deleted",
            delete_error=latest["post_delete_failed"].get("error")
            if delete == "post_delete_failed"
            else None,
            banned=ban == "author_banned",
            ban_error=latest["ban_failed"].get("error") if ban == "ban_failed" else None,
            solved=solved,
            extended=latest.get("extend"),
            replaced_card=next(
                (p["old"] for k, p in reversed(events) if k == "card_reposted" and p.get("old")),
                None,
            ),
            spam_signs=tuple(json.loads(signs[0][0])) if signs else (),
            problem=problem,
            pair=pair,
        )

    async def state(self, ticket: Ticket) -> State:
        """What the policy looks at for ``ticket`` now (see :mod:`storage.rules`)."""
        async with self._db.read() as conn:
            return await policy_state(conn, ticket)

    async def count_by_status(self) -> dict[str, int]:
        async with self._db.read() as conn:
            async with conn.execute("SELECT status, COUNT(*) FROM tickets GROUP BY status") as cur:
                return {status: count for status, count in await cur.fetchall()}

    async def by_album(self, chat_id: int, media_group_id: str) -> Ticket | None:
        async with self._db.read() as conn:
            return await read_ticket(
                conn, "source_chat_id = ? AND media_group_id = ?", chat_id, media_group_id
            )

    async def text_message_id(self, ticket: Ticket) -> int:
        """The message whose text is the ticket's: the post, or the album item
        that carried the caption."""
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT json_extract(payload, '$.message_id') FROM events"
                " WHERE ticket_id = ? AND kind = 'attachment'"
                " AND json_extract(payload, '$.gave_text') ORDER BY id DESC LIMIT 1",
                (ticket.id,),
            ) as cur:
                row = await cur.fetchone()
        return int(row[0]) if row else ticket.source_message_id

    async def answers(self, ticket_id: int) -> list[Answer]:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT * FROM answers WHERE ticket_id = ? ORDER BY id", (ticket_id,)
            ) as cur:
                return [Answer.from_row(row) for row in await cur.fetchall()]


async def _problem_facts(
    conn: aiosqlite.Connection, ticket_id: int
) -> tuple[Suggested | None, tuple[tuple[int, str], ...]]:
    """The problem an appeal is in; else what its card offers, as it stands now: the
    problem suggested (if still open), the appeals to make one with (if still alone)."""
    rows = await conn.execute_fetchall(
        "SELECT t.problem_id, e.payload FROM tickets t LEFT JOIN events e"
        " ON e.id = (SELECT MAX(id) FROM events WHERE ticket_id = t.id"
        " AND kind = 'problem_suggested') WHERE t.id = ?",
        (ticket_id,),
    )
    if not rows:
        return None, ()
    problem_id, payload = rows[0]
    offered = json.loads(payload) if payload else {}
    if problem_id is None:
        problem_id = offered.get("problem_id")
        only_open = " AND p.status != 'closed'"
    else:
        only_open = ""
    problem = None
    if problem_id is not None:
        found = await conn.execute_fetchall(
            "SELECT p.id, p.number, (SELECT COUNT(DISTINCT author_id) FROM tickets"  # noqa: S608
            f" WHERE problem_id = p.id) FROM problems p WHERE p.id = ?{only_open}",
            (problem_id,),
        )
        if found:
            pid, number, residents = found[0]
            problem = Suggested(pid, f"{PROBLEM_PREFIX}-{number}", int(residents))
    pair: tuple[tuple[int, str], ...] = ()
    if offered.get("tickets") and rows[0][0] is None:
        marks = ", ".join("?" * len(offered["tickets"]))
        found = await conn.execute_fetchall(
            f"SELECT id, code FROM tickets WHERE id IN ({marks})"  # noqa: S608 - marks only
            f" AND problem_id IS NULL AND {OPEN_SQL} ORDER BY id",
            tuple(offered["tickets"]),
        )
        pair = tuple((int(i), str(c)) for i, c in found)
    return problem, pair
