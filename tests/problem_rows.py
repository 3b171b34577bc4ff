"""Problems written straight into the database, for tests of what reads them
(the outage watch, the digest, the export) without the grouping that makes them."""

from __future__ import annotations

from datetime import datetime

from storage.db import Database
from storage.models import to_db_time


async def insert_problem(
    db: Database,
    title: str,
    at: datetime,
    *,
    status: str = "new",
    category: str = "heating",
    address: str | None = "Кенесары 40",
    closed_at: datetime | None = None,
    resolution: str | None = None,
    assignee_id: int | None = None,
) -> int:
    """A problem numbered after the last one: its id."""
    stamp = to_db_time(at)
    closed = to_db_time(closed_at) if closed_at else None

    def write(conn) -> int:
        number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM problems").fetchone()[0]
        return conn.execute(
            "INSERT INTO problems (number, title, category, address, status, resolution,"
            " assignee_id, created_at, updated_at, closed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                title,
                category,
                address,
                status,
                resolution,
                assignee_id,
                stamp,
                stamp,
                closed,
            ),
        ).lastrowid

    return await db.write(write)


async def join(db: Database, problem_id: int, *ticket_ids: int) -> None:
    """The tickets belong to the problem."""
    await db.write(
        lambda conn: conn.executemany(
            "UPDATE tickets SET problem_id = ? WHERE id = ?",
            [(problem_id, ticket_id) for ticket_id in ticket_ids],
        )
    )
