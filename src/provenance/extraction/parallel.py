"""Extraction on several processes, results in input order, memory bounded.

Extraction is pure Python, so threads would share one core: ``--jobs N`` runs
N worker processes instead. Each worker builds the speaker index once (from the
registry handed to it at start), documents go out and results come back as
they are read, and at most a few documents per worker are in flight, so a
corpus of any size streams through in constant memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
A = TypeVar("A")

#: Documents in flight per worker: enough to keep each busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 8


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[[A], None],
    initargs: tuple[A],
) -> Iterator[tuple[T, R]]:
    """Each item with ``function(item)``, computed on ``jobs`` processes, in the order of ``items``.

    Items are read from ``items`` only a bounded window ahead of the results handed out.
    """
    window = max(1, jobs) * IN_FLIGHT_PER_WORKER
    with ProcessPoolExecutor(max_workers=jobs, initializer=initializer, initargs=initargs) as pool:
        pending: deque[tuple[T, Future[R]]] = deque()
        for item in items:
            pending.append((item, pool.submit(function, item)))
            if len(pending) >= window:
                item, future = pending.popleft()
                yield item, future.result()
        while pending:
            item, future = pending.popleft()
            yield item, future.result()
