"""Anchored claims as W3C Web Annotations (JSON-LD), so annotation tools can open the anchors.

Each claim with an anchor becomes one ``Annotation`` whose target is its
source (the URL when it has one) narrowed by two selectors, the pair the
ledger's anchors were modelled on: a ``TextQuoteSelector`` (the exact words
and up to 32 characters either side, robust to edits) and a
``TextPositionSelector`` (character offsets, fast). The offsets count
characters (Unicode code points) of the source's text snapshot in
``claims/texts/``; a tool anchoring on the live page should prefer the quote.
The bodies say who said it and how the claim stands. All annotations are in
one ``AnnotationCollection``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..records import Claim, Source, Speaker
from ..views.labels import mention_note
from . import Export

if TYPE_CHECKING:
    from ..store.ledger_store import LedgerStore

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _target(claim: Claim, source: Source | None) -> dict[str, Any]:
    assert claim.anchor is not None
    target = source.url if source is not None and source.url else f"urn:provenance:source:{claim.source}"
    return {
        "source": target,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": claim.anchor.exact,
                "prefix": claim.anchor.prefix,
                "suffix": claim.anchor.suffix,
            },
            {"type": "TextPositionSelector", "start": claim.anchor.start, "end": claim.anchor.end},
        ],
    }


def _bodies(claim: Claim, speaker: Speaker | None) -> list[dict[str, Any]]:
    who = speaker.name if speaker else (claim.speaker_mention or "an unnamed speaker")
    kind = {"direct": "quote", "indirect": "reported claim", "assertion": "assertion"}[claim.kind.value]
    said = f"{kind.capitalize()} attributed to {who}"
    note = mention_note(claim.speaker_mention, speaker.name) if speaker else None
    if note:  # the name as printed, where it differs (as the picture shows it)
        said += f" {note}" if note.startswith("(") else f" ({note})"
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "value": said + "."},
        {"type": "TextualBody", "purpose": "tagging", "format": "text/plain", "value": claim.status.value},
    ]
    if claim.status_reason:
        bodies.append(
            {"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": claim.status_reason}
        )
    wikidata = speaker.identifiers.get("wikidata") if speaker else None
    if wikidata:
        bodies.append(
            {
                "type": "SpecificResource",
                "purpose": "identifying",
                "source": f"http://www.wikidata.org/entity/{wikidata}",
            }
        )
    return bodies


def annotation(claim: Claim, speaker: Speaker | None, source: Source | None) -> dict[str, Any]:
    """One Web Annotation of an anchored claim."""
    return {
        "id": f"urn:provenance:claim:{claim.id}",
        "type": "Annotation",
        "motivation": "identifying",
        "body": _bodies(claim, speaker),
        "target": _target(claim, source),
    }


def web_annotations(ledger: LedgerStore) -> Export:
    speakers = {s.id: s for s in ledger.speakers()}
    sources = {s.id: s for s in ledger.sources()}
    items = [
        annotation(c, speakers.get(c.speaker or ""), sources.get(c.source))
        for c in sorted(ledger.iter_claims(), key=lambda c: (c.source, c.anchor.start if c.anchor else 0, c.id))
        if c.anchor is not None
    ]
    collection = {
        "@context": CONTEXT,
        "id": "urn:provenance:annotations",
        "type": "AnnotationCollection",
        "label": "Claims recorded by provenance, anchored in their sources",
        "total": len(items),
        "first": {"id": "urn:provenance:annotations:page1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    text = json.dumps(collection, indent=2, ensure_ascii=False) + "\n"
    return Export({"annotations.jsonld": text}, f"{len(items)} annotation{'s' if len(items) != 1 else ''}")
