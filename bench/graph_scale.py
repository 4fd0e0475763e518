"""Drawing benchmark: how long Graphviz takes to quote every claim, against the summary and the HTML page.

Generates synthetic ledgers (bench/ledger_scale.py's generator, fixed seed) of
300, 1,000 and 3,000 claims (and 10,000 with ``--big``), and times, as the
median of ``--repeat`` rounds:

* ``quotes``: Graphviz laying out the picture that quotes every claim (``graph --full``);
* ``summary``: the table of claims by speaker and outlet drawn instead, DOT built and laid out;
* ``html``: writing the HTML page (positions computed in Python, the graph as JSON);
* ``cli``: ``provenance graph -o x.svg`` end to end (which draws the summary at these sizes),
  against ``python -c pass`` in the same round.

The figures that matter are ratios: how the quoting picture grows against the
graph, and against the summary measured in the same round on the same machine.

    .venv/bin/python bench/graph_scale.py
    .venv/bin/python bench/graph_scale.py --big --repeat 1     # adds 10,000 claims: ~6 minutes of Graphviz
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import graphviz

from ledger_scale import Shape, generate
from provenance import Ledger
from provenance.views.dot import graph_to_dot
from provenance.views.html import write_html
from provenance.views.summary import summary_to_dot

SIZES = {300: (30, 40, 20), 1000: (60, 80, 40), 3000: (150, 150, 80), 10_000: (300, 300, 150)}


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _layout(dot: str) -> None:
    graphviz.Source(dot).pipe(format="svg")


def measure(path: Path, scratch: Path, repeat: int) -> dict[str, float]:
    provenance = Path(sys.executable).with_name("provenance")
    rounds: dict[str, list[float]] = {"quotes": [], "summary": [], "html": [], "cli": [], "python": []}
    graph = Ledger.open(path).graph()
    command = [str(provenance), "--ledger", str(path), "graph", "-o", str(scratch / "x.svg")]
    for _ in range(repeat):
        rounds["quotes"].append(_timed(lambda: _layout(graph_to_dot(graph))))
        rounds["summary"].append(_timed(lambda: _layout(summary_to_dot(graph))))
        rounds["html"].append(_timed(lambda: write_html(graph, scratch / "page.html")))
        rounds["cli"].append(_timed(lambda: subprocess.run(command, check=True, capture_output=True)))
        rounds["python"].append(_timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True)))
    return {name: statistics.median(values) for name, values in rounds.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", action="store_true", help="also 10,000 claims (Graphviz runs for minutes)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; figures are medians (default 3)")
    parser.add_argument("--out", type=Path, help="keep the generated ledgers here (reused when the shape matches)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    sizes = [n for n in SIZES if n < 10_000 or args.big]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = args.out or Path(tmp)
        for claims in sizes:
            sources, speakers, venues = SIZES[claims]
            path = base / f"ledger-{claims}"
            generate(path, Shape(claims=claims, sources=sources, speakers=speakers, venues=venues), quiet=True)
            results[claims] = measure(path, Path(tmp), args.repeat)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'claims':>7} {'quotes (s)':>11} {'summary (s)':>12} {'quotes/summary':>15} {'html (s)':>9} {'cli (s)':>8}")
    for claims, r in results.items():
        ratio = r["quotes"] / r["summary"]
        line = f"{claims:>7,} {r['quotes']:>11.2f} {r['summary']:>12.2f} {ratio:>15.0f} {r['html']:>9.2f}"
        print(f"{line} {r['cli']:>8.2f}  (python -c pass: {r['python']:.2f} s)")
    first, last = sizes[0], sizes[-1]
    growth = results[last]["quotes"] / results[first]["quotes"]
    print(f"quotes grew {growth:.0f}x for {last / first:.0f}x the claims; the summary stayed within "
          f"{max(r['summary'] for r in results.values()):.2f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
