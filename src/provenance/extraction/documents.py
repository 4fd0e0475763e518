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

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True, kw_only=True)
class Document:
    """One article: where it came from, its id, and the text every offset points into."""

    file: str
    id: str
    text: str
    html: bool = False  # True when ``text`` was extracted from HTML
    error: str | None = None  # set (with empty text) for a JSONL line that could not be read


def read_documents(path: Path, *, text_field: str = "text", id_field: str = "id") -> Iterator[Document]:
    """Yield the documents in ``path``: one for a text or HTML file, one per line of a JSONL file."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl(path, text_field, id_field)
        return
    raw = _read(path)
    if suffix in HTML_SUFFIXES or raw.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        yield Document(file=str(path), id=path.stem, text=html_to_text(raw, source=str(path)), html=True)
    else:
        yield Document(file=str(path), id=path.stem, text=raw)


def document_text(path: Path) -> str:
    """The text of one article file, as extraction sees it (HTML: its main text)."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        raise DocumentError(f"{path}: a JSON Lines corpus holds many documents; give one article file")
    return next(read_documents(path)).text


def html_to_text(html: str, *, source: str = "HTML") -> str:
    """The main text of an HTML page (article body, no navigation or comments)."""
    import trafilatura  # heavy; only HTML input needs it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or len(str(text).split()) < 3:  # a lone menu link is not an article
        raise DocumentError(f"{source}: no article text found in the HTML")
    # trafilatura ends each paragraph with one newline; a blank line keeps paragraphs apart for extraction
    return "\n\n".join(line for line in str(text).splitlines() if line.strip())


def _read(path: Path) -> str:
    try:
        return read_text(path, limit=MAX_TEXT)
    except UnreadableFileError as exc:
        hint = "; convert it with iconv first" if exc.reason.startswith("not UTF-8") else ""
        raise DocumentError(f"{exc}{hint}") from exc


def _jsonl(path: Path, text_field: str, id_field: str) -> Iterator[Document]:
    """One document per line, read as the file streams by; a bad line becomes a Document with ``error`` set.

    Lines end at ``\n`` only: U+2028 and other Unicode line separators may sit raw inside a JSON string.
    """
    try:
        for number, raw in read_lines(path, limit=MAX_JSONL_LINE):
            document = _jsonl_line(path, number, raw, text_field, id_field)
            if document is not None:
                yield document
    except UnreadableFileError as exc:
        raise DocumentError(str(exc)) from exc


def _jsonl_line(path: Path, number: int, raw: bytes, text_field: str, id_field: str) -> Document | None:
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
    if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
        message = f"{path}:{number}: no string field {text_field!r}; choose the field with --text-field"
        return Document(file=str(path), id=fallback_id, text="", error=message)
    doc_id = record.get(id_field)
    return Document(file=str(path), id=str(doc_id) if doc_id is not None else fallback_id, text=record[text_field])
