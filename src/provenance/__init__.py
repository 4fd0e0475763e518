"""provenance: who said what, where, and who reported it — a claim and quote provenance tracker.

    >>> import provenance
    >>> ledger = provenance.Ledger.open("claims")
    >>> claims = ledger.claims(speaker="Velary Tsepalko")   # misspellings resolve
    >>> provenance.render(ledger.graph(), "who-said-what.svg")

networkx is imported only when a graph is built, so the CLI starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    AmbiguousSpeakerError,
    DocumentError,
    LedgerError,
    LedgerLoadError,
    NotFoundError,
    Problem,
    ProvenanceError,
    RenderError,
    SpeakerError,
    UnknownSpeakerError,
    WriteError,
)
from .extract import DocumentResult, ExtractedClaim, Extraction, extract, extract_documents
from .ledger import AddResult, ExtractedAddResult, Ledger
from .models import (
    Anchor,
    Claim,
    ClaimKind,
    ClaimStatus,
    Derivation,
    DerivationKind,
    Link,
    LinkKind,
    Source,
    Speaker,
    SpeakerKind,
    Venue,
    VenueKind,
    claim_id,
)
from .names import Resolution, resolve_speaker
from .render import graph_to_dot, render  # imported eagerly so `provenance.render` is the function

if TYPE_CHECKING:
    from .graph import ledger_to_graph

__version__ = "0.1.0"

__all__ = [
    "AddResult",
    "AmbiguousSpeakerError",
    "Anchor",
    "Claim",
    "ClaimKind",
    "ClaimStatus",
    "Derivation",
    "DerivationKind",
    "DocumentError",
    "DocumentResult",
    "ExtractedAddResult",
    "ExtractedClaim",
    "Extraction",
    "Ledger",
    "LedgerError",
    "LedgerLoadError",
    "Link",
    "LinkKind",
    "NotFoundError",
    "Problem",
    "ProvenanceError",
    "RenderError",
    "Resolution",
    "Source",
    "Speaker",
    "SpeakerError",
    "SpeakerKind",
    "UnknownSpeakerError",
    "Venue",
    "VenueKind",
    "WriteError",
    "__version__",
    "claim_id",
    "extract",
    "extract_documents",
    "graph_to_dot",
    "ledger_to_graph",
    "render",
    "resolve_speaker",
]


def __getattr__(name: str) -> Any:
    if name == "ledger_to_graph":  # pulls in networkx: only when asked for
        from .graph import ledger_to_graph

        return ledger_to_graph
    raise AttributeError(f"module 'provenance' has no attribute {name!r}")
