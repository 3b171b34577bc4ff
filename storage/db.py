"""One aiosqlite connection, serialised transactions and migrations."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.schema import MIGRATIONS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


def _fold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


class Database:
    """The process's single connection.

    Every unit of work (read or write) holds one asyncio lock: handler tasks
    share the connection, and without the lock their statements would
    interleave inside each other's transactions.
    """

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        self.path = path

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed appeal survives power loss, not only a process crash.
        await conn.execute("PRAGMA synchronous = FULL")
        await conn.execute("PRAGMA foreign_keys = ON")
        # SQLite folds case for ASCII only; search needs Cyrillic and Kazakh too.
        await conn.create_function("fold", 1, _fold, deterministic=True)
        db = cls(conn, path)
        try:
            await db.migrate()
        except BaseException:
            await conn.close()
            raise
        return db

    async def close(self) -> None:
        async with self._lock:
            await self._conn.close()

    async def schema_version(self) -> int:
        async with self.read() as conn:
            async with conn.execute("PRAGMA user_version") as cur:
                row = await cur.fetchone()
        return int(row[0])

    async def migrate(self) -> int:
        """Apply every migration newer than the file; return the resulting version."""
        current = await self.schema_version()
        if current > len(MIGRATIONS):
            raise RuntimeError(
                f"database {self.path} has schema version {current}, newer than this "
                f"program knows ({len(MIGRATIONS)}): upgrade akimat-desk"
            )
        for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
            async with self.transaction() as conn:
                for statement in statements:
                    await conn.execute(statement)
                await conn.execute(f"PRAGMA user_version = {version:d}")
            log.info("database %s migrated to schema version %d", self.path, version)
        return len(MIGRATIONS)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: taken at once (IMMEDIATE), committed or rolled back whole."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                await self._conn.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself failed (disk full, I/O error): a connection
                # left inside a transaction would refuse every later BEGIN.
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                raise

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """Consistent reads: no other unit of work runs meanwhile."""
        async with self._lock:
            yield self._conn
