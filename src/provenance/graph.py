"""The graph under its public name: ``from provenance.graph import who_said, trace_to_graph``.

The code lives in :mod:`provenance.views.graph`; this is the stable import path
the documentation uses.
"""

from __future__ import annotations

from .views.graph import (
    AT,
    DERIVED_FROM,
    REPORTED_BY,
    SAID,
    LedgerLike,
    claims_by,
    ledger_to_graph,
    node_id,
    reported_by,
    source_lineage,
    trace_to_graph,
    who_said,
)

__all__ = [
    "AT",
    "DERIVED_FROM",
    "REPORTED_BY",
    "SAID",
    "LedgerLike",
    "claims_by",
    "ledger_to_graph",
    "node_id",
    "reported_by",
    "source_lineage",
    "trace_to_graph",
    "who_said",
]
