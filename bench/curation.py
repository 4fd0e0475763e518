"""What corrections cost: the journal's price on every write, and edit, remove, merge and undo at scale.

Generates ledgers with ``ledger_scale.generate`` (fixed seed; 100 claims a source, 500 speakers) at
each size of ``--sizes`` and measures, as the median of ``--repeat`` interleaved rounds, in one
process (no CLI start-up), each against a peer measured in the same round:

* ``add`` of one claim to a 100-claim source, journaled (as every write is) against the same
  ``add`` with the journal switched off: the ratio is what keeping a before-image costs;
* ``claims edit`` (new words, re-anchored), ``claims remove`` (which looks up the links to the
  claim in the index) and ``undo`` of each, against ``add``;
* ``speakers merge`` of the most quoted speaker (its claims spread over many sources) into
  another, and the ``undo`` that puts every file back.

Every change is undone inside the round (the undo is the measured figure, or, for ``add``, the
file is put back outside the timed part), so each round starts from the same files.

    .venv/bin/python bench/curation.py                          # 10,000 and 100,000 claims, 5 rounds
    .venv/bin/python bench/curation.py --sizes 1000,10000 --repeat 3 --out /tmp/bench
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from provenance import Ledger
from provenance.store import atomic, ledger_store


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


scale = _load("ledger_scale")


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


class NoJournal:
    """``add`` with the journal switched off: what a write cost before every change was kept for undo."""

    def __enter__(self) -> None:
        self.saved = ledger_store.Recorder
        ledger_store.Recorder = lambda layout: None  # type: ignore[assignment,misc,return-value]

    def __exit__(self, *exc: object) -> None:
        ledger_store.Recorder = self.saved  # type: ignore[misc]


def measure(path: Path, repeat: int) -> dict[str, list[float]]:
    ledger = Ledger.open(path)
    ledger.claims()  # the index is built before anything is timed
    counts = Counter(c.speaker for c in ledger.iter_claims() if c.speaker)
    (busiest, quoted), (other, _) = counts.most_common(2)
    source = next(s.id for s in ledger.sources() if len(ledger.claims(source=s.id)) == 100)
    speaker = ledger.speaker(busiest).name
    samples: dict[str, list[float]] = {}

    def sample(key: str, seconds: float) -> None:
        samples.setdefault(key, []).append(seconds)

    def add(words: str) -> Callable[[], object]:
        return lambda: Ledger.open(path).add(words, speaker=speaker, source=source, unanchored=True)

    for r in range(repeat):
        file = path / "sources" / f"{source}.yaml"
        before = file.read_bytes()
        words = f"Benchmark claim {r} {time.time_ns()}"
        sample("add", timed(add(words)))
        atomic.atomic_write(file, before)
        with NoJournal():
            sample("add_unjournaled", timed(add(words)))
        atomic.atomic_write(file, before)
        target = Ledger.open(path).claims(source=source)[r]
        shorter = target.text[:-1]
        sample("edit", timed(lambda: Ledger.open(path).edit_claim(target.id, text=shorter, unanchored=True)))  # noqa: B023
        sample("undo_edit", timed(lambda: Ledger.open(path).undo()))
        sample("remove", timed(lambda: Ledger.open(path).remove_claim(target.id, reason="benchmark")))  # noqa: B023
        sample("undo_remove", timed(lambda: Ledger.open(path).undo()))
        sample("merge", timed(lambda: Ledger.open(path).merge_speakers(busiest, into=other, reason="benchmark")))
        sample("undo_merge", timed(lambda: Ledger.open(path).undo()))
    samples["quoted"] = [float(quoted)]
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="ledger sizes in claims, comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, help="keep the generated ledgers here (reused by a later run)")
    parser.add_argument("--json", action="store_true", help="print every sample as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        results: dict[str, Any] = {}
        for size in (int(n) for n in args.sizes.split(",")):
            shape = scale.Shape(claims=size, sources=size // 100, speakers=500, venues=max(1, size // 50))
            generated = scale.generate(out / f"curation-{size}", shape, quiet=args.json)
            samples = measure(generated.path, args.repeat)
            results[str(size)] = {key: statistics.median(values) for key, values in samples.items()}
        if args.json:
            print(json.dumps(results, indent=1))
            return 0
        print(f"{'claims':>8} {'figure':<18} {'median':>10} {'ratio':>22}")
        for size, figures in results.items():
            peer = figures["add_unjournaled"]
            for key, value in figures.items():
                if key == "quoted":
                    continue
                ratio = f"{value / peer:.2f}x add unjournaled"
                print(f"{size:>8} {key:<18} {value * 1000:>8.1f}ms {ratio:>22}")
            print(f"{size:>8} (the merged speaker had {int(figures['quoted'])} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
