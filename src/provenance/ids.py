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

from .errors import InvalidInputError

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def normalise_text(text: str) -> str:
    """The form a claim's text is hashed in: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


#: Characters no record text may hold: C0 and C1 controls but tab, newline and carriage return;
#: lone surrogates (undecodable bytes); the non-characters U+FFFE and U+FFFF.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def without_controls(text: str) -> str:
    """``text`` without control characters, lone surrogates and non-characters (tab and newline stay).

    For words taken from an article: they are kept as printed, except for
    characters no record may hold (the anchor still records the exact text).
    """
    return CONTROL_CHARACTERS.sub("", text)


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


def web_url(url: str) -> str:
    """``url`` (stripped) if it is a complete http(s) URL, else InvalidInputError saying what is wrong.

    Only http and https: a ``javascript:``, ``data:`` or ``file:`` link in a
    source would become a live link in every picture and page drawn from it.
    """
    value = url.strip()
    if _URL_FORBIDDEN.search(value):
        raise InvalidInputError(f"{_shown(url)} is not a URL: it contains spaces or control characters")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - parsing the port is what refuses a malformed one
    except ValueError as exc:
        raise InvalidInputError(f"{_shown(url)} is not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidInputError(f"{_shown(url)} is not an http(s) URL; only http:// and https:// links are kept")
    if not parts.hostname:
        raise InvalidInputError(f"{_shown(url)} is not a complete URL: it has no host")
    return value


def _shown(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


_URL_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def url_key(url: str) -> str:
    """The key two URLs are compared by: scheme and host lower-cased, no trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def source_id_for_url(url: str) -> str:
    """A readable, deterministic source id: site name plus the article's slug."""
    parts = urlsplit(web_url(url))
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
