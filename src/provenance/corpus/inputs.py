"""Corpus inputs: JSON Lines (gzip too), WARC crawls and directories of HTML or text, cut into partitions.

A partition is the unit of work a Dask worker takes: a byte range of a plain
JSONL file (so one big file still spreads over every worker), a whole gzip
or WARC file (neither can be entered in the middle), or a batch of article
files. Each article keeps a *locator* (byte offset, line number, WARC record
offset or file name) so ``corpus import`` can read it again for the ledger.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from ..errors import DocumentError, UnreadableFileError
from ..extraction.documents import HTML_SUFFIXES, html_to_text
from ..safefile import MAX_TEXT, read_text

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
#: A plain JSONL file is cut into byte ranges of this size: small enough to spread, big enough to amortise a task.
PARTITION_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class Fields:
    """Which JSONL field holds what; a field that is absent from a record is left empty."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    outlet: str = "outlet"
    title: str = "title"
    date: str = "date"
    language: str = "language"


@dataclass(frozen=True, kw_only=True)
class Partition:
    """One unit of work: ``kind`` is jsonl, jsonl.gz, warc or files."""

    key: str
    kind: str
    path: str  # the file (jsonl, jsonl.gz, warc) or the directory the files are under
    start: int = 0
    end: int = 0
    files: tuple[str, ...] = ()  # kind 'files': paths relative to ``path``
    size: int = 0


@dataclass(frozen=True, kw_only=True)
class Article:
    """One article as read, before extraction; ``error`` set (and no text) when it could not be read."""

    input: str
    locator: str
    id: str
    text: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    error: str | None = None


def plan_partitions(inputs: Sequence[str | Path], *, partition_bytes: int = PARTITION_BYTES) -> list[Partition]:
    """Every partition of ``inputs``, in a stable order; an input that is missing or of no known kind is refused."""
    partitions: list[Partition] = []
    loose: dict[Path, list[str]] = {}  # article files named one by one, grouped by their directory
    for raw in inputs:
        path = Path(raw).resolve()
        if path.is_dir():
            partitions += _file_partitions(path, _article_files(path), partition_bytes)
        elif not path.is_file():
            raise DocumentError(f"{raw}: no such file or directory")
        elif _kind(path) in ("jsonl", "jsonl.gz", "warc"):
            partitions += _stream_partitions(path, partition_bytes)
        elif _kind(path) == "files":
            loose.setdefault(path.parent, []).append(path.name)
        else:
            raise DocumentError(
                f"{raw}: not a corpus input; give JSON Lines (.jsonl, .jsonl.gz), WARC (.warc, .warc.gz), "
                "or directories or files of HTML or text"
            )
    for directory, names in loose.items():
        partitions += _file_partitions(directory, sorted(names), partition_bytes)
    return partitions


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl.gz" if name.endswith(".gz") else "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if path.suffix.lower() in (*HTML_SUFFIXES, *TEXT_SUFFIXES):
        return "files"
    return None


def _key(path: Path, *parts: object) -> str:
    """A partition's name in the output: readable, and unique for the file and range it covers."""
    digest = hashlib.blake2b("\x1f".join(map(str, (path, *parts))).encode(), digest_size=6).hexdigest()
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in path.name)[:40]
    return f"{stem}-{digest}"


def _stream_partitions(path: Path, partition_bytes: int) -> list[Partition]:
    size = path.stat().st_size
    kind = _kind(path)
    assert kind is not None
    if kind != "jsonl":
        return [Partition(key=_key(path, size), kind=kind, path=str(path), size=size)]
    starts = range(0, max(size, 1), partition_bytes)
    return [
        Partition(
            key=_key(path, size, start),
            kind="jsonl",
            path=str(path),
            start=start,
            end=min(start + partition_bytes, size),
            size=min(start + partition_bytes, size) - start,
        )
        for start in starts
    ]


def _article_files(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file() and _kind(p) == "files")


def _file_partitions(directory: Path, names: list[str], partition_bytes: int) -> list[Partition]:
    partitions: list[Partition] = []
    batch: list[str] = []
    size = 0
    for name in [*names, None]:
        if batch and (name is None or size >= partition_bytes):
            partitions.append(
                Partition(key=_key(directory, *batch), kind="files", path=str(directory), files=tuple(batch), size=size)
            )
            batch, size = [], 0
        if name is not None:
            batch.append(name)
            size += (directory / name).stat().st_size
    return partitions


# ------------------------------------------------------------------ reading a partition


def read_partition(partition: Partition, fields: Fields) -> Iterator[Article]:
    """The articles of one partition, in order; a bad record becomes an Article with ``error`` set."""
    try:
        if partition.kind == "jsonl":
            yield from _jsonl_range(partition, fields)
        elif partition.kind == "jsonl.gz":
            yield from _jsonl_gzip(partition, fields)
        elif partition.kind == "warc":
            yield from _warc(partition.path)
        else:
            for name in partition.files:
                yield _file_article(Path(partition.path), name)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DocumentError(f"{partition.path}: cannot read ({exc})") from exc


def read_article(input_path: str, locator: str, fields: Fields) -> Article:
    """One article again, by the input and locator its ``articles/`` row records."""
    path = Path(input_path)
    if not path.exists():
        raise DocumentError(f"{input_path}: the corpus input is no longer there; it is needed to read the article")
    try:
        if path.is_dir():
            return _file_article(path, locator)
        kind = _kind(path)
        if kind == "jsonl":
            with path.open("rb") as handle:
                handle.seek(int(locator))
                return _json_article(handle.readline(), str(path), locator, f"{path.stem}@{locator}", fields)
        if kind == "jsonl.gz":
            with gzip.open(path, "rb") as handle:
                for number, line in enumerate(handle, start=1):
                    if number == int(locator):
                        return _json_article(line, str(path), locator, f"{path.stem}:{number}", fields)
        if kind == "warc":
            with path.open("rb") as handle:
                handle.seek(int(locator))
                return next(_warc_records(handle, str(path)))
    except (OSError, ValueError, StopIteration) as exc:
        raise DocumentError(f"{input_path} at {locator}: cannot read the article again ({exc})") from exc
    raise DocumentError(f"{input_path} at {locator}: no article there")


def _jsonl_range(partition: Partition, fields: Fields) -> Iterator[Article]:
    """The lines that *start* in [start, end): a line crossing the end belongs to this range, not the next."""
    with open(partition.path, "rb") as handle:
        offset = partition.start
        if offset > 0:
            handle.seek(offset - 1)
            offset += len(handle.readline()) - 1  # finish the line the previous range owns
        while offset < partition.end:
            line = handle.readline()
            if not line:
                break
            if line.strip():
                stem = Path(partition.path).stem
                yield _json_article(line, partition.path, str(offset), f"{stem}@{offset}", fields)
            offset += len(line)


def _jsonl_gzip(partition: Partition, fields: Fields) -> Iterator[Article]:
    stem = Path(partition.path).name.split(".")[0]
    with gzip.open(partition.path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield _json_article(line, partition.path, str(number), f"{stem}:{number}", fields)


def _json_article(line: bytes, input_path: str, locator: str, fallback_id: str, fields: Fields) -> Article:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        message = f"{input_path} at {locator}: invalid JSON ({exc})"
        return Article(input=input_path, locator=locator, id=fallback_id, error=message)
    if not isinstance(record, dict) or not isinstance(record.get(fields.text), str):
        message = f"{input_path} at {locator}: no string field {fields.text!r}; choose the field with --text-field"
        return Article(input=input_path, locator=locator, id=fallback_id, error=message)
    url = _string(record, fields.url)
    return Article(
        input=input_path,
        locator=locator,
        id=_string(record, fields.id) or fallback_id,
        text=record[fields.text],
        url=url,
        outlet=_string(record, fields.outlet) or outlet_of(url),
        title=_string(record, fields.title),
        published=parse_date(record.get(fields.date)),
        language=_string(record, fields.language),
    )


def _string(record: dict[str, Any], field: str) -> str | None:
    value = record.get(field)
    return None if value is None or value == "" else str(value)


def parse_date(value: object) -> dt.date | None:
    """A date from '2020-09-13', '2020-09-13T10:00:00Z' or '2020-09-13 10:00'; None for anything else."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def outlet_of(url: str | None) -> str | None:
    """The site of a URL as an outlet name ('www.example.org' -> 'example.org')."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _file_article(directory: Path, name: str) -> Article:
    path = directory / name
    article = Article(input=str(directory), locator=name, id=str(Path(name).with_suffix("")))
    try:
        raw = read_text(path, limit=MAX_TEXT)  # a regular file only, of bounded size, UTF-8
    except UnreadableFileError as exc:
        return replace(article, error=str(exc))
    if path.suffix.lower() in HTML_SUFFIXES:
        try:
            return replace(article, text=html_to_text(raw, source=str(path)))
        except DocumentError as exc:
            return replace(article, error=str(exc))
    return replace(article, text=raw)


def _warc(path: str) -> Iterator[Article]:
    with open(path, "rb") as handle:
        yield from _warc_records(handle, path)


def _warc_records(handle: IO[bytes], path: str) -> Iterator[Article]:
    """HTML responses of a WARC (or ARC) file as articles, dated by the crawl; other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator  # only WARC input needs it

    records = ArchiveIterator(handle, arc2warc=True)
    for record in records:
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = record.http_headers.get_header("Content-Type") or ""
        if "html" not in content_type.lower():
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        html = record.content_stream().read().decode(_charset(content_type), errors="replace")
        article = Article(  # the offset is asked for after the content is read: asking first consumes the record
            input=path,
            locator=str(records.get_record_offset()),
            id=record.rec_headers.get_header("WARC-Record-ID") or url or "",
            url=url,
            outlet=outlet_of(url),
            published=parse_date(record.rec_headers.get_header("WARC-Date")),
        )
        try:
            yield replace(article, text=html_to_text(html, source=f"{path} ({url})"))
        except DocumentError as exc:
            yield replace(article, error=str(exc))


def _charset(content_type: str) -> str:
    for part in content_type.split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            try:
                return codecs.lookup(value.strip("\"'")).name
            except LookupError:
                break
    return "utf-8"
