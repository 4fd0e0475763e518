"""Reading the documents users hold: plain text, HTML pages and JSON Lines corpora.

Each input yields :class:`Document` records carrying the text that offsets
refer to. HTML goes through trafilatura, a maintained main-text extractor
that drops navigation, adverts and comment threads far better than stripping
tags by hand; it is imported only when an HTML file is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentError, UnreadableFileError
from ..safefile import MAX_JSONL_LINE, MAX_TEXT, read_lines, read_text

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, kw_only=True)
class Metadata:
    """What a document says about itself: from a page's metadata, or from a corpus record's fields."""

    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # as given; the ledger parses it when it records the source
    author: str | None = None
    language: str | None = None


@dataclass(frozen=True, kw_only=True)
class Fields:
    """Which fields of a JSON Lines record hold what (``extract --text-field`` and friends)."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    title: str = "title"
    outlet: str = "outlet"
    published: str = "published"


@dataclass(frozen=True, kw_only=True)
class Document:
    """One article: where it came from, its id, the text every offset points into, and its metadata."""

    file: str
    id: str
    text: str
    html: bool = False  # True when ``text`` was extracted from HTML
    error: str | None = None  # set (with empty text) for a JSONL line that could not be read
    meta: Metadata = Metadata()


def read_documents(
    path: Path, *, text_field: str = "text", id_field: str = "id", fields: Fields | None = None
) -> Iterator[Document]:
    """Yield the documents in ``path``: one for a text or HTML file, one per line of a JSONL file."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl(path, fields or Fields(text=text_field, id=id_field))
        return
    raw = _read(path)
    if suffix in HTML_SUFFIXES or raw.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text, meta = html_to_text_and_metadata(raw, source=str(path))
        yield Document(file=str(path), id=path.stem, text=text, html=True, meta=meta)
    else:
        yield Document(file=str(path), id=path.stem, text=raw)


def document_text(path: Path) -> str:
    """The text of one article file, as extraction sees it (HTML: its main text)."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        raise DocumentError(f"{path}: a JSON Lines corpus holds many documents; give one article file")
    return next(read_documents(path)).text


def html_to_text(html: str, *, source: str = "HTML") -> str:
    """The main text of an HTML page (article body, no navigation or comments)."""
    return html_to_text_and_metadata(html, source=source)[0]


def html_to_text_and_metadata(html: str, *, source: str = "HTML") -> tuple[str, Metadata]:
    """The main text of an HTML page, and its title, site name, date, author and canonical URL."""
    import trafilatura  # heavy; only HTML input needs it

    found = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},  # a stated date, not a guess
    )
    text = getattr(found, "text", None) if found is not None else None
    if not text or len(str(text).split()) < 3:  # a lone menu link is not an article
        raise DocumentError(f"{source}: no article text found in the HTML")
    meta = Metadata(
        url=_field(found, "url"),
        title=_field(found, "title"),
        outlet=_field(found, "sitename"),
        published=_field(found, "date"),
        author=_field(found, "author"),
        language=_field(found, "language"),
    )
    # trafilatura ends each paragraph with one newline; a blank line keeps paragraphs apart for extraction
    return "\n\n".join(line for line in str(text).splitlines() if line.strip()), meta


def _field(found: object, name: str) -> str | None:
    value = getattr(found, name, None)
    return str(value).strip() or None if value else None


def _read(path: Path) -> str:
    try:
        return read_text(path, limit=MAX_TEXT)
    except UnreadableFileError as exc:
        hint = "; convert it with iconv first" if exc.reason.startswith("not UTF-8") else ""
        raise DocumentError(f"{exc}{hint}") from exc


def _jsonl(path: Path, fields: Fields) -> Iterator[Document]:
    """One document per line, read as the file streams by; a bad line becomes a Document with ``error`` set.

    Lines end at ``\n`` only: U+2028 and other Unicode line separators may sit raw inside a JSON string.
    """
    try:
        for number, raw in read_lines(path, limit=MAX_JSONL_LINE):
            document = _jsonl_line(path, number, raw, fields)
            if document is not None:
                yield document
    except UnreadableFileError as exc:
        raise DocumentError(str(exc)) from exc


def _jsonl_line(path: Path, number: int, raw: bytes, fields: Fields) -> Document | None:
    fallback_id = f"{path.stem}:{number}"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Document(
            file=str(path), id=fallback_id, text="", error=f"{path}:{number}: not UTF-8 text ({exc.reason})"
        )
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Document(file=str(path), id=fallback_id, text="", error=f"{path}:{number}: invalid JSON ({exc.msg})")
    if not isinstance(record, dict) or not isinstance(record.get(fields.text), str):
        message = f"{path}:{number}: no string field {fields.text!r}; choose the field with --text-field"
        return Document(file=str(path), id=fallback_id, text="", error=message)
    doc_id = record.get(fields.id)
    meta = Metadata(
        url=_string(record, fields.url),
        title=_string(record, fields.title),
        outlet=_string(record, fields.outlet),
        published=_string(record, fields.published),
    )
    return Document(
        file=str(path), id=str(doc_id) if doc_id is not None else fallback_id, text=record[fields.text], meta=meta
    )


def _string(record: dict[str, object], field: str) -> str | None:
    value = record.get(field)
    return str(value).strip() or None if isinstance(value, str | int | float) else None
