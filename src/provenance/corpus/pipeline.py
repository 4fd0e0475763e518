"""``extract(inputs, out)``: a corpus in, Parquet tables out, on Dask; a rerun picks up where a run stopped.

The client plans the partitions, skips those already written, ships the
speaker registry to the workers once, runs one task per partition
(:func:`.partition.run_partition`), then adds up the unresolved mentions.
A run records its settings in ``_corpus.json``; a rerun with other settings,
or with an input that has changed size, is refused rather than mixed in.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidInputError, WriteError
from ..store.atomic import atomic_write
from .cluster import dask_client, run_tasks, share, worker_peak_memory
from .inputs import PARTITION_BYTES, Fields, Partition, plan_partitions
from .mentions import merge_mentions
from .partition import MARKERS, PartitionReport, Settings, is_done, mentions_path, run_partition
from .registry import Registry, build_registry
from .tables import remove_temporaries, schema, write_table

if TYPE_CHECKING:
    from distributed import Client

    from ..store.ledger_store import LedgerStore

RUN_FILE = "_corpus.json"


@dataclass(frozen=True, kw_only=True)
class ExtractSummary:
    """What a corpus run did: partitions run, skipped (written before) and failed; totals over the whole output."""

    out: str
    partitions: int
    ran: int
    skipped: int
    failed: tuple[tuple[str, str], ...]
    documents: int
    errors: int
    quotes: int
    unresolved_names: int
    run_documents: int
    run_bytes: int
    seconds: float
    worker_peak_mb: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def extract(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    client: Client | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    ledger: LedgerStore | None = None,
    aliases: str | Path | None = None,
    fields: Fields | None = None,
    partition_bytes: int = PARTITION_BYTES,
    batch: int = 500,
    on_start: Callable[[int], None] | None = None,
    on_partition: Callable[[PartitionReport], None] | None = None,
) -> ExtractSummary:
    """Extract and attribute the quotes of every article in ``inputs`` into Parquet tables under ``out``.

    Runs on ``client`` if given, else on the cluster at ``scheduler``
    (``tcp://host:port``), else on a new LocalCluster of ``workers`` processes.
    Speakers resolve against ``ledger``'s registry plus the ``aliases`` TSV.
    ``on_start`` gets the number of partitions to run; ``on_partition`` each
    one's report as it finishes.
    """
    if partition_bytes < 1 or batch < 1:
        raise InvalidInputError("the partition size and the batch size must be positive")
    root = Path(out)
    partitions = plan_partitions(inputs, partition_bytes=partition_bytes)
    registry = build_registry(ledger.speakers() if ledger is not None else (), aliases)
    settings = Settings(fields=fields or Fields(), batch=batch)
    started = time.perf_counter()
    with _run_lock(root):
        _check_run_file(root, partitions, settings, registry, partition_bytes)
        todo = [p for p in partitions if not is_done(root, p.key)]
        if on_start is not None:
            on_start(len(todo))
        reports: list[PartitionReport] = []
        peaks: dict[str, float] = {}
        if todo:
            with dask_client(client, scheduler=scheduler, workers=workers) as running:
                shared = share(running, registry)
                reports = run_tasks(running, run_partition, todo, str(root), settings, shared, on_result=on_partition)
                peaks = worker_peak_memory(running)
        return _finish(root, partitions, reports, registry, peaks, time.perf_counter() - started)


def _finish(
    root: Path,
    partitions: list[Partition],
    reports: list[PartitionReport],
    registry: Registry,
    peaks: dict[str, float],
    seconds: float,
) -> ExtractSummary:
    """Add up the mentions and the totals of every partition in ``root``, this run's or an earlier one's."""
    # Every partition written into this directory, this run's inputs or an earlier run's.
    done = sorted(path.name.removesuffix(".json") for path in (root / MARKERS).glob("*.json"))
    totals = {"documents": 0, "errors": 0, "quotes": 0}
    for key in done:
        marker = json.loads((root / MARKERS / f"{key}.json").read_text(encoding="utf-8"))
        for name in totals:
            totals[name] += int(marker[name])
    names = merge_mentions([mentions_path(root, key) for key in done], root)
    _write_speakers(root, registry)
    remove_temporaries(root)
    ran = [r for r in reports if r.failed is None]
    summary = ExtractSummary(
        out=str(root),
        partitions=len(partitions),
        ran=len(ran),
        skipped=len(partitions) - len(reports),
        failed=tuple(sorted((r.key, r.failed) for r in reports if r.failed is not None)),
        **totals,
        unresolved_names=names,
        run_documents=sum(r.documents for r in ran),
        run_bytes=sum(r.bytes for r in ran),
        seconds=round(seconds, 2),
        worker_peak_mb=peaks,
    )
    run_file = json.loads((root / RUN_FILE).read_text(encoding="utf-8"))
    run_file["totals"] = {**totals, "partitions": len(done), "unresolved_names": names}
    atomic_write(root / RUN_FILE, json.dumps(run_file, indent=1, ensure_ascii=False) + "\n")
    return summary


def _check_run_file(
    root: Path, partitions: list[Partition], settings: Settings, registry: Registry, partition_bytes: int
) -> None:
    """Refuse to mix runs: other settings, or an input whose size changed, would leave rows that disagree."""
    wanted = {
        "fields": asdict(settings.fields),
        "batch": settings.batch,
        "partition_bytes": partition_bytes,
        "registry": registry.fingerprint,
    }
    sizes = {p.path: _size(p) for p in partitions if p.kind != "files"}
    path = root / RUN_FILE
    run: dict[str, Any] = {"settings": wanted, "inputs": {}}
    if path.exists():
        run = json.loads(path.read_text(encoding="utf-8"))
        changed = sorted(k for k, v in wanted.items() if run["settings"].get(k) != v)
        if changed:
            raise InvalidInputError(
                f"{root} holds a corpus run with other settings ({', '.join(changed)}); "
                "write to a new directory, or run again with the settings of the first run"
            )
        grown = sorted(p for p, size in sizes.items() if run["inputs"].get(p, size) != size)
        if grown:
            raise InvalidInputError(
                f"{grown[0]} has changed since it was extracted into {root}; give the new version another name"
            )
    run["inputs"] = {**run["inputs"], **sizes}
    atomic_write(path, json.dumps(run, indent=1, ensure_ascii=False) + "\n")


def _size(partition: Partition) -> int:
    return Path(partition.path).stat().st_size


@contextlib.contextmanager
def _run_lock(root: Path) -> Iterator[None]:
    """One run at a time per output directory: a second one would redo the same partitions."""
    from filelock import FileLock, Timeout

    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(root / ".lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise WriteError(f"cannot write to {root}: another corpus run is writing to it") from exc
    try:
        yield
    finally:
        lock.release()


def _write_speakers(root: Path, registry: Registry) -> None:
    import pyarrow as pa

    rows = [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind.value,
            "aliases": list(s.aliases),
            "wikidata": s.identifiers.get("wikidata"),
        }
        for s in registry.speakers
    ]
    write_table(root / "speakers" / "speakers.parquet", pa.Table.from_pylist(rows, schema=schema("speakers")))
