"""Claims with a verdict as schema.org ``ClaimReview`` JSON-LD, the markup fact-checks publish.

One ``ClaimReview`` per claim whose status is a verdict on the attribution:

========================  ===========  =================================
status                    ratingValue  alternateName
========================  ===========  =================================
``verified``              3 (best)     Accurately quoted
``disputed``              2            Disputed
``misattributed``         1 (worst)    Misattributed
========================  ===========  =================================

``retracted`` (the outlet withdrew the story) is a fact about the source, not a
verdict on the claim, and ``recorded``/``extracted`` are not reviews; those
claims are left out. The reviewed ``Claim`` carries its ``author`` (a
``Person`` or ``Organization``, with a Wikidata ``sameAs`` when the speaker
has one), every source it ``appearance``s in, and its ``firstAppearance``:
the earliest source of its variant group, as ``provenance trace`` finds it.
The review's own ``url`` and ``author`` (the fact-checking organisation) are
not in the ledger: add them where the markup is published.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..analysis.trace import Trace, trace_claim
from ..analysis.variants import group_variants
from ..records import ChangeKind, Claim, ClaimStatus, Source, Speaker, SpeakerKind
from . import Export

if TYPE_CHECKING:
    from ..store.ledger_store import LedgerStore

CONTEXT = "https://schema.org"
#: status -> (ratingValue, alternateName); bestRating 3, worstRating 1.
VERDICTS: dict[ClaimStatus, tuple[int, str]] = {
    ClaimStatus.VERIFIED: (3, "Accurately quoted"),
    ClaimStatus.DISPUTED: (2, "Disputed"),
    ClaimStatus.MISATTRIBUTED: (1, "Misattributed"),
}


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _author(speaker: Speaker | None, claim: Claim) -> dict[str, Any] | None:
    if speaker is None:
        return {"@type": "Person", "name": claim.speaker_mention} if claim.speaker_mention else None
    wikidata = speaker.identifiers.get("wikidata")
    return _clean(
        {
            "@type": "Person" if speaker.kind is SpeakerKind.PERSON else "Organization",
            "name": speaker.name,
            "alternateName": list(speaker.aliases),
            "description": speaker.description,
            "sameAs": f"https://www.wikidata.org/wiki/{wikidata}" if wikidata else None,
        }
    )


def _work(source: Source) -> dict[str, Any]:
    """A source as a schema.org CreativeWork (an article, a transcript…)."""
    return _clean(
        {
            "@type": "CreativeWork",
            "@id": source.url or f"urn:provenance:source:{source.id}",
            "url": source.url,
            "headline": source.title,
            "publisher": {"@type": "Organization", "name": source.outlet} if source.outlet else None,
            "author": {"@type": "Person", "name": source.author} if source.author else None,
            "datePublished": source.published.isoformat() if source.published else None,
            "inLanguage": source.language,
        }
    )


def review(claim: Claim, trace: Trace, speakers: dict[str, Speaker], sources: dict[str, Source]) -> dict[str, Any]:
    """One ClaimReview."""
    value, name = VERDICTS[claim.status]
    first = sources.get(next((a.source for a in trace.appearances if a.claim == trace.origin), claim.source))
    seen = dict.fromkeys([claim.source, *(a.source for a in trace.appearances)])
    # the day the claim took its current status (edits and merges recorded since are not verdicts)
    when = next((h.until for h in reversed(claim.history) if h.kind is ChangeKind.STATUS), None)
    item = _clean(
        {
            "@type": "Claim",
            "@id": f"urn:provenance:claim:{claim.id}",
            "text": claim.text,
            "author": _author(speakers.get(claim.speaker or ""), claim),
            "datePublished": claim.said_on.isoformat() if claim.said_on else None,
            "appearance": [_work(sources[s]) for s in seen if s in sources],
            "firstAppearance": _work(first) if first is not None else None,
        }
    )
    return _clean(
        {
            "@type": "ClaimReview",
            "@id": f"urn:provenance:review:{claim.id}",
            "claimReviewed": claim.text,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": 3,
                "worstRating": 1,
                "alternateName": name,
            },
            "reviewBody": claim.status_reason,
            "datePublished": when.isoformat() if when else None,
            "itemReviewed": item,
        }
    )


def reviews(ledger: LedgerStore) -> list[dict[str, Any]]:
    """Every ClaimReview of the ledger, in claim id order."""
    claims = {c.id: c for c in ledger.iter_claims()}
    reviewed = sorted((c for c in claims.values() if c.status in VERDICTS), key=lambda c: c.id)
    if not reviewed:
        return []
    sources = {s.id: s for s in ledger.sources()}
    speakers = {s.id: s for s in ledger.speakers()}
    groups = group_variants(list(claims.values()), list(sources.values()))  # once, for every trace
    return [review(c, trace_claim(c, claims, sources, groups), speakers, sources) for c in reviewed]


def claimreview(ledger: LedgerStore) -> Export:
    found = reviews(ledger)
    document = {"@context": CONTEXT, "@graph": found}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return Export({"claimreview.jsonld": text}, f"{len(found)} ClaimReview{'s' if len(found) != 1 else ''}")
