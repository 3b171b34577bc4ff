"""A read-only snapshot of the desk's database for batch readers (export, digest).

They may read a million rows, so they do not use the bot's shared connection:
each opens its own read-only ``sqlite3`` connection, meant to run in a worker
thread (the CLI, or ``asyncio.to_thread`` in the bot). It never holds the
bot's lock, never blocks the event loop and cannot write; WAL mode lets it read
while the bot writes, and one read transaction keeps every query on one snapshot.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class NoDatabase(Exception):
    """The database file does not exist or has no tickets table."""


def open_snapshot(path: Path | str) -> tuple[sqlite3.Connection, set[str]]:
    """A read-only connection inside one read transaction, and the tables it has."""
    path = Path(path)
    if not path.is_file():
        raise NoDatabase(f"{path} does not exist (has the bot run with this config yet?)")
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("BEGIN")
        tables = {
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NoDatabase(f"{path} is not a desk database: {exc}") from None
    if "tickets" not in tables:
        conn.close()
        raise NoDatabase(f"{path} has no tickets (has the bot run with this config yet?)")
    return conn, tables
