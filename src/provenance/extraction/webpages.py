"""A fetched page as a source's snapshot: its bytes decoded, its article text, and what it says about itself.

The text is what :func:`~provenance.extraction.documents.html_to_text_and_metadata`
takes from a saved HTML file, so a page fetched and the same page saved from a
browser give the same snapshot. A plain-text page (``text/plain``: a transcript,
a statement) is kept as sent. Anything else was refused by the download.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from ..errors import DocumentError, FetchError, InvalidInputError
from ..ids import web_url, without_controls
from .documents import Metadata, html_to_text_and_metadata
from .fetching import HTML_TYPES, Download, FetchLimits, download

#: What a declared charset means to a browser (WHATWG Encoding): ISO-8859-1 and ASCII are read as windows-1252.
_BROWSER_LABELS = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True, kw_only=True)
class Page:
    """One fetched page, ready to become a source: the snapshot text and what the page says about itself."""

    url: str  # the address asked for
    final_url: str  # where the redirects led
    media_type: str  # text/html or text/plain
    encoding: str  # how the bytes were read
    size: int  # bytes received
    page_sha256: str  # of the bytes received (Source.page_sha256)
    text: str  # the snapshot: the article text, or a plain-text page as sent
    meta: Metadata  # title, site name, date, author, language and canonical link, each when the page gives it

    @property
    def canonical_url(self) -> str | None:
        """The address the page gives for itself, else where redirects led; None when that is the address asked."""
        for candidate in (self.meta.url, self.final_url):
            if candidate:
                try:
                    address = web_url(urljoin(self.final_url, candidate))
                except InvalidInputError:
                    continue
                return None if address == self.url else address
        return None

    @property
    def published(self) -> dt.date | None:
        """The publication date the page states, if it states a calendar date."""
        try:
            return dt.date.fromisoformat(self.meta.published[:10]) if self.meta.published else None
        except ValueError:
            return None


def fetch_page(url: str, limits: FetchLimits | None = None) -> Page:
    """Download ``url`` and read it as an article; every failure is a :class:`FetchError` naming the URL."""
    try:
        address = web_url(url)
    except InvalidInputError as exc:
        raise FetchError(url.strip(), f"{exc}; give the page's http(s) address") from None
    got = download(address, limits)
    html = _is_html(got)
    if not html and not got.media_type:
        raise FetchError(address, "the server does not say what the document is, and it is not HTML")
    decoded, encoding = decode(got.body, got.charset, html=html)
    if html:
        try:
            text, meta = html_to_text_and_metadata(decoded, source=address)
        except DocumentError:
            raise FetchError(
                address,
                "no article text found in the page (it may be built by JavaScript, or be an index of articles); "
                "save the article's text to a file and attach it with 'provenance sources text ID FILE'",
            ) from None
    else:
        text, meta = decoded, Metadata()
    if not text.strip():
        raise FetchError(address, "the page is empty")
    return Page(
        url=address,
        final_url=got.url,
        media_type=got.media_type or "text/html",
        encoding=encoding,
        size=len(got.body),
        page_sha256=hashlib.sha256(got.body).hexdigest(),
        text=text,
        meta=_clean(meta),
    )


def decode(body: bytes, declared: str | None, *, html: bool) -> tuple[str, str]:
    """The text of a page's bytes, and the encoding that gave it.

    A byte-order mark decides. Otherwise bytes that are valid UTF-8 are read as
    UTF-8 whatever the page declares: pages mislabel their charset far more
    often than text in another encoding happens to be valid UTF-8 (outside
    plain ASCII, where every choice agrees). Then the charset the header
    declares, then the page's own ``<meta charset>``, each only if the bytes
    decode under it without error; then a guess from the bytes themselves;
    last, UTF-8 with each undecodable byte replaced by U+FFFD.
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), codec
    meta = _META_CHARSET.search(body[:4096]) if html else None
    for label in ("utf-8", declared, meta.group(1).decode("ascii") if meta else None):
        chosen = _codec(label)
        if chosen is not None:
            try:
                return body.decode(chosen), chosen
            except UnicodeDecodeError:
                continue
    guessed = _guess(body)
    if guessed is not None:
        return guessed
    return body.decode("utf-8", errors="replace"), "utf-8, with undecodable bytes replaced"


def _guess(body: bytes) -> tuple[str, str] | None:
    """The text as charset_normalizer reads it best; windows-1252, the web's commonest legacy encoding, wins a tie.

    Short Western European text often scores the same as windows-1250 and
    windows-1252, and the detector's tie-break then reads "señora" as "seńora".
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(body))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = next((m for m in tied if "cp1252" in m.could_be_from_charset), best)
    return str(chosen), chosen.encoding


def _codec(label: str | None) -> str | None:
    """Python's codec for a charset label as a browser reads it, or None for a label nobody knows."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return _BROWSER_LABELS.get(name, name)


def _is_html(got: Download) -> bool:
    if got.media_type:
        return got.media_type in HTML_TYPES
    start = got.body[:1024].lstrip().lower()  # no Content-Type: look at the bytes, as a browser would
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start


def _clean(meta: Metadata) -> Metadata:
    """The page's metadata without characters no record may hold (a title with a stray control character)."""
    names = ("url", "title", "outlet", "published", "author", "language")
    values = {name: without_controls(getattr(meta, name) or "").strip() or None for name in names}
    return Metadata(**values)
