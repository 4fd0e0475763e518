"""``group(out)``: the same utterance across a whole corpus, its origin, and how each copy drifted.

Four Dask stages, each a task per file or shard, with data moved through
Parquet files in a work directory (so no stage holds the corpus in memory):

1. *sign* each quotes file: MinHash bands per quote, written to shards by bucket;
2. *pair* each shard: quotes sharing a bucket become candidate pairs; the
   client joins them into components (union-find over the pairs only);
3. *route* each quotes file: every candidate quote to the shard of its component;
4. *verify* each shard: within a component, quotes earliest first join the group
   whose members they match word for word (or contain), from another article,
   with a compatible speaker; each member's drift from the origin is
   :func:`provenance.analysis.variants.classify`, the drift classes of ``variants``.

Writes ``groups/`` (one row per member) and ``group_counts/`` (one row per
group: quotes, articles, outlets, first and last date), replacing earlier ones.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError
from .blocking import band_buckets, components, stable_hash, star_edges
from .cluster import dask_client, run_tasks, worker_count
from .matching import group_component
from .tables import read_rows, table_files, write_table

if TYPE_CHECKING:
    import pyarrow as pa
    from distributed import Client

WORK = "_group_work"
ROUTED_COLUMNS = ("key", "article", "published", "outlet", "url", "speaker", "kind", "text", "start")


@dataclass(frozen=True, kw_only=True)
class GroupSummary:
    """What grouping found, and how long each stage took (seconds)."""

    quotes: int
    candidates: int
    components: int
    groups: int
    grouped_quotes: int
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def group(
    out: str | Path,
    *,
    client: Client | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    kinds: Sequence[str] = ("direct",),
    shards: int | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> GroupSummary:
    """Group the quotes of a corpus run in ``out`` into variants; write ``groups/`` and ``group_counts/``.

    ``kinds`` are the quote kinds grouped (direct quotations by default;
    reported speech is paraphrased too freely to group across a corpus).
    """
    root = Path(out)
    files = table_files(root, "quotes")
    if not files:
        raise NotFoundError(f"no quotes under {root}; run 'provenance corpus extract … -o {root}' first")
    work = root / WORK
    shutil.rmtree(work, ignore_errors=True)
    started = time.perf_counter()
    stages: dict[str, float] = {}

    def stage(name: str) -> None:
        stages[name] = round(time.perf_counter() - started - sum(stages.values()), 2)
        if on_stage is not None:
            on_stage(name)

    with dask_client(client, scheduler=scheduler, workers=workers) as running:
        count = shards or max(4, 2 * worker_count(running))
        numbered = list(enumerate(map(str, files)))
        signed = run_tasks(running, sign_file, numbered, str(work), count, tuple(kinds))
        stage("sign")
        edge_tables = run_tasks(running, pair_shard, [str(work / "bands" / str(k)) for k in range(count)])
        edges = {(a, b) for table in edge_tables for a, b in zip(table["a"], table["b"], strict=True)}
        component_of = components(edges)
        _write_components(work, component_of)
        stage("pair")
        run_tasks(running, route_file, numbered, str(work), count)
        stage("route")
        results = run_tasks(running, verify_shard, list(range(count)), str(work))
        stage("verify")
    _publish(root, work)
    return GroupSummary(
        quotes=sum(signed),
        candidates=len(edges),
        components=len(set(component_of.values())),
        groups=sum(r[0] for r in results),
        grouped_quotes=sum(r[1] for r in results),
        seconds=round(time.perf_counter() - started, 2),
        stages=stages,
    )


# ------------------------------------------------------------------ the Dask tasks


def sign_file(numbered: tuple[int, str], work: str, shards: int, kinds: tuple[str, ...]) -> int:
    """Stage 1: the MinHash band buckets of one quotes file, written to shards; how many quotes were signed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    number, path = numbered
    rows = read_rows([Path(path)], "quotes", ["key", "text", "kind"])
    rows = rows.filter(pc.is_in(rows["kind"], pa.array(list(kinds))))
    keys = rows["key"].to_pylist()
    by_shard: dict[int, tuple[list[int], list[str]]] = {k: ([], []) for k in range(shards)}
    signed = 0
    for key, buckets in zip(keys, band_buckets(rows["text"].to_pylist()), strict=True):
        signed += bool(buckets)
        for bucket in buckets:
            bucket_list, quote_list = by_shard[bucket % shards]
            bucket_list.append(bucket)
            quote_list.append(key)
    for shard, (buckets, quotes) in by_shard.items():
        table = pa.table({"bucket": pa.array(buckets, pa.int64()), "quote": pa.array(quotes, pa.string())})
        write_table(Path(work) / "bands" / str(shard) / f"{number}.parquet", table)
    return signed


def pair_shard(directory: str) -> dict[str, list[str]]:
    """Stage 2: the candidate pairs of one shard, as a star per bucket with two or more quotes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = [pq.read_table(p) for p in sorted(Path(directory).glob("*.parquet"))]
    pairs: dict[str, list[str]] = {"a": [], "b": []}
    if not parts:
        return pairs
    grouped = pa.concat_tables(parts).group_by("bucket").aggregate([("quote", "list")])
    for members in grouped["quote_list"].to_pylist():
        if len(members) > 1:
            for a, b in star_edges(members):
                pairs["a"].append(a)
                pairs["b"].append(b)
    return pairs


def route_file(numbered: tuple[int, str], work: str, shards: int) -> int:
    """Stage 3: the candidate quotes of one quotes file, sent to the shard of their component."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    number, path = numbered
    component_of = pq.read_table(Path(work) / "components.parquet")
    rows = read_rows([Path(path)], "quotes", list(ROUTED_COLUMNS))
    rows = rows.join(component_of, keys="key", right_keys="quote", join_type="inner")
    targets = pa.array([stable_hash(c) % shards for c in rows["component"].to_pylist()], pa.int64())
    for shard in range(shards):
        chunk = rows.filter(pc.equal(targets, shard))
        write_table(Path(work) / "routed" / str(shard) / f"{number}.parquet", chunk)
    return int(rows.num_rows)


def verify_shard(shard: int, work: str) -> tuple[int, int]:
    """Stage 4: the variant groups of one shard's components; (groups, quotes in them)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .tables import schema

    parts = [pq.read_table(p) for p in sorted((Path(work) / "routed" / str(shard)).glob("*.parquet"))]
    members: list[dict[str, Any]] = []
    counts: list[dict[str, Any]] = []
    if parts:
        rows = pa.concat_tables(parts).sort_by([("component", "ascending")])
        for component in _split(rows.to_pylist()):
            found_members, found_counts = group_component(component)
            members += found_members
            counts += found_counts
    staged = Path(work) / "out"
    write_table(staged / "groups" / f"{shard}.parquet", pa.Table.from_pylist(members, schema=schema("groups")))
    table = pa.Table.from_pylist(counts, schema=schema("group_counts"))
    write_table(staged / "group_counts" / f"{shard}.parquet", table)
    return len(counts), len(members)


def _split(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows sorted by component, cut into one list per component."""
    out: list[list[dict[str, Any]]] = []
    for row in rows:
        if not out or out[-1][0]["component"] != row["component"]:
            out.append([])
        out[-1].append(row)
    return out


# ------------------------------------------------------------------ the client's part


def _write_components(work: Path, component_of: dict[str, str]) -> None:
    import pyarrow as pa

    table = pa.table({"quote": list(component_of), "component": list(component_of.values())})
    write_table(work / "components.parquet", table)


def _publish(root: Path, work: Path) -> None:
    """Replace ``groups/`` and ``group_counts/`` with the new ones, then drop the work directory."""
    for name in ("groups", "group_counts"):
        shutil.rmtree(root / name, ignore_errors=True)
        (work / "out" / name).rename(root / name)
    shutil.rmtree(work, ignore_errors=True)


def read_groups(out: str | Path) -> pa.Table:
    """Every member row of ``groups/`` (see :func:`group`)."""
    return read_rows(table_files(Path(out), "groups"), "groups")
