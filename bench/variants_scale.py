"""Scale benchmark for variant grouping: how ``group_variants`` grows from 10,000 to 100,000 claims.

Generates claims in memory (fixed seed) with realistic word choice: words drawn from a
Zipf distribution (exponent 1.1) over a 30,000-word vocabulary whose most frequent ranks
are English function words, 6 to 30 words a claim, 40 claims a source, one speaker in
200 per claim. A fifth of the sources are copies of an earlier source (recorded as
``derived_from``), each claim of the copy mangled the way spinners do (a word or two
swapped, dropped or added, sometimes most of them), so there are variants to find and
related sources to align; every claim is anchored, so alignment runs.

For each size it measures, as the median of ``--repeat`` rounds:

* ``group_variants(claims, sources)``: blocking, linking, alignment, grouping and the drift
  of every member;
* the peer, in the same round: tokenising every claim (``str.casefold().split()``), the least
  any grouping must do;
* an incremental run: one more source (a copy of an early one) grouped against the groups
  already found (``known``), comparing only its claims (``fresh``), as ``variants`` does after
  a ``variants --write``;

Rounds interleave the sizes (the machine may be shared and noisy), and every timed run starts
with the text and word caches empty, as a fresh process would. It prints the times, their
ratio, the groups found, the memory held with every size's claims generated and the peak
during grouping (the process's peak resident size), and the log-log slope of the grouping
time against the number of claims (1.0 = linear, 2.0 = quadratic).

    .venv/bin/python bench/variants_scale.py                       # 10k, 30k, 100k
    .venv/bin/python bench/variants_scale.py --sizes 2000 5000 --repeat 1
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import gc
import itertools
import math
import platform
import random
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

from provenance.analysis.matching import wording
from provenance.analysis.normalise import _expanded
from provenance.analysis.synonyms import available, lemma
from provenance.analysis.textdiff import word_key
from provenance.analysis.variants import group_variants, variant_links
from provenance.ids import claim_id
from provenance.records import Anchor, Claim, ClaimKind, Derivation, DerivationKind, Source

SEED = 20261201
FUNCTION_WORDS = (
    "the of and to a in that is was he for it with as his on be at by i this had not are but from or have an they "
    "which one you were her all she there would their we him been has when who will more no if out so said what up "
    "its about into than them can only other new some could time these two may then do first any my now such like "
    "our over man me even most made after also did many before must through back years where much your way well down"
).split()
SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split()  # noqa: E501


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words = list(FUNCTION_WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Zipf:
    """Word ranks drawn with probability proportional to 1 / rank**s."""

    def __init__(self, words: list[str], s: float, rng: random.Random) -> None:
        self.words, self.rng = words, rng
        self.cumulative = list(itertools.accumulate(1 / (rank**s) for rank in range(1, len(words) + 1)))

    def draw(self, n: int) -> list[str]:
        total = self.cumulative[-1]
        return [self.words[bisect.bisect(self.cumulative, self.rng.random() * total)] for _ in range(n)]


def mangle(words: list[str], zipf: Zipf, rng: random.Random) -> list[str]:
    """A spinner's copy: a few words swapped, dropped or added; now and then most of them."""
    out = list(words)
    changes = rng.choice([0, 1, 1, 2, 3]) if rng.random() < 0.9 else len(words) // 2
    for _ in range(changes):
        i = rng.randrange(len(out))
        action = rng.random()
        if action < 0.6:
            out[i] = zipf.draw(1)[0]
        elif action < 0.8 and len(out) > 4:
            del out[i]
        else:
            out.insert(i, zipf.draw(1)[0])
    return out


def generate(n_claims: int, per_source: int = 40) -> tuple[list[Claim], list[Source]]:
    rng = random.Random(SEED)
    zipf = Zipf(vocabulary(30_000, rng), 1.1, rng)
    n_sources = max(2, n_claims // per_source)
    speakers = [f"speaker-{i}" for i in range(max(1, n_claims // 200))]
    sources: list[Source] = []
    claims: list[Claim] = []
    texts: dict[str, list[tuple[list[str], str | None]]] = {}
    for number in range(n_sources):
        sid = f"source-{number:06d}"
        day = dt_from(number)
        copy_of = rng.randrange(number) if number > 10 and rng.random() < 0.2 else None
        if copy_of is not None:
            parent = f"source-{copy_of:06d}"
            body = [(mangle(words, zipf, rng), who) for words, who in texts[parent]]
            derived = (Derivation(source=parent, relation=DerivationKind.REWRITE),)
        else:
            body = [(zipf.draw(rng.randint(6, 30)), rng.choice(speakers)) for _ in range(per_source)]
            derived = ()
        texts[sid] = body
        sources.append(Source(id=sid, published=day, language="en", derived_from=derived))
        offset = 0
        for words, who in body:
            text = " ".join(words)
            anchor = Anchor(exact=text, start=offset, end=offset + len(text))
            offset += len(text) + 1
            cid = claim_id(sid, text, who)
            claims.append(Claim(id=cid, text=text, speaker=who, source=sid, kind=ClaimKind.DIRECT, anchor=anchor))
    return claims, sources


def dt_from(number: int) -> dt.date:
    """Five sources a day."""
    return dt.date(2020, 1, 1) + dt.timedelta(days=number // 5)


def one_more_source(claims: list[Claim], sources: list[Source]) -> tuple[list[Claim], list[Source], set[str]]:
    """The claims and sources with one more source: a word-for-word copy of the first one, a day after the last."""
    first = sources[0]
    new = Source(
        id="source-new",
        published=max(s.published for s in sources if s.published) + dt.timedelta(days=1),
        language="en",
        derived_from=(Derivation(source=first.id, relation=DerivationKind.COPY),),
    )
    copied = [
        c.model_copy(update={"id": claim_id(new.id, c.text, c.speaker), "source": new.id})
        for c in claims
        if c.source == first.id
    ]
    return [*claims, *copied], [*sources, new], {c.id for c in copied}


def tokenise(claims: list[Claim]) -> int:
    return sum(len(c.text.casefold().split()) for c in claims)


def cold() -> None:
    """Forget every text and word the grouping has seen, as in a fresh process (the loaded
    lemma dictionary and thesaurus stay: loading them is a one-off cost, reported apart)."""
    for cache in (wording, _expanded, word_key, lemma):
        cache.cache_clear()


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall-clock and CPU seconds of one call, and its result. On a shared machine the CPU time
    of this process is the steadier figure: other processes' load does not count in it."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def slope(rows: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) against log(claims)."""
    xs, ys = [math.log(n) for n, _ in rows], [math.log(t) for _, t in rows]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}; thesaurus installed: {available()}")
    loading, _, _ = timed(lambda: (lemma("said"), available()))
    print(f"loading the lemma dictionary and the thesaurus (once per process): {loading:.2f} s")
    data = {size: generate(size) for size in args.sizes}
    held = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    keys = ("group", "group wall", "peer", "more")
    times: dict[int, dict[str, list[float]]] = {size: {key: [] for key in keys} for size in args.sizes}
    found: dict[int, list[Any]] = {}
    for _ in range(args.repeat):  # rounds interleave the sizes, so a noisy moment hits them alike
        for size, (claims, sources) in data.items():
            cold()
            wall, cpu, found[size] = timed(functools.partial(group_variants, claims, sources))
            times[size]["group"].append(cpu)
            times[size]["group wall"].append(wall)
            times[size]["peer"].append(timed(functools.partial(tokenise, claims))[1])
            more_claims, more_sources, fresh = one_more_source(claims, sources)
            known = variant_links(found[size])
            cold()
            again = functools.partial(group_variants, more_claims, more_sources, known=known, fresh=fresh)
            times[size]["more"].append(timed(again)[1])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("CPU seconds of this process (median of the rounds); wall-clock seconds for the grouping too")
    print(
        f"{'claims':>8} {'group s':>9} {'wall s':>8} {'tokenise s':>11} {'ratio':>7} {'+1 source s':>12} "
        f"{'groups':>7} {'members':>8}"
    )
    rows = []
    for size, (claims, _) in data.items():
        grouping, wall, peer, more = (statistics.median(times[size][k]) for k in keys)
        members = sum(len(g.members) for g in found[size])
        rows.append((len(claims), grouping))
        print(
            f"{len(claims):>8} {grouping:>9.2f} {wall:>8.2f} {peer:>11.3f} {grouping / peer:>7.0f} {more:>12.2f} "
            f"{len(found[size]):>7} {members:>8}"
        )
    print(f"memory: {held:.0f} MB with every size's claims generated, {peak:.0f} MB at the peak of grouping")
    if len(rows) >= 2:
        print(f"log-log slope of grouping CPU time against claims: {slope(rows):.2f}")


if __name__ == "__main__":
    main()
