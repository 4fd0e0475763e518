"""provenance: who said what, where, and who reported it — a claim and quote provenance tracker.

    >>> import provenance
    >>> ledger = provenance.Ledger.open("claims")
    >>> claims = ledger.claims(speaker="Velary Tsepalko")   # misspellings resolve
    >>> provenance.render(ledger.graph(), "who-said-what.svg")
    >>> provenance.export(ledger, "graphml", "ledger.graphml")

Every name below is imported on first use, so ``import provenance`` (and the
``provenance`` command's start-up) loads neither the records' validators nor
networkx, Graphviz, trafilatura or the extraction rules until a call needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    AmbiguousSpeakerError,
    DocumentError,
    FetchError,
    InvalidInputError,
    LedgerError,
    LedgerLoadError,
    NotFoundError,
    Problem,
    ProvenanceError,
    QuoteNotFoundError,
    RenderError,
    SpeakerError,
    UnknownSpeakerError,
    WriteError,
)

if TYPE_CHECKING:
    from .exports import export
    from .extraction.batch import extract_documents
    from .extraction.fetching import FetchLimits
    from .extraction.ingest import ExtractedAddResult
    from .extraction.pipeline import extract
    from .extraction.results import DocumentResult, ExtractedClaim, Extraction
    from .ids import claim_id
    from .ledger import Ledger
    from .names import Resolution, resolve_speaker
    from .records import (
        Anchor,
        Change,
        ChangeKind,
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
    )
    from .store.recording import AddResult
    from .views.dot import graph_to_dot
    from .views.graph import ledger_to_graph
    from .views.render import render

    __version__: str

#: Public name -> the module that defines it.
_LAZY = {
    **dict.fromkeys(
        [
            "Anchor",
            "Change",
            "ChangeKind",
            "Claim",
            "ClaimKind",
            "ClaimStatus",
            "Derivation",
            "DerivationKind",
            "Link",
            "LinkKind",
            "Source",
            "Speaker",
            "SpeakerKind",
            "Venue",
            "VenueKind",
        ],
        ".records",
    ),
    "claim_id": ".ids",
    "Resolution": ".names",
    "resolve_speaker": ".names",
    "AddResult": ".store.recording",
    "Ledger": ".ledger",
    "extract": ".extraction.pipeline",
    "extract_documents": ".extraction.batch",
    "DocumentResult": ".extraction.results",
    "ExtractedClaim": ".extraction.results",
    "Extraction": ".extraction.results",
    "ExtractedAddResult": ".extraction.ingest",
    "FetchLimits": ".extraction.fetching",
    "ledger_to_graph": ".views.graph",
    "graph_to_dot": ".views.dot",
    "render": ".views.render",
    "export": ".exports",
}

__all__ = [
    "AddResult",
    "AmbiguousSpeakerError",
    "Anchor",
    "Change",
    "ChangeKind",
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
    "FetchError",
    "FetchLimits",
    "InvalidInputError",
    "Ledger",
    "LedgerError",
    "LedgerLoadError",
    "Link",
    "LinkKind",
    "NotFoundError",
    "Problem",
    "ProvenanceError",
    "QuoteNotFoundError",
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
    "export",
    "extract",
    "extract_documents",
    "graph_to_dot",
    "ledger_to_graph",
    "render",
    "resolve_speaker",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use, and keep it."""
    if name == "__version__":
        from importlib.metadata import version

        value: Any = version("provenance")
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError(f"module 'provenance' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
