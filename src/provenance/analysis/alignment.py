"""Aligning the claims of two related sources in order: a copy keeps its original's sequence.

When source B was made from source A (``derived_from``), both were made from the same
source, or B was found to copy A, B's claims follow A's in the same order even where a
spinner has rewritten every other word. The best monotone alignment of the two claim
sequences (no two links cross), weighted by word similarity with the speakers'
agreement as further evidence, links a heavily spun quote by its place and its speaker
where word overlap alone would not. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..records import Claim, DerivationKind, Source

#: An aligned pair must still share this much wording (synonyms and inflections counted)…
ALIGN_FLOOR = 0.3
#: …and this much when the two name different speakers (and one is reported speech).
ATTRIBUTION_FLOOR = 0.5
#: How much agreeing on a named speaker adds to a pair's weight; disagreeing takes it away.
SPEAKER_WEIGHT = 0.2
#: A source sharing this many near-identical claims with another is treated as its copy.
COPY_MIN_SHARED = 3
#: Children of one parent beyond this many are not aligned with each other (a wire story's hundred copies).
MAX_SIBLINGS = 30


@dataclass(frozen=True, slots=True)
class Aligned:
    """One link the alignment made: claim numbers in the earlier and the later source, and their similarity."""

    earlier: int
    later: int
    similarity: float


def source_pair(a: str, b: str) -> tuple[str, str]:
    """Two source ids in a fixed order, so a pair is the same pair whichever way round it was found."""
    return (a, b) if a <= b else (b, a)


def related_sources(sources: Mapping[str, Source], copies: Sequence[tuple[str, str]] = ()) -> set[tuple[str, str]]:
    """Pairs of source ids (sorted) whose claims should be aligned: derivations, siblings, detected copies."""
    pairs: set[tuple[str, str]] = set()
    children: dict[str, list[str]] = {}
    for source in sources.values():
        for parent in source.derived_from:
            if parent.source in sources and parent.source != source.id:
                pairs.add(source_pair(source.id, parent.source))
            children.setdefault(parent.source, []).append(source.id)
    for siblings in children.values():
        if len(siblings) <= MAX_SIBLINGS:
            pairs.update((a, b) for i, a in enumerate(sorted(siblings)) for b in sorted(siblings)[i + 1 :] if a != b)
    pairs.update(source_pair(*pair) for pair in copies if pair[0] != pair[1])
    return pairs


def ancestors(source_id: str, sources: Mapping[str, Source]) -> set[str]:
    """Every source ``source_id`` derives from, directly or through others."""
    seen: set[str] = set()
    stack = [d.source for d in sources[source_id].derived_from] if source_id in sources else []
    while stack:
        current = stack.pop()
        if current not in seen and current in sources:
            seen.add(current)
            stack.extend(d.source for d in sources[current].derived_from)
    return seen


def languages_differ(a: str, b: str, sources: Mapping[str, Source]) -> bool:
    """Both sources say their language, and the languages differ (regional variants are one language)."""
    first, second = sources.get(a), sources.get(b)
    tags = [s.language.replace("_", "-").split("-")[0].casefold() for s in (first, second) if s and s.language]
    return len(tags) == 2 and tags[0] != tags[1]


def independent_translations(a: str, b: str, sources: Mapping[str, Source]) -> bool:
    """Both sources translate a statement, and neither was made from the other: two renderings of one original."""

    def translates(sid: str) -> bool:
        return sid in sources and any(d.relation is DerivationKind.TRANSLATION for d in sources[sid].derived_from)

    return translates(a) and translates(b) and a not in ancestors(b, sources) and b not in ancestors(a, sources)


def in_order(claims: Sequence[Claim]) -> list[int] | None:
    """Positions of ``claims`` in reading order (by anchor), or None when some claim has no anchor to order by."""
    if not claims or any(c.anchor is None for c in claims):
        return None
    starts = [c.anchor.start for c in claims if c.anchor is not None]
    return sorted(range(len(claims)), key=lambda i: (starts[i], claims[i].id))


def pair_weight(a: Claim, b: Claim, similarity: float, *, cross_language: bool = False) -> float | None:
    """The weight of linking two claims by position, or None when they may not be linked.

    Across languages the words cannot be compared: the same named speaker at the same place is the evidence.
    """
    if cross_language:
        return SPEAKER_WEIGHT if a.speaker is not None and a.speaker == b.speaker else None
    direct_a, direct_b = a.kind == "direct", b.kind == "direct"
    if a.speaker is None or b.speaker is None:
        return similarity if similarity >= ALIGN_FLOOR else None
    if a.speaker == b.speaker:
        return similarity + SPEAKER_WEIGHT if similarity >= ALIGN_FLOOR else None
    # Another speaker named: only when a quote became reported speech (or back) with most words kept.
    if direct_a != direct_b and similarity >= ATTRIBUTION_FLOOR:
        return similarity - SPEAKER_WEIGHT
    return None


def align(
    earlier: Sequence[Claim],
    later: Sequence[Claim],
    score: Callable[[int, int], float],
    pairs: Sequence[tuple[int, int]] | None = None,
    *,
    cross_language: bool = False,
) -> list[Aligned]:
    """The heaviest chain of links between two claim sequences in which no two links cross.

    ``score(i, j)`` is the word similarity of ``earlier[i]`` and ``later[j]``; only ``pairs``
    (every pair when None) are weighed. Sequences are put in reading order first; a source
    with an unanchored claim has no order and nothing is aligned. ``cross_language``: the two
    sources are in different languages (see :func:`pair_weight`).
    """
    order_a, order_b = in_order(earlier), in_order(later)
    if order_a is None or order_b is None:
        return []
    rank_a = {claim: rank for rank, claim in enumerate(order_a)}
    rank_b = {claim: rank for rank, claim in enumerate(order_b)}
    weighed: list[tuple[int, int, float, float]] = []  # (rank in a, rank in b, weight, similarity)
    for i, j in pairs if pairs is not None else [(i, j) for i in range(len(earlier)) for j in range(len(later))]:
        similarity = score(i, j)
        weight = pair_weight(earlier[i], later[j], similarity, cross_language=cross_language)
        if weight is not None and weight > 0:
            weighed.append((rank_a[i], rank_b[j], weight, similarity))
    chain = _heaviest_chain(weighed, len(later))
    return [Aligned(order_a[ra], order_b[rb], similarity) for ra, rb, _, similarity in chain]


def _heaviest_chain(weighed: list[tuple[int, int, float, float]], width: int) -> list[tuple[int, int, float, float]]:
    """Max-weight chain strictly increasing in both ranks: a weighted longest increasing subsequence.

    Pairs sorted by the first rank (ties by the second, descending, so one claim is used once);
    a Fenwick tree over the second rank gives the best chain ending below it in O(log n).
    """
    tree: list[tuple[float, int]] = [(0.0, -1)] * (width + 1)  # (best total, index of its last pair)
    best_at: list[tuple[float, int]] = []  # per pair: (total of the best chain ending here, previous pair)
    ordered = sorted(weighed, key=lambda p: (p[0], -p[1]))
    for n, (_, rb, weight, _) in enumerate(ordered):
        best, previous, k = 0.0, -1, rb  # query ranks < rb
        while k > 0:
            if tree[k][0] > best:
                best, previous = tree[k]
            k -= k & -k
        best_at.append((best + weight, previous))
        k = rb + 1
        while k <= width:
            if tree[k][0] < best + weight:
                tree[k] = (best + weight, n)
            k += k & -k
    if not best_at:
        return []
    last = max(range(len(best_at)), key=lambda n: (best_at[n][0], -n))
    chain = []
    while last >= 0:
        chain.append(ordered[last])
        last = best_at[last][1]
    return chain[::-1]
