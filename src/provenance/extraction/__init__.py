"""Extraction: article text in, candidate claims out, and recorded for review.

``extract(text)`` finds quotations and reported speech with their speakers;
``extract_documents(paths)`` does it for text, HTML and JSON Lines files
(``extract_json_lines`` hands each result over as its JSON Lines record);
``add_extracted`` (in :mod:`.ingest`) records the candidates in a ledger.
"""

from __future__ import annotations

from .batch import JsonLine, extract_documents, extract_json_lines
from .documents import Document, read_documents
from .pipeline import extract
from .results import DocumentResult, ExtractedClaim, Extraction, SpeakerCluster, VenueHint

__all__ = [
    "Document",
    "DocumentResult",
    "ExtractedClaim",
    "Extraction",
    "JsonLine",
    "SpeakerCluster",
    "VenueHint",
    "extract",
    "extract_documents",
    "extract_json_lines",
    "read_documents",
]
