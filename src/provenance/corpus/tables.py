"""The Parquet tables a corpus run writes, their columns, and how each file lands whole or not at all.

Layout under the output directory (Hive-style, so DuckDB, pandas and polars
read each table as one, with a ``month`` column from the directory name)::

    articles/month=2020-09/<partition>.parquet   one row per article (or unreadable record)
    quotes/month=2020-09/<partition>.parquet     one row per quotation or reported claim
    mentions/mentions.parquet                    unresolved speakers with counts, to grow the registry
    speakers/speakers.parquet                    the registry the run resolved against
    groups/, group_counts/                       written by ``corpus group``

Every file is written under a hidden temporary name and renamed into place,
so a reader or a rerun never sees half a file; readers skip names that start
with ``.`` or ``_`` (the bookkeeping in ``_partitions/``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import WriteError

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

UNDATED = "undated"


def schema(table: str) -> pa.Schema:
    """The columns of one table (see docs/corpus.md for what each holds)."""
    import pyarrow as pa

    text, date, count, score = pa.string(), pa.date32(), pa.int64(), pa.float64()
    columns: dict[str, list[tuple[str, pa.DataType]]] = {
        "articles": [
            ("key", text), ("id", text), ("url", text), ("outlet", text), ("title", text), ("published", date),
            ("language", text), ("sha256", text), ("chars", count), ("quotes", count), ("input", text),
            ("locator", text), ("error", text),
        ],
        "quotes": [
            ("key", text), ("article", text), ("article_id", text), ("url", text), ("outlet", text),
            ("published", date), ("start", count), ("end", count), ("text", text), ("kind", text), ("cue", text),
            ("mention", text), ("speaker_name", text), ("speaker", text), ("speaker_score", score),
            ("speaker_method", text), ("confidence", score), ("partial", pa.bool_()),
        ],
        "mentions": [
            ("key", text), ("name", text), ("quotes", count), ("articles", count), ("first_seen", date),
            ("last_seen", date), ("example", text),
        ],
        "speakers": [("id", text), ("name", text), ("kind", text), ("aliases", pa.list_(text)), ("wikidata", text)],
        "groups": [
            ("group", text), ("quote", text), ("article", text), ("origin", pa.bool_()), ("drift", text),
            ("similarity", score), ("published", date), ("outlet", text), ("url", text), ("speaker", text),
            ("text", text),
        ],
        "group_counts": [
            ("group", text), ("origin", text), ("text", text), ("speaker", text), ("quotes", count),
            ("articles", count), ("outlets", count), ("first_date", date), ("last_date", date),
        ],
    }  # fmt: skip
    return pa.schema(columns[table])


def month_of(published: dt.date | None) -> str:
    """The partition a dated row goes to: 'month=2020-09', or 'month=undated'."""
    return f"month={published:%Y-%m}" if published is not None else f"month={UNDATED}"


def temporary_name(final: Path) -> Path:
    """A hidden name beside ``final`` that no reader or glob for ``*.parquet`` picks up."""
    return final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.tmp")


def write_table(path: Path, rows: pa.Table) -> None:
    """Write one Parquet file atomically: a temporary file renamed over ``path``."""
    import pyarrow.parquet as pq

    tmp = temporary_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(rows, tmp, compression="zstd")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteError(f"cannot write {path}: {exc}") from exc


class PartitionWriter:
    """One partition's output: a Parquet file per table and month, appended batch by batch, renamed at the end.

    Memory stays bounded by one batch whatever the partition's size; the files
    appear under their final names only on :meth:`commit`.
    """

    def __init__(self, out: Path, key: str) -> None:
        self.out, self.key = out, key
        self._open: dict[tuple[str, str], tuple[pq.ParquetWriter, Path, Path]] = {}

    def write(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        by_month: dict[str, list[Mapping[str, Any]]] = {}
        for row in rows:
            by_month.setdefault(month_of(row["published"]), []).append(row)
        for month, chunk in by_month.items():
            if (table, month) not in self._open:
                final = self.out / table / month / f"{self.key}.parquet"
                tmp = temporary_name(final)
                final.parent.mkdir(parents=True, exist_ok=True)
                writer = pq.ParquetWriter(tmp, schema(table), compression="zstd")
                self._open[table, month] = (writer, tmp, final)
            self._open[table, month][0].write_table(pa.Table.from_pylist(list(chunk), schema=schema(table)))

    def commit(self) -> list[str]:
        """Close every file and move it into place; the paths written, relative to the output directory."""
        written = []
        for writer, tmp, final in self._open.values():
            writer.close()
            os.replace(tmp, final)
            written.append(str(final.relative_to(self.out)))
        self._open.clear()
        return sorted(written)

    def abort(self) -> None:
        """Drop what was written so far (the partition will be done again)."""
        for writer, tmp, _ in self._open.values():
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._open.clear()


def table_files(out: Path, table: str) -> list[Path]:
    """The Parquet files of one table, sorted; hidden temporary files are not among them."""
    root = out / table
    return sorted(p for p in root.rglob("*.parquet") if not p.name.startswith((".", "_"))) if root.exists() else []


def read_rows(files: Iterable[Path], table: str, columns: Sequence[str] | None = None) -> pa.Table:
    """The rows of some files of one table, in file order (an empty table when there are none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    wanted = schema(table) if columns is None else pa.schema([schema(table).field(c) for c in columns])
    parts = [pq.read_table(path, columns=list(wanted.names)) for path in files]
    return pa.concat_tables(parts) if parts else wanted.empty_table()


def remove_temporaries(out: Path) -> int:
    """Delete temporary files left by killed tasks; how many there were."""
    stale = [p for p in out.rglob(".*.tmp") if p.is_file()]
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()
    return len(stale)
