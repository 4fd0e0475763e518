"""A web server on 127.0.0.1 for the fetch tests: the pages in tests/data/pages, and every way a page can fail.

It runs in a thread on a free port. Routes:

- ``/pages/NAME``: a file of tests/data/pages, with the Content-Type the ROUTES table gives it (some lie,
  on purpose: a UTF-8 page declared ISO-8859-1);
- paths set with :meth:`PageServer.serve`, such as the how-to's article, updated after its first reading;
- ``/redirect/N``: N redirects, then the article; ``/goto/PATH``: one redirect to /PATH; ``/loop``: itself;
- ``/status/CODE``: that status; ``/untyped``: the article with no Content-Type;
- ``/stall``: waits before answering; ``/trickle``: answers at once, then sends the body a few bytes at a
  time, so no single read ever times out; ``/endless``: a body that never ends; ``/announced-huge``: a
  Content-Length of 50 MB; ``/gzipped``: the article, gzip-encoded; ``/gzip-bomb``: 20 MB packed into 20 KB;
  ``/to-file``: a redirect to a file: URL.

Every request's path and headers are recorded in ``requests``, so a test can show that nothing was asked.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

PAGES = Path(__file__).parent / "data" / "pages"

#: path -> (file in tests/data/pages, Content-Type header or None for none)
ROUTES: dict[str, tuple[str, str | None]] = {
    "/pages/article.html": ("article.html", "text/html; charset=utf-8"),
    "/pages/article-updated.html": ("article-updated.html", "text/html; charset=utf-8"),
    "/pages/mislabelled.html": ("mislabelled.html", "text/html; charset=ISO-8859-1"),
    "/pages/latin1.html": ("latin1.html", "text/html; charset=utf-8"),
    "/pages/menu.html": ("menu.html", "text/html; charset=utf-8"),
    "/pages/transcript.txt": ("transcript.txt", "text/plain; charset=utf-8"),
    "/pages/document.pdf": ("document.pdf", "application/pdf"),
    "/pages/image.png": ("image.png", "image/png"),
    "/untyped": ("article.html", None),
}
TRICKLE_PAUSE = 0.05  # seconds between the pieces of /trickle: far below any read timeout
WAIT_LIMIT = 20.0  # /stall and /trickle give up after this long even if the test never releases them


class PageServer:
    """The running server: its base URL, its routes, the requests it received."""

    def __init__(self) -> None:
        self.routes = dict(ROUTES)
        self.sequences: dict[str, list[str]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()  # set to end the stalled and trickling answers
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, *pages: str, content_type: str | None = "text/html; charset=utf-8") -> None:
        """Answer ``path`` with the files ``pages`` of tests/data/pages: the first the first time, and so on,
        the last from then on (a page that is updated after it was first read)."""
        self.sequences[path] = list(pages)
        self.routes[path] = (pages[0], content_type)

    def reset(self) -> None:
        self.routes = dict(ROUTES)
        self.sequences.clear()
        self.requests.clear()
        self.release.clear()

    @classmethod
    @contextlib.contextmanager
    def running(cls) -> Iterator[PageServer]:
        server = cls()
        thread = threading.Thread(target=server._httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield server
        finally:
            server.release.set()
            server._httpd.shutdown()
            server._httpd.server_close()


@functools.cache
def _bomb() -> bytes:
    """20 MB of HTML that gzip packs into 20 KB: a decompression bomb, for a client that trusts the packed size."""
    return gzip.compress(b"<html><body><p>" + b"a" * 20_000_000 + b"</p></body></html>")


def _handler_for(server: PageServer) -> type[http.server.BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"server_state": server})


class _Handler(http.server.BaseHTTPRequestHandler):
    server_state: PageServer

    def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        state = self.server_state
        state.requests.append((self.path, dict(self.headers)))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
            if self.path in state.routes:
                name, content_type = state.routes[self.path]
                sequence = state.sequences.get(self.path, [])
                if len(sequence) > 1:
                    state.routes[self.path] = (sequence.pop(1), content_type)
                self._send(200, (PAGES / name).read_bytes(), content_type)
            elif self.path.startswith("/redirect/"):
                hops = int(self.path.rsplit("/", 1)[1])
                self._redirect(f"/redirect/{hops - 1}" if hops > 1 else "/pages/article.html")
            elif self.path.startswith("/goto/"):
                self._redirect(self.path.removeprefix("/goto"))
            elif self.path.startswith("/status/"):
                self._send(int(self.path.rsplit("/", 1)[1]), b"<html><body><p>Not this time.</p></body></html>")
            else:
                special = {
                    "/loop": self._loop,
                    "/stall": self._stall,
                    "/trickle": self._trickle,
                    "/endless": self._endless,
                    "/announced-huge": self._announced_huge,
                    "/to-file": lambda: self._redirect("file:///etc/passwd"),
                    "/gzipped": lambda: self._gzipped((PAGES / "article.html").read_bytes()),
                    "/gzip-bomb": lambda: self._send_packed(_bomb()),
                }
                special.get(self.path, self._missing)()

    def _missing(self) -> None:
        self._send(404, b"<html><body><p>No such page.</p></body></html>")

    def _loop(self) -> None:
        self._redirect("/loop")

    def _stall(self) -> None:
        self.server_state.release.wait(WAIT_LIMIT)
        self._send(200, (PAGES / "article.html").read_bytes())

    def _trickle(self) -> None:
        self._stream(b"<p>Word after word, never quite finished.</p>\n", pause=TRICKLE_PAUSE)

    def _endless(self) -> None:
        self._stream(b"<p>" + b"filler " * 9000 + b"</p>\n", pause=0.0)

    def _announced_huge(self) -> None:
        self._head(200, "text/html", length=50_000_000)
        self.wfile.write(b"<html>")
        self.server_state.release.wait(WAIT_LIMIT)

    def _gzipped(self, body: bytes) -> None:
        self._send_packed(gzip.compress(body))

    def _send_packed(self, packed: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(packed)))  # small: only the unpacked size is over the limit
        self.end_headers()
        self.wfile.write(packed)

    def _head(self, status: int, content_type: str | None, length: int | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _send(self, status: int, body: bytes, content_type: str | None = "text/html; charset=utf-8") -> None:
        self._head(status, content_type, len(body))
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, piece: bytes, *, pause: float) -> None:
        """A body with no length, sent until the client hangs up or the test releases the server."""
        self._head(200, "text/html; charset=utf-8")
        self.wfile.write(b"<html><body>\n")
        sent = 0
        while not self.server_state.release.wait(pause) and sent < 400_000_000:
            self.wfile.write(piece)
            self.wfile.flush()
            sent += len(piece)
