"""One aiosqlite connection, serialised transactions and migrations."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import stat
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from storage.schema import MIGRATIONS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
T = TypeVar("T")


# Whether the write transaction running in this task queued outgoing messages.
_QUEUED: ContextVar[bool] = ContextVar("queued", default=False)


def mark_queued() -> None:
    """The running write transaction queued outgoing messages: once it commits,
    :attr:`Database.on_queued` wakes the sender."""
    _QUEUED.set(True)


async def on_its_thread(conn: aiosqlite.Connection, fn: Callable[..., T], *args: Any) -> T:
    """``fn(sqlite3_connection, *args)`` on the aiosqlite connection's own thread,
    in one round trip.

    Every aiosqlite call is a round trip to that thread (a queue, a wake-up, a
    callback into the loop) and costs more than a small statement; aiosqlite has
    no public way to run a whole unit of work there. This is the one place that
    uses its internals (``_execute``, ``_conn``); tests/test_storage.py fails,
    naming them, if a release changes them.
    """
    return await conn._execute(fn, conn._conn, *args)


def _fold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def _in_transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T]) -> T:
    """``fn`` as one write transaction, on the connection's thread."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = fn(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return result


def _begin_with(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T]) -> T:
    conn.execute("BEGIN IMMEDIATE")
    try:
        return fn(conn)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _commit_with(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T]) -> T:
    result = fn(conn)
    conn.execute("COMMIT")
    return result


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def create_private(path: Path) -> None:
    """The database holds residents' names and texts: a new one is the owner's
    alone (0600), whatever the umask. SQLite gives its -wal and -shm files the
    database's mode, so they follow."""
    if str(path) == ":memory:":
        return
    with contextlib.suppress(OSError):  # it exists, or SQLite says why it cannot be
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def tighten(path: Path) -> None:
    """An older install's database files lose their group and world bits."""
    for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = stat.S_IMODE(each.stat().st_mode)
            if mode & 0o077:
                os.chmod(each, mode & 0o700)
                log.warning("%s was readable by others (%o); now only by its owner", each, mode)
        except OSError as exc:  # gone meanwhile, or not ours to change
            log.debug("%s: mode left as it is: %s", each, exc)


class StorageError(RuntimeError):
    """The database cannot be opened or prepared; the message names the file and why."""


def prepare_folder(path: Path) -> None:
    """Create the database's folder; StorageError if it cannot be, or if ``path`` is one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"{path}: cannot create its folder: {exc.strerror or exc}") from None
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a database file")


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
        # Called after a commit that queued messages (the delivery worker's wake).
        self.on_queued: Callable[[], None] | None = None

    def _committed(self) -> None:
        if _QUEUED.get():
            _QUEUED.set(False)
            if self.on_queued is not None:
                self.on_queued()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating if needed) and migrate; :class:`StorageError` when the file is
        not a database, cannot be opened or cannot be written."""
        path = Path(path)
        if str(path) != ":memory:":
            prepare_folder(path)
        create_private(path)
        try:
            conn = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StorageError(f"{path}: cannot be opened: {exc}") from None
        db = cls(conn, path)
        try:
            await db._prepare()
        except BaseException as exc:
            # Close the connection's thread too, or the process would never exit.
            await conn.close()
            if isinstance(exc, sqlite3.Error):
                raise StorageError(f"{path}: {_explain(exc)}") from None
            raise
        if str(path) != ":memory:":
            tighten(path)
        return db

    async def _prepare(self) -> None:
        conn = self._conn
        conn.row_factory = sqlite3.Row
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed appeal survives power loss, not only a process crash.
        await conn.execute("PRAGMA synchronous = FULL")
        await conn.execute("PRAGMA foreign_keys = ON")
        # SQLite folds case for ASCII only; search needs Cyrillic and Kazakh too.
        await conn.create_function("fold", 1, _fold, deterministic=True)
        await self.migrate()

    async def close(self) -> None:
        async with self._lock:
            await self._conn.close()

    # These run plain sqlite3 functions on the connection's thread: one round trip
    # for a whole unit of work (see on_its_thread).

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        return await on_its_thread(self._conn, fn, *args)

    async def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` on the database thread as one write transaction
        (IMMEDIATE; committed, or rolled back whole if it raises)."""
        async with self._lock:
            return await self._call(_in_transaction, fn)

    async def query(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` on the database thread for consistent reads."""
        async with self._lock:
            return await self._call(fn)

    @asynccontextmanager
    async def steps(self) -> AsyncIterator[Steps]:
        """A write transaction in a few round trips, for work that must come back
        to the event loop midway (to decide what to queue from what was written)."""
        async with self._lock:
            _QUEUED.set(False)
            steps = Steps(self)
            try:
                yield steps
            except BaseException:
                # Also when the wait for a step was cancelled: the step itself still
                # ran on the database thread, and may have begun the transaction.
                await self._call(_rollback)
                raise
            if steps.open:
                await self._call(_rollback)
                raise RuntimeError("a write in steps was neither committed nor abandoned")
        self._committed()

    async def schema_version(self) -> int:
        async with self.read() as conn:
            async with conn.execute("PRAGMA user_version") as cur:
                row = await cur.fetchone()
        return int(row[0])

    async def migrate(self) -> int:
        """Apply every migration newer than the file; return the resulting version."""
        current = await self.schema_version()
        if current > len(MIGRATIONS):
            raise StorageError(
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
            _QUEUED.set(False)
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                await self._conn.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself failed (disk full, I/O error): a connection
                # left inside a transaction would refuse every later BEGIN.
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                _QUEUED.set(False)
                raise
        self._committed()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """Consistent reads: no other unit of work runs meanwhile."""
        async with self._lock:
            yield self._conn


def _explain(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "not a database" in text:
        return "is not an SQLite database (point [storage] path at the desk's file)"
    if "readonly" in text or "read-only" in text:
        return f"cannot be written ({text}): the bot needs to write its database"
    if "unable to open" in text:
        return (
            f"cannot be opened ({text}): SQLite needs to read it and to write beside it; "
            "is the folder read-only?"
        )
    return f"cannot be used: {text}"


class Steps:
    """The steps of one write transaction (see :meth:`Database.steps`)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.open = False

    async def begin(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """BEGIN IMMEDIATE, then ``fn``: one round trip."""
        result = await self._db._call(_begin_with, fn)
        self.open = True
        return result

    async def commit(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """``fn``, then COMMIT: one round trip."""
        result = await self._db._call(_commit_with, fn)
        self.open = False
        return result

    async def abandon(self) -> None:
        """Roll back what was begun (nothing was to be written after all)."""
        await self._db._call(_rollback)
        self.open = False
