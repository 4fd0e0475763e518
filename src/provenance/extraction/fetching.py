"""Downloading the one web page a person asked for: within limits, politely, and saying why when it fails.

The connection pool is trafilatura's: its SSRF guard refuses private and local
addresses on every connection, redirects included, and checks the address it
actually connected to, so a DNS answer that changes between lookups cannot slip
past it. The request policy is ours, because trafilatura's ``fetch_response``
hides why a download failed (it logs and returns None), retries server errors
with a back-off tied to its whole-second timeout (a 500 page took 30 s with its
defaults), and retries a failed TLS handshake without checking the
certificate. Here: one deadline for the whole download (DNS, redirects and a
body that trickles in included), a size limit that refuses rather than
truncates, a bounded number of redirects, no retries, and the content type
checked before the body is read. Nothing is imported or fetched until a
download is asked for. (When ``http_proxy`` names a SOCKS proxy, trafilatura's
pool sends everything through it, and which addresses it reaches is the
proxy's business.)
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ..errors import FetchError, InvalidInputError
from ..ids import web_url

if TYPE_CHECKING:
    from urllib3 import PoolManager
    from urllib3.response import BaseHTTPResponse

DEFAULT_TIMEOUT = 30.0  # seconds for the whole download: a news page arrives in one or two
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # an article page with inline scripts is well under 2 MB
DEFAULT_MAX_REDIRECTS = 5  # http -> https -> www -> a consent page -> the article, with room to spare
CHUNK = 64 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
MIB = 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class FetchLimits:
    """How far one download may go; the defaults suit a news article.

    ``allow_private`` lets the download reach loopback and private network
    addresses (a server of your own, the tests' local server); by default they
    are refused, so a link cannot make provenance read your own network.
    """

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    allow_private: bool = False

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise InvalidInputError(f"the fetch timeout must be a positive number of seconds, not {self.timeout}")
        if self.max_bytes < 1 or self.max_redirects < 0:
            raise InvalidInputError("the fetch size limit must be positive and the redirect limit not negative")


#: The limits of a download that is given none.
DEFAULT_LIMITS = FetchLimits()


@dataclass(frozen=True, kw_only=True)
class Download:
    """A page as the server sent it: where the redirects led, what it says it is, and its bytes."""

    url: str  # the address after redirects
    media_type: str  # "text/html", "text/plain"; "" when the server did not say
    charset: str | None  # as the Content-Type header declares it, unchecked
    body: bytes  # with any Content-Encoding (gzip…) undone


def download(url: str, limits: FetchLimits | None = None) -> Download:
    """GET ``url``: an HTML or plain-text page answered 200 within ``limits``, else :class:`FetchError` saying why.

    The download runs in a worker thread so that one deadline covers all of
    it; past the deadline the worker is told to stop and left to close its
    connection (its sockets time out on their own if the server stalls).
    """
    limits = limits or DEFAULT_LIMITS
    outcome: list[Download | Exception] = []
    stop = threading.Event()

    def attempt() -> None:
        try:
            outcome.append(_get(url, limits, stop))
        except Exception as exc:  # raised again in the caller's thread below
            outcome.append(exc)

    worker = threading.Thread(target=attempt, name="provenance-fetch", daemon=True)
    worker.start()
    worker.join(limits.timeout)
    if not outcome:
        stop.set()
        raise FetchError(url, _late(limits))
    result = outcome[0]
    if isinstance(result, Exception):
        raise result
    return result


_ATTACH = "'provenance sources text ID FILE'"


def user_agent() -> str:
    """Who is asking, for the site's logs: provenance, its version, and what it is."""
    from importlib.metadata import version

    return f"provenance/{version('provenance')} (quote and claim provenance tracker; fetches pages a person asks for)"


def _get(url: str, limits: FetchLimits, stop: threading.Event) -> Download:
    """One GET through trafilatura's SSRF-safe pool, redirects followed, the body read until done or told to stop."""
    import certifi  # the CA bundle trafilatura's pool uses too; not the system's, which may be missing
    import urllib3
    from trafilatura.downloads import create_pool

    pool = create_pool(ssrf_protection=not limits.allow_private, ca_certs=certifi.where(), cert_reqs="CERT_REQUIRED")
    try:
        response, final_url = _follow(pool, url, limits)
        try:
            media_type, charset = content_type(response.headers.get("Content-Type", ""))
            _check_answer(url, response, media_type, limits)
            body = _read(url, response, limits, stop)
        finally:
            response.release_conn()
    except urllib3.exceptions.MaxRetryError as exc:
        raise FetchError(url, _explain(exc.reason or exc, limits)) from exc
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(url, _explain(exc, limits)) from exc
    finally:
        pool.clear()
    return Download(url=final_url, media_type=media_type, charset=charset, body=body)


def _follow(pool: PoolManager, url: str, limits: FetchLimits) -> tuple[BaseHTTPResponse, str]:
    """The first answer that is not a redirect, and its address; each hop must be an http(s) URL.

    Redirects are followed here rather than by urllib3, which does not say
    where they led; every hop still goes through the pool, so the SSRF guard
    checks each server connected to.
    """
    import urllib3

    headers = {**urllib3.util.make_headers(accept_encoding=True), "User-Agent": user_agent(), "Accept": ACCEPT}
    timeout = urllib3.Timeout(connect=limits.timeout, read=limits.timeout)
    current = url
    for _ in range(limits.max_redirects + 1):
        response = pool.request(
            "GET", current, headers=headers, timeout=timeout, retries=False, redirect=False, preload_content=False
        )
        location = response.get_redirect_location()
        if not location:
            return response, current
        response.drain_conn()
        response.release_conn()
        try:
            current = web_url(urljoin(current, location))
        except InvalidInputError:
            raise FetchError(url, f"it redirects to {location!r}, which is not an http(s) URL") from None
    raise FetchError(
        url,
        f"it redirects more than {limits.max_redirects} times; the address may loop. "
        "Open it in a browser and give the address it ends at",
    )


def content_type(header: str) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a Content-Type header: 'text/html; charset=UTF-8'."""
    media_type, _, params = header.partition(";")
    found = re.search(r"""charset\s*=\s*["']?([^"';\s]+)""", params, re.IGNORECASE)
    return media_type.strip().lower(), found.group(1) if found else None


def _check_answer(url: str, response: BaseHTTPResponse, media_type: str, limits: FetchLimits) -> None:
    """Refuse, before reading the body, an error status, a document that is not a page, or one too large."""
    if response.status != 200:
        raise FetchError(url, _status_reason(response.status))
    if media_type and media_type not in HTML_TYPES | TEXT_TYPES:
        raise FetchError(
            url,
            f"it is {media_type}, not a web page or plain text; save the document, then attach its text with {_ATTACH}",
        )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(url, _too_large(limits, int(declared)))


def _read(url: str, response: BaseHTTPResponse, limits: FetchLimits, stop: threading.Event) -> bytes:
    """The whole body, chunk by chunk; more than ``max_bytes`` is refused, never cut short."""
    body = bytearray()
    while not stop.is_set():
        chunk = response.read1(CHUNK)
        if not chunk:
            break
        body += chunk
        if len(body) > limits.max_bytes:
            raise FetchError(url, _too_large(limits))
    return bytes(body)


def _too_large(limits: FetchLimits, announced: int | None = None) -> str:
    size = f"the server announces {_size(announced)}, over" if announced else "it is larger than"
    return (
        f"{size} the limit of {_size(limits.max_bytes)}; nothing was kept. "
        f"Save the article's text to a file and attach it with {_ATTACH}"
    )


def _status_reason(status: int) -> str:
    """What an HTTP status means for the person fetching, and what to try."""
    try:
        phrase = f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        phrase = str(status)
    if status in (404, 410):
        advice = "check the address; an archived copy (web.archive.org) may still have the page"
    elif status in (401, 402, 403, 451):
        advice = f"the site refuses this download; save the page from your browser and attach it with {_ATTACH}"
    elif status == 429 or status >= 500:
        advice = "the site is failing or busy; try again later"
    else:
        advice = "only a page answered with 200 OK is recorded"
    return f"the server answered {phrase}; {advice}"


def _explain(exc: BaseException, limits: FetchLimits) -> str:
    """A urllib3 failure as a sentence a person can act on."""
    from urllib3 import exceptions as e

    text = str(exc)
    if isinstance(exc, e.NameResolutionError):
        return "the server's name cannot be found (DNS); check the address"
    if isinstance(exc, e.NewConnectionError):
        private = re.search(r"non-public address blocked: (\S+)", text)
        if private:
            return (
                f"{private.group(1)} is a private or local network address, which is refused so that a link "
                "cannot make provenance read your own network; to fetch from a server you run, allow it "
                "(--allow-private)"
            )
        return f"cannot connect to the server ({text.rpartition(': ')[2]})"
    if isinstance(exc, e.TimeoutError):
        return _late(limits)
    if isinstance(exc, e.SSLError):
        return "the secure connection failed: the site's certificate could not be verified"
    if isinstance(exc, e.LocationValueError):
        return f"it redirects to an address that is not an http(s) URL ({text})"
    if isinstance(exc, e.ProtocolError):
        return "the connection broke off before the page was complete; try again"
    if isinstance(exc, e.DecodeError):
        return "the page's compressed content is corrupt"
    return f"the download failed ({text})"


def _late(limits: FetchLimits) -> str:
    """The deadline passed (or a socket timed out, which only happens as it passes)."""
    seconds = f"{limits.timeout:g} second{'' if limits.timeout == 1 else 's'}"
    return f"no complete answer within {seconds}; try again later, or allow more time (--timeout)"


def _size(count: int) -> str:
    return f"{count / MIB:.1f} MB" if count >= MIB else f"{count:,} bytes"
