"""One change to a ticket, checked against the policy (:mod:`storage.rules`) in
the transaction that writes it, its audit events beside it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiosqlite

from storage.models import Answer, Priority, Resolution, Ticket, to_db_time
from storage.ratings import CLOSINGS_SQL, RATED_SQL, insert_rating
from storage.records import AnswerDraft, add_event, insert_answer, maybe_time, read_ticket
from storage.rules import Change, Refusal, Role, State, event_kind, refusal, status_after

# The changes that link an appeal to a problem (storage.problems writes them).
PROBLEM_LINKS = frozenset({Change.make, Change.attach, Change.detach})


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of a change: done, or refused by the policy (and why)."""

    done: bool
    ticket: Ticket  # after the change; as it stands when refused
    before: Ticket
    answer: Answer | None = None
    refusal: Refusal | None = None


@dataclass(frozen=True, slots=True)
class ChangeArgs:
    """What a change needs beyond the ticket and the actor."""

    assignee_id: int | None = None
    resolution: Resolution | None = None
    answer: AnswerDraft | None = None
    due: datetime | None = None
    reason: str | None = None
    priority: Priority | None = None
    closing: int | None = None  # the author's answers: the closing they were asked about
    category: str | None = None  # a moderator's correction of what the appeal is about
    address: str | None = None  # … of where it is, as shown
    address_key: str | None = None  # … and as compared


# The policy's facts beyond the ticket row, in one statement.
_STATE = (
    f"SELECT ({CLOSINGS_SQL}),"  # noqa: S608 - fixed text
    " (SELECT kind FROM events WHERE ticket_id = :id"
    " AND kind IN ('author_banned', 'ban_failed') ORDER BY id DESC LIMIT 1),"
    f" {RATED_SQL},"
    " (SELECT json_extract(payload, '$.problem_id') FROM events WHERE ticket_id = :id"
    " AND kind = 'problem_suggested' ORDER BY id DESC LIMIT 1)"
)


async def policy_state(conn: aiosqlite.Connection, ticket: Ticket) -> State:
    """What the policy looks at for ``ticket``, as the database holds it now."""
    [(closings, ban, rated, offered)] = await conn.execute_fetchall(_STATE, {"id": ticket.id})
    return State(
        ticket.status,
        ticket.resolution,
        banned=ban == "author_banned",
        closings=int(closings),
        rated=bool(rated),
        attached=ticket.problem_id is not None,
        offered=offered is not None,
    )


async def apply_change(
    conn: aiosqlite.Connection,
    ticket_id: int,
    change: Change,
    actor_id: int,
    roles: Collection[Role],
    args: ChangeArgs,
    now: datetime,
) -> Outcome | None:
    """Inside the caller's write transaction: check, change, audit. None: no such ticket.

    Linking an appeal to a problem is not a change of the ticket alone: it is
    :class:`storage.problems.ProblemRepository`'s, which writes both sides."""
    if change in PROBLEM_LINKS:
        raise ValueError(f"{change} links a problem: ProblemRepository makes it")
    before = await read_ticket(conn, "id = ?", ticket_id)
    if before is None:
        return None
    if before.author_id == actor_id:
        roles = {*roles, Role.author}
    state = await policy_state(conn, before)
    refused = refusal(change, state, roles, closing=args.closing) or _invalid(change, before, args)
    if refused is not None:
        return Outcome(False, before, before, refusal=refused)
    write = _Write(conn, before, actor_id, now, args)
    write.fields["status"] = status_after(change, before.status).value
    write.fields["updated_at"] = write.stamp
    await _EFFECTS.get(change, _nothing)(write)
    if write.fields:
        assignments = ", ".join(f"{name} = ?" for name in write.fields)
        await conn.execute(
            f"UPDATE tickets SET {assignments} WHERE id = ?",  # noqa: S608 - names in this module
            (*write.fields.values(), ticket_id),
        )
    await add_event(conn, ticket_id, now, actor_id, event_kind(change), write.payload)
    for kind, payload in write.more_events:
        await add_event(conn, ticket_id, now, actor_id, kind, payload)
    after = await read_ticket(conn, "id = ?", ticket_id)
    assert after is not None
    return Outcome(True, after, before, write.answer)


def _invalid(change: Change, before: Ticket, args: ChangeArgs) -> Refusal | None:
    """Arguments the state makes moot: a deadline no later than the one set
    meanwhile, a priority the ticket has already."""
    if change is Change.extend and (
        args.due is None
        or (before.resolve_due_at is not None and args.due <= before.resolve_due_at)
    ):
        return Refusal.state
    if change is Change.urgent and (args.priority is None or args.priority is before.priority):
        return Refusal.repeated
    if change is Change.recategorize and (
        args.category is None or args.category == before.category
    ):
        return Refusal.repeated
    if change is Change.readdress and not args.address:
        return Refusal.state
    return None


@dataclass(slots=True)
class _Write:
    conn: aiosqlite.Connection
    before: Ticket
    actor_id: int
    now: datetime
    args: ChangeArgs
    fields: dict[str, Any] = field(default_factory=dict)
    payload: dict[str, Any] = field(default_factory=dict)
    more_events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    answer: Answer | None = None

    def __post_init__(self) -> None:
        self.payload["from"] = self.before.status.value

    @property
    def stamp(self) -> str:
        return to_db_time(self.now)


async def _nothing(write: _Write) -> None:
    return None


async def _take(write: _Write) -> None:
    write.fields["assignee_id"] = write.actor_id


async def _assign(write: _Write) -> None:
    write.fields["assignee_id"] = write.payload["assignee_id"] = write.args.assignee_id


async def _answer(write: _Write) -> None:
    await _record_answer(write, internal=False)
    write.fields["answered_at"] = write.stamp
    if write.before.first_response_at is None:
        write.fields["first_response_at"] = write.stamp
    write.fields["assignee_id"] = write.before.assignee_id or write.actor_id


async def _note(write: _Write) -> None:
    await _record_answer(write, internal=True)


async def _record_answer(write: _Write, *, internal: bool) -> None:
    assert write.args.answer is not None
    write.answer = await insert_answer(
        write.conn, write.before.id, write.args.answer, write.now, internal
    )
    write.payload["answer_id"] = write.answer.id


async def _close(write: _Write) -> None:
    resolution = write.args.resolution
    assert resolution is not None
    write.fields.update(resolution=resolution.value, closed_at=write.stamp)
    write.payload["resolution"] = resolution.value


async def _spam(write: _Write) -> None:
    write.args = ChangeArgs(resolution=Resolution.spam)
    await _close(write)


async def _reopen(write: _Write) -> None:
    write.fields.update(
        resolution=None,
        closed_at=None,
        assignee_id=write.before.assignee_id or write.actor_id,
    )


async def _extend(write: _Write) -> None:
    assert write.args.due is not None
    write.fields["resolve_due_at"] = to_db_time(write.args.due)
    write.payload.update(
        due_before=maybe_time(write.before.resolve_due_at),
        due=to_db_time(write.args.due),
        reason=write.args.reason or "",
    )


async def _urgent(write: _Write) -> None:
    """Staff's 🔴/⚪: on the ticket, and kept as a labelled example the model
    of urgency learns from."""
    assert write.args.priority is not None
    write.fields["priority"] = write.args.priority.value
    write.payload = {"to": write.args.priority.value}
    await add_example(write, "urgent", write.args.priority.value)


async def _ban(write: _Write) -> None:
    write.fields.clear()  # the author is banned from the chat; the ticket stays as it is
    write.payload = {"user_id": write.before.author_id}


async def _rating(write: _Write, solved: bool) -> None:
    assert write.args.closing is not None
    await insert_rating(
        write.conn, write.before.id, write.args.closing, write.actor_id, solved, write.now
    )


async def _rate(write: _Write) -> None:
    await _rating(write, solved=True)
    write.fields.clear()  # an answer about the ticket, not a change of it
    write.payload = {"solved": True}


async def _dispute(write: _Write) -> None:
    await _rating(write, solved=False)
    await _reopen(write)
    write.more_events.append(("disputed", {"reopened": True}))


async def _recategorize(write: _Write) -> None:
    """A moderator's category: on the ticket, in the audit log, and kept as a
    labelled example the category model learns from."""
    write.fields = {"category": write.args.category, "updated_at": write.stamp}
    write.payload = {"from": write.before.category, "to": write.args.category}
    await add_example(write, "category", write.args.category)


async def _readdress(write: _Write) -> None:
    write.fields = {
        "address": write.args.address,
        "address_key": write.args.address_key,
        "updated_at": write.stamp,
    }
    write.payload = {"from": write.before.address, "to": write.args.address}
    await add_example(write, "address", write.args.address)


async def add_example(write: _Write, kind: str, label: str | None) -> None:
    if write.before.text and label:
        await write.conn.execute(
            "INSERT INTO examples (kind, text, label, ticket_id, by_user, at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (kind, write.before.text, label, write.before.id, write.actor_id, write.stamp),
        )


_EFFECTS: dict[Change, Callable[[_Write], Awaitable[None]]] = {
    Change.take: _take,
    Change.assign: _assign,
    Change.answer: _answer,
    Change.note: _note,
    Change.close: _close,
    Change.spam: _spam,
    Change.reopen: _reopen,
    Change.extend: _extend,
    Change.urgent: _urgent,
    Change.ban: _ban,
    Change.rate: _rate,
    Change.dispute: _dispute,
    Change.recategorize: _recategorize,
    Change.readdress: _readdress,
}
