"""Blocking for corpus-wide grouping: which quotes are worth comparing at all.

Comparing every quote with every other is out of the question for millions
of quotes. Each quote gets a MinHash signature of its word pairs (datasketch,
a maintained implementation), cut into bands; two quotes whose bands agree in
any band land in one bucket and become a candidate pair. With the numbers
below, quotes sharing half their word pairs meet with probability ≈ 0.8, a
quarter ≈ 0.1, and the same words always. Candidate pairs are then joined
into components (union-find), each verified word by word in :mod:`.grouping`.
"""

from __future__ import annotations

import hashlib
import itertools
import unicodedata
from collections.abc import Iterable, Sequence

#: MinHash permutations, and how they are cut into bands of rows (BANDS * ROWS == NUM_PERM).
NUM_PERM = 96
BANDS = 24
ROWS = 4
#: Quotes of fewer words ("No comment.") are too common to say anything about provenance; they are not grouped.
MIN_WORDS = 4


def word_keys(text: str) -> list[str]:
    """The words of a quote as they are compared: case, accents and punctuation aside."""
    keys = []
    for word in text.split():
        folded = unicodedata.normalize("NFKD", word.casefold())
        key = "".join(ch for ch in folded if ch.isalnum())
        if key:
            keys.append(key)
    return keys


def shingles(keys: Sequence[str]) -> set[bytes]:
    """Consecutive word pairs: robust to a word changed here and there, sensitive to wording."""
    return {f"{a} {b}".encode() for a, b in itertools.pairwise(keys)}


def band_buckets(texts: Sequence[str]) -> list[list[int]]:
    """For each text, its bucket in every band (signed 64-bit ints, the same in every process); [] when too short."""
    from datasketch import MinHash

    keys = [word_keys(text) for text in texts]
    wanted = [i for i, k in enumerate(keys) if len(k) >= MIN_WORDS]
    signatures = MinHash.bulk([shingles(keys[i]) for i in wanted], num_perm=NUM_PERM)
    buckets: list[list[int]] = [[] for _ in texts]
    for i, signature in zip(wanted, signatures, strict=True):
        values = signature.hashvalues
        buckets[i] = [_bucket(band, values[band * ROWS : (band + 1) * ROWS].tobytes()) for band in range(BANDS)]
    return buckets


def _bucket(band: int, rows: bytes) -> int:
    digest = hashlib.blake2b(band.to_bytes(2, "little") + rows, digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def stable_hash(text: str) -> int:
    """A non-negative hash that is the same in every worker (Python's own hash() is salted per process)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def star_edges(members: Sequence[str]) -> list[tuple[str, str]]:
    """Candidate pairs of one bucket as a star from its first member: linear, and enough to connect them."""
    first = min(members)
    return [(first, other) for other in sorted(set(members)) if other != first]


def components(edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Union-find over candidate pairs: each quote key -> its component (the smallest key in it)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]  # path halving keeps the trees flat
            key = parent[key]
        return key

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {key: root(key) for key in parent}
