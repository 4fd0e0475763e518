"""Many documents: files in, one result per document out, in input order, on one or several processes.

``extract_documents`` yields each document with its result, for a caller that records or prints
them; ``extract_json_lines`` yields each result already as the JSON Lines record ``provenance
extract --json`` prints, with the counts its summary needs. On several processes the work a
document costs is done in the workers: a text or HTML file is read (and an HTML page parsed) there
rather than in the parent, and with ``extract_json_lines`` the record is serialised there too, so
only a string travels back and the parent has little to do but write it. JSON Lines corpora are
split into documents in the parent, a line at a time. Nothing is kept once handed on: a corpus of
any size streams through in constant memory.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..errors import ProvenanceError
from ..names import SpeakerIndex
from ..records import Speaker
from ..store.ledger_store import LedgerStore
from .documents import JSONL_SUFFIXES, Document, Fields, read_documents
from .parallel import ordered_map
from .pipeline import extract_with_index, registry_of
from .results import DocumentResult

R = TypeVar("R")
#: What the parent hands a worker: a file to read (text or HTML), a document read from a corpus line,
#: or the error a file already gave.
_Item = Path | Document | DocumentResult
_Pair = tuple[Document | None, DocumentResult]


@dataclass(frozen=True, kw_only=True)
class JsonLine:
    """One document of :func:`extract_json_lines`: its JSON Lines record, and what a summary counts."""

    file: str
    id: str
    record: str  # one JSON object on one line, without the newline
    error: str | None = None
    claims: int = 0
    resolved: int = 0  # speakers (clustered mentions) resolved to the registry
    unresolved: int = 0


def extract_documents(
    paths: Iterable[str | Path],
    *,
    ledger: LedgerStore | None = None,
    speakers: Iterable[Speaker] | None = None,
    text_field: str = "text",
    id_field: str = "id",
    fields: Fields | None = None,
    jobs: int = 1,
) -> Iterator[tuple[Document | None, DocumentResult]]:
    """Extract from every document in ``paths`` (text, HTML or JSON Lines); a bad file never stops the batch.

    Yields the document read (None when the file could not be read) and its result, in input order
    and as they are read, so a corpus streams through. ``jobs`` > 1 extracts on that many processes.
    """
    chosen = fields or Fields(text=text_field, id=id_field)
    return _run(_pair, paths, registry_of(ledger, speakers), chosen, jobs)


def extract_json_lines(
    paths: Iterable[str | Path],
    *,
    ledger: LedgerStore | None = None,
    speakers: Iterable[Speaker] | None = None,
    fields: Fields | None = None,
    jobs: int = 1,
) -> Iterator[JsonLine]:
    """Each document's result as its JSON Lines record (see :meth:`DocumentResult.json_record`), in input order.

    The same documents and results as :func:`extract_documents`, for a caller that only writes them
    out: with ``jobs`` > 1 the records are made in the worker processes.
    """
    return _run(_json_line, paths, registry_of(ledger, speakers), fields or Fields(), jobs)


def _run(
    finish: Callable[[_Item, SpeakerIndex | None], R],
    paths: Iterable[str | Path],
    registry: list[Speaker],
    fields: Fields,
    jobs: int,
) -> Iterator[R]:
    items = _items(paths, fields)
    if jobs > 1:
        work = functools.partial(_in_worker, finish)
        for _, result in ordered_map(work, items, jobs=jobs, initializer=_start_worker, initargs=(registry,)):
            yield result
        return
    index = SpeakerIndex(registry) if registry else None
    for item in items:
        yield finish(item, index)


def _items(paths: Iterable[str | Path], fields: Fields) -> Iterator[_Item]:
    """Each file to read, or each line of a corpus read here; read only as they are needed."""
    for raw in paths:
        path = Path(raw)
        if path.suffix.lower() not in JSONL_SUFFIXES:
            yield path  # one document: read where it is extracted
            continue
        try:
            yield from read_documents(path, fields=fields)
        except ProvenanceError as exc:
            yield DocumentResult(file=str(path), id=path.stem, error=str(exc))


def _pair(item: _Item, index: SpeakerIndex | None) -> _Pair:
    """The document (None when its file could not be read) and its result."""
    document = _read(item)
    if isinstance(document, DocumentResult):
        return None, document
    return document, _document_result(document, index)


def _json_line(item: _Item, index: SpeakerIndex | None) -> JsonLine:
    _, result = _pair(item, index)
    found = result.extraction
    if found is None:
        return JsonLine(file=result.file, id=result.id, record=result.json_record(), error=result.error)
    resolved = sum(1 for s in found.speakers if s.speaker)
    return JsonLine(
        file=result.file,
        id=result.id,
        record=result.json_record(),
        claims=len(found.claims),
        resolved=resolved,
        unresolved=len(found.speakers) - resolved,
    )


def _read(item: _Item) -> Document | DocumentResult:
    """The document a text or HTML file holds, or the error reading it gave; a corpus line is already read."""
    if not isinstance(item, Path):
        return item
    try:
        return next(read_documents(item))  # a text or HTML file is one document
    except ProvenanceError as exc:
        return DocumentResult(file=str(item), id=item.stem, error=str(exc))


def _document_result(document: Document, index: SpeakerIndex | None) -> DocumentResult:
    if document.error is not None:
        return DocumentResult(file=document.file, id=document.id, error=document.error)
    try:
        found = extract_with_index(document.text, index)
    except Exception as exc:  # one document's failure must not end a batch of thousands
        error = f"{document.file} ({document.id}): extraction failed: {exc!r}"
        return DocumentResult(file=document.file, id=document.id, error=error)
    text = document.text if document.html else None
    return DocumentResult(file=document.file, id=document.id, extraction=found, text=text)


# ------------------------------------------------------------------ worker processes (jobs > 1)

_WORKER_INDEX: SpeakerIndex | None = None


def _start_worker(registry: list[Speaker]) -> None:
    """Build the speaker index once per worker process."""
    global _WORKER_INDEX
    _WORKER_INDEX = SpeakerIndex(registry) if registry else None


def _in_worker(finish: Callable[[_Item, SpeakerIndex | None], R], item: _Item) -> R:
    return finish(item, _WORKER_INDEX)
