"""One partition on one worker: read its articles, extract and attribute quotes, write its Parquet files.

This is the function Dask runs. It streams: articles are read, extracted and
written a batch at a time, so a worker's memory holds one batch whatever the
partition's size. Its files appear under their final names only when the
whole partition is done, and a marker in ``_partitions/`` says so last; a
rerun skips partitions that have a marker and redoes any other, overwriting
what a killed attempt may have left.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DocumentError
from ..extraction.pipeline import extract as extract_text
from ..extraction.results import ExtractedClaim, Extraction
from ..ids import sha256_text
from ..store.atomic import atomic_write
from .inputs import Article, Fields, Partition, read_partition
from .mentions import MentionCounts
from .registry import Registry, Resolved, Resolver, resolver_for
from .tables import PartitionWriter, write_table

MARKERS = "_partitions"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What a run reads and how; a rerun into the same directory must use the same."""

    fields: Fields = field(default_factory=Fields)
    batch: int = 500  # articles extracted between two writes: bounds a worker's memory


@dataclass(frozen=True, kw_only=True)
class PartitionReport:
    """What one partition produced; ``failed`` says why nothing was written for it."""

    key: str
    documents: int = 0
    errors: int = 0
    quotes: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failed: str | None = None
    files: tuple[str, ...] = ()


def marker_path(out: Path, key: str) -> Path:
    return out / MARKERS / f"{key}.json"


def mentions_path(out: Path, key: str) -> Path:
    return out / MARKERS / f"{key}.mentions.parquet"


def is_done(out: Path, key: str) -> bool:
    return marker_path(out, key).exists()


def run_partition(partition: Partition, out: str, settings: Settings, registry: Registry) -> PartitionReport:
    """Extract one partition into ``out``; the Dask task. A partition that cannot be read is reported, not raised."""
    started = time.perf_counter()
    root = Path(out)
    writer = PartitionWriter(root, partition.key)
    mentions = MentionCounts()
    resolver = resolver_for(registry)
    totals = {"documents": 0, "errors": 0, "quotes": 0}
    try:
        articles = read_partition(partition, settings.fields)
        for batch in _batches(articles, settings.batch):
            article_rows: list[dict[str, Any]] = []
            quote_rows: list[dict[str, Any]] = []
            for article in batch:
                row, quotes = article_rows_for(article, resolver, mentions)
                article_rows.append(row)
                quote_rows += quotes
                totals["documents"] += 1
                totals["errors"] += row["error"] is not None
            totals["quotes"] += len(quote_rows)
            writer.write("articles", article_rows)
            writer.write("quotes", quote_rows)
        files = writer.commit()
    except DocumentError as exc:
        writer.abort()
        return PartitionReport(key=partition.key, failed=str(exc), seconds=time.perf_counter() - started)
    except BaseException:
        writer.abort()
        raise
    write_table(mentions_path(root, partition.key), mentions.table())
    report = PartitionReport(
        key=partition.key,
        documents=totals["documents"],
        errors=totals["errors"],
        quotes=totals["quotes"],
        bytes=partition.size,
        seconds=round(time.perf_counter() - started, 3),
        files=tuple(files),
    )
    atomic_write(marker_path(root, partition.key), json.dumps(asdict(report), indent=1))
    return report


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``items`` in lists of ``size`` (itertools.batched arrives only with Python 3.12)."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def article_key(article: Article, sha256: str | None) -> str:
    """The article's row key: its input's name, its place there and its text's checksum.

    It does not depend on where the corpus lies (so output and docs are reproducible), and two
    inputs that share a name apart (2020/news.jsonl, 2021/news.jsonl) differ by their text.
    """
    where = f"{Path(article.input).name}\x1f{article.locator}\x1f{sha256 or article.error}"
    return "a-" + hashlib.blake2b(where.encode(), digest_size=8).hexdigest()


def quote_key(article: str, start: int, end: int) -> str:
    return "q-" + hashlib.blake2b(f"{article}\x1f{start}\x1f{end}".encode(), digest_size=8).hexdigest()


def article_rows_for(
    article: Article, resolver: Resolver, mentions: MentionCounts
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The ``articles`` row of one article and its ``quotes`` rows; unresolved speakers are counted."""
    sha256 = sha256_text(article.text) if article.error is None else None
    key = article_key(article, sha256)
    row: dict[str, Any] = {
        "key": key,
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "sha256": sha256,
        "chars": len(article.text),
        "quotes": 0,
        "input": article.input,
        "locator": article.locator,
        "error": article.error,
    }
    if article.error is not None:
        return row, []
    try:
        found = extract_text(article.text)
    except Exception as exc:  # one article's failure must not end a partition of thousands
        row["error"] = f"{article.input} at {article.locator}: extraction failed: {exc!r}"
        return row, []
    speakers = _resolve_speakers(found, resolver)
    quotes = [_quote_row(article, key, claim, speakers) for claim in found.claims]
    for claim in found.claims:
        if claim.speaker_name and speakers.get(claim.speaker_name) is None:
            mentions.add(claim.speaker_name, key, article.published)
    row["quotes"] = len(quotes)
    return row, quotes


def _resolve_speakers(found: Extraction, resolver: Resolver) -> dict[str, Resolved | None]:
    """Each speaker cluster of the article by its fullest name, resolved by any of its spellings."""
    return {cluster.name: resolver.resolve(_spellings(cluster.name, cluster.mentions)) for cluster in found.speakers}


def _spellings(name: str, mentions: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([name, *mentions]))


def _quote_row(
    article: Article, key: str, claim: ExtractedClaim, speakers: dict[str, Resolved | None]
) -> dict[str, Any]:
    resolved = speakers.get(claim.speaker_name) if claim.speaker_name else None
    return {
        "key": quote_key(key, claim.anchor.start, claim.anchor.end),
        "article": key,
        "article_id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "start": claim.anchor.start,
        "end": claim.anchor.end,
        "text": claim.text,
        "kind": claim.kind.value,
        "cue": claim.cue,
        "mention": claim.speaker_mention,
        "speaker_name": claim.speaker_name,
        "speaker": resolved.speaker if resolved else None,
        "speaker_score": resolved.score if resolved else None,
        "speaker_method": resolved.method if resolved else None,
        "confidence": claim.confidence,
        "partial": claim.partial,
    }
