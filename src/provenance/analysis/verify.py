"""Check recorded claims against their source's text snapshot: are the words still there?

:func:`verify_claim` is pure string work: it only says where the words are now
and why it thinks so, so every outcome can be tested without a disk;
:func:`verify_ledger` runs it over a ledger and, asked to, moves the anchors of
moved claims. A claim is looked for in three steps,
each looser than the last: at its recorded position, verbatim elsewhere (the
W3C TextQuote selector: prefix and suffix pick between repeated phrases), then
approximately (a reworded quote is worth a human look, not a silent pass).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum

from pydantic import Field
from rapidfuzz import fuzz

from ..anchoring import FUZZY_MIN_SCORE, FUZZY_MIN_WORDS, Span, closest_passage, occurrences
from ..errors import InvalidInputError
from ..records import Anchor, Claim, Record, Source
from ..store.checks import snapshot_state
from ..store.layout import TEXTS_DIR
from ..store.ledger_store import LedgerStore
from ..store.snapshots import kept_text_name
from .textdiff import WordDiff, word_diff


class Outcome(StrEnum):
    """What became of a claim's words in the snapshot."""

    EXACT = "exact"  # still at the recorded position
    MOVED = "moved"  # verbatim elsewhere (or the claim had no anchor)
    FUZZY = "fuzzy"  # only an approximate match: the wording changed
    ORPHAN = "orphan"  # nowhere to be found
    UNANCHORED = "unanchored"  # nowhere to be found, and recorded so on purpose ('add --unanchored')
    NO_TEXT = "no-text"  # the source has no snapshot
    CHANGED = "changed"  # the snapshot differs from its recorded checksum


FAILING = frozenset({Outcome.ORPHAN, Outcome.CHANGED})


class Verification(Record):
    """The verdict on one claim against its source's snapshot."""

    claim: str = Field(description="Id of the claim checked.")
    source: str = Field(description="Id of the source whose snapshot was read.")
    outcome: Outcome = Field(description="exact, moved, fuzzy, orphan, unanchored, no-text or changed.")
    start: int | None = Field(description="Offset where the words are now; null when they were not found.")
    end: int | None = Field(description="Offset one past the words found; null when they were not found.")
    recorded_start: int | None = Field(description="The anchor's recorded start; null when the claim had no anchor.")
    recorded_end: int | None = Field(description="The anchor's recorded end; null when the claim had no anchor.")
    score: float | None = Field(description="Similarity 0-100 of the words found (100 when verbatim); null if none.")
    found: str | None = Field(description="The snapshot's text at start:end.")
    diff: tuple[WordDiff, ...] = Field(default=(), description="Word diff from claim to found, when approximate.")
    note: str | None = Field(default=None, description="One sentence saying why this outcome.")
    lost_fragments: tuple[str, ...] = Field(
        default=(),
        description="The claim's verbatim fragments (quoted words inside a reported claim) no longer word for "
        "word inside the words found.",
    )


def verify_claim(claim: Claim, snapshot: str | None, *, snapshot_changed: bool = False) -> Verification:
    """Say where ``claim``'s words are in ``snapshot``; never raises, whatever the input."""
    anchor = claim.anchor
    needle = anchor.exact if anchor else claim.text
    if snapshot is None:
        outcome, span, score, note = Outcome.NO_TEXT, None, None, "The source has no text snapshot to check against."
    else:
        outcome, span, score, note = _search(needle, anchor, snapshot)
        if claim.unanchored and outcome in (Outcome.ORPHAN, Outcome.FUZZY):
            outcome = Outcome.UNANCHORED if outcome is Outcome.ORPHAN else outcome
            note = f"Recorded on purpose without an anchor. {note}"
    found = _valid(snapshot[span[0] : span[1]]) if snapshot is not None and span else None
    lost = _lost_fragments(claim, found)
    if lost and outcome in (Outcome.EXACT, Outcome.MOVED):
        outcome = Outcome.FUZZY  # the words are there, but not the quotation recorded inside them
    if lost:
        note = f"{note} Quoted words no longer verbatim: " + "; ".join(f"“{words}”" for words in lost) + "."
    diff = word_diff(needle, found) if found and outcome is Outcome.FUZZY else ()
    if snapshot_changed and snapshot is not None:
        outcome, note = Outcome.CHANGED, f"The snapshot no longer matches its recorded checksum. {note}"
    return Verification(
        claim=claim.id,
        source=claim.source,
        outcome=outcome,
        start=span[0] if span else None,
        end=span[1] if span else None,
        recorded_start=anchor.start if anchor else None,
        recorded_end=anchor.end if anchor else None,
        score=score,
        found=found,
        diff=diff,
        note=note,
        lost_fragments=lost,
    )


def _lost_fragments(claim: Claim, found: str | None) -> tuple[str, ...]:
    """The fragments of ``claim`` that ``found`` (its words in the snapshot) does not hold verbatim."""
    if found is None:
        return ()
    return tuple(fragment.exact for fragment in claim.fragments if fragment.exact not in found)


def reanchor(claim: Claim, verification: Verification, snapshot: str) -> Claim:
    """A copy of ``claim`` anchored where a ``moved`` verification found its words.

    Only MOVED: the words are unchanged, so moving the anchor loses nothing. A
    fuzzy match changes what the claim quotes, which is a person's decision.
    """
    start, end = verification.start, verification.end
    if verification.outcome is not Outcome.MOVED or start is None or end is None:
        raise InvalidInputError(f"only a moved claim can be re-anchored, not a {verification.outcome.value} one")
    if verification.claim != claim.id or not 0 <= start < end <= len(snapshot):
        raise InvalidInputError(f"verification of {verification.claim} does not fit claim {claim.id} and this snapshot")
    anchor = Anchor.around(snapshot, start, end)
    fragments = []
    for fragment in claim.fragments:  # the quoted words inside move with the claim
        at = snapshot.find(fragment.exact, start, end)
        if at >= 0:
            fragments.append(Anchor.around(snapshot, at, at + len(fragment.exact)))
    # found: no longer without an anchor
    return claim.model_copy(update={"anchor": anchor, "unanchored": None, "fragments": tuple(fragments)})


def summarise(results: Iterable[Verification]) -> dict[str, int]:
    """Count outcomes; every outcome is a key, so a report can print zeros."""
    counts = {outcome.value: 0 for outcome in Outcome}
    for result in results:
        counts[result.outcome.value] += 1
    return counts


def verify_ledger(
    ledger: LedgerStore,
    *,
    fix: bool = False,
    source: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Verification]:
    """Re-anchor every claim of ``ledger`` (or of the source whose id is ``source``) in its source's snapshot.

    With ``fix``, the anchors of moved claims are moved. Only ``moved`` claims
    are changed: their words are verbatim elsewhere, so moving the anchor loses
    nothing. Everything else is left for a person. ``progress(done, total)`` is
    called as sources are checked.
    """
    results: list[Verification] = []
    moved: dict[str, dict[str, Verification]] = {}
    chosen = [ledger.source(source)] if source is not None else ledger.sources()
    for done, record in enumerate(chosen):
        if progress is not None:
            progress(done, len(chosen))
        snapshot = ledger.text(record.id)
        state = snapshot_state(record, snapshot)
        for claim in ledger.claims(source=record.id):
            result = verify_claim(claim, snapshot, snapshot_changed=state == "changed")
            if state == "missing":  # the text the anchors pointed into is gone: not "no text", a change
                note = f"{TEXTS_DIR}/{record.id}.txt is missing, though the source records its checksum"
                result = result.model_copy(update={"outcome": Outcome.CHANGED, "note": note})
            if record.snapshots and result.outcome in _AFTER_REFRESH:
                result = result.model_copy(update={"note": f"{result.note} {_replaced(record)}"})
            results.append(result)
            if result.outcome is Outcome.MOVED:
                moved.setdefault(record.id, {})[claim.id] = result
    if progress is not None:
        progress(len(chosen), len(chosen))
    if fix and moved:
        with ledger.edit() as edit:
            for source_id, fixes in moved.items():
                entry = edit.source(source_id)
                snapshot = edit.text(source_id) or ""
                entry.claims = [reanchor(c, fixes[c.id], snapshot) if c.id in fixes else c for c in entry.claims]
                edit.save_source(entry)
    return results


#: Outcomes that a replaced text may explain: the words left their anchor.
_AFTER_REFRESH = frozenset({Outcome.MOVED, Outcome.FUZZY, Outcome.ORPHAN})


def _replaced(source: Source) -> str:
    """Where to read the text a claim may have been anchored in before the source's text was replaced."""
    kept = f"{TEXTS_DIR}/{kept_text_name(source.id, source.snapshots[-1].sha256)}"
    return f"The source's text was replaced; the earlier text is {kept}."


# --------------------------------------------------------------------- searching


def _search(needle: str, anchor: Anchor | None, snapshot: str) -> tuple[Outcome, Span | None, float | None, str]:
    """Exact at the anchor, else verbatim elsewhere, else approximate: outcome, span, score, note."""
    if anchor is not None and snapshot[anchor.start : anchor.end] == anchor.exact:
        return Outcome.EXACT, (anchor.start, anchor.end), 100.0, f"The words are still at {anchor.start}-{anchor.end}."
    spans, loose = occurrences(needle, snapshot)
    if spans:
        start, end = max(spans, key=lambda span: _context_fit(snapshot, span, anchor))
        if anchor is None:
            note = f"The claim had no anchor; its words are at {start}-{end}"
            note += f" (the first of {len(spans)} occurrences)" if len(spans) > 1 else ""
        else:
            note = f"The words moved from {anchor.start}-{anchor.end} to {start}-{end}"
            note += f"; of {len(spans)} occurrences, this one's context fits best" if len(spans) > 1 else ""
        note += " (whitespace differs)." if loose else "."
        return Outcome.MOVED, (start, end), 100.0, note
    words = len(needle.split())
    if words < FUZZY_MIN_WORDS:
        note = f"The words are not in the snapshot (a {words}-word quote is too short to match approximately)."
        return Outcome.ORPHAN, None, None, note
    passage = closest_passage(needle, snapshot)
    if passage is None or passage.score < FUZZY_MIN_SCORE:
        near = f"the closest passage scores {passage.score:.0f}" if passage else "no passage comes close"
        note = f"The words are not in the snapshot ({near}; a fuzzy match needs {FUZZY_MIN_SCORE:.0f})."
        return Outcome.ORPHAN, None, None, note
    gone = "are gone" if anchor is not None else "are not in the snapshot"
    where = f"{passage.start}-{passage.end}"
    note = f"The exact words {gone}; the closest passage, at {where}, scores {passage.score:.0f}."
    return Outcome.FUZZY, (passage.start, passage.end), passage.score, note


def _context_fit(snapshot: str, span: Span, anchor: Anchor | None) -> tuple[float, int, int]:
    """Rank an occurrence: prefix and suffix likeness first, then nearness to the old position, then order."""
    start, end = span
    if anchor is None:
        return 0.0, 0, -start
    before = snapshot[max(0, start - len(anchor.prefix)) : start]
    after = snapshot[end : end + len(anchor.suffix)]
    likeness = fuzz.ratio(anchor.prefix, before) + fuzz.ratio(anchor.suffix, after)
    return likeness, -abs(start - anchor.start), -start


def _valid(text: str) -> str:
    """``text`` with any lone surrogate as '?' (same length): pydantic refuses them, and we never raise."""
    return text.encode("utf-8", "replace").decode("utf-8")
