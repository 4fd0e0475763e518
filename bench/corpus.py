"""Corpus mode at scale: docs/s and MB/s on 1 and 2 Dask workers, peak memory, grouping, against plain `extract`.

    python bench/corpus.py                    # 50,000 generated articles
    python bench/corpus.py --articles 5000    # a quick look

The corpus is generated here from sentences written for this benchmark, recombined at random
(speakers, cues, quotes reprinted with drift by several outlets), so anyone can rerun it. In the
same run it times the plain single-process `provenance extract --json` on the same file, then
`corpus extract` on a LocalCluster of 1 and of 2 workers, then `corpus group`. The machine is
shared: the load average is printed before and after, and ratios matter more than seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from distributed import Client, LocalCluster

from provenance.corpus import extract, group
from provenance.corpus.cluster import LOCAL_SCHEDULER

GIVEN = "Anna Boris Clara Dmitri Elena Farid Greta Hugo Irina Jonas Katya Lukas Marta Nikolai Olga Pavel".split()
FAMILY = "Abramova Berg Castell Dorn Eriksen Falk Gromov Hartmann Ivanova Jansen Kovac Lind Moreau Novak".split()
VOCABULARY = (
    "reform budget border election court army press union farmers teachers doctors workers students pensions "
    "taxes prices wages schools hospitals roads railways energy gas oil water harvest export import trade "
    "sanctions treaty embassy summit ministers deputies mayors governors judges prosecutors police soldiers "
    "veterans families children mothers villages towns regions capital north south east west coast mountains "
    "river factory mine port airport bridge tower square street market bank currency debt loans credit "
    "investors contracts licences permits inspections audits reports figures votes ballots polls turnout "
    "candidates parties coalition majority minority opposition protest strike march rally petition appeal "
    "verdict sentence release arrest detention exile return future past history freedom justice truth peace"
).split()
FILLER = [
    "Thousands of people gathered in the centre of the capital on Sunday.",
    "The meeting lasted for more than three hours behind closed doors.",
    "Police closed several streets around the parliament building.",
    "Observers from neighbouring countries arrived on Friday.",
    "Prices for bread and fuel have risen sharply since the spring.",
    "The opposition has called for a general strike next week.",
    "Officials did not respond to requests for comment.",
]
CUES = ["said", "told reporters", "said in a statement", "added"]
OUTLETS = [f"outlet{i}" for i in range(40)]
#: JSONL range per partition: about 25 partitions for 50,000 articles, so two workers share the work evenly.
PARTITION = 2 * 1024 * 1024
TABLES = ("articles", "quotes", "mentions")


def utterances(rng: random.Random, count: int) -> list[tuple[str, str]]:
    people = [f"{g} {f}" for g in GIVEN for f in FAMILY]
    return [
        (
            rng.choice(people),
            " ".join(rng.sample(VOCABULARY, rng.randint(8, 14))).capitalize(),
        )
        for _ in range(count)
    ]


def drifted(rng: random.Random, words: str) -> str:
    """A reprint: mostly verbatim, sometimes truncated, recased or with a word swapped."""
    roll = rng.random()
    if roll < 0.7:
        return words
    tokens = words.split()
    if roll < 0.8 and len(tokens) > 6:
        return " ".join(tokens[:-2])
    if roll < 0.9:
        tokens[rng.randrange(len(tokens))] = rng.choice(["never", "always", "really", "simply"])
        return " ".join(tokens)
    return words.lower()


def article(rng: random.Random, pool: list[tuple[str, str]]) -> str:
    paragraphs = [rng.choice(FILLER)]
    for _ in range(rng.randint(2, 4)):
        speaker, words = rng.choice(pool)
        if rng.random() < 0.5:
            paragraphs.append(f"\u201c{drifted(rng, words)},\u201d {speaker} {rng.choice(CUES)}.")
        else:
            paragraphs.append(f"{speaker} {rng.choice(CUES)} that {words[0].lower() + words[1:]}.")
        paragraphs.append(" ".join(rng.sample(FILLER, 2)))
    return "\n\n".join(paragraphs)


def write_corpus(path: Path, count: int, seed: int = 12) -> None:
    rng = random.Random(seed)
    pool = utterances(rng, 3000)
    start = dt.date(2020, 1, 1)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            outlet = rng.choice(OUTLETS)
            record = {
                "id": f"a{i}",
                "url": f"https://{outlet}.example.org/news/{i}",
                "date": (start + dt.timedelta(days=rng.randrange(365))).isoformat(),
                "text": article(rng, pool),
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def cpu_seconds() -> float:
    """This process's CPU time (user + system): on each worker, the work done, whatever else the machine runs."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="Keep the corpus and outputs in this directory.")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    write_corpus(corpus, args.articles)
    megabytes = corpus.stat().st_size / 1e6
    print(f"corpus: {args.articles} articles, {megabytes:.1f} MB; cores: {os.cpu_count()}; load before: {load()}")

    started = time.perf_counter()
    command = [sys.executable, "-m", "provenance", "--ledger", str(work / "none"), "extract", str(corpus), "--json"]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    plain = time.perf_counter() - started
    print(f"plain `provenance extract --json` (1 process): {plain:6.1f} s  {args.articles / plain:7.0f} docs/s")

    aliases = work / "speakers.tsv"
    people = [f"{g} {f}" for g in GIVEN for f in FAMILY]
    aliases.write_text("".join(f"Q{i}\t{name}\t{name.upper()}\n" for i, name in enumerate(people)), encoding="utf-8")
    rates, peaks = {}, {}
    for workers in (1, 2):
        out = work / f"out-{workers}"
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, dashboard_address=None, scheduler_kwargs=LOCAL_SCHEDULER
            ) as cluster,
            Client(cluster) as client,
        ):
            start_up = time.perf_counter() - started
            cpu_before = sum(client.run(cpu_seconds).values())
            started = time.perf_counter()
            summary = extract([corpus], out, client=client, aliases=aliases, partition_bytes=PARTITION)
            seconds = time.perf_counter() - started
            cpu = sum(client.run(cpu_seconds).values()) - cpu_before
        rates[workers] = args.articles / seconds
        peaks[workers] = summary.worker_peak_mb.values()
        print(
            f"corpus extract, {workers} worker(s): {seconds:6.1f} s  {rates[workers]:7.0f} docs/s  "
            f"{megabytes / seconds:5.2f} MB/s  {summary.quotes} quotes; workers' CPU {cpu:.1f} s "
            f"(cluster start-up {start_up:.1f} s, not counted)"
        )
    sizes = {t: sum(f.stat().st_size for f in (work / "out-2" / t).rglob("*.parquet")) / 1e6 for t in TABLES}
    print("Parquet written (MB): " + ", ".join(f"{t} {mb:.1f}" for t, mb in sizes.items()))
    versus_plain = rates[2] * plain / args.articles
    print(f"scaling 1 -> 2 workers: {rates[2] / rates[1]:.2f}x; corpus on 2 workers vs plain: {versus_plain:.2f}x")

    # Bounded memory: the same workers' peak on a tenth of the corpus.
    small = work / "small.jsonl"
    with corpus.open(encoding="utf-8") as source, small.open("w", encoding="utf-8") as target:
        target.writelines(line for i, line in enumerate(source) if i < args.articles // 10)
    tenth = extract([small], work / "out-small", workers=2, aliases=aliases, partition_bytes=PARTITION)
    print(
        f"peak MB per worker: {', '.join(f'{mb:.0f}' for mb in peaks[2])} at {args.articles} articles "
        f"(1 worker: {', '.join(f'{mb:.0f}' for mb in peaks[1])}); "
        f"{', '.join(f'{mb:.0f}' for mb in tenth.worker_peak_mb.values())} at {args.articles // 10}"
    )

    started = time.perf_counter()
    grouped = group(work / "out-2", workers=2)
    print(
        f"corpus group, 2 workers: {time.perf_counter() - started:6.1f} s  {grouped.quotes} quotes signed, "
        f"{grouped.candidates} candidate pairs, {grouped.groups} groups of {grouped.grouped_quotes} quotes; "
        f"stages {grouped.stages}"
    )
    print(f"load after: {load()}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
