"""Whole ``provenance extract`` processes, timed from outside: wall and CPU seconds and peak memory of each.

Used by ``extract_speed.py``. Each run is one process for the whole set of documents, its JSON
output going to /dev/null, as a user would run it (``provenance extract FILES --json > out.jsonl``).
Its CPU time comes from the kernel's own accounting of the finished process (``os.wait4``), which
includes the worker processes of ``--jobs``; its peak memory is the largest resident set of the
process or any of its workers, as the process itself reads it at exit. Runs of the commands being
compared take turns (A B A B …), so a comparison holds while the shared machine's speed drifts,
and each ratio is taken pair by pair.
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

#: Runs ``provenance`` (its CLI entry point, as the ``provenance`` script does) and, at exit, writes
#: its own peak resident memory and its workers' to the file named by $BENCH_PEAK_FILE. The peak is
#: read here, not from the kernel's accounting of the finished process, because a process started
#: from this (larger) benchmark process inherits its size in that accounting when it is spawned.
_RUN_AND_REPORT_PEAK = """
import atexit, os, resource, sys

def report():
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status") as status:  # this process's own high-water mark, since exec
            own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        pass
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(f"{own} {workers}")

atexit.register(report)
sys.argv[0] = "provenance"
from provenance.cli import run
run()
"""
#: Timed processes may cache compiled modules (.pyc) as a user's Python does, whatever this shell says:
#: with PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images set it) every run would compile the
#: package again, start-up time that no installed copy pays and that ``--jobs`` cannot share out.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


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
        arguments = ["--ledger", str(self.ledger), "extract", *map(str, self.files), "--json", "--jobs", str(self.jobs)]
        return [sys.executable, "-c", _RUN_AND_REPORT_PEAK, *arguments]

    def run(self) -> Run:
        """Run it once (output to /dev/null) and return what it cost; a failed run stops the benchmark."""
        with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
            start = time.perf_counter()
            process = subprocess.Popen(
                self.argv(), stdout=subprocess.DEVNULL, stderr=errors, env={**CHILD_ENV, "BENCH_PEAK_FILE": peak.name}
            )
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                raise SystemExit(f"{self.label}: exit {process.returncode}: {errors.read().decode()[-800:]}")
            own, workers = map(int, peak.read().split())
        return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak=max(own, workers) * 1024 / MIB)

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
