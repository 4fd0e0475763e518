"""The ledger's store: a ``claims/`` directory of YAML files, queried through an index, written atomically.

Reads go through the SQLite index beside the files (``index.py``), brought up
to date with the YAML on the first read, so a query at 100,000 claims costs
milliseconds rather than a full load; when SQLite cannot be used, the YAML is
loaded as before. ``add`` reads only the files it changes, so it costs the same
on a ten-claim ledger and on a 100,000-claim one. Every write is an
:class:`~provenance.store.edit.Edit`: under an inter-process lock, re-reading
the files it changes, replacing each atomically, then updating the index.
The public :class:`provenance.Ledger` adds extraction, analysis and drawing on
top of this class.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Self

from ..errors import LedgerLoadError, NotFoundError
from ..names import Resolution
from ..records import (
    Claim,
    ClaimKind,
    ClaimStatus,
    DerivationKind,
    Source,
    Speaker,
    SpeakerKind,
    Venue,
    VenueKind,
    enum_value,
)
from . import adding, claim_edits, registry_edits
from .author import current_author
from .checks import snapshot_problem
from .edit import Edit
from .filters import ClaimIdQuery, ClaimQuery
from .journal import Recorder
from .layout import Layout
from .lock import write_lock
from .opening import create_ledger, ledger_root
from .reading import LedgerReads
from .recording import AddResult, find_venue, look_up_speaker

if TYPE_CHECKING:  # the index (and sqlite3) load with the first read, not with the package
    from .index import IndexStatus, Progress


class LedgerStore:
    """A claims ledger on disk: reads, queries and writes. Open one with :meth:`open`, create one with :meth:`init`."""

    def __init__(self, path: Path, *, progress: Progress | None = None) -> None:
        self.path = path
        self.layout = Layout(path)
        #: The files :meth:`init` created (empty for a ledger that was opened).
        self.created: tuple[str, ...] = ()
        self._reads = LedgerReads(self.layout, progress)
        self._label: tuple[str, str] | None = None  # what edits made now are, for the journal (see labelled)

    @property
    def progress(self) -> Progress | None:
        """Called as ``progress(done, total)`` while a read builds or refreshes the index (files parsed)."""
        return self._reads.progress

    @progress.setter
    def progress(self, value: Progress | None) -> None:
        self._reads.progress = value

    # ----------------------------------------------------------------- opening

    @classmethod
    def init(cls, path: str | os.PathLike[str]) -> Self:
        """Create an empty ledger at ``path``; never overwrites a file that is already there.

        In a directory that already holds part of a ledger (a ``speakers.yaml``
        lost, say), only the missing files are created; ``created`` on the result
        names them. A complete ledger is refused.
        """
        created = create_ledger(Path(path))
        ledger = cls(Path(path))
        ledger.created = created
        return ledger

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, progress: Progress | None = None) -> Self:
        """Open the ledger at ``path`` (default: ``$PROVENANCE_LEDGER`` or ``./claims``).

        Cheap: files are read when first needed. Call :meth:`check` to
        validate everything up front. ``progress(done, total)``, if given, is
        called while the first read builds or refreshes the index.
        """
        return cls(ledger_root(path), progress=progress)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"

    def close(self) -> None:
        """Release the index's connection now rather than when the object is collected (a later read reopens it)."""
        self._reads.forget()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----------------------------------------------------------------- reading

    def speakers(self) -> list[Speaker]:
        """Every registered speaker, in registry order."""
        return list(self._reads.speaker_map().values())

    def venues(self) -> list[Venue]:
        """Every registered venue, in registry order."""
        return list(self._reads.venue_map().values())

    def sources(self) -> list[Source]:
        """Every source, sorted by id."""
        return self._reads.read(
            lambda index: index.sources(),
            lambda: sorted((entry.source for entry in self._reads.source_map().values()), key=lambda source: source.id),
        )

    def source(self, source_id: str) -> Source:
        """One source by id."""

        def from_yaml() -> Source | None:
            entry = self._reads.source_map().get(source_id)
            return entry.source if entry is not None else None

        found = self._reads.read(lambda index: index.source(source_id), from_yaml)
        if found is None:
            raise NotFoundError(f"no source {source_id!r}; see 'provenance sources list'")
        return found

    def speaker(self, name_or_id: str) -> Speaker:
        """One speaker as a person would type the name to look them up.

        Everything :meth:`resolve_speaker` accepts (id, name, alias, a close
        spelling), and also a given name alone, the names in either order or
        the start of a name, as long as only one speaker fits; several are
        listed, never guessed.
        """
        return look_up_speaker(self.speakers(), name_or_id)

    def resolve_speaker(self, mention: str) -> Resolution:
        """Resolve a name as printed to a registered speaker, saying how (names.py rules)."""
        return self._reads.speaker_index().resolve(mention)

    def venue(self, name_or_id: str) -> Venue:
        """One venue by id or (case-insensitive) name."""
        found = find_venue(name_or_id, self._reads.venue_map())
        if found is None:
            raise NotFoundError(f"no venue {name_or_id!r}; see venues.yaml for the registered venues")
        return found

    def claims(
        self,
        *,
        speaker: str | None = None,
        source: str | None = None,
        venue: str | None = None,
        contains: str | None = None,
        kind: ClaimKind | str | None = None,
        status: ClaimStatus | str | None = None,
    ) -> list[Claim]:
        """Claims matching every filter given; names are resolved like ``add`` resolves them.

        ``contains`` matches case-insensitively in the text or the mention.
        """
        query = ClaimQuery(
            speakers=frozenset([self.speaker(speaker).id]) if speaker else None,
            sources=frozenset([self.source(source).id]) if source is not None else None,
            venues=frozenset([self.venue(venue).id]) if venue else None,
            kind=enum_value(ClaimKind, kind, "kind").value if kind else None,
            status=enum_value(ClaimStatus, status, "status").value if status else None,
            contains=contains.casefold() if contains else None,
        )
        return self._claims(query)

    def select_claims(
        self,
        *,
        speakers: Collection[str] | None = None,
        sources: Collection[str] | None = None,
        ids: Collection[str] | None = None,
        linking_to: Collection[str] | None = None,
    ) -> list[Claim]:
        """Claims whose speaker, source and claim id are among those given, and (``linking_to``) that link to
        one of these claim ids; ids as stored, no name resolution.

        What the graph uses to draw only part of a ledger without reading the rest.
        """

        def chosen(values: Collection[str] | None) -> frozenset[str] | None:
            return frozenset(values) if values is not None else None

        query = ClaimQuery(speakers=chosen(speakers), sources=chosen(sources), ids=chosen(ids))
        return self._claims(replace(query, linking_to=chosen(linking_to)))

    def _claims(self, query: ClaimQuery) -> list[Claim]:
        def from_yaml() -> list[Claim]:
            entries = self._reads.source_map().values()
            return [claim for entry in entries for claim in entry.claims if query.matches(claim)]

        return self._reads.read(lambda index: index.claims(query), from_yaml)

    def claim(self, claim_id: str) -> Claim:
        """One claim by id; a unique prefix of at least 4 hex digits is enough ("c-3e9c" or "3e9c")."""
        query = ClaimIdQuery.parse(claim_id)
        found = self._reads.read(
            lambda index: index.claims_with_id(query.full, prefix=query.prefix),
            lambda: [claim for claim in self.iter_claims() if query.matches(claim)],
        )
        return query.one(found)

    def iter_claims(self) -> Iterator[Claim]:
        """Every claim, source by source (what the graph and exporters walk)."""
        yield from self._reads.iter_claims()

    def text(self, source_id: str) -> str | None:
        """The source's text snapshot, or None when it has none."""
        return Edit(self.layout).text(source_id)

    def check(self) -> None:
        """Load and validate every file; raise LedgerLoadError listing *every* problem.

        Beyond what every load checks, this also compares each text snapshot
        with the checksum its source recorded.
        """
        problems = [
            problem
            for source_id, entry in self._reads.source_map().items()
            if (problem := snapshot_problem(entry.source, self.text(source_id), self.layout.text(source_id)))
        ]
        if problems:
            raise LedgerLoadError(problems)

    # ----------------------------------------------------------------- the index

    def index_status(self) -> IndexStatus:
        """The query index as it is now (``claims/.index.sqlite``): fresh, stale, missing…, and what it holds.

        Looks only; a stale index is reported, not refreshed.
        """
        from .index import status

        return status(self.layout)

    def rebuild_index(self, progress: Progress | None = None) -> IndexStatus:
        """Throw the index away and build it again from the YAML files; its status afterwards.

        Never needed for correct answers (every read refreshes what changed);
        for someone who wants to see the cost, or to reclaim space.
        """
        from .index import rebuild, status

        self._reads.forget()
        rebuild(self.layout, progress or self.progress)
        return status(self.layout)

    # ----------------------------------------------------------------- writing

    @contextlib.contextmanager
    def edit(self, *, journal: bool = True) -> Iterator[Edit]:
        """Hold the write lock for one change; what this object had read is forgotten afterwards.

        The index is brought up to date with the files written before the lock
        is released (a write that fails part way still records what it wrote),
        and the change is written to the journal, with the files as they were
        before it, so ``provenance undo`` can put them back (``journal=False``:
        not journaled, as undo itself is). ``edit.describe(action, summary,
        reason)`` says what the change was, for ``provenance log``.
        """
        try:
            with write_lock(self.layout.lock, self.path):
                recorder = Recorder(self.layout) if journal else None
                edit = Edit(self.layout, recorder)
                if self._label is not None:
                    edit.describe(*self._label)
                try:
                    yield edit
                finally:
                    if edit.written or edit.removed:
                        from .index import record_writes

                        record_writes(self.layout, list(edit.written.values()), removed=sorted(edit.removed))
                    if recorder is not None:
                        by = current_author(self.path)
                        recorder.commit(action=edit.action, summary=edit.summary, reason=edit.reason, by=by)
        finally:
            self._reads.forget()

    @contextlib.contextmanager
    def _labelled(self, action: str, summary: str = "") -> Iterator[None]:
        """Describe the edits made inside the block (by code that does not describe its own) for the journal."""
        before, self._label = self._label, (action, summary)
        try:
            yield
        finally:
            self._label = before

    def add(
        self,
        text: str,
        *,
        speaker: str | None,
        source: str,
        venue: str | None = None,
        kind: ClaimKind | str = ClaimKind.DIRECT,
        said_on: dt.date | None = None,
        mention: str | None = None,
        cue: str | None = None,
        new_speaker: bool = False,
        speaker_kind: SpeakerKind | str = SpeakerKind.PERSON,
        venue_kind: VenueKind | str = VenueKind.OTHER,
        title: str | None = None,
        outlet: str | None = None,
        published: dt.date | None = None,
        status: ClaimStatus | str = ClaimStatus.RECORDED,
        confidence: float | None = None,
        tags: Sequence[str] = (),
        unanchored: bool = False,
    ) -> AddResult:
        """Record one claim; adding the same claim again returns it unchanged (``created=False``).

        ``speaker`` is a name as printed, an alias or an id; it is resolved
        against the registry (fuzzy spellings included) and the name as given
        is kept as ``speaker_mention``. ``new_speaker=True`` registers an
        unknown name instead of failing. ``source`` is a source id or a URL;
        a new URL creates the source record. When the source has a text
        snapshot, the claim is anchored in it: words it does not hold are
        refused (QuoteNotFoundError names the closest passage) unless
        ``unanchored=True``, which records the claim without an anchor, marked so.
        """
        return adding.add_claim(
            self,
            text,
            speaker=speaker,
            source=source,
            venue=venue,
            kind=kind,
            said_on=said_on,
            mention=mention,
            cue=cue,
            new_speaker=new_speaker,
            speaker_kind=speaker_kind,
            venue_kind=venue_kind,
            title=title,
            outlet=outlet,
            published=published,
            status=status,
            confidence=confidence,
            tags=tags,
            unanchored=unanchored,
        )

    def add_speaker(
        self,
        name: str,
        *,
        kind: SpeakerKind | str = SpeakerKind.PERSON,
        aliases: Sequence[str] = (),
        description: str | None = None,
        speaker_id: str | None = None,
        identifiers: Mapping[str, str] | None = None,
    ) -> Speaker:
        """Register a speaker; refuses a name or id that is already registered."""
        return registry_edits.add_speaker(
            self,
            name,
            kind=kind,
            aliases=aliases,
            description=description,
            speaker_id=speaker_id,
            identifiers=identifiers,
        )

    def add_alias(self, speaker: str, alias: str) -> Speaker:
        """Add a spelling to a speaker's aliases (a no-op when it is already there)."""
        return registry_edits.add_alias(self, speaker, alias)

    def add_source(
        self,
        *,
        url: str | None = None,
        source_id: str | None = None,
        title: str | None = None,
        outlet: str | None = None,
        author: str | None = None,
        published: dt.date | None = None,
        retrieved: dt.date | None = None,
        language: str | None = None,
        text: str | None = None,
        derived_from: Sequence[tuple[str, DerivationKind | str]] = (),
        canonical_url: str | None = None,
        page_sha256: str | None = None,
    ) -> Source:
        """Register a source, optionally with its text snapshot (stored in ``texts/``).

        ``canonical_url`` and ``page_sha256`` describe a text fetched from the
        web; :meth:`provenance.Ledger.fetch_source` fills them.
        """
        return adding.add_source(
            self,
            url=url,
            source_id=source_id,
            title=title,
            outlet=outlet,
            author=author,
            published=published,
            retrieved=retrieved,
            language=language,
            text=text,
            derived_from=derived_from,
            canonical_url=canonical_url,
            page_sha256=page_sha256,
        )

    def set_status(
        self,
        claim_id: str,
        status: ClaimStatus | str,
        reason: str | None = None,
        *,
        to: str | None = None,
        on: dt.date | None = None,
    ) -> Claim:
        """Mark a claim (verified, disputed, misattributed, retracted…) without deleting it.

        The previous status and its reason move to the claim's ``history``
        (dated ``on``, default today, with who made the change), so a
        correction never erases what it corrects. ``to`` names who really said
        a misattributed claim (a speaker, resolved as ``add`` resolves names);
        it is kept as ``actual_speaker`` beside the speaker the source named.
        Setting the status the claim already has changes nothing.
        """
        return claim_edits.set_status(self, claim_id, status, reason, to=to, on=on)
