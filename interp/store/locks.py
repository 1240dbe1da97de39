"""File locks that order the store's writers across processes.

Each item has an exclusive lock file while it is being made valid; the
garbage collector takes one store-wide lock exclusively, writers share it.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class FileLock:
    """An flock(2) on the file at PATH, created if missing.

    Lock files of items may be removed by their holder; a process that then
    wakes holding the lock on the removed file notices that the name now
    points elsewhere and locks again, so removal never lets two holders in.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self, exclusive: bool = True, blocking: bool = True) -> bool:
        """Take the lock; return False if BLOCKING is false and it is held elsewhere."""
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (
            0 if blocking else fcntl.LOCK_NB
        )
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, mode)
            except BlockingIOError:
                os.close(fd)
                return False
            if self._still_named(fd):
                self.fd = fd
                return True
            os.close(fd)

    def _still_named(self, fd: int) -> bool:
        try:
            named = os.stat(self.path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def release(self, remove: bool = False) -> None:
        """Drop the lock; with REMOVE, delete the lock file first."""
        if self.fd is None:
            return
        if remove:
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextmanager
def exclusive_locks(
    paths: Iterable[str], remove: bool = True
) -> Iterator[list[FileLock]]:
    """Hold exclusive locks on the files PATHS (taken in sorted order, so
    concurrent callers cannot deadlock); with REMOVE, delete them on release."""
    held = []
    try:
        for path in sorted(set(paths)):
            lock = FileLock(path)
            lock.acquire()
            held.append(lock)
        yield held
    finally:
        for lock in reversed(held):
            lock.release(remove=remove)


@contextmanager
def shared_lock(path: str) -> Iterator[None]:
    """Hold a shared lock on the file PATH (never removed)."""
    lock = FileLock(path)
    lock.acquire(exclusive=False)
    try:
        yield
    finally:
        lock.release()
