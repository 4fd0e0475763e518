"""Unresolved speakers, counted: what a researcher adds to the alias table next.

Each partition counts the speaker names it could not resolve (spellings
merged by the normalised form names are compared in); the run then adds up
the partitions into ``mentions/mentions.parquet``, most quoted first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..names import normalise_name
from .tables import read_rows, schema, write_table

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass
class _Mention:
    spellings: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    first: dt.date | None = None
    last: dt.date | None = None


class MentionCounts:
    """One partition's unresolved speaker names, by normalised form."""

    def __init__(self) -> None:
        self._by_key: dict[str, _Mention] = {}

    def add(self, name: str, article: str, published: dt.date | None) -> None:
        key = normalise_name(name)
        if not key:
            return
        entry = self._by_key.setdefault(key, _Mention())
        entry.spellings[name] += 1
        entry.articles.add(article)
        if published is not None:
            entry.first = min(entry.first or published, published)
            entry.last = max(entry.last or published, published)

    def table(self) -> pa.Table:
        import pyarrow as pa

        rows = [
            {
                "key": key,
                "name": entry.spellings.most_common(1)[0][0],
                "quotes": sum(entry.spellings.values()),
                "articles": len(entry.articles),
                "first_seen": entry.first,
                "last_seen": entry.last,
                "example": min(entry.articles),
            }
            for key, entry in sorted(self._by_key.items())
        ]
        return pa.Table.from_pylist(rows, schema=schema("mentions"))


def merge_mentions(partials: list[Path], out: Path) -> int:
    """Add up the partitions' counts into ``mentions/mentions.parquet``; the number of distinct names."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = read_rows(partials, "mentions")
    totals = rows.group_by("key").aggregate(
        [("quotes", "sum"), ("articles", "sum"), ("first_seen", "min"), ("last_seen", "max"), ("example", "min")]
    )
    # The spelling shown is the one of the partition that quoted the name most.
    best = rows.sort_by([("key", "ascending"), ("quotes", "descending"), ("name", "ascending")])
    names: dict[str, str] = {}
    for key, name in zip(best.column("key").to_pylist(), best.column("name").to_pylist(), strict=True):
        names.setdefault(key, name)
    keys = totals.column("key").to_pylist()
    merged = pa.table(
        {
            "key": keys,
            "name": [names[k] for k in keys],
            "quotes": totals.column("quotes_sum"),
            "articles": totals.column("articles_sum"),
            "first_seen": totals.column("first_seen_min"),
            "last_seen": totals.column("last_seen_max"),
            "example": totals.column("example_min"),
        },
        schema=schema("mentions"),
    )
    order = pc.sort_indices(merged, sort_keys=[("quotes", "descending"), ("key", "ascending")])
    write_table(out / "mentions" / "mentions.parquet", merged.take(order))
    return int(merged.num_rows)
