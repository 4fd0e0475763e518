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

from ..errors import DocumentError

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
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{path}: not UTF-8 text (byte {exc.start}); convert it with iconv first") from exc
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from exc


def _jsonl(path: Path, text_field: str, id_field: str) -> Iterator[Document]:
    """One document per line; a bad line becomes a Document with ``error`` set, the rest still read."""
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        fallback_id = f"{path.stem}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Document(file=str(path), id=fallback_id, text="", error=f"{path}:{number}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
            message = f"{path}:{number}: no string field {text_field!r}; choose the field with --text-field"
            yield Document(file=str(path), id=fallback_id, text="", error=message)
            continue
        doc_id = record.get(id_field)
        doc_id = str(doc_id) if doc_id is not None else fallback_id
        yield Document(file=str(path), id=doc_id, text=record[text_field])
