"""The extractor's working records: what the sentence rules find, and what a document has shown so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import ClaimKind
from .phrases import Mention
from .results import VenueHint
from .segment import Span


@dataclass(kw_only=True)
class Found:
    """One attribution found by a rule: these words, said by this mention, marked by this cue."""

    content: Span
    kind: ClaimKind
    mention: Mention | None
    cue: Span | None
    confidence: float
    sentence: Span
    partial: bool = False  # a quotation nested in a reported clause
    venue: VenueHint | None = None
    resolved: Mention | None = None  # antecedent of a pronoun mention


@dataclass
class DocumentState:
    """What one document has shown so far: the attributions found, and the sentences' named subjects."""

    text: str
    found: list[Found] = field(default_factory=list)
    subjects: list[Mention] = field(default_factory=list)  # sentence-initial names, for fallbacks
