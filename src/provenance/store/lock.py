"""The inter-process write lock: one writer at a time, and a stuck lock becomes a clear error."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import LedgerError

#: Seconds a writer waits for another writer before giving up with a clear error.
LOCK_TIMEOUT = 60.0


@contextlib.contextmanager
def write_lock(path: Path, ledger: Path) -> Iterator[None]:
    """Hold the lock file ``path`` of the ledger at ``ledger`` for the duration of the block."""
    from filelock import FileLock, Timeout  # imported by writers only: a third of a read command's imports

    lock = FileLock(str(path), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout as exc:
        raise LedgerError(
            f"the ledger {ledger} is locked by another writer (waited {LOCK_TIMEOUT:.0f}s); "
            "try again when it has finished"
        ) from exc
    except OSError as exc:
        raise LedgerError(f"cannot lock the ledger {ledger} for writing: {exc.strerror}") from exc
    try:
        yield
    finally:
        lock.release()
