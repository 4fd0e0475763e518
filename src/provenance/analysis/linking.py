"""Which pairs of claims render one utterance: the scored links that variant groups are built from.

Two sources of evidence. **Wording**: the candidate pairs of :mod:`.blocking`, kept when
their speakers may be one (``speakers_compatible``) and their words match (:mod:`.matching`):
most words agree, or one is part of the other, or both share a long run. **Position**: in
related sources (a derivation, two copies of one original, or a detected copy) the claims
are aligned in order (:mod:`.alignment`), linking a spun quote whose wording alone is too far.
Pure: no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..records import Claim, ClaimKind, Source
from .alignment import COPY_MIN_SHARED, align, independent_translations, languages_differ, related_sources, source_pair
from .blocking import candidate_pairs
from .matching import Wording, overlap, similarity, wording

#: Synonym-aware similarity (0–1) at or above which two claims render the same utterance.
SIMILARITY_THRESHOLD = 0.6
#: Reported speech by one named speaker, or a quote against reported speech: a paraphrase keeps less wording.
PARAPHRASE_THRESHOLD = 0.5
#: Two independent translations of one statement by one named speaker share less wording still.
TRANSLATION_THRESHOLD = 0.4
#: A link this close is near-identical wording: evidence that one source copies the other.
COPY_SIMILARITY = 0.9
#: In two related sources with at most this many claim pairs, unattributed claims are weighed against
#: every claim of the other source; in bigger ones only the pairs blocking proposed.
ALIGN_ALL_PAIRS = 2_500

Compatible = Callable[[str | None, str | None], bool]
#: Shows progress over the candidate pairs as they are compared (the CLI passes a progress bar).
Progress = Callable[[Sequence[tuple[int, int]]], Iterable[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class Link:
    """Two claims (numbers into the claim list) that render one utterance, and how sure that is."""

    score: float
    aligned: bool = False  # found by position in related sources rather than by wording alone


def same_speaker(a: str | None, b: str | None) -> bool:
    """The default rule: the same speaker id, or an unattributed claim on either side."""
    return a is None or b is None or a == b


def mixed_form(a: Claim, b: Claim) -> bool:
    """One is a direct quote and the other is not (reported speech or an assertion)."""
    return (a.kind == ClaimKind.DIRECT) != (b.kind == ClaimKind.DIRECT)


def _threshold(a: Claim, b: Claim, sources: Mapping[str, Source]) -> float:
    named_same = a.speaker is not None and a.speaker == b.speaker
    if named_same and independent_translations(a.source, b.source, sources):
        return TRANSLATION_THRESHOLD
    if mixed_form(a, b) or (named_same and a.kind != ClaimKind.DIRECT and b.kind != ClaimKind.DIRECT):
        return PARAPHRASE_THRESHOLD
    return SIMILARITY_THRESHOLD


def wording_link(a: Claim, b: Claim, wa: Wording, wb: Wording, sources: Mapping[str, Source]) -> float | None:
    """The score of two claims as one utterance by their words alone, or None (speakers are checked by the caller)."""
    score = similarity(wa, wb, reported=mixed_form(a, b))
    return score if overlap(wa, wb, score, _threshold(a, b, sources)) is not None else None


def find_links(
    claims: Sequence[Claim],
    sources: Mapping[str, Source],
    *,
    compatible: Compatible = same_speaker,
    wanted: Collection[int] | None = None,
    progress: Progress | None = None,
    copies: Collection[tuple[str, str]] = (),
) -> dict[tuple[int, int], Link]:
    """Every pair of claims (numbers, lower first) that renders one utterance, with its link.

    ``wanted``: only links that involve these claims (an incremental run after adding a source).
    ``progress`` wraps the candidate pairs as they are compared. ``copies``: pairs of source ids
    known to copy one another besides their ``derived_from`` (say, found by :mod:`.copies`).
    """
    wordings = [wording(c.text) for c in claims]
    links: dict[tuple[int, int], Link] = {}
    pairs = candidate_pairs(wordings, [c.speaker for c in claims], [c.source for c in claims], wanted=wanted)
    ordered = sorted(pairs)
    for i, j in progress(ordered) if progress is not None else ordered:
        a, b = claims[i], claims[j]
        if not compatible(a.speaker, b.speaker):
            continue
        score = wording_link(a, b, wordings[i], wordings[j], sources)
        if score is not None:
            links[i, j] = Link(score)
    _add_aligned(links, claims, wordings, sources, pairs, wanted, copies)
    return links


def _copies(links: Mapping[tuple[int, int], Link], claims: Sequence[Claim]) -> list[tuple[str, str]]:
    """Source pairs with several near-identical claims in common: one copies the other."""
    shared = Counter(
        source_pair(claims[i].source, claims[j].source)
        for (i, j), link in links.items()
        if link.score >= COPY_SIMILARITY
    )
    return [pair for pair, count in shared.items() if count >= COPY_MIN_SHARED]


def _add_aligned(
    links: dict[tuple[int, int], Link],
    claims: Sequence[Claim],
    wordings: Sequence[Wording],
    sources: Mapping[str, Source],
    candidates: Collection[tuple[int, int]],
    wanted: Collection[int] | None,
    copies: Collection[tuple[str, str]],
) -> None:
    """Links found by aligning the claims of related sources in order (the wording links stay as they are)."""
    by_source: dict[str, list[int]] = {}
    for number, claim in enumerate(claims):
        by_source.setdefault(claim.source, []).append(number)
    touched = {claims[n].source for n in wanted} if wanted is not None else None
    related = related_sources(sources, [*_copies(links, claims), *copies])
    between: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for i, j in candidates:
        first, second = claims[i].source, claims[j].source
        if (first, second) in related:
            between.setdefault((first, second), []).append((i, j))
        elif (second, first) in related:
            between.setdefault((second, first), []).append((j, i))
    for first, second in sorted(related):
        if first not in by_source or second not in by_source:
            continue
        if touched is not None and first not in touched and second not in touched:
            continue
        left, right = by_source[first], by_source[second]

        def score(i: int, j: int, left: list[int] = left, right: list[int] = right) -> float:
            key = (min(left[i], right[j]), max(left[i], right[j]))
            if key in links:
                return links[key].score
            a, b = claims[left[i]], claims[right[j]]
            return similarity(wordings[left[i]], wordings[right[j]], reported=mixed_form(a, b))

        pairs = _evidence_pairs(left, right, claims, between.get((first, second), []))
        foreign = languages_differ(first, second, sources)
        for aligned in align(
            [claims[n] for n in left], [claims[n] for n in right], score, pairs, cross_language=foreign
        ):
            key = (min(left[aligned.earlier], right[aligned.later]), max(left[aligned.earlier], right[aligned.later]))
            if key not in links:
                links[key] = Link(aligned.similarity, aligned=True)


def _evidence_pairs(
    left: list[int], right: list[int], claims: Sequence[Claim], candidates: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Positions of the claim pairs of two related sources worth weighing.

    The pairs blocking proposed (whatever their speakers), the pairs naming one speaker, and, in
    small sources, the pairs where a side names no speaker: every other pair could not be linked.
    """
    where_left = {n: i for i, n in enumerate(left)}
    where_right = {n: j for j, n in enumerate(right)}
    found = {(where_left[a], where_right[b]) for a, b in candidates}
    by_speaker: dict[str | None, list[int]] = {}
    for j, n in enumerate(right):
        by_speaker.setdefault(claims[n].speaker, []).append(j)
    small = len(left) * len(right) <= ALIGN_ALL_PAIRS
    for i, n in enumerate(left):
        speaker = claims[n].speaker
        if speaker is not None:
            found.update((i, j) for j in by_speaker.get(speaker, ()))
        if small:
            found.update((i, j) for j in (range(len(right)) if speaker is None else by_speaker.get(None, ())))
    return sorted(found)
