"""Candidate queries for grouping appeals into problems: the open problems and
recent open appeals at a place, near a point, or in a chat.

Each query names its partial index of open rows (``INDEXED BY``: migration 6,
and the open appeals by chat of migration 4), so the cost of matching a post
follows how many open things are at its place, not how long the desk's history
is; SQLite refuses the query rather than scan if a change to the schema made
the index unusable. tests/test_grouping_storage.py checks the plans.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from storage.models import from_db_time, to_db_time

# Open and not merged away; "open" said as the partial indexes say it.
_OPEN_PROBLEM = "status != 'closed' AND merged_into IS NULL"
_OPEN_TICKET = "status != 'closed'"
# Enough for any real place: a district's busiest house has a handful of open
# problems; of its open appeals the newest twenty say all grouping needs (which
# problems are live there, and since when), however many an outage brings.
_PROBLEMS_LIMIT = 50
_APPEALS_LIMIT = 20


@dataclass(frozen=True, slots=True)
class OpenProblem:
    """An open problem a new appeal might join."""

    id: int
    category: str | None
    address_key: str | None
    lat: float | None
    lon: float | None
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


@dataclass(frozen=True, slots=True)
class Voice:
    """One of a problem's newest appeals: what it said and when."""

    problem_id: int
    text: str
    address_key: str | None
    created_at: datetime
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Heard:
    """A problem as the whole desk hears it in one chat: whether an appeal of it came
    with a location, when the last one came, and how many came lately."""

    problem_id: int
    chat_key: str
    located: bool
    last_at: datetime
    lately: int


_PROBLEM_COLUMNS = "id, category, address_key, lat, lon, updated_at"
_APPEAL_COLUMNS = (
    "id, problem_id, chat_key, author_id, category, address_key, lat, lon, text, created_at"
)


def _problems(rows: list[sqlite3.Row]) -> list[OpenProblem]:
    return [OpenProblem(*tuple(row)[:-1], updated_at=from_db_time(row[-1])) for row in rows]


def _appeals(rows: list[sqlite3.Row]) -> list[OpenAppeal]:
    return [OpenAppeal(*tuple(row)[:-1], created_at=from_db_time(row[-1])) for row in rows]


def house_range(key: str) -> tuple[str, str]:
    """The key range of exactly one address key."""
    return key, key + "\0"


def street_range(street_key: str) -> tuple[str, str]:
    """The key range of a street: the street alone ("кенесары") and every key that
    continues it after a space ("кенесары 40"), not a longer name ("кенесарина");
    "!" is the character after the space."""
    return street_key, street_key + "!"


Categories = str | tuple[str, ...] | None


def _of(category: Categories) -> str:
    """The category condition: one category, any of several, or any at all
    (``None``: the reader could not tell)."""
    if category is None:
        return ""
    if isinstance(category, str):
        return " AND category = ?"
    return f" AND category IN ({', '.join('?' * len(category))})"


def _with(category: Categories) -> tuple[str, ...]:
    if category is None:
        return ()
    return (category,) if isinstance(category, str) else category


def _where_key(keys: tuple[str, str]) -> tuple[str, tuple[str, ...]]:
    """One house as an equality, so that the index also gives the appeals newest
    first (an outage's hundreds of appeals are not sorted to take a few); a
    street as a range."""
    if keys[1] == keys[0] + "\0":
        return "address_key = ?", keys[:1]
    return "address_key >= ? AND address_key < ?", keys


def problems_at(
    conn: sqlite3.Connection, keys: tuple[str, str], category: Categories
) -> list[OpenProblem]:
    """Open problems of ``category`` whose address key is in the range ``keys``."""
    where, params = _where_key(keys)
    rows = conn.execute(
        f"SELECT {_PROBLEM_COLUMNS} FROM problems INDEXED BY problems_open_place"  # noqa: S608
        f" WHERE {where}{_of(category)} AND {_OPEN_PROBLEM} LIMIT {_PROBLEMS_LIMIT}",
        (*params, *_with(category)),
    ).fetchall()
    return _problems(rows)


def appeals_at(
    conn: sqlite3.Connection, keys: tuple[str, str], category: Categories, since: datetime
) -> list[OpenAppeal]:
    """Open appeals of ``category`` since ``since`` whose address key is in the
    range ``keys``, newest first. At one house, several categories are asked
    one by one, each newest first from the index (an outage's hundreds of
    appeals are not sorted to take a few)."""
    where, params = _where_key(keys)
    if not isinstance(category, str) and category is not None and len(params) == 1:
        found = [a for one in category for a in appeals_at(conn, keys, one, since)]
        return sorted(found, key=lambda a: a.created_at, reverse=True)[:_APPEALS_LIMIT]
    rows = conn.execute(
        f"SELECT {_APPEAL_COLUMNS} FROM tickets INDEXED BY tickets_open_place"  # noqa: S608
        f" WHERE {where}{_of(category)} AND created_at >= ?"
        f" AND {_OPEN_TICKET} ORDER BY created_at DESC LIMIT {_APPEALS_LIMIT}",
        (*params, *_with(category), to_db_time(since)),
    ).fetchall()
    return _appeals(rows)


def problems_in_band(
    conn: sqlite3.Connection, lats: tuple[float, float], category: Categories
) -> list[OpenProblem]:
    """Open problems of ``category`` with a latitude within ``lats``: the caller
    measures the distance."""
    rows = conn.execute(
        f"SELECT {_PROBLEM_COLUMNS} FROM problems INDEXED BY problems_open_lat"  # noqa: S608
        f" WHERE lat BETWEEN ? AND ?{_of(category)} AND {_OPEN_PROBLEM}"
        f" LIMIT {_PROBLEMS_LIMIT}",
        (*lats, *_with(category)),
    ).fetchall()
    return _problems(rows)


def appeals_in_band(
    conn: sqlite3.Connection, lats: tuple[float, float], category: Categories, since: datetime
) -> list[OpenAppeal]:
    """Open appeals of ``category`` since ``since`` with a latitude within ``lats``."""
    rows = conn.execute(
        f"SELECT {_APPEAL_COLUMNS} FROM tickets INDEXED BY tickets_open_lat"  # noqa: S608
        f" WHERE lat BETWEEN ? AND ?{_of(category)} AND created_at >= ?"
        f" AND {_OPEN_TICKET} ORDER BY created_at DESC LIMIT {_APPEALS_LIMIT}",
        (*lats, *_with(category), to_db_time(since)),
    ).fetchall()
    return _appeals(rows)


def appeals_in_chat(conn: sqlite3.Connection, chat_key: str, since: datetime) -> list[OpenAppeal]:
    """Open appeals posted to a chat since ``since``, any category, newest first."""
    rows = conn.execute(
        f"SELECT {_APPEAL_COLUMNS} FROM tickets INDEXED BY tickets_open"  # noqa: S608
        f" WHERE chat_key = ? AND created_at >= ? AND {_OPEN_TICKET}"
        f" ORDER BY created_at DESC LIMIT {_APPEALS_LIMIT}",
        (chat_key, to_db_time(since)),
    ).fetchall()
    return _appeals(rows)


def open_problems(conn: sqlite3.Connection, ids: Collection[int]) -> list[OpenProblem]:
    """Those of ``ids`` that are open problems (not closed, not merged away)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT {_PROBLEM_COLUMNS} FROM problems"  # noqa: S608 - constant columns
        f" WHERE id IN ({marks}) AND {_OPEN_PROBLEM} ORDER BY id",
        tuple(ids),
    ).fetchall()
    return _problems(rows)


def newest_voices(conn: sqlite3.Connection, problem_id: int, limit: int) -> list[Voice]:
    """A problem's ``limit`` newest appeals, open or closed, newest first."""
    rows = conn.execute(
        "SELECT text, address_key, created_at, category FROM tickets"
        " WHERE problem_id = ? ORDER BY created_at DESC LIMIT ?",
        (problem_id, limit),
    ).fetchall()
    return [Voice(problem_id, text, key, from_db_time(at), c) for text, key, at, c in rows]


def appeals_in_chat_of(
    conn: sqlite3.Connection, chat_key: str, categories: tuple[str, ...], since: datetime
) -> list[OpenAppeal]:
    """Open appeals of ``categories`` posted to a chat since ``since``, newest
    first (by the categories' index: a few hours of them, whatever the chat's
    other traffic)."""
    rows = conn.execute(
        f"SELECT {_APPEAL_COLUMNS} FROM tickets INDEXED BY tickets_category"  # noqa: S608
        f" WHERE created_at >= ?{_of(categories)} AND chat_key = ? AND {_OPEN_TICKET}"
        f" ORDER BY created_at DESC LIMIT {_APPEALS_LIMIT}",
        (to_db_time(since), *_with(categories), chat_key),
    ).fetchall()
    return _appeals(rows)


def appeals_of_author(
    conn: sqlite3.Connection, author_id: int, categories: Categories, since: datetime
) -> list[OpenAppeal]:
    """One resident's open appeals of ``categories`` in a problem since ``since``,
    newest first (by the author index: a resident posts a few a day)."""
    rows = conn.execute(
        f"SELECT {_APPEAL_COLUMNS} FROM tickets INDEXED BY tickets_author"  # noqa: S608
        f" WHERE author_id = ? AND created_at >= ?{_of(categories)}"
        f" AND problem_id IS NOT NULL AND {_OPEN_TICKET}"
        f" ORDER BY created_at DESC LIMIT {_APPEALS_LIMIT}",
        (author_id, to_db_time(since), *_with(categories)),
    ).fetchall()
    return _appeals(rows)


def raised(conn: sqlite3.Connection, problem_id: int, reason: str) -> bool:
    """Whether an appeal of the problem was urgent for ``reason`` (by the problem's
    index: asked only for an urgent post, of the few problems at its place)."""
    row = conn.execute(
        "SELECT 1 FROM tickets INDEXED BY tickets_problem"
        " WHERE problem_id = ? AND priority = 'urgent' AND urgency_reason = ? LIMIT 1",
        (problem_id, reason),
    ).fetchone()
    return row is not None


def problems_of_category(
    conn: sqlite3.Connection, category: str, since: datetime, lately: datetime | None = None
) -> list[Heard]:
    """The problems with open appeals of ``category`` since ``since``, one row per
    problem and chat, the last heard first, counting the appeals since ``lately``.
    Grouped in the query, so that an outage of hundreds of appeals hides no other
    (by the categories' index: a district's appeals of a kind in a few hours)."""
    rows = conn.execute(
        "SELECT problem_id, chat_key, MAX(lat IS NOT NULL), MAX(created_at),"  # noqa: S608
        " SUM(created_at >= ?) FROM tickets INDEXED BY tickets_category"
        f" WHERE category = ? AND created_at >= ? AND problem_id IS NOT NULL AND {_OPEN_TICKET}"
        f" GROUP BY problem_id, chat_key ORDER BY MAX(created_at) DESC LIMIT {_PROBLEMS_LIMIT}",
        (to_db_time(lately or since), category, to_db_time(since)),
    ).fetchall()
    return [
        Heard(pid, chat, bool(located), from_db_time(at), count)
        for pid, chat, located, at, count in rows
    ]
