"""Where corpus work runs: a Dask LocalCluster by default, or an existing cluster by address — one code path.

Dask is the engine (a pure pip install, a local cluster with one call, the
same client API against a cluster of many machines, and retries when a
worker dies), so nothing here schedules, retries or moves data by itself:
it opens a client, submits one task per unit of work and reports each
result as it arrives. Dask is imported only when a corpus command runs.
"""

from __future__ import annotations

import contextlib
import logging
import os
import resource
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import InvalidInputError, ProvenanceError

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")
R = TypeVar("R")

#: No dashboard; the scheduler's health endpoint on a free local port rather than 8787 (which may be taken).
LOCAL_SCHEDULER = {"dashboard_address": "127.0.0.1:0"}
INSTALL_HINT = "corpus mode needs Dask and pyarrow: pip install 'provenance[corpus]'"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ProvenanceError(INSTALL_HINT) from exc
    return distributed


@contextlib.contextmanager
def dask_client(
    client: Client | None = None, *, scheduler: str | None = None, workers: int | None = None
) -> Iterator[Client]:
    """The client to run on: ``client`` as given (left open), a cluster at ``scheduler``, or a new LocalCluster.

    A LocalCluster has ``workers`` processes (default: one per core) of one
    thread each: extraction is pure Python, so processes, not threads, use the cores.
    """
    distributed = _distributed()
    if client is not None:
        yield client
        return
    if workers is not None and workers < 1:
        raise InvalidInputError(f"--workers must be at least 1, not {workers}")
    if scheduler:
        try:
            connected = distributed.Client(scheduler, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:  # ValueError: an address that is not HOST:PORT
            raise ProvenanceError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); give its address as tcp://HOST:PORT"
            ) from exc
        with connected:
            yield connected
        return
    cluster = distributed.LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs=LOCAL_SCHEDULER,
        silence_logs=logging.ERROR,
    )
    with cluster, distributed.Client(cluster, set_as_default=False) as local:
        yield local


def run_tasks(
    client: Client,
    task: Callable[..., R],
    items: Sequence[T],
    *args: Any,
    on_result: Callable[[R], None] | None = None,
) -> list[R]:
    """Run ``task(item, *args)`` for every item on the cluster; results in order of completion.

    Pass a large argument through :func:`share` so it travels once. A task
    whose worker dies is run again elsewhere by Dask.
    """
    distributed = _distributed()
    futures = [client.submit(task, item, *args, pure=False) for item in items]
    results: list[R] = []
    for future in distributed.as_completed(futures, loop=client.loop):
        result: R = future.result()  # raises the task's exception, if it had one
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def share(client: Client, value: Any) -> Any:
    """``value`` sent to every worker once (a speaker registry), to pass to :func:`run_tasks` in its place."""
    scatter: Any = client.scatter  # distributed leaves it untyped
    return scatter(value, broadcast=True, hash=False)  # a fresh key: an earlier run's copy may be being released


def worker_count(client: Client) -> int:
    """How many workers the cluster has now."""
    nthreads: Any = client.nthreads  # distributed leaves it untyped
    return len(nthreads())


def worker_peak_memory(client: Client) -> dict[str, float]:
    """Each worker process's peak resident memory so far, in MB (Linux reports kB, macOS bytes)."""
    peaks: dict[str, int] = client.run(_peak_rss)
    scale = 1 / 1024 if os.uname().sysname != "Darwin" else 1 / 1024 / 1024
    return {worker: round(kb * scale, 1) for worker, kb in sorted(peaks.items())}


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
