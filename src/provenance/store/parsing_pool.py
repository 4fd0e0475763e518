"""Parsing many ledger files on every core: a first build, a rebuild or a large pull of the index.

Parsing is nearly all of a build's time (PyYAML builds the Python objects in
Python), and files parse independently, so when there are many of them they
are shared among forked worker processes and the results come back in order.
Forked workers start at once with everything already imported and never
re-run the caller's ``__main__`` (which a spawned worker would: a user's
script without a main guard would start itself again). Forking is used only
where it is safe: on Linux, from a process with no other thread (a thread
holding a lock when the process forks would leave that lock held in the
worker). Elsewhere, and where a worker cannot be started (a daemonic process
such as a Dask worker, a system without the semaphores multiprocessing needs)
or dies midway, the remaining files are parsed here, one after another, with
the same results.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: Fewer files than this are parsed here: starting workers would cost more than it saves.
MIN_FILES = 64
#: Files handed to a worker at a time (a build of 1,000 files is 125 hand-overs, shared among the workers).
CHUNK = 8


def cores() -> int:
    """The CPUs this process may run on (its affinity where the system reports one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - systems without affinity
        return os.cpu_count() or 1


def parse_all(jobs: Sequence[tuple[str, Path]], parse: Callable[[str, Path], T]) -> Iterator[T]:
    """``parse(name, path)`` of every job, in the jobs' order: in worker processes when that pays.

    ``parse`` must be a module-level function (workers receive it by name) whose
    result pickles.
    """
    workers = min(cores(), 8, len(jobs) // CHUNK)
    if len(jobs) >= MIN_FILES and workers > 1 and sys.platform.startswith("linux") and threading.active_count() == 1:
        yield from _in_workers(jobs, parse, workers)
        return
    for name, path in jobs:
        yield parse(name, path)


def _in_workers(jobs: Sequence[tuple[str, Path]], parse: Callable[[str, Path], T], workers: int) -> Iterator[T]:
    """The results of forked workers while they last, then of this process for the files left."""
    done = 0
    try:  # imported here: a read command that builds nothing should not pay for multiprocessing's imports
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    except (ImportError, NotImplementedError, OSError, ValueError):  # no semaphores here (some sandboxes)
        pool = None
    if pool is not None:
        try:
            names, paths = [name for name, _ in jobs], [path for _, path in jobs]
            for result in pool.map(parse, names, paths, chunksize=CHUNK):
                yield result
                done += 1
        except (AssertionError, ImportError, NotImplementedError, OSError, BrokenProcessPool):
            pass  # refused to fork (a daemonic process), cannot start a worker here, or a worker died
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    for name, path in jobs[done:]:
        yield parse(name, path)
