"""Which pairs of claims are worth comparing: blocking, so grouping grows with the ledger, not its square.

Comparing every claim with every other costs n²/2 comparisons: hours at 100,000
claims. Instead each claim is compared only with the claims it shares something
telling with:

* **MinHash LSH** over its content lemmas (``rensa``: MinHash and banded LSH in Rust):
  claims whose word sets are alike (Jaccard about 0.4 and up) fall in a common bucket;
* a **shingle index** of its runs of three lemmas, and of its letters alone: a partial
  quote, a quote cut at other places, or a copy differing only in typography shares one;
* its **speaker**: the claims of a speaker with few claims are all compared, which is
  how a paraphrase or a second translation with few words in common is found.

Common words (more than ``COMMON`` claims carry them), shingles of common words only, and
shingles shared by more than ``SHINGLE_CAP`` claims (boilerplate) say nothing and are left
out, so each claim costs a bounded amount of work. Pure: no I/O.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence

from .matching import Wording

#: MinHash permutations, in LSH bands of ROWS rows: 20 bands of 3 catch Jaccard 0.43 at 81%, 0.67 always.
NUM_PERM, BANDS = 60, 20
#: A fixed seed: the same ledger always gives the same candidates.
SEED = 20200913
#: A lemma carried by more claims than this is common: left out of MinHash, and not enough to make a
#: shingle telling. A fixed number, so each claim's candidates stay bounded however big the ledger.
COMMON = 200
#: A shingle shared by more claims than this is boilerplate ("one of the"), not evidence of copying.
SHINGLE_CAP = 50
#: The same text (letters alone) in more claims than this is still compared, up to this many.
SAME_TEXT_CAP = 1_000
#: Speakers with at most this many claims have all their claims compared with each other.
SPEAKER_BLOCK = 40
#: Function words never count as content for MinHash (the shingle index still sees them).
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as into about than then that this these those it its "
    "be have do say will can may must not no there here what which who whom whose when where why how all any some "
    "i we you he she they me us him her them my our your his their so very just also".split()
)

Pair = tuple[int, int]


def _content(wordings: Sequence[Wording]) -> list[list[str]]:
    """Each claim's content lemmas: no function words, no common lemma."""
    frequency = Counter(lemma for w in wordings for lemma in set(w.lemmas))
    return [sorted({x for x in w.lemmas if x not in STOPWORDS and frequency[x] <= COMMON}) for w in wordings]


def _lsh_pairs(content: Sequence[list[str]], wanted: Collection[int] | None) -> Iterator[Pair]:
    import rensa  # imported on first use; the command line's start-up stays light

    lsh = rensa.RMinHashLSH(threshold=0.5, num_perm=NUM_PERM, num_bands=BANDS)
    hashes: dict[int, object] = {}
    for number, tokens in enumerate(content):
        if tokens:
            minhash = rensa.RMinHash(num_perm=NUM_PERM, seed=SEED)
            minhash.update(tokens)
            hashes[number] = minhash
            lsh.insert(number, minhash)
    for number in sorted(hashes) if wanted is None else sorted(set(wanted) & hashes.keys()):
        for other in lsh.query(hashes[number]):
            if other != number:
                yield (min(number, other), max(number, other))


def _bucket_pairs(buckets: Iterable[list[int]], cap: int, wanted: Collection[int] | None) -> Iterator[Pair]:
    for members in buckets:
        if 1 < len(members) <= cap:
            if wanted is None:
                yield from itertools.combinations(members, 2)
            else:
                for a, b in itertools.product((m for m in members if m in wanted), members):
                    if a != b:
                        yield (min(a, b), max(a, b))


def _shingle_pairs(
    wordings: Sequence[Wording], content: Sequence[list[str]], wanted: Collection[int] | None
) -> Iterator[Pair]:
    """Claims sharing a run of three lemmas with a content word in it, or all their letters."""
    shingles: defaultdict[int, list[int]] = defaultdict(list)
    same_text: defaultdict[str, list[int]] = defaultdict(list)
    for number, w in enumerate(wordings):
        same_text[w.joined].append(number)
        telling = set(content[number])
        mask = [lemma in telling for lemma in w.lemmas]
        runs = {w.lemmas[i : i + 3] for i in range(len(mask) - 2) if mask[i] or mask[i + 1] or mask[i + 2]}
        for shingle in runs:
            shingles[hash(shingle)].append(number)  # a hash, not the words: a third of the memory
    yield from _bucket_pairs(shingles.values(), SHINGLE_CAP, wanted)
    yield from _bucket_pairs(same_text.values(), SAME_TEXT_CAP, wanted)


def candidate_pairs(
    wordings: Sequence[Wording],
    speakers: Sequence[str | None],
    sources: Sequence[str],
    *,
    wanted: Collection[int] | None = None,
) -> set[Pair]:
    """Pairs of claim numbers (lower first) from different sources that share something telling.

    ``wanted``: only pairs with at least one of these claims (the claims of a source just added).
    """
    wanted = set(wanted) if wanted is not None else None
    by_speaker: defaultdict[str, list[int]] = defaultdict(list)
    for number, speaker in enumerate(speakers):
        if speaker is not None:
            by_speaker[speaker].append(number)
    content = _content(wordings)
    found = itertools.chain(
        _lsh_pairs(content, wanted),
        _shingle_pairs(wordings, content, wanted),
        _bucket_pairs(by_speaker.values(), SPEAKER_BLOCK, wanted),
    )
    return {pair for pair in found if sources[pair[0]] != sources[pair[1]]}
