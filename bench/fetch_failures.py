"""How long a failing download takes to fail, and what it says: provenance's fetch against trafilatura's own.

Both fetch the same pages from the tests' local server (tests/pageserver.py, on
127.0.0.1) with the same per-connection timeout: provenance's ``download``
with ``FetchLimits(timeout=T)``, and trafilatura's ``fetch_response`` with
``DOWNLOAD_TIMEOUT=T`` and its other defaults (SSRF protection switched off
for the loopback server, as ``allow_private`` does). Each call runs in a
thread that is given up on after ``--cap`` seconds, so a page that never ends
cannot stall the run. The ratio trafilatura / provenance is what to compare
between machines; the article row is the control (both should take the same
time).

    .venv/bin/python bench/fetch_failures.py
    .venv/bin/python bench/fetch_failures.py --timeout 3 --cap 40
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pageserver import PageServer
from provenance.errors import FetchError
from provenance.extraction.fetching import FetchLimits, download

PATHS = {
    "/pages/article.html": "an article (control)",
    "/status/500": "500 Internal Server Error",
    "/status/503": "503 Service Unavailable",
    "/stall": "no answer at all",
    "/trickle": "a body that trickles in",
    "/loop": "a redirect loop",
    "/endless": "a body that never ends",
    "/pages/document.pdf": "a PDF",
}


def timed(call, url: str, cap: float) -> tuple[float, str]:
    """Seconds ``call(url)`` took and what it gave; '(still running)' past ``cap``."""
    out: list[str] = []

    def run() -> None:
        try:
            out.append(call(url))
        except FetchError as exc:
            out.append(f"FetchError: {exc.reason}")

    start = time.perf_counter()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(cap)
    return time.perf_counter() - start, out[0] if out else f"(still running after {cap:g} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=int, default=2, help="per-connection timeout T, whole seconds (default 2)")
    parser.add_argument("--cap", type=float, default=30.0, help="give up on one call after this long (default 30)")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # trafilatura logs each failure; the table says it

    from trafilatura import fetch_response
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(args.timeout))
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    limits = FetchLimits(timeout=args.timeout, allow_private=True)

    def ours(url: str) -> str:
        got = download(url, limits)
        return f"{len(got.body):,} bytes of {got.media_type}"

    def theirs(url: str) -> str:
        response = fetch_response(url, config=config)
        return "None" if response is None else f"status {response.status}, {len(response.data):,} bytes"

    print(f"timeout {args.timeout} s; cap {args.cap:g} s\n")
    print("| page | provenance (s) | trafilatura (s) | ratio | provenance says | trafilatura returns |")
    print("|---|---:|---:|---:|---|---|")
    with PageServer.running() as server:
        for path, label in PATHS.items():
            url = server.url(path)
            mine, said = timed(ours, url, args.cap)
            server.release.set()  # end the stalled and trickling answers before the next call
            time.sleep(0.2)
            server.release.clear()
            other, returned = timed(theirs, url, args.cap)
            server.release.set()
            time.sleep(0.2)
            server.release.clear()
            print(f"| {label} | {mine:.2f} | {other:.2f} | {other / mine:.1f} | {said} | {returned} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
