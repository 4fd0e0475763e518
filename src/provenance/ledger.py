"""``Ledger``: the one object a script needs — the store, plus extraction, analysis and drawing in one call each.

:class:`~provenance.store.LedgerStore` reads, queries and writes the
``claims/`` directory; this class adds the operations that belong to the
layers above it, each a thin call into its own module. The layers below
accept a ``LedgerStore``, so nothing there imports this module.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InvalidInputError, LedgerError, NotFoundError
from .ids import is_url, source_id_for_url
from .kinds import DerivationKind
from .store.edit import Edit
from .store.ledger_store import LedgerStore

if TYPE_CHECKING:  # each is imported by the call that needs it, so opening a ledger stays cheap
    import networkx as nx

    from .analysis.copies import CopyEvidence
    from .analysis.trace import Trace
    from .analysis.variants import VariantGroup
    from .analysis.verify import Verification
    from .exports import Exported
    from .extraction.fetching import FetchLimits
    from .extraction.ingest import ExtractedAddResult
    from .extraction.results import ExtractedClaim
    from .kinds import ClaimKind, SpeakerKind, VenueKind
    from .records import Source, Speaker, Venue
    from .store.claim_edits import ClaimEdit
    from .store.journal import JournalEntry
    from .store.registry_edits import Merge
    from .store.relinking import Relink
    from .store.removal import Removal
    from .store.snapshots import TextRefresh


class Ledger(LedgerStore):
    """A claims ledger on disk. Open one with :meth:`open` or create one with :meth:`init`."""

    def graph(
        self,
        *,
        speakers: Sequence[str] | None = None,
        sources: Sequence[str] | None = None,
        since: dt.date | None = None,
    ) -> nx.MultiDiGraph:
        """The ledger as a networkx MultiDiGraph, optionally only some speakers' or sources' claims,
        or only claims said on ``since`` or later.

        Speakers may be given by name, alias or id (resolved as ``add`` does).
        See :func:`provenance.graph.ledger_to_graph` for the node and edge types.
        """
        from .views.graph import ledger_to_graph

        speaker_ids = {self.speaker(name).id for name in speakers} if speakers else None
        source_ids = {self.source(sid).id for sid in sources} if sources else None
        return ledger_to_graph(self, speakers=speaker_ids, sources=source_ids, since=since)

    def export(
        self, fmt: str, path: str | Path | None = None, *, progress: Callable[[int, int | None], None] | None = None
    ) -> Exported:
        """Export the ledger as ``fmt`` (see :data:`provenance.exports.FORMATS`) to ``path``, or return the text.

        ``progress(done, total)`` is called as the claims are read (the CLI draws a bar with it).
        """
        from .exports import export

        return export(self, fmt, path, progress=progress)

    def verify(
        self, *, fix: bool = False, source: str | None = None, progress: Callable[[int, int], None] | None = None
    ) -> list[Verification]:
        """Re-anchor every claim in its source's text snapshot (see :mod:`provenance.analysis.verify`).

        ``source`` (a source id) checks only that source's claims. With
        ``fix=True``, claims found verbatim elsewhere (``moved``) get their
        anchor moved there; nothing else is changed. ``progress(done, total)``
        is called as sources are checked.
        """
        from .analysis.verify import verify_ledger

        with self._labelled("verify --fix"):
            return verify_ledger(self, fix=fix, source=source, progress=progress)

    def variants(
        self,
        *,
        write: bool = False,
        full: bool = False,
        progress: Callable[[Sequence[tuple[int, int]]], Iterable[tuple[int, int]]] | None = None,
    ) -> list[VariantGroup]:
        """Group claims that render one utterance across sources (see :mod:`provenance.analysis.variants`).

        With ``write=True``, each non-origin member gets a ``variant_of`` link to
        its group's origin (links already there are kept, not duplicated). After a
        write, later runs compare only the claims of sources added or changed since;
        ``full=True`` compares everything again (see :mod:`provenance.analysis.incremental`).
        ``progress`` wraps the candidate pairs as they are compared (the CLI draws a bar with it).
        """
        from .analysis.variants import ledger_variants

        with self._labelled("variants --write", "variant_of links"):
            return ledger_variants(self, write=write, full=full, progress=progress)

    def copies(self, *, write: bool = False, progress: Callable[[int, int], None] | None = None) -> list[CopyEvidence]:
        """Sources that copy an earlier one: long runs of near-identical sentences in their text snapshots.

        Each copy is proposed as ``derived_from`` the earlier source it shares most with, with the
        evidence (see :mod:`provenance.analysis.copies`). With ``write=True`` the new proposals are
        recorded in the copies' source files. ``progress(done, total)`` is called as the texts are read.
        """
        from .analysis.copies import ledger_copies

        with self._labelled("sources copies --write", "derived_from of copies"):
            return ledger_copies(self, write=write, progress=progress)

    def trace(self, claim_id: str) -> Trace:
        """The chain of one claim: speaker, venue, first appearance, later appearances, hops, drift."""
        from .analysis.trace import ledger_trace

        return ledger_trace(self, claim_id)

    def resolve_claims(self, *, dry_run: bool = False) -> list[Relink]:
        """Link the claims recorded with no speaker whose printed name now resolves (see ``provenance resolve``).

        A registry change (a new speaker, a new alias) can make an earlier
        mention resolve; each claim keeps its id. With ``dry_run`` nothing is
        written and the claims that would be linked are returned.
        """
        from .store.relinking import relink_claims

        with self._labelled("resolve", "claims linked to their speakers"):
            return relink_claims(self, dry_run=dry_run)

    def add_extracted(
        self,
        claims: Sequence[ExtractedClaim],
        *,
        source: str,
        text: str,
        title: str | None = None,
        outlet: str | None = None,
        published: dt.date | None = None,
        discover: bool = True,
    ) -> ExtractedAddResult:
        """Record extractor candidates with status ``extracted``, and the text their anchors point into.

        ``source`` is a source id or a URL (a new URL creates the source). The
        text becomes the source's snapshot; a source whose snapshot differs is
        refused, since the offsets would point into the wrong text. Running it
        twice adds nothing new (see :mod:`provenance.extraction.ingest`).
        With ``discover`` (the default) people and organisations the text names
        in full and nobody registered become speakers (``speakers_registered``),
        and claims by a group or an anonymous source record that as their
        ``unattributed`` reason; ``discover=False`` leaves all of them with no
        speaker (see :mod:`provenance.extraction.discovery`).
        """
        from .extraction.ingest import add_extracted

        with self._labelled("extract", f"{len(claims)} candidates from {source}"):
            return add_extracted(
                self,
                claims,
                source=source,
                text=text,
                title=title,
                outlet=outlet,
                published=published,
                discover=discover,
            )

    def fetch_source(
        self,
        url: str,
        *,
        source_id: str | None = None,
        title: str | None = None,
        outlet: str | None = None,
        author: str | None = None,
        published: dt.date | None = None,
        language: str | None = None,
        derived_from: Sequence[tuple[str, DerivationKind | str]] = (),
        limits: FetchLimits | None = None,
        on_download: Callable[[str], None] | None = None,
    ) -> Source:
        """Download the page at ``url`` and register it as a source with its article text (``sources add URL``).

        The snapshot is the page's article text; the sha256 of the page as
        downloaded is kept too. Title, outlet, author, date, language and the
        page's canonical address come from the page's metadata where they are
        not given; ``retrieved`` is today. Everything that can be refused
        without the network is refused before the download, and nothing is
        written unless it succeeds (see :mod:`provenance.extraction.fetching`
        for the limits and the errors). ``on_download`` is called with the URL
        just before the download starts (the CLI says "Fetching …").
        """
        from .extraction.webpages import fetch_page

        new_id = source_id or source_id_for_url(url)
        probe = Edit(self.layout)
        if probe.has_source(new_id):
            raise LedgerError(
                f"source {new_id!r} already exists; 'provenance sources text {new_id}' fetches its text again"
            )
        for parent, _ in derived_from:
            if not probe.has_source(parent):
                raise NotFoundError(f"derived-from source {parent!r} is not in the ledger; add it first")
        if on_download is not None:
            on_download(url)
        page = fetch_page(url, limits)
        return self.add_source(
            url=page.url,
            source_id=new_id,
            title=title or page.meta.title,
            outlet=outlet or page.meta.outlet,
            author=author or page.meta.author,
            published=published or page.published,
            retrieved=dt.date.today(),
            language=language or page.meta.language,
            text=page.text,
            derived_from=derived_from,
            canonical_url=page.canonical_url,
            page_sha256=page.page_sha256,
        )

    def refresh_text(
        self,
        source_id: str,
        file_or_url: str | os.PathLike[str] | None = None,
        *,
        text: str | None = None,
        retrieved: dt.date | None = None,
        limits: FetchLimits | None = None,
        on_download: Callable[[str], None] | None = None,
    ) -> TextRefresh:
        """Attach or replace a source's text (``sources text``); a replaced text is kept, never lost.

        The text comes from ``file_or_url`` (a text or HTML file, or a page to
        fetch), from ``text`` as given, or, with neither, from the source's own
        URL fetched again. A fetched page also fills the metadata the source
        lacks (its URL too, for a source registered without one). A changed
        text keeps the old one as ``texts/<id>@<hex>.txt`` with an entry in the
        source's ``snapshots``; ``verify`` then checks the claims against the
        new text (see :mod:`provenance.store.snapshots`). ``retrieved`` dates a
        text from a file or given as is; a page fetched now is retrieved today.
        ``on_download`` is as for :meth:`fetch_source`.
        """
        from .store.snapshots import replace_text

        source = Edit(self.layout).source(source_id).source
        if text is not None:
            if file_or_url is not None:
                raise InvalidInputError("give the new text or a file or URL to read it from, not both")
            return replace_text(self, source.id, text, retrieved=retrieved)
        where = str(file_or_url) if file_or_url is not None else source.url
        if where is None:
            raise LedgerError(f"source {source.id!r} has no URL to fetch; give a file or a URL to read its text from")
        if not is_url(where):
            from .extraction.documents import document_text

            return replace_text(self, source.id, document_text(Path(where)), retrieved=retrieved)
        from .extraction.webpages import fetch_page

        if on_download is not None:
            on_download(where)
        page = fetch_page(where, limits)
        own_page = source.url is None or where == source.url
        fill = {
            "url": page.url,
            "title": page.meta.title,
            "outlet": page.meta.outlet,
            "author": page.meta.author,
            "published": page.published,
            "language": page.meta.language,
            "canonical_url": page.canonical_url if own_page else None,
        }
        return replace_text(
            self, source.id, page.text, retrieved=dt.date.today(), page_sha256=page.page_sha256, fill=fill
        )

    # ----------------------------------------------------------------- correcting, with history and undo

    def edit_claim(
        self,
        claim_id: str,
        *,
        text: str | None = None,
        speaker: str | None = None,
        venue: str | None = None,
        kind: ClaimKind | str | None = None,
        said_on: dt.date | None = None,
        mention: str | None = None,
        cue: str | None = None,
        reason: str | None = None,
        unanchored: bool = False,
    ) -> ClaimEdit:
        """Correct a claim's words, speaker, venue, kind, date, printed name or cue (``provenance claims edit``).

        The claim keeps its id; each value replaced goes into its ``history``
        with who changed it, when and ``reason``. New words are anchored in the
        source's text like ``add``'s (``unanchored=True`` records words the
        text does not hold); a speaker is resolved, a new venue name registered.
        """
        from .store.claim_edits import edit_claim

        return edit_claim(
            self,
            claim_id,
            text=text,
            speaker=speaker,
            venue=venue,
            kind=kind,
            said_on=said_on,
            mention=mention,
            cue=cue,
            reason=reason,
            unanchored=unanchored,
        )

    def remove_claim(self, claim_id: str, reason: str) -> Removal:
        """Remove a claim recorded by mistake (``provenance claims remove``); links to it are dropped.

        A wrong claim is usually marked instead (:meth:`set_status`). Undo with :meth:`undo`.
        """
        from .store.removal import remove_claim

        return remove_claim(self, claim_id, reason)

    def remove_source(self, source_id: str, reason: str) -> Removal:
        """Remove a source with its claims and texts (``provenance sources remove``); references to them are dropped."""
        from .store.removal import remove_source

        return remove_source(self, source_id, reason)

    def merge_speakers(self, duplicate: str, into: str, reason: str | None = None) -> Merge:
        """Merge speaker ``duplicate`` into ``into`` (``provenance speakers merge``): its claims move (keeping
        their ids), its names become aliases, it leaves the registry."""
        from .store.registry_edits import merge_speakers

        return merge_speakers(self, duplicate, into, reason)

    def edit_speaker(
        self,
        speaker: str,
        *,
        name: str | None = None,
        kind: SpeakerKind | str | None = None,
        description: str | None = None,
        add_aliases: Sequence[str] = (),
        drop_aliases: Sequence[str] = (),
        identifiers: dict[str, str] | None = None,
        reason: str | None = None,
    ) -> Speaker:
        """Correct a speaker's record (``provenance speakers edit``); the id stays, a former name becomes an alias."""
        from .store.registry_edits import edit_speaker

        return edit_speaker(
            self,
            speaker,
            name=name,
            kind=kind,
            description=description,
            add_aliases=add_aliases,
            drop_aliases=drop_aliases,
            identifiers=identifiers,
            reason=reason,
        )

    def add_venue(
        self,
        name: str,
        *,
        kind: VenueKind | str = "other",
        place: str | None = None,
        date: dt.date | None = None,
        venue_id: str | None = None,
    ) -> Venue:
        """Register a venue (``provenance venues add``); refuses a name or id already registered."""
        from .store.registry_edits import add_venue

        return add_venue(self, name, kind=kind, place=place, date=date, venue_id=venue_id)

    def log(self, limit: int | None = None) -> list[JournalEntry]:
        """The changes that can be undone, newest first (``provenance log``): what, who, when, why, which files."""
        from .store.undo import changes

        return changes(self, limit)

    def undo(self, *, to: int | None = None) -> list[JournalEntry]:
        """Undo the last change, or change ``to`` and every later one (``provenance undo``), byte for byte.

        Files changed since the change are refused (LedgerError), and nothing is written.
        """
        from .store.undo import undo

        return undo(self, to=to)
