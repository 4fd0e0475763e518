"""Copies between sources: articles that share long runs of near-identical sentences.

A rewriting farm or a syndicating outlet reprints another article; a wire story is
carried by ten outlets at once. Their text snapshots share sentence after sentence,
nearly word for word. Sentences are compared only when MinHash LSH (``rensa``, over
word pairs) puts them in a common bucket, and kept when their words nearly agree, so
the search grows with the number of sentences, not its square. Each source that shares
enough with an earlier one (by date; reprints of one day are siblings) is proposed as
``derived_from`` the earlier source it shares most with (a wire story's ten copies all
point at the wire, not at each other), with
the evidence: sentences shared, the longest run of consecutive ones, and how many were
identical. :func:`write_copies` records the proposals through the store's ``Edit``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from pydantic import Field
from rapidfuzz.distance import Indel

from ..kinds import DerivationKind
from ..records import Derivation, Record, Source
from ..store.edit import Edit
from ..store.ledger_store import LedgerStore
from .alignment import ancestors
from .normalise import comparison_words, normalise
from .variants import order_sources

#: Sentences shorter than this many words ("he said.") are not evidence of copying.
MIN_SENTENCE_WORDS = 6
#: Two sentences this alike (word-level, 0–1) are the same sentence reprinted.
SENTENCE_SIMILARITY = 0.8
#: A copy shares at least this many sentences with its original…
MIN_SHARED = 3
#: …and either a run of this many consecutive ones, or this share of its own sentences.
MIN_RUN, MIN_SHARE = 3, 0.5
#: Shared sentences at least this share identical: a copy; fewer: a rewrite.
COPY_SHARE = 0.9
NUM_PERM, BANDS, SEED = 64, 16, 20200913

_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+|\n\s*\n")


class CopyEvidence(Record):
    """A source that copies an earlier one, and why we think so."""

    source: str = Field(description="Id of the later source: the copy.")
    original: str = Field(description="Id of the earlier source it copies.")
    relation: DerivationKind = Field(description="copy (nearly every shared sentence identical) or rewrite.")
    shared: int = Field(description="Sentences of the copy found, nearly word for word, in the original.")
    longest_run: int = Field(description="The longest run of consecutive shared sentences, in the same order.")
    identical: int = Field(description="Shared sentences with exactly the same words.")
    share: float = Field(description="Shared sentences over the copy's sentences (0–1).")
    recorded: bool = Field(description="The ledger already records that the copy derives from the original.")


@dataclass(frozen=True, slots=True)
class _Sentence:
    source: str
    position: int
    words: tuple[str, ...]


def sentences(text: str) -> list[tuple[str, ...]]:
    """A text's sentences as comparison words; short ones are left out."""
    plain = normalise(text, keep_lines=True)  # once for the article, not once a sentence
    found = (tuple(comparison_words(part, normalised=True)) for part in _SENTENCE_END.split(plain))
    return [words for words in found if len(words) >= MIN_SENTENCE_WORDS]


def _sentence_pairs(all_sentences: Sequence[_Sentence]) -> Iterator[tuple[int, int, bool]]:
    """Pairs of near-identical sentences in different sources (numbers, identical or not)."""
    import rensa

    lsh = rensa.RMinHashLSH(threshold=SENTENCE_SIMILARITY, num_perm=NUM_PERM, num_bands=BANDS)
    hashes = []
    for number, sentence in enumerate(all_sentences):
        minhash = rensa.RMinHash(num_perm=NUM_PERM, seed=SEED)
        minhash.update([f"{a} {b}" for a, b in zip(sentence.words, sentence.words[1:], strict=False)])
        hashes.append(minhash)
        lsh.insert(number, minhash)
    for number, minhash in enumerate(hashes):
        for other in lsh.query(minhash):
            a, b = all_sentences[number], all_sentences[other]
            if (
                other > number
                and a.source != b.source
                and Indel.normalized_similarity(a.words, b.words) >= SENTENCE_SIMILARITY
            ):
                yield number, other, a.words == b.words


def _evidence(matches: list[tuple[int, int, bool]], copy_sentences: int) -> tuple[int, int, int, float]:
    """Shared, longest run, identical, share, from (copy position, original position, identical) matches."""
    best: dict[int, tuple[int, bool]] = {}
    for copy_at, original_at, same in sorted(matches):
        best.setdefault(copy_at, (original_at, same))
    run, longest = 0, 0
    previous: tuple[int, int] | None = None
    for copy_at, (original_at, _) in sorted(best.items()):
        consecutive = previous is not None and copy_at == previous[0] + 1 and original_at == previous[1] + 1
        run = run + 1 if consecutive else 1
        longest = max(longest, run)
        previous = (copy_at, original_at)
    identical = sum(same for _, same in best.values())
    return len(best), longest, identical, round(len(best) / copy_sentences, 4) if copy_sentences else 0.0


def find_copies(texts: Mapping[str, str], sources: Sequence[Source]) -> list[CopyEvidence]:
    """Each source that copies an earlier one (by the sources' order: dates, then derivations), with evidence."""
    order = {sid: i for i, sid in enumerate(order_sources(sources))}
    by_id = {s.id: s for s in sources}
    all_sentences = [
        _Sentence(sid, position, words)
        for sid in sorted(texts, key=lambda s: (order.get(s, len(order)), s))
        for position, words in enumerate(sentences(texts[sid]))
    ]
    counts: dict[str, int] = defaultdict(int)
    for sentence in all_sentences:
        counts[sentence.source] += 1
    shared: dict[tuple[str, str], list[tuple[int, int, bool]]] = defaultdict(list)
    for a, b, same in _sentence_pairs(all_sentences):
        first, second = sorted((all_sentences[a], all_sentences[b]), key=lambda s: (order.get(s.source, 0), s.source))
        shared[second.source, first.source].append((second.position, first.position, same))
    proposals = []
    for copy in sorted({c for c, _ in shared}):
        candidates = []
        for (c, original), matches in shared.items():
            if c != copy or _same_day_or_later(by_id.get(original), by_id.get(copy)):
                continue
            found, longest, identical, share = _evidence(matches, counts[copy])
            if found >= MIN_SHARED and (longest >= MIN_RUN or share >= MIN_SHARE):
                candidates.append((-found, -identical, order.get(original, len(order)), original, longest, share))
        if candidates:
            minus_found, minus_identical, _, original, longest, share = min(candidates)
            recorded = original in ancestors(copy, by_id)
            relation = DerivationKind.COPY if -minus_identical >= COPY_SHARE * -minus_found else DerivationKind.REWRITE
            proposals.append(
                CopyEvidence(
                    source=copy,
                    original=original,
                    relation=relation,
                    shared=-minus_found,
                    longest_run=longest,
                    identical=-minus_identical,
                    share=share,
                    recorded=recorded,
                )
            )
    return proposals


def _same_day_or_later(original: Source | None, copy: Source | None) -> bool:
    """Two dated sources where the "original" is not earlier: reprints of one day are siblings, not copies."""
    return bool(original and copy and original.published and copy.published and original.published >= copy.published)


def write_copies(ledger: LedgerStore, proposals: Sequence[CopyEvidence]) -> int:
    """Record each new proposal as a ``derived_from`` of the copy; returns how many were written.

    A proposal already recorded, or one that would make a source derive from its own copy, is skipped.
    """
    written = 0
    with ledger.edit() as edit:
        for proposal in proposals:
            if proposal.recorded:
                continue
            entry = edit.source(proposal.source)
            parents = {d.source for d in entry.source.derived_from}
            original = edit.source(proposal.original)
            if proposal.original in parents or _derives_from(edit, original.source, proposal.source):
                continue
            derivation = Derivation(source=proposal.original, relation=proposal.relation)
            entry.source = entry.source.model_copy(update={"derived_from": (*entry.source.derived_from, derivation)})
            edit.save_source(entry)
            written += 1
    return written


def _derives_from(edit: Edit, source: Source, target: str) -> bool:
    """True when ``source`` derives (through any chain) from ``target``, read fresh inside the edit."""
    seen: set[str] = set()
    stack = [d.source for d in source.derived_from]
    while stack:
        current = stack.pop()
        if current == target:
            return True
        if current not in seen and edit.has_source(current):
            seen.add(current)
            stack.extend(d.source for d in edit.source(current).source.derived_from)
    return False


def ledger_copies(
    ledger: LedgerStore, *, write: bool = False, progress: Callable[[int, int], None] | None = None
) -> list[CopyEvidence]:
    """Find copies among a ledger's sources with text snapshots; with ``write``, record them (:func:`write_copies`).

    ``progress(done, total)`` is called as the sources' texts are read.
    """
    sources = ledger.sources()
    texts: dict[str, str] = {}
    for done, source in enumerate(sources, start=1):
        text = ledger.text(source.id)
        if text is not None:
            texts[source.id] = text
        if progress is not None:
            progress(done, len(sources))
    proposals = find_copies(texts, sources)
    if write:
        write_copies(ledger, proposals)
    return proposals
