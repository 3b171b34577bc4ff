"""Candidate queries for grouping appeals into problems: the open problems and
recent open appeals at a place, near a point, or in a chat.

Each query is bound to a partial index of open rows (migration 6), so the cost
of matching a post follows how many open things are at its place, not how long
the desk's history is. tests/test_grouping_storage.py checks the plans.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage.models import from_db_time, to_db_time

# Open and not merged away; said as the partial indexes say it.
_OPEN_PROBLEM = "status != 'closed' AND merged_into IS NULL"
_OPEN_TICKET = "status != 'closed'"


@dataclass(frozen=True, slots=True)
class OpenProblem:
    """An open problem a new appeal might join."""

    id: int
    category: str | None
    address_key: str | None
    lat: float | None
    lon: float | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class OpenAppeal:
    """A recent open appeal a new one might join (its problem, if it has one)."""

    id: int
    problem_id: int | None
    chat_key: str
    author_id: int
    category: str | None
    address_key: str | None
    lat: float | None
    lon: float | None
    text: str
    created_at: datetime


_PROBLEM_COLUMNS = "id, category, address_key, lat, lon, created_at, updated_at"
_APPEAL_COLUMNS = (
    "id, problem_id, chat_key, author_id, category, address_key, lat, lon, text, created_at"
)


def _problem(row: sqlite3.Row | tuple) -> OpenProblem:
    pid, category, key, lat, lon, created, updated = row
    return OpenProblem(pid, category, key, lat, lon, from_db_time(created), from_db_time(updated))


def _appeal(row: sqlite3.Row | tuple) -> OpenAppeal:
    *head, created = row
    return OpenAppeal(*head, created_at=from_db_time(created))


def problems_at(
    conn: sqlite3.Connection, low_key: str, high_key: str, category: str
) -> list[OpenProblem]:
    """Open problems of ``category`` whose address key is in [low_key, high_key):
    one house (``key``, ``key + "\\0"``) or a whole street (see :func:`street_range`)."""
    rows = conn.execute(
        f"SELECT {_PROBLEM_COLUMNS} FROM problems"  # noqa: S608 - constant columns
        f" WHERE address_key >= ? AND address_key < ? AND category = ? AND {_OPEN_PROBLEM}"
        " ORDER BY updated_at DESC LIMIT 50",
        (low_key, high_key, category),
    ).fetchall()
    return [_problem(row) for row in rows]


def appeals_at(
    conn: sqlite3.Connection, low_key: str, high_key: str, category: str, since: datetime
) -> list[OpenAppeal]:
    """Open appeals of ``category`` since ``since`` whose address key is in
    [low_key, high_key), newest first."""
    rows = conn.execute(
        f"SELECT {_APPEAL_COLUMNS} FROM tickets"  # noqa: S608 - constant columns
        " WHERE address_key >= ? AND address_key < ? AND category = ? AND created_at >= ?"
        f" AND {_OPEN_TICKET} ORDER BY created_at DESC LIMIT 200",
        (low_key, high_key, category, to_db_time(since)),
    ).fetchall()
    return [_appeal(row) for row in rows]


def house_range(key: str) -> tuple[str, str]:
    """The key range of exactly one address key."""
    return key, key + "\0"


def street_range(street_key: str) -> tuple[str, str]:
    """The key range of a street: the street alone ("кенесары") and every key that
    continues it after a space ("кенесары 40"), not a longer name ("кенесарина");
    "!" is the character after the space."""
    return street_key, street_key + "!"
