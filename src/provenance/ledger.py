"""``Ledger``: the one object a script needs — the store, plus extraction, analysis and drawing in one call each.

:class:`~provenance.store.LedgerStore` reads, queries and writes the
``claims/`` directory; this class adds the operations that belong to the
layers above it, each a thin call into its own module. The layers below
accept a ``LedgerStore``, so nothing there imports this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .store.ledger_store import LedgerStore

if TYPE_CHECKING:  # each is imported by the call that needs it, so opening a ledger stays cheap
    import networkx as nx

    from .analysis.trace import Trace
    from .analysis.variants import VariantGroup
    from .analysis.verify import Verification
    from .extraction.ingest import ExtractedAddResult
    from .extraction.results import ExtractedClaim


class Ledger(LedgerStore):
    """A claims ledger on disk. Open one with :meth:`open` or create one with :meth:`init`."""

    def graph(self, *, speakers: Sequence[str] | None = None, sources: Sequence[str] | None = None) -> nx.MultiDiGraph:
        """The ledger as a networkx MultiDiGraph, optionally only some speakers' or sources' claims.

        Speakers may be given by name, alias or id (resolved as ``add`` does).
        See :func:`provenance.graph.ledger_to_graph` for the node and edge types.
        """
        from .views.graph import ledger_to_graph

        speaker_ids = {self.speaker(name).id for name in speakers} if speakers else None
        source_ids = {self.source(sid).id for sid in sources} if sources else None
        return ledger_to_graph(self, speakers=speaker_ids, sources=source_ids)

    def verify(self, *, fix: bool = False, source: str | None = None) -> list[Verification]:
        """Re-anchor every claim in its source's text snapshot (see :mod:`provenance.analysis.verify`).

        ``source`` (a source id) checks only that source's claims. With
        ``fix=True``, claims found verbatim elsewhere (``moved``) get their
        anchor moved there; nothing else is changed.
        """
        from .analysis.verify import verify_ledger

        return verify_ledger(self, fix=fix, source=source)

    def variants(self, *, write: bool = False) -> list[VariantGroup]:
        """Group claims that render one utterance across sources (see :mod:`provenance.analysis.variants`).

        With ``write=True``, each non-origin member gets a ``variant_of`` link to
        its group's origin (links already there are kept, not duplicated).
        """
        from .analysis.variants import ledger_variants

        return ledger_variants(self, write=write)

    def trace(self, claim_id: str) -> Trace:
        """The chain of one claim: speaker, venue, first appearance, later appearances, hops, drift."""
        from .analysis.trace import ledger_trace

        return ledger_trace(self, claim_id)

    def add_extracted(
        self,
        claims: Sequence[ExtractedClaim],
        *,
        source: str,
        text: str,
        title: str | None = None,
        outlet: str | None = None,
        published: dt.date | None = None,
    ) -> ExtractedAddResult:
        """Record extractor candidates with status ``extracted``, and the text their anchors point into.

        ``source`` is a source id or a URL (a new URL creates the source). The
        text becomes the source's snapshot; a source whose snapshot differs is
        refused, since the offsets would point into the wrong text. Running it
        twice adds nothing new (see :mod:`provenance.extraction.ingest`).
        """
        from .extraction.ingest import add_extracted

        return add_extracted(self, claims, source=source, text=text, title=title, outlet=outlet, published=published)
