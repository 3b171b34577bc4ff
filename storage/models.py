"""Plain records the storage layer hands out."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    new = "new"
    assigned = "assigned"
    answered = "answered"
    closed = "closed"


# "Open": every status but closed. The SQL says it as the partial indexes of
# open tickets do, so that the planner uses them.
OPEN = frozenset({Status.new, Status.assigned, Status.answered})
OPEN_SQL = "status != 'closed'"

# "Overdue" at :now: a deadline that has passed (strictly), the first answer's only
# while none was given. Python: Ticket.overdue_since; tests/test_policy.py checks
# that the two agree at the boundary.
RESPONSE_OVERDUE_SQL = "(first_response_at IS NULL AND response_due_at < :now)"
RESOLVE_OVERDUE_SQL = "resolve_due_at < :now"
OVERDUE_SQL = f"({RESOLVE_OVERDUE_SQL} OR {RESPONSE_OVERDUE_SQL})"


class Resolution(StrEnum):
    resolved = "resolved"
    rejected = "rejected"
    duplicate = "duplicate"
    spam = "spam"


class Priority(StrEnum):
    normal = "normal"
    urgent = "urgent"


def to_db_time(moment: datetime) -> str:
    """UTC, millisecond precision, fixed width: sorts as text in the same order as time."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: store only aware UTC times")
    utc = moment.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def from_db_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    # fromisoformat reads the "…Z" form (Python 3.11+), 30 times faster than strptime.
    return datetime.fromisoformat(value)


@dataclass(frozen=True, slots=True)
class Draft:
    """A resident's post as intake understood it, before it has a code."""

    chat_key: str
    prefix: str
    source_chat_id: int
    source_message_id: int
    source_thread_id: int | None
    author_id: int
    author_name: str
    author_username: str | None
    author_language: str | None
    text: str
    media_type: str | None
    media_file_id: str | None
    created_at: datetime
    response_due_at: datetime | None = None
    resolve_due_at: datetime | None = None
    media_group_id: str | None = None
    priority: Priority = Priority.normal
    # What the desk read in the post (bot/reading): category code, the address
    # as shown and its key, coordinates from a shared location, why urgent.
    category: str | None = None
    address: str | None = None
    address_key: str | None = None
    lat: float | None = None
    lon: float | None = None
    urgency_reason: str | None = None
    # Why the spam checks found it suspicious (shown on its card), if they did.
    spam_signs: tuple[str, ...] = ()
    spam_probability: float | None = None
    # The problem the grouper attaches it to at once, if any; or what its card
    # offers: (a problem to join, or 0; then open appeals to make one with).
    problem_id: int | None = None
    suggestion: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    code: str
    chat_key: str
    number: int
    source_chat_id: int
    source_message_id: int
    source_thread_id: int | None
    author_id: int
    author_name: str
    author_username: str | None
    author_language: str | None
    text: str
    media_type: str | None
    media_file_id: str | None
    media_group_id: str | None
    attachments: int
    status: Status
    resolution: Resolution | None
    assignee_id: int | None
    priority: Priority
    card_chat_id: int | None
    card_message_id: int | None
    card_digest: str | None
    ack_message_id: int | None
    followups: int
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    response_due_at: datetime | None
    resolve_due_at: datetime | None
    category: str | None = None
    address: str | None = None
    address_key: str | None = None
    lat: float | None = None
    lon: float | None = None
    urgency_reason: str | None = None
    problem_id: int | None = None  # the problem it belongs to, if any

    def overdue_since(self, now: datetime) -> datetime | None:
        """When the earliest deadline still binding at ``now`` passed: resolution, or
        the first answer while none was given; None if on time or closed.
        (The same rule in SQL: :data:`OPEN_SQL` and :data:`OVERDUE_SQL`.)"""
        if self.status not in OPEN:
            return None
        waiting = self.response_due_at if self.first_response_at is None else None
        passed = [due for due in (self.resolve_due_at, waiting) if due is not None and due < now]
        return min(passed) if passed else None

    @classmethod
    def from_row(cls, row: Any) -> Ticket:
        data = dict(row)
        for key in (
            "created_at",
            "updated_at",
            "first_response_at",
            "answered_at",
            "closed_at",
            "response_due_at",
            "resolve_due_at",
        ):
            data[key] = from_db_time(data[key])
        data["status"] = Status(data["status"])
        data["priority"] = Priority(data["priority"])
        data["resolution"] = Resolution(data["resolution"]) if data["resolution"] else None
        return cls(**data)


PROBLEM_PREFIX = "P"


@dataclass(frozen=True, slots=True)
class Problem:
    """One issue at one place grouping many appeals; its code is ``P-<number>``."""

    id: int
    number: int
    title: str
    category: str | None
    address: str | None
    address_key: str | None
    lat: float | None
    lon: float | None
    status: Status
    resolution: Resolution | None
    assignee_id: int | None
    merged_into: int | None
    card_chat_id: int | None
    card_message_id: int | None
    card_digest: str | None
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None

    @property
    def code(self) -> str:
        return f"{PROBLEM_PREFIX}-{self.number}"

    @classmethod
    def from_row(cls, row: Any) -> Problem:
        data = dict(row)
        for key in ("created_at", "updated_at", "closed_at"):
            data[key] = from_db_time(data[key])
        data["status"] = Status(data["status"])
        data["resolution"] = Resolution(data["resolution"]) if data["resolution"] else None
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    ticket_id: int
    at: datetime
    actor_id: int | None
    kind: str
    payload: dict[str, Any]

    @classmethod
    def from_row(cls, row: Any) -> Event:
        return cls(
            id=row["id"],
            ticket_id=row["ticket_id"],
            at=from_db_time(row["at"]),  # type: ignore[arg-type]
            actor_id=row["actor_id"],
            kind=row["kind"],
            payload=json.loads(row["payload"]),
        )


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One Telegram call to make after the transaction that decided it commits.

    ``kind="send"`` carries a Bot API method and its parameters; ``kind="card"``
    carries only the ticket: the card is rendered from the database when it is
    sent, so it always shows the current state. ``role`` says what the sent
    message is to the ticket (``ack``, ``answer``…), recorded with its id.
    """

    kind: str
    chat_id: int
    ticket_id: int | None = None
    method: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    role: str | None = None
    answer_id: int | None = None
    problem_id: int | None = None  # kind="card": a problem's card, not a ticket's

    @classmethod
    def send(
        cls,
        method: str,
        chat_id: int,
        params: dict[str, Any],
        *,
        ticket_id: int | None = None,
        role: str | None = None,
        answer_id: int | None = None,
    ) -> Outgoing:
        return cls(
            "send", chat_id, ticket_id, method, {"chat_id": chat_id, **params}, role, answer_id
        )

    @classmethod
    def card(cls, ticket: Ticket | int, staff_chat_id: int) -> Outgoing:
        ticket_id = ticket if isinstance(ticket, int) else ticket.id
        return cls("card", staff_chat_id, ticket_id)

    @classmethod
    def problem_card(cls, problem: Problem | int, staff_chat_id: int) -> Outgoing:
        problem_id = problem if isinstance(problem, int) else problem.id
        return cls("card", staff_chat_id, problem_id=problem_id)


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    ticket_id: int | None
    kind: str
    role: str | None
    answer_id: int | None
    chat_id: int
    method: str | None
    params: dict[str, Any]
    attempts: int
    created_at: datetime
    problem_id: int | None = None

    @classmethod
    def from_row(cls, row: Any) -> OutboxRow:
        payload = json.loads(row["payload"])
        return cls(
            id=row["id"],
            ticket_id=row["ticket_id"],
            kind=row["kind"],
            role=row["role"],
            answer_id=row["answer_id"],
            chat_id=row["chat_id"],
            method=payload.get("method"),
            params=payload.get("params", {}),
            attempts=row["attempts"],
            created_at=from_db_time(row["created_at"]),  # type: ignore[arg-type]
            problem_id=row["problem_id"],
        )


@dataclass(frozen=True, slots=True)
class Answer:
    id: int
    ticket_id: int
    author_id: int
    text: str
    media_type: str | None
    media_file_id: str | None
    internal: bool
    created_at: datetime

    @classmethod
    def from_row(cls, row: Any) -> Answer:
        return cls(
            id=row["id"],
            ticket_id=row["ticket_id"],
            author_id=row["author_id"],
            text=row["text"],
            media_type=row["media_type"],
            media_file_id=row["media_file_id"],
            internal=bool(row["internal"]),
            created_at=from_db_time(row["created_at"]),  # type: ignore[arg-type]
        )
