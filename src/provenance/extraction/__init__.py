"""Extraction: article text in, candidate claims out, and recorded for review.

``extract(text)`` finds quotations and reported speech with their speakers;
``extract_documents(paths)`` does it for text, HTML and JSON Lines files;
``add_extracted`` (in :mod:`.ingest`) records the candidates in a ledger.
"""

from __future__ import annotations

from .documents import Document, read_documents
from .pipeline import extract, extract_documents
from .results import DocumentResult, ExtractedClaim, Extraction, SpeakerCluster, VenueHint

__all__ = [
    "Document",
    "DocumentResult",
    "ExtractedClaim",
    "Extraction",
    "SpeakerCluster",
    "VenueHint",
    "extract",
    "extract_documents",
    "read_documents",
]
