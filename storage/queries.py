"""Read-only lists for the staff: open tickets, one's own, search."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storage.db import Database
from storage.models import OPEN_SQL, Ticket


@dataclass(frozen=True, slots=True)
class Page:
    tickets: list[Ticket]
    total: int
    offset: int


class StaffQueries:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def open_tickets(
        self, *, offset: int = 0, limit: int = 10, assignee_id: int | None = None
    ) -> Page:
        """Open tickets, oldest first (the ones waiting longest come first); an
        ``offset`` past the end gives the last page."""
        where = OPEN_SQL
        args: list[object] = []
        if assignee_id is not None:
            where += " AND assignee_id = ?"
            args.append(assignee_id)
        async with self._db.read() as conn:
            async with conn.execute(
                f"SELECT COUNT(*) FROM tickets WHERE {where}",  # noqa: S608 - fixed text
                args,
            ) as cur:
                (total,) = await cur.fetchone()
            # A forged or stale page button may point past the end: show the last page.
            offset = min(max(offset, 0), max(total - 1, 0) // limit * limit)
            async with conn.execute(
                f"SELECT * FROM tickets WHERE {where} ORDER BY created_at, id"  # noqa: S608
                " LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ) as cur:
                rows = await cur.fetchall()
        return Page([Ticket.from_row(row) for row in rows], total, offset)

    async def search(
        self,
        words: str,
        *,
        limit: int = 10,
        meaning: Callable[[str], tuple[str | None, str | None, str | None]] | None = None,
    ) -> list[Ticket]:
        """Tickets whose code, text, address, author name or username contain
        every word. ``meaning`` gives what a word may also mean: a category (its
        code), a ticket code ("Н-42" typed in Cyrillic is H-42) and a street
        (the key its addresses start with: "Жеңіс" is "победы")."""
        terms = [w for w in words.split() if w][:8]
        if not terms:
            return []
        clauses = []
        args: list[object] = []
        for term in terms:
            escaped = term.casefold().replace("\\", "\\\\").replace("%", "\\%")
            like = "%" + escaped.replace("_", "\\_") + "%"
            clauses.append(
                "(fold(code) LIKE ? ESCAPE '\\' OR fold(text) LIKE ? ESCAPE '\\'"
                " OR fold(author_name) LIKE ? ESCAPE '\\'"
                " OR fold(author_username) LIKE ? ESCAPE '\\'"
                " OR fold(address) LIKE ? ESCAPE '\\'"
                " OR category = ? OR code = ? OR instr(address_key || ' ', ? || ' ') = 1)"
            )
            category, code, street = meaning(term) if meaning else (None, None, None)
            args += [*[like] * 5, category, code, street]
        async with self._db.read() as conn:
            async with conn.execute(
                f"SELECT * FROM tickets WHERE {' AND '.join(clauses)}"  # noqa: S608 - fixed text
                " ORDER BY id DESC LIMIT ?",
                [*args, limit],
            ) as cur:
                rows = await cur.fetchall()
        return [Ticket.from_row(row) for row in rows]
