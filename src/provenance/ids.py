"""Ids derived from content: the same record gets the same id on every machine and branch.

Claims are named by a hash of what they say, speakers and venues by a slug of
their name, sources by their URL. Nothing here reads or writes files.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Container
from urllib.parse import urlsplit

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def normalise_text(text: str) -> str:
    """The form a claim's text is hashed in: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def claim_id(source: str, text: str, speaker: str | None) -> str:
    """Derive a claim id from content, so it is the same on every machine and branch."""
    key = "\x1f".join((source, normalise_text(text), speaker or ""))
    return "c-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def slugify(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug for ids: 'Valery Tsepkalo' -> 'valery-tsepkalo'."""
    from anyascii import anyascii  # transliterates Cyrillic, Greek, etc.; small and pure Python

    slug = _NON_SLUG.sub("-", anyascii(text).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "x"


def free_id(base: str, taken: Container[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not yet taken."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def is_url(value: str) -> bool:
    """True for the http(s) URLs that ``add --source`` turns into new sources."""
    return value.strip().lower().startswith(("http://", "https://"))


def url_key(url: str) -> str:
    """The key two URLs are compared by: scheme and host lower-cased, no trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def source_id_for_url(url: str) -> str:
    """A readable, deterministic source id: site name plus the article's slug."""
    parts = urlsplit(url)
    host = parts.hostname or "source"
    labels = [label for label in host.split(".") if label not in ("www", "amp", "m")]
    site = labels[0] if labels else "source"
    segments = [s for s in parts.path.split("/") if s and not s.isdigit()]
    tail = segments[-1] if segments else ""
    tail = re.sub(r"\.(html?|php|aspx?)$", "", tail)
    return slugify(f"{site} {tail}", max_length=60)


def url_suffix(url: str) -> str:
    """Six hex digits of the URL's key: tells apart two URLs that would get the same id."""
    return hashlib.sha256(url_key(url).encode()).hexdigest()[:6]


def sha256_text(text: str) -> str:
    """Checksum recorded in ``Source.text_sha256`` (of the UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
