"""The index figures of ``ledger_scale.py --index``: whole commands at 1k, 10k and 100k claims.

For each size, a ledger is generated (or reused from ``--out``) with the same
generator as the main benchmark, and every figure is a whole ``provenance``
process, measured once per round and reported as the median of the rounds:

* with the index fresh: ``list --speaker``, ``list --contains``, ``show``,
  ``status`` (a write), ``graph --speaker`` to SVG for a typical speaker and to
  DOT for the most quoted one, ``add``;
* after one source file was replaced by an identical copy (a new inode and
  mtime, as ``git checkout`` leaves it): ``list --speaker``;
* the first command after a clone (no index: it is built, then ``list
  --speaker`` answers) and ``index rebuild`` (which empties the index in place,
  in its write-ahead log, since other processes may have it open) against
  ``check`` (a full YAML load), as processes; and the first build against
  ``load_ledger`` in this process;
* the floors: ``python -c pass``, and a Python process that runs the very SQL
  ``list --speaker`` runs (``sqlite3`` alone), plus that query in this process.

Writes (``status``, ``add``) are undone outside the timed part (the file is
restored byte for byte and the index refreshed), so every round starts from the
same ledger.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ledger_scale import Bench, Generated, Shape, _fmt, cli_command, generate, last_cpu, run_cli, timed
from provenance import Ledger
from provenance.store import atomic
from provenance.store import index as ledger_index
from provenance.store.checks import load_ledger
from provenance.store.layout import SOURCES_DIR, Layout

#: The SQL ``list --speaker`` runs (store/queries.py), for the floor.
SPEAKER_SQL = "SELECT data FROM claims WHERE speaker IN (SELECT value FROM json_each(?)) ORDER BY file, position"


def shape_for(claims: int) -> Shape:
    """100 claims a source, 500 speakers, a venue per 50 claims: the main benchmark's proportions."""
    return Shape(claims, max(1, claims // 100), 500, max(2, claims // 50))


def _handles(gen: Generated) -> dict[str, Any]:
    """What the commands ask for: the most quoted speaker, a typical one, a claim, a word, a source."""
    ledger = Ledger.open(gen.path)
    counts = Counter(claim.speaker for claim in ledger.iter_claims() if claim.speaker)
    names = {speaker.id: speaker.name for speaker in ledger.speakers()}
    ranked = counts.most_common()
    typical_id, typical_count = ranked[len(ranked) // 2]  # the median speaker by number of claims
    top = ledger.speaker(gen.query_speaker)
    first = ledger.claims(speaker=top.id)[0]
    word = max(first.text.split(), key=len).strip(".,!?").lower()
    return {
        "top": top.name,
        "top_id": top.id,
        "top_claims": counts[top.id],
        "typical": names[typical_id],
        "typical_claims": typical_count,
        "claim": first.id[:8],
        "word": word,
        "word_claims": len(ledger.claims(contains=word)),
        "source": gen.add_source,
    }


def measure_size(gen: Generated, repeat: int, quiet: bool, out: Path) -> tuple[Bench, dict[str, Any]]:
    """Every figure for one ledger; returns the samples and the handles used."""
    cli = [*cli_command(), "--ledger", str(gen.path)]
    layout = Layout(gen.path)
    ledger_index.rebuild(layout)
    handles = _handles(gen)
    source_path = gen.path / SOURCES_DIR / f"{gen.add_source}.yaml"
    bench = Bench()

    def fresh_again() -> None:  # untimed: bring the index up to date after an undone write or a touch
        Ledger.open(gen.path).claims(source=gen.add_source)

    def undone(args: list[str]) -> Callable[[int], float]:
        def fn(_r: int) -> float:
            before = source_path.read_bytes()
            try:
                return run_cli([*cli, *args])
            finally:
                atomic.atomic_write(source_path, before)
                fresh_again()

        return fn

    def touched(_r: int) -> float:
        atomic.atomic_write(source_path, source_path.read_bytes())  # same bytes, new inode and mtime
        elapsed = run_cli([*cli, "list", "--speaker", handles["top"]])
        fresh_again()
        return elapsed

    def without_index() -> None:
        for path in gen.path.glob(".index.sqlite*"):
            path.unlink()

    cpu = bench.cpu = {"first_run": [], "rebuild": [], "check": []}

    def with_cpu(key: str, args: list[str]) -> float:  # the builds may use every core: their CPU is kept too
        wall = run_cli(args)
        cpu[key].append(last_cpu[0])
        return wall

    def first_run(_r: int) -> float:
        without_index()
        return with_cpu("first_run", [*cli, "list", "--speaker", handles["top"]])

    def first_build_here(_r: int) -> float:
        without_index()
        return timed(lambda: ledger_index.open_fresh(layout).con.close())

    def sql_floor_process(_r: int) -> float:
        code = (
            "import sqlite3, sys, json; con = sqlite3.connect(sys.argv[1]); "
            "rows = con.execute(sys.argv[2], (json.dumps([sys.argv[3]]),)).fetchall(); print(len(rows))"
        )
        return run_cli([sys.executable, "-c", code, str(layout.index), SPEAKER_SQL, handles["top_id"]])

    def sql_floor_here(_r: int) -> float:
        con = sqlite3.connect(layout.index)
        try:
            return timed(lambda: con.execute(SPEAKER_SQL, (f'["{handles["top_id"]}"]',)).fetchall())
        finally:
            con.close()

    svg, dot = out / "bench-graph.svg", out / "bench-graph.dot"
    status_args = ["status", handles["claim"], "disputed", "--reason", "benchmark"]
    add_args = [
        "add",
        "Benchmark claim",
        "--speaker",
        gen.add_speaker,
        "--source",
        gen.add_source,
        "--cue",
        "said",
        "--unanchored",
    ]
    figures: list[tuple[str, str, Callable[[int], float]]] = [
        ("first_run", "first list --speaker after a clone: builds the index", first_run),
        ("rebuild", "provenance index rebuild (in place)", lambda r: with_cpu("rebuild", [*cli, "index", "rebuild"])),
        ("check", "provenance check: full YAML load (process, peer)", lambda r: with_cpu("check", [*cli, "check"])),
        ("build_here", "first build of the index, in process", first_build_here),
        ("load_here", "load_ledger: full YAML load, in process (peer)", lambda r: timed(lambda: load_ledger(layout))),
        ("pass", "python -c pass (peer)", lambda r: run_cli([sys.executable, "-c", "pass"])),
        ("sql_process", "the list --speaker SQL in a bare python process (floor)", sql_floor_process),
        ("sql_here", "the list --speaker SQL, in process (floor)", sql_floor_here),
        ("list_speaker", "list --speaker TOP", lambda r: run_cli([*cli, "list", "--speaker", handles["top"]])),
        ("list_contains", "list --contains WORD", lambda r: run_cli([*cli, "list", "--contains", handles["word"]])),
        ("show", "show ID", lambda r: run_cli([*cli, "show", handles["claim"]])),
        ("status", "status ID disputed --reason …", undone(status_args)),
        (
            "graph_typical",
            "graph --speaker TYPICAL -o x.svg",
            lambda r: run_cli([*cli, "graph", "--speaker", handles["typical"], "-o", str(svg)]),
        ),
        (
            "graph_top_dot",
            "graph --speaker TOP --format dot",
            lambda r: run_cli([*cli, "graph", "--speaker", handles["top"], "--format", "dot", "-o", str(dot)]),
        ),
        ("add", "add …", undone(add_args)),
        ("touched_list", "list --speaker TOP after one file changed", touched),
    ]
    for key, label, fn in figures:
        bench.figure(key, label, fn)
        fn(-1)  # a warm-up round, not counted: the page cache and the .pyc files, as a user's second command has
    bench.run(repeat, quiet)
    return bench, handles


def run(sizes: list[int], repeat: int, out: Path, quiet: bool, info: dict[str, Any]) -> dict[str, Any]:
    """Measure every size; the results as one JSON-able dict."""
    results = []
    for claims in sizes:
        gen = generate(out / f"ledger-{claims}", shape_for(claims), quiet=quiet)
        gc.collect()
        bench, handles = measure_size(gen, repeat, quiet, out)
        m = bench.median
        size = sum(p.stat().st_size for p in gen.path.glob(".index.sqlite*"))
        cpu = {key: statistics.median(values[1:]) for key, values in bench.cpu.items()}  # past the warm-up
        results.append(
            {
                "claims": claims,
                "shape": gen.shape.__dict__,
                "handles": handles,
                "index_bytes": size,
                "figures": {
                    key: {"label": label, "median_s": m(key), "samples_s": bench.samples[key]}
                    for key, label, _ in bench.figures
                },
                "cpu_s": cpu,
                "ratios": {
                    "first run / check (processes)": m("first_run") / m("check"),
                    "rebuild / check (processes)": m("rebuild") / m("check"),
                    "rebuild / check, CPU (the build parses on every core)": cpu["rebuild"] / cpu["check"],
                    "first build / load (in process)": m("build_here") / m("load_here"),
                    "list --speaker / its SQL in a bare process": m("list_speaker") / m("sql_process"),
                    "list after a change / list": m("touched_list") / m("list_speaker"),
                },
            }
        )
    info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    return {"machine": info, "repeat": repeat, "sizes": results}


def print_report(result: dict[str, Any]) -> None:
    info = result["machine"]
    print(
        f"provenance {info['provenance']} index benchmark, {info['date']}\n"
        f"python {info['python']}, {info['cpu_count']} CPUs ({info['cpu']}), SQLite {sqlite3.sqlite_version}\n"
        f"load average at start {info['loadavg_start']}, at end {info['loadavg_end']}; "
        f"medians of {result['repeat']} interleaved rounds, every command a whole process\n"
    )
    sizes = result["sizes"]
    header = "".join(f"{s['claims']:>12,}" for s in sizes)
    width = max(len(f["label"]) for f in sizes[0]["figures"].values())
    print(f"{'claims':<{width}}{header}")
    for key, fig in sizes[0]["figures"].items():
        values = "".join(f"{_fmt(s['figures'][key]['median_s']):>12}" for s in sizes)
        print(f"{fig['label']:<{width}}{values}")
    print(f"\n{'the same, fastest round (the least disturbed by other load)':<{width}}{header}")
    for key, fig in sizes[0]["figures"].items():
        values = "".join(f"{_fmt(min(s['figures'][key]['samples_s'])):>12}" for s in sizes)
        print(f"{fig['label']:<{width}}{values}")
    print()
    for name in sizes[0]["ratios"]:
        values = "".join(f"{s['ratios'][name]:>11.2f}x" for s in sizes)
        print(f"{name:<{width}}{values}")
    print()
    for s in sizes:
        h = s["handles"]
        print(
            f"{s['claims']:,} claims: index {s['index_bytes'] / 1e6:.1f} MB; TOP {h['top']!r} has {h['top_claims']:,} "
            f"claims, TYPICAL {h['typical']!r} {h['typical_claims']:,}, WORD {h['word']!r} is in {h['word_claims']:,}"
        )
    adds = [s["figures"]["add"]["median_s"] for s in sizes]
    print(f"add at {sizes[-1]['claims']:,} / at {sizes[0]['claims']:,} claims: {adds[-1] / adds[0]:.2f}x")
