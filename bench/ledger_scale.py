"""Scale benchmark: how the ledger behaves at 100,000 claims.

Generates a synthetic ledger (default 100,000 claims across 1,000 sources and
500 speakers, fixed seed) with the library's own writers, checks that it
loads, then measures, each as the median of ``--repeat`` rounds:

* ``Ledger.open`` alone, and a full load + validation (``check()``), against
  the parse floor: ``yaml.load(CSafeLoader)`` of the same files, nothing else;
* ``claims(speaker=NAME)`` on a fresh ledger (cold: includes the load) and
  again on that same, now loaded, ledger (warm);
* ``add`` of one claim to an existing 100-claim source, on the big ledger and
  on a tiny (100-claim) one in the same round, plus a 1,000-claim source to
  show what ``add`` does scale with;
* the CLI end to end (``provenance list --speaker``, ``provenance add``,
  ``provenance --help``) against ``python -c pass``.

The machine this runs on may be shared and noisy, so the measurements are
interleaved (every figure is measured once per round, rounds repeat) and
the interesting numbers are ratios against a peer measured in the same run.
Generation time is not a measured figure. Every ``add`` is undone (the
source file is restored byte for byte) outside the timed region, so each
round adds to a file of the same size and a reused ``--out`` stays valid.

    .venv/bin/python bench/ledger_scale.py                    # the default 100k run
    .venv/bin/python bench/ledger_scale.py --claims 10000 --sources 100 --repeat 3
    .venv/bin/python bench/ledger_scale.py --out /tmp/bench --json > result.json

``--index`` measures the query index instead (``bench/ledger_index.py``): whole
commands at 1,000, 10,000 and 100,000 claims (``--sizes``), with the index
fresh and after one file changed, the index build against a full YAML load,
and the SQLite floor of the same query in the same run.

    .venv/bin/python bench/ledger_scale.py --index --out /tmp/bench --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import provenance
from provenance import Ledger
from provenance.ids import claim_id, sha256_text, slugify
from provenance.records import (
    Anchor,
    Claim,
    ClaimKind,
    ClaimStatus,
    Derivation,
    DerivationKind,
    Link,
    LinkKind,
    Source,
    Speaker,
    SpeakerKind,
    Venue,
    VenueKind,
)

# the writers the ledger itself uses, so the files are byte-identical
from provenance.store import atomic
from provenance.store.codec import SourceFile
from provenance.store.edit import Edit
from provenance.store.layout import SOURCES_DIR, SPEAKERS_FILE, TEXTS_DIR, VENUES_FILE

SEED = 20200913
#: Bump when the generator changes, so a reused --out directory is regenerated.
GENERATOR_VERSION = 1
STAMP = ".bench-params.json"

# ----------------------------------------------------------------------------- generation

_ONSETS = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "ch", "kh", "ts", "br", "st", "gr"]
_VOWELS = ["a", "e", "i", "o", "u", "ia", "ei", "ou"]
_CODAS = ["", "", "", "n", "r", "s", "k", "l", "v", "sk"]
_COMMON_WORDS = (
    "the we will not our people government must all this that have been there is are for of to in and with "
    "on by never always every new old state country city law vote election rally strike support oppose "
    "freedom power army police border trade tax plan deal talks peace war crisis future today tomorrow "
    "year week month promise demand warn reject accept call ask believe know think see want need"
)
_COMMON = _COMMON_WORDS.split()
_CUES = ["said", "told", "added", "claimed", "according to", "wrote", "stated", "insisted", "warned", "declared"]
_OUTLETS = [
    "The Daily Ledger",
    "Northern Courier",
    "Evening Post",
    "World Wire",
    "Metro Herald",
    "Civic Times",
    "Baltic Review",
    "Eastern Observer",
    "Radio Free Hills",
    "Capital Gazette",
    "Coast Tribune",
    "Harbour News",
    "Field Report",
    "The Standard",
    "Morning Star Online",
    "Valley Journal",
    "Continental Press",
    "Independent Monitor",
    "Second Opinion",
    "Plain Facts",
]
_PLACES = ["Minsk", "Vilnius", "Warsaw", "Kyiv", "Riga", "Tallinn", "Moscow", "Berlin", "Brussels", "Geneva"]
_REASONS = {
    ClaimStatus.VERIFIED: "matches the broadcast recording",
    ClaimStatus.DISPUTED: "the speaker's office denies the wording",
    ClaimStatus.MISATTRIBUTED: "the original source attributes it to another speaker",
    ClaimStatus.RETRACTED: "the outlet withdrew the article",
}


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(1, 3))) + rng.choice(_CODAS)


def _sentence(rng: random.Random, lo: int, hi: int, vocabulary: list[str]) -> str:
    words = [rng.choice(vocabulary) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize()


def _alias_of(rng: random.Random, name: str) -> str:
    """A transliteration-style misspelling: one vowel swapped."""
    positions = [i for i, ch in enumerate(name) if ch in "aeiou"]
    if not positions:
        return name + "a"
    i = rng.choice(positions)
    return name[:i] + rng.choice([v for v in "aeiouy" if v != name[i]]) + name[i + 1 :]


@dataclass
class Shape:
    """What to generate."""

    claims: int
    sources: int
    speakers: int
    venues: int
    seed: int = SEED

    def stamp(self) -> dict[str, Any]:
        return {**self.__dict__, "generator": GENERATOR_VERSION, "provenance": provenance.__version__}


@dataclass
class Generated:
    """A generated ledger and the handles the measurements need."""

    path: Path
    shape: Shape
    query_speaker: str  # canonical name of a prolific speaker (for claims(speaker=...))
    add_source: str  # id of a source holding exactly claims/sources claims
    add_speaker: str  # a registered speaker's name, for add


class Progress:
    """A stderr counter with no dependencies: one rewritten line on a terminal, a line per 10% otherwise."""

    def __init__(self, label: str, total: int, quiet: bool) -> None:
        self.label, self.total, self.quiet = label, total, quiet
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.shown = -1

    def update(self, done: int, note: str = "") -> None:
        if self.quiet:
            return
        line = f"  {self.label}: {done:,}/{self.total:,} {note}".rstrip()
        if self.tty:
            now = time.monotonic()
            if now - self.last > 0.2 or done == self.total:
                self.last = now
                end = "\n" if done == self.total else ""
                print(f"\r{line:<72}", end=end, file=sys.stderr, flush=True)
        elif done * 10 // self.total > self.shown:
            self.shown = done * 10 // self.total
            print(line, file=sys.stderr, flush=True)


def generate(root: Path, shape: Shape, *, quiet: bool = False) -> Generated:
    """Write a ledger of ``shape`` at ``root`` (reusing one generated earlier with the same shape)."""
    stamp_path = root / STAMP
    if stamp_path.exists() and json.loads(stamp_path.read_text()).get("shape") == shape.stamp():
        meta = json.loads(stamp_path.read_text())
        return Generated(root, shape, meta["query_speaker"], meta["add_source"], meta["add_speaker"])
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(shape.seed)
    vocabulary = _COMMON + sorted({_word(rng) for _ in range(3000)})
    ledger = Ledger.init(root)

    # Speakers: unique canonical names, a third with transliteration aliases.
    speakers: dict[str, Speaker] = {}
    names: set[str] = set()
    kinds = [SpeakerKind.PERSON] * 8 + [SpeakerKind.ORGANISATION, SpeakerKind.GOVERNMENT]
    while len(speakers) < shape.speakers:
        kind = rng.choice(kinds)
        if kind is SpeakerKind.PERSON:
            name = f"{_word(rng).capitalize()} {_word(rng).capitalize()}"
        else:
            name = f"Ministry of {_word(rng).capitalize()}" if kind is SpeakerKind.GOVERNMENT else _word(rng).upper()
        sid = slugify(name)
        if name in names or sid in speakers:
            continue
        aliases = (
            sorted({_alias_of(rng, name) for _ in range(rng.randint(1, 2))} - {name}) if rng.random() < 0.3 else []
        )
        names.add(name)
        speakers[sid] = Speaker(
            id=sid,
            name=name,
            kind=kind,
            aliases=tuple(aliases),
            description=_sentence(rng, 3, 7, vocabulary) if rng.random() < 0.6 else None,
            identifiers={"wikidata": f"Q{rng.randint(1000, 9_999_999)}"} if rng.random() < 0.2 else {},
        )
    Edit(ledger.layout).save_speakers(speakers)  # the writer add/add_speaker use
    speaker_list = list(speakers.values())
    # Zipf-like: a few speakers are quoted a lot, most rarely.
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(speaker_list))]

    venues: dict[str, Venue] = {}
    while len(venues) < shape.venues:
        who = rng.choice(speaker_list).name
        vkind = rng.choice(list(VenueKind))
        name = f"{who} {vkind.value.replace('-', ' ')} in {rng.choice(_PLACES)} #{len(venues) + 1}"
        vid = slugify(name)
        venues[vid] = Venue(
            id=vid,
            name=name,
            kind=vkind,
            place=rng.choice(_PLACES) if rng.random() < 0.7 else None,
            date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500)) if rng.random() < 0.7 else None,
        )
    Edit(ledger.layout).save_venues(venues)  # as add writes it
    venue_ids = list(venues)

    per_source = [
        shape.claims // shape.sources + (1 if i < shape.claims % shape.sources else 0) for i in range(shape.sources)
    ]
    progress = Progress(f"generating {root.name}", shape.claims, quiet)
    done = 0
    source_ids: list[str] = []
    earlier_claims: list[str] = []  # ids in earlier sources, as link targets
    for i, count in enumerate(per_source):
        outlet = rng.choice(_OUTLETS)
        headline = _sentence(rng, 4, 10, vocabulary)
        sid = slugify(f"{outlet} {headline}", max_length=50) + f"-{i:05d}"
        # The claims, then a snapshot text that quotes each one, then the anchors into it.
        drafts: list[dict[str, Any]] = []
        seen: set[str] = set()
        while len(drafts) < count:
            speaker = rng.choices(speaker_list, weights)[0] if rng.random() < 0.95 else None
            text = _sentence(rng, 6, 28, vocabulary) + rng.choice([".", ",", "!", "?"])
            cid = claim_id(sid, text, speaker.id if speaker else None)
            if cid in seen:
                continue
            seen.add(cid)
            if speaker is None:
                mention = rng.choice(["a spokesperson", "officials", "one witness"])
            elif speaker.aliases and rng.random() < 0.3:
                mention = rng.choice(speaker.aliases)
            else:
                mention = speaker.name if rng.random() < 0.8 else speaker.name.split()[-1]
            drafts.append({"id": cid, "text": text, "speaker": speaker, "mention": mention})
        paragraphs = []
        for d in drafts:
            paragraphs.append(f"{_sentence(rng, 8, 20, vocabulary)}. “{d['text']}” {rng.choice(_CUES)} {d['mention']}.")
        snapshot = f"{headline}\n\n" + "\n\n".join(paragraphs) + "\n"
        derived: tuple[Derivation, ...] = ()
        if source_ids and rng.random() < 0.1:
            derived = (Derivation(source=rng.choice(source_ids), relation=rng.choice(list(DerivationKind))),)
        published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500))
        source = Source(
            id=sid,
            title=headline,
            outlet=outlet,
            url=f"https://{slugify(outlet)}.example/{published:%Y/%m/%d}/{slugify(headline)}",
            author=f"{_word(rng).capitalize()} {_word(rng).capitalize()}" if rng.random() < 0.5 else None,
            published=published,
            retrieved=published + dt.timedelta(days=rng.randrange(30)),
            language="en",
            text_sha256=sha256_text(snapshot),
            derived_from=derived,
        )
        claims: list[Claim] = []
        for d in drafts:
            status = rng.choices(list(ClaimStatus), [5, 80, 6, 4, 3, 2])[0]
            links: tuple[Link, ...] = ()
            if earlier_claims and rng.random() < 0.03:
                links = (Link(kind=rng.choice(list(LinkKind)), target=rng.choice(earlier_claims)),)
            claims.append(
                Claim(
                    id=d["id"],
                    text=d["text"],
                    kind=rng.choices(list(ClaimKind), [6, 3, 1])[0],
                    speaker=d["speaker"].id if d["speaker"] else None,
                    speaker_mention=d["mention"],
                    cue=rng.choice(_CUES),
                    venue=rng.choice(venue_ids) if rng.random() < 0.5 else None,
                    said_on=published - dt.timedelta(days=rng.randrange(3)) if rng.random() < 0.6 else None,
                    source=sid,
                    anchor=Anchor.find(d["text"], snapshot),
                    status=status,
                    status_reason=_REASONS.get(status),
                    about=tuple(rng.sample(_PLACES, 1)) if rng.random() < 0.2 else (),
                    tags=(rng.choice(["election", "protest", "sanctions", "economy"]),) if rng.random() < 0.2 else (),
                    confidence=round(rng.uniform(0.5, 1.0), 2) if status is ClaimStatus.EXTRACTED else None,
                    links=links,
                )
            )
        atomic.atomic_write(root / TEXTS_DIR / f"{sid}.txt", snapshot)  # as Ledger.add_source writes it
        Edit(ledger.layout).save_source(SourceFile(source, claims))  # the writer add uses
        source_ids.append(sid)
        earlier_claims.extend(c.id for c in claims[: max(1, count // 10)])
        done += count
        progress.update(done)

    # Handles: the most quoted person (a realistic, non-trivial query), a source of average size.
    query = next((s.name for s in speaker_list if s.kind is SpeakerKind.PERSON), speaker_list[0].name)
    average = shape.claims // shape.sources
    add_source = source_ids[per_source.index(average)] if average in per_source else source_ids[0]
    gen = Generated(root, shape, query, add_source, speaker_list[1].name)
    Ledger.open(root).check()  # the generated files load and validate exactly as the ledger reads them
    stamp_path.write_text(
        json.dumps(
            {"shape": shape.stamp(), "query_speaker": query, "add_source": add_source, "add_speaker": gen.add_speaker}
        )
    )
    return gen


def ledger_files(root: Path) -> list[Path]:
    """The files a full load reads: the two registries and every source file."""
    return [root / SPEAKERS_FILE, root / VENUES_FILE, *sorted((root / SOURCES_DIR).glob("*.yaml"))]


# ----------------------------------------------------------------------------- measuring


def cli_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m provenance``."""
    script = Path(sys.executable).with_name("provenance")
    return [str(script)] if script.exists() else [sys.executable, "-m", "provenance"]


#: The environment of every timed process. Python may cache compiled modules (.pyc) as it does for a
#: user, whatever this shell says: with PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images set
#: it) every command would compile the package's modules again, about 60 ms that no installed copy pays.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


#: The CPU seconds (user + system, its waited-for workers included) of the last process run_cli ran.
last_cpu: list[float] = [0.0]


def run_cli(args: list[str]) -> float:
    """Run one whole process (output captured and dropped); its wall seconds, its CPU seconds in last_cpu."""
    cpu, start = _children_cpu(), time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CHILD_ENV)
    out, err = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, args, out, err)
    last_cpu[0] = _children_cpu() - cpu
    return wall


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Bench:
    """Interleaved rounds: every figure is measured once per round."""

    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = {}
        self.matches = 0  # claims the speaker query returns
        self.cpu: dict[str, list[float]] = {}  # CPU seconds of some figures' processes, warm-up round first
        self.figures: list[tuple[str, str, Callable[[int], float]]] = []

    def figure(self, key: str, label: str, fn: Callable[[int], float]) -> None:
        """``fn(round)`` does its own setup and returns the seconds of the timed part."""
        self.figures.append((key, label, fn))
        self.samples[key] = []

    def run(self, repeat: int, quiet: bool) -> None:
        total = repeat * len(self.figures)
        progress = Progress(f"measuring ({repeat} rounds)", total, quiet)
        for r in range(repeat):
            for i, (key, _label, fn) in enumerate(self.figures):
                gc.collect()
                self.samples[key].append(fn(r))
                progress.update(r * len(self.figures) + i + 1, key)

    def median(self, key: str) -> float:
        return statistics.median(self.samples[key])


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def parse_floor(paths: list[Path]) -> None:
    """Read and parse every file with libyaml and nothing else: the floor a full load cannot beat.

    The cyclic GC is paused as the ledger's own load pauses it, so the ratio
    between the two is the cost of everything but parsing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        for path in paths:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    finally:
        if enabled:
            gc.enable()


def measure(big: Generated, tiny: Generated, tiny_reg: Generated, wide: Generated, repeat: int, quiet: bool) -> Bench:
    bench = Bench()
    big_files = ledger_files(big.path)
    cli = cli_command()
    # The cold query's loaded ledger is the warm query's subject, then dropped: no ledger stays
    # resident between figures (millions of live objects would slow every later figure via the GC).
    loaded: dict[str, Ledger] = {}

    def claims_cold(_r: int) -> float:
        ledger = Ledger.open(big.path)
        elapsed = timed(lambda: ledger.claims(speaker=big.query_speaker))
        loaded["warm"] = ledger
        return elapsed

    def claims_warm(_r: int) -> float:
        ledger = loaded.pop("warm")
        elapsed = timed(lambda: ledger.claims(speaker=big.query_speaker))
        bench.matches = len(ledger.claims(speaker=big.query_speaker))
        return elapsed

    def open_only(_r: int) -> float:
        return timed(lambda: Ledger.open(big.path))

    venue = Ledger.open(big.path).venues()[0].id  # an existing venue, given by id

    def add(gen: Generated, how: str, venue: str | None = None) -> Callable[[int], float]:
        path = gen.path / SOURCES_DIR / f"{gen.add_source}.yaml"

        def fn(r: int) -> float:
            before = path.read_bytes()
            text = f"Benchmark claim number {r} for {how} on {gen.path.name}, {time.time_ns()}"
            try:
                if how == "cli":
                    options = [
                        "--speaker",
                        gen.add_speaker,
                        "--source",
                        gen.add_source,
                        "--cue",
                        "said",
                        "--unanchored",
                    ]
                    return run_cli([*cli, "--ledger", str(gen.path), "add", text, *options])
                return timed(
                    lambda: Ledger.open(gen.path).add(
                        text, speaker=gen.add_speaker, source=gen.add_source, cue="said", venue=venue, unanchored=True
                    )
                )
            finally:
                atomic.atomic_write(path, before)  # undo, outside the timed part

        return fn

    bench.figure(
        "parse_floor",
        "raw yaml.load(CSafeLoader) of all files, GC paused (peer)",
        lambda r: timed(lambda: parse_floor(big_files)),
    )
    bench.figure("open", "Ledger.open alone", open_only)
    bench.figure(
        "load_check",
        "full load + validation: Ledger.open(p).check()",
        lambda r: timed(lambda: Ledger.open(big.path).check()),
    )
    bench.figure(
        "claims_cold",
        "claims(speaker=NAME), fresh Ledger (includes load)",
        claims_cold,
    )
    bench.figure("claims_warm", "claims(speaker=NAME), same Ledger again (warm)", claims_warm)
    per_source = big.shape.claims // big.shape.sources
    bench.figure("add_big", f"add 1 claim to a {per_source}-claim source, big ledger", add(big, "api"))
    bench.figure("add_big_venue", "  the same, with --venue (reads venues.yaml too)", add(big, "api", venue))
    bench.figure(
        "add_tiny", f"add 1 claim, tiny ledger: 1 source, {tiny.shape.speakers} speakers (peer)", add(tiny, "api")
    )
    bench.figure(
        "add_tiny_reg",
        f"add 1 claim, tiny ledger with the big one's {tiny_reg.shape.speakers} speakers (peer)",
        add(tiny_reg, "api"),
    )
    bench.figure("add_wide", f"add 1 claim to a {wide.shape.claims}-claim source", add(wide, "api"))
    bench.figure("cli_pass", "python -c pass (peer)", lambda r: run_cli([sys.executable, "-c", "pass"]))
    bench.figure("cli_help", "provenance --help", lambda r: run_cli([*cli, "--help"]))
    bench.figure(
        "cli_list",
        "provenance list --speaker NAME, big ledger",
        lambda r: run_cli([*cli, "--ledger", str(big.path), "list", "--speaker", big.query_speaker]),
    )
    bench.figure("cli_add_big", "provenance add …, big ledger", add(big, "cli"))
    bench.figure("cli_add_tiny", "provenance add …, tiny ledger (peer)", add(tiny, "cli"))
    bench.run(repeat, quiet)
    return bench


# ----------------------------------------------------------------------------- reporting


def machine() -> dict[str, Any]:
    import pydantic
    import pydantic_core

    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu": _cpu_model(),
        "loadavg_start": None,
        "pydantic": pydantic.VERSION,
        "pydantic_core": pydantic_core.__version__,
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "provenance": provenance.__version__,
    }


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _fmt(seconds: float) -> str:
    if seconds < 0:
        return "-" + _fmt(-seconds)
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def report(bench: Bench, big: Generated, peers: dict[str, Generated], info: dict[str, Any]) -> dict[str, Any]:
    m = bench.median
    figures = {
        key: {
            "label": label,
            "median_s": m(key),
            "min_s": min(bench.samples[key]),
            "max_s": max(bench.samples[key]),
            "samples_s": bench.samples[key],
        }
        for key, label, _ in bench.figures
    }
    ratios = {
        "load_check / parse_floor": m("load_check") / m("parse_floor"),
        "claims_cold / load_check": m("claims_cold") / m("load_check"),
        "add_big / add_tiny": m("add_big") / m("add_tiny"),
        "add_big / add_tiny_reg": m("add_big") / m("add_tiny_reg"),
        "add_big_venue / add_big": m("add_big_venue") / m("add_big"),
        "add_wide / add_tiny": m("add_wide") / m("add_tiny"),
        "cli_help / cli_pass": m("cli_help") / m("cli_pass"),
        "cli_list / load_check": m("cli_list") / m("load_check"),
        "cli_add_big / cli_add_tiny": m("cli_add_big") / m("cli_add_tiny"),
    }
    derived = {
        "load_check_us_per_claim": m("load_check") / big.shape.claims * 1e6,
        "validation_overhead_s": m("load_check") - m("parse_floor"),
        "cli_startup_over_python_s": m("cli_help") - m("cli_pass"),
    }
    return {
        "ledger": {
            "claims": big.shape.claims,
            "sources": big.shape.sources,
            "speakers": big.shape.speakers,
            "venues": big.shape.venues,
            "bytes_loaded": sum(p.stat().st_size for p in ledger_files(big.path)),
            "query_speaker": big.query_speaker,
            "query_matches": bench.matches,
        },
        "peers": {name: {**gen.shape.__dict__, "path": gen.path.name} for name, gen in peers.items()},
        "repeat": len(next(iter(bench.samples.values()))),
        "machine": info,
        "figures": figures,
        "ratios": ratios,
        "derived": derived,
    }


def print_table(result: dict[str, Any]) -> None:
    led, info = result["ledger"], result["machine"]
    print(
        f"provenance {info['provenance']} ledger scale benchmark, {info['date']}\n"
        f"python {info['python']} ({info['implementation']}), {info['cpu_count']} CPUs ({info['cpu']}), "
        f"pydantic {info['pydantic']}, PyYAML {info['pyyaml']} (libyaml: {info['libyaml']})\n"
        f"load average at start {info['loadavg_start']}, at end {info['loadavg_end']}\n"
        f"ledger: {led['claims']:,} claims, {led['sources']:,} sources, {led['speakers']:,} speakers, "
        f"{led['venues']:,} venues, {led['bytes_loaded'] / 1e6:.1f} MB of YAML; "
        f"query speaker {led['query_speaker']!r} has {led['query_matches']:,} claims\n"
        f"medians of {result['repeat']} interleaved rounds\n"
    )
    width = max(len(f["label"]) for f in result["figures"].values())
    print(f"{'measurement':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}")
    for fig in result["figures"].values():
        print(f"{fig['label']:<{width}}  {_fmt(fig['median_s']):>9}  {_fmt(fig['min_s']):>9}  {_fmt(fig['max_s']):>9}")
    print("\nratios (of medians)")
    for name, value in result["ratios"].items():
        print(f"  {name:<28} {value:6.2f}x")
    d = result["derived"]
    print(
        f"\nfull load: {d['load_check_us_per_claim']:.0f} µs per claim; "
        f"{_fmt(d['validation_overhead_s'])} above the parse floor; "
        f"CLI startup {_fmt(d['cli_startup_over_python_s'])} above bare python"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="claims in the big ledger (default 100,000)")
    parser.add_argument("--sources", type=int, default=1_000, help="sources in the big ledger (default 1,000)")
    parser.add_argument("--speakers", type=int, default=500, help="speakers in the big ledger (default 500)")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved rounds; figures are medians (default 5)")
    parser.add_argument("--out", type=Path, help="keep the generated ledgers here (reused when the shape matches)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("--index", action="store_true", help="measure the query index (see bench/ledger_index.py)")
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="with --index: ledger sizes in claims (default 1000,10000,100000)"
    )
    args = parser.parse_args(argv)
    if args.claims < args.sources or args.sources < 1 or args.repeat < 1:
        parser.error("need --claims >= --sources >= 1 and --repeat >= 1")

    info = machine()
    info["loadavg_start"] = [round(x, 2) for x in os.getloadavg()]
    if args.index:
        return index_main(args, info)
    per_source = args.claims // args.sources
    big_shape = Shape(args.claims, args.sources, args.speakers, max(2, args.claims // 50))
    tiny_shape = Shape(per_source, 1, 10, 2)  # a source file the size of the big ledger's, and little else
    tiny_reg_shape = Shape(per_source, 1, big_shape.speakers, big_shape.venues)  # …with the big registries
    wide_shape = Shape(per_source * 10, 1, 10, 2)  # one ten-times-larger source file

    tmp = None if args.out else tempfile.mkdtemp(prefix="provenance-bench-")
    out = args.out or Path(tmp or ".")
    out.mkdir(parents=True, exist_ok=True)
    try:
        big = generate(out / f"ledger-{args.claims}", big_shape, quiet=args.quiet)
        peers = {
            "tiny": generate(out / f"ledger-tiny-{per_source}", tiny_shape, quiet=args.quiet),
            "tiny_reg": generate(out / f"ledger-tiny-{per_source}-registries", tiny_reg_shape, quiet=args.quiet),
            "wide": generate(out / f"ledger-onefile-{per_source * 10}", wide_shape, quiet=args.quiet),
        }
        bench = measure(big, peers["tiny"], peers["tiny_reg"], peers["wide"], args.repeat, args.quiet)
        info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
        result = report(bench, big, peers, info)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_table(result)
    return 0


def index_main(args: argparse.Namespace, info: dict[str, Any]) -> int:
    import ledger_index  # beside this script

    tmp = None if args.out else tempfile.mkdtemp(prefix="provenance-bench-")
    out = args.out or Path(tmp or ".")
    out.mkdir(parents=True, exist_ok=True)
    try:
        sizes = [int(size) for size in args.sizes.split(",")]
        result = ledger_index.run(sizes, args.repeat, out, args.quiet, info)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        ledger_index.print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
