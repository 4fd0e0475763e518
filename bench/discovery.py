"""What speaker discovery costs when a batch is recorded, and what recording many documents to an edit saves.

    python bench/discovery.py --polnear PATH [--split dev|train|both] [--limit N] [--json]
    python bench/discovery.py --files a.txt b.txt …     # any plain-text documents

Every document is extracted once, up front (extraction is not what is measured);
then the same extractions are recorded into a fresh, empty ledger four ways, in
one run: with and without discovery, each with one edit per document (what
``add_document`` in a loop does) and with ``add_documents``' default of many
documents to an edit. The peer is recording without discovery in the same
shape, so the figures to compare are the ratios, not the seconds (the machine is
shared). Discovery grows the speaker registry with every document that names
somebody new, so one edit per document reads and writes an ever larger
``speakers.yaml``: the cost to watch is how that ratio grows with the batch.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from provenance import Ledger
from provenance.extraction import Extraction, extract
from provenance.extraction.documents import Document, Metadata
from provenance.extraction.ingest import DOCUMENTS_PER_EDIT, add_documents


def _texts(args: argparse.Namespace) -> list[str]:
    if args.files:
        return [Path(f).read_text(encoding="utf-8") for f in args.files]
    if args.polnear is None:
        raise SystemExit("give --polnear PATH or --files")
    splits = ("train", "dev") if args.split == "both" else (args.split,)
    paths = sorted(p for split in splits for p in (Path(args.polnear) / "data" / split / "text").glob("*.txt"))
    if not paths:
        raise SystemExit(f"no texts under {args.polnear}/data/{args.split}/text")
    return [p.read_text(encoding="utf-8") for p in paths]


def _record(batch: Sequence[tuple[Document, Extraction]], *, discover: bool, per_edit: int) -> dict[str, float]:
    """Seconds to record ``batch`` into an empty ledger, and what it holds afterwards."""
    with tempfile.TemporaryDirectory() as scratch:
        ledger = Ledger.init(Path(scratch) / "claims")
        start = time.perf_counter()
        outcomes = list(add_documents(ledger, batch, discover=discover, per_edit=per_edit))
        seconds = time.perf_counter() - start
        refused = sum(1 for _, outcome in outcomes if isinstance(outcome, Exception))
        return {
            "seconds": round(seconds, 2),
            "speakers": len(ledger.speakers()),
            "claims": len(ledger.claims()),
            "refused": refused,
        }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path)
    parser.add_argument("--split", default="dev", choices=("train", "dev", "both"))
    parser.add_argument("--files", nargs="*")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    texts = _texts(args)[: args.limit]
    batch = [
        (
            Document(file="bench.jsonl", id=f"doc-{n}", text=text, meta=Metadata(url=f"https://news.example/a/{n}")),
            extract(text),
        )
        for n, text in enumerate(texts)
    ]
    runs = {
        f"{'discover' if discover else 'no-discover'}, {per_edit} per edit": _record(
            batch, discover=discover, per_edit=per_edit
        )
        for per_edit in (1, DOCUMENTS_PER_EDIT)
        for discover in (False, True)
    }
    one, many = "1 per edit", f"{DOCUMENTS_PER_EDIT} per edit"
    ratios = {
        f"discovery / none, {one}": round(
            runs[f"discover, {one}"]["seconds"] / runs[f"no-discover, {one}"]["seconds"], 2
        ),
        f"discovery / none, {many}": round(
            runs[f"discover, {many}"]["seconds"] / runs[f"no-discover, {many}"]["seconds"], 2
        ),
        f"discovery, {one} / {many}": round(
            runs[f"discover, {one}"]["seconds"] / runs[f"discover, {many}"]["seconds"], 2
        ),
    }
    if args.json:
        print(json.dumps({"documents": len(batch), "runs": runs, "ratios": ratios}, indent=2))
        return 0
    print(f"{len(batch)} documents recorded into an empty ledger (extraction done beforehand)\n")
    print(f"{'recording':<32}{'seconds':>9}{'speakers':>10}{'claims':>8}{'refused':>9}")
    for name, run in runs.items():
        print(f"{name:<32}{run['seconds']:>9}{run['speakers']:>10}{run['claims']:>8}{run['refused']:>9}")
    print()
    for name, ratio in ratios.items():
        print(f"{name:<40}{ratio:>6}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
