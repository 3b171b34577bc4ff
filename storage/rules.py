"""Which change is allowed from which state: the one place ticket rules live.

:class:`storage.tickets.TicketRepository` checks these inside the write
transaction, against the state it just read, so two moderators pressing at
once cannot both succeed.
"""

from __future__ import annotations

from enum import StrEnum

from storage.models import Status


class Change(StrEnum):
    take = "take"
    assign = "assign"
    answer = "answer"
    note = "note"
    close = "close"
    reopen = "reopen"
    extend = "extend"  # a later resolution deadline, with its reason


OPEN = frozenset({Status.new, Status.assigned, Status.answered})

ALLOWED_FROM: dict[Change, frozenset[Status]] = {
    Change.take: frozenset({Status.new}),
    Change.assign: OPEN,
    Change.answer: OPEN,
    Change.note: frozenset(Status),
    Change.close: OPEN,
    Change.reopen: frozenset({Status.closed}),
    Change.extend: OPEN,
}


def allowed(change: Change, status: Status) -> bool:
    return status in ALLOWED_FROM[change]


def status_after(change: Change, status: Status) -> Status:
    """The status a ticket has after ``change`` (already checked as allowed)."""
    if change in (Change.take, Change.reopen):
        return Status.assigned
    if change is Change.assign:
        return Status.assigned if status is Status.new else status
    if change is Change.answer:
        return Status.answered
    if change is Change.close:
        return Status.closed
    return status
