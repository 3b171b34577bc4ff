"""One desk per database: two processes polling one token fight over getUpdates
forever, and both would write the same file. A lock file beside the database,
held with ``flock`` for the process's life, keeps the second one out; the kernel
drops the lock when the process dies, however it dies."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from storage.db import StorageError, prepare_folder


class AlreadyRunning(Exception):
    """Another process holds the database's lock."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


@contextlib.contextmanager
def _held(fd: int) -> Iterator[None]:
    # The file stays: unlinking it would let a starting process lock a new file while
    # another still holds the old one.
    try:
        yield
    finally:
        os.close(fd)


def hold_instance_lock(database: Path) -> contextlib.AbstractContextManager[None]:
    """Take the lock (a context manager that releases it); :class:`AlreadyRunning` naming
    the process that holds it, or StorageError when the folder cannot take a lock file."""
    prepare_folder(database)
    path = lock_path(database)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StorageError(f"{path}: cannot create the lock file: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        holder = os.read(fd, 64).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise AlreadyRunning(
            f"another akimat-desk (pid {holder}) is already running on {database}; "
            "stop it first (two desks would fight over Telegram's updates)"
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return _held(fd)
