"""Whole ``provenance extract`` processes, timed from outside: wall and CPU seconds and peak memory of each.

Used by ``extract_speed.py``. Each run is one process for the whole set of documents, its JSON
output going to /dev/null, as a user would run it (``provenance extract FILES --json > out.jsonl``).
Its CPU time and peak resident memory come from the kernel's own accounting of the finished
process (``os.wait4``), which includes the worker processes of ``--jobs`` (for memory: the largest
single process). Runs of the commands being compared take turns (A B A B …), so a comparison
holds while the shared machine's speed drifts, and each ratio is taken pair by pair.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class Run:
    """One finished process."""

    wall: float  # seconds
    cpu: float  # user + system seconds, its worker processes included
    peak: float  # MiB: the largest resident set of it or any of its workers


@dataclass
class Command:
    """``provenance --ledger LEDGER extract FILES --json --jobs JOBS``, and its runs."""

    label: str
    files: Sequence[Path]
    ledger: Path
    jobs: int = 1
    runs: list[Run] = field(default_factory=list)

    def argv(self) -> list[str]:
        return [sys.executable, "-m", "provenance", "--ledger", str(self.ledger), "extract", *map(str, self.files)]

    def run(self) -> Run:
        """Run it once (output to /dev/null) and return what it cost; a failed run stops the benchmark."""
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(
                [*self.argv(), "--json", "--jobs", str(self.jobs)], stdout=subprocess.DEVNULL, stderr=errors
            )
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                raise SystemExit(f"{self.label}: exit {process.returncode}: {errors.read().decode()[-800:]}")
        return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak=usage.ru_maxrss * 1024 / MIB)

    def median(self, figure: str) -> float:
        return statistics.median(getattr(run, figure) for run in self.runs)

    def spread(self, figure: str) -> tuple[float, float]:
        values = [getattr(run, figure) for run in self.runs]
        return min(values), max(values)


def take_turns(commands: Sequence[Command], rounds: int, *, warmup: int = 1, quiet: bool = False) -> None:
    """Run every command once per round, in turn, after ``warmup`` uncounted rounds."""
    for number in range(warmup + rounds):
        for command in commands:
            run = command.run()
            if number >= warmup:
                command.runs.append(run)
        if not quiet:
            counted = max(0, number + 1 - warmup)
            print(f"  round {number + 1}/{warmup + rounds} ({counted} counted)", file=sys.stderr, flush=True)


def ratios(numerator: Command, denominator: Command, figure: str) -> list[float]:
    """``figure`` of numerator over denominator, round by round (the runs of one round ran next to each other)."""
    return [getattr(a, figure) / getattr(b, figure) for a, b in zip(numerator.runs, denominator.runs, strict=True)]


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median, min and max, as the figures are quoted."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}
