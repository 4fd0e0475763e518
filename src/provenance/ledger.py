"""The ledger: a ``claims/`` directory of YAML files, read lazily, written atomically.

Layout (see docs/architecture.md)::

    claims/
      speakers.yaml             the speaker registry
      venues.yaml               the venue registry
      sources/<source-id>.yaml  one source and the claims it reports
      texts/<source-id>.txt     optional snapshot of the source's text

Reading is lazy: registries load on first use and source files only when a
query needs them, so ``add`` costs the same on a ten-claim ledger and on a
100,000-claim one. Every write happens under an inter-process lock, re-reads
the file it changes inside the lock, and replaces it atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from filelock import FileLock, Timeout

from . import files
from .codec import (
    SOURCES_DIR,
    SourceFile,
    compact,
    cross_check,
    display_path,
    gc_paused,
    index_unique,
    parse_source_file,
    read_registry,
)
from .errors import LedgerError, LedgerLoadError, NotFoundError, Problem, SpeakerError
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
    StatusChange,
    Venue,
    VenueHint,
    VenueKind,
    claim_id,
    normalise_text,
    slugify,
)
from .names import Resolution, SpeakerIndex, normalise_name

if TYPE_CHECKING:
    import networkx as nx

    from .extract import ExtractedClaim
    from .trace import Trace
    from .variants import VariantGroup
    from .verify import Verification

SPEAKERS_FILE = "speakers.yaml"
VENUES_FILE = "venues.yaml"
TEXTS_DIR = "texts"
LOCK_FILE = ".lock"
#: The note on variant_of links that ``variants(write=True)`` writes, so a later run can replace them.
VARIANTS_NOTE = "provenance variants"
#: Seconds a writer waits for another writer before giving up with a clear error.
LOCK_TIMEOUT = 60.0


@dataclass(frozen=True)
class AddResult:
    """What ``Ledger.add`` did, so the caller can tell the user."""

    claim: Claim
    created: bool  # False when an identical claim was already recorded
    resolution: Resolution | None  # how the speaker name was resolved
    speaker_created: bool = False
    source_created: bool = False
    venue_created: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractedAddResult:
    """What ``Ledger.add_extracted`` recorded."""

    source: Source
    added: tuple[Claim, ...]
    already_recorded: int
    source_created: bool


def default_ledger_path() -> Path:
    """``$PROVENANCE_LEDGER`` if set, else ``./claims``."""
    return Path(os.environ.get("PROVENANCE_LEDGER") or "claims")


def is_url(value: str) -> bool:
    """True for the http(s) URLs that ``add --source`` turns into new sources."""
    return value.strip().lower().startswith(("http://", "https://"))


def same_url(url: str) -> str:
    """The form two URLs are compared in: scheme and host lower-cased, no trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def source_id_for_url(url: str) -> str:
    """A readable, deterministic source id: site name plus the article's slug."""
    parts = urlsplit(url)
    host = parts.hostname or "source"
    labels = [label for label in host.split(".") if label not in ("www", "amp", "m")]
    site = labels[0] if labels else "source"
    segments = [s for s in parts.path.split("/") if s and not s.isdigit()]
    tail = segments[-1] if segments else ""
    tail = re.sub(r"\.(html?|php|aspx?)$", "", tail)
    return slugify(f"{site} {tail}", max_length=60)


def sha256_text(text: str) -> str:
    """Checksum recorded in ``Source.text_sha256`` (of the UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locate(text: str, snapshot: str) -> Anchor | None:
    """Anchor ``text`` in ``snapshot``: first exact occurrence, else whitespace-tolerant."""
    start = snapshot.find(text)
    end = start + len(text)
    if start < 0:
        pattern = r"\s+".join(re.escape(word) for word in text.split())
        match = re.search(pattern, snapshot) if pattern else None
        if match is None:
            return None
        start, end = match.span()
    return Anchor.around(snapshot, start, end)


class Ledger:
    """A claims ledger on disk. Open one with :meth:`open` or create one with :meth:`init`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._speakers: dict[str, Speaker] | None = None
        self._venues: dict[str, Venue] | None = None
        self._sources: dict[str, SourceFile] | None = None

    # ----------------------------------------------------------------- opening

    @classmethod
    def init(cls, path: str | os.PathLike[str]) -> Ledger:
        """Create an empty ledger at ``path``; refuses to overwrite an existing one."""
        root = Path(path)
        if (root / SPEAKERS_FILE).exists():
            raise LedgerError(f"{root} is already a ledger (it has {SPEAKERS_FILE})")
        (root / SOURCES_DIR).mkdir(parents=True, exist_ok=True)
        (root / TEXTS_DIR).mkdir(exist_ok=True)
        files.atomic_write(root / SPEAKERS_FILE, files.dump_yaml({"speakers": []}))
        files.atomic_write(root / VENUES_FILE, files.dump_yaml({"venues": []}))
        files.atomic_write(root / ".gitignore", f"{LOCK_FILE}\n")  # the writers' lock is not part of the record
        return cls(root)

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Ledger:
        """Open the ledger at ``path`` (default: ``$PROVENANCE_LEDGER`` or ``./claims``).

        Cheap: files are read when first needed. Call :meth:`check` to
        validate everything up front.
        """
        root = Path(path) if path is not None else default_ledger_path()
        if not root.is_dir():
            raise LedgerError(f"no ledger at {root}: create one with 'provenance --ledger {root} init'")
        if not (root / SPEAKERS_FILE).exists():
            raise LedgerError(f"{root} is not a ledger (no {SPEAKERS_FILE}); run 'provenance --ledger {root} init'")
        return cls(root)

    def __repr__(self) -> str:
        return f"Ledger({str(self.path)!r})"

    # ----------------------------------------------------------------- reading

    def speakers(self) -> list[Speaker]:
        """Every registered speaker, in registry order."""
        return list(self._speaker_map().values())

    def venues(self) -> list[Venue]:
        """Every registered venue, in registry order."""
        return list(self._venue_map().values())

    def sources(self) -> list[Source]:
        """Every source, sorted by id."""
        return sorted((entry.source for entry in self._source_map().values()), key=lambda source: source.id)

    def source(self, source_id: str) -> Source:
        """One source by id."""
        entry = self._source_map().get(source_id)
        if entry is None:
            raise NotFoundError(f"no source {source_id!r}; see 'provenance sources list'")
        return entry.source

    def speaker(self, name_or_id: str) -> Speaker:
        """One speaker by id, name, alias or a close spelling (see :meth:`resolve_speaker`)."""
        return self.resolve_speaker(name_or_id).speaker

    def resolve_speaker(self, mention: str) -> Resolution:
        """Resolve a name as printed to a registered speaker, saying how (names.py rules)."""
        return SpeakerIndex(self.speakers()).resolve(mention)

    def venue(self, name_or_id: str) -> Venue:
        """One venue by id or (case-insensitive) name."""
        found = self._find_venue(name_or_id, self._venue_map())
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
        speaker_id = self.speaker(speaker).id if speaker else None
        venue_id = self.venue(venue).id if venue else None
        needle = contains.casefold() if contains else None
        kind_value = ClaimKind(kind) if kind else None
        status_value = ClaimStatus(status) if status else None
        if source is not None:
            entries: Iterable[SourceFile] = [self._source_entry(source)]
        else:
            entries = self._source_map().values()
        found = []
        for entry in entries:
            for claim in entry.claims:
                if speaker_id and claim.speaker != speaker_id:
                    continue
                if venue_id and claim.venue != venue_id:
                    continue
                if kind_value and claim.kind != kind_value:
                    continue
                if status_value and claim.status != status_value:
                    continue
                if (
                    needle
                    and needle not in claim.text.casefold()
                    and needle not in (claim.speaker_mention or "").casefold()
                ):
                    continue
                found.append(claim)
        return found

    def claim(self, claim_id: str) -> Claim:
        """One claim by id; a unique prefix of at least 4 hex digits is enough ("c-3e9c" or "3e9c")."""
        wanted = claim_id.strip().lower()
        digits = wanted.removeprefix("c-")
        if not re.fullmatch(r"[0-9a-f]+", digits):
            raise NotFoundError(f"{claim_id!r} is not a claim id; 'provenance list' shows the ids")
        full = f"c-{digits}"
        matches = [c for c in self.claims() if c.id == full or (len(digits) >= 4 and c.id.startswith(full))]
        exact = [c for c in matches if c.id == full]
        if exact:
            return exact[0]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            hint = " (give at least 4 hex digits)" if len(digits) < 4 else ""
            raise NotFoundError(f"no claim {claim_id!r}{hint}; 'provenance list' shows the ids")
        raise NotFoundError(f"claim id prefix {claim_id!r} is ambiguous: {', '.join(c.id for c in matches[:5])}")

    def text(self, source_id: str) -> str | None:
        """The source's text snapshot, or None when it has none."""
        path = self.path / TEXTS_DIR / f"{source_id}.txt"
        if not path.exists():
            return None
        with path.open(encoding="utf-8", newline="") as handle:  # byte-exact: "\r\n" stays, as it was hashed
            return handle.read()

    def check(self) -> None:
        """Load and validate every file; raise LedgerLoadError listing *every* problem.

        Beyond what every load checks, this also compares each text snapshot
        with the checksum its source recorded.
        """
        entries = self._source_map()
        problems = []
        for source_id, entry in entries.items():
            recorded = entry.source.text_sha256
            snapshot = self.text(source_id)
            shown = display_path(self.path / TEXTS_DIR / f"{source_id}.txt")
            if recorded and snapshot is None:
                problems.append(Problem(shown, None, "missing, though the source records its text_sha256"))
            elif recorded and snapshot is not None and sha256_text(snapshot) != recorded:
                problems.append(
                    Problem(shown, None, f"changed since it was recorded (text_sha256 in sources/{source_id}.yaml)")
                )
        if problems:
            raise LedgerLoadError(problems)

    def graph(self, *, speakers: Sequence[str] | None = None, sources: Sequence[str] | None = None) -> nx.MultiDiGraph:
        """The ledger as a networkx MultiDiGraph, optionally only some speakers' or sources' claims.

        Speakers may be given by name, alias or id (resolved as ``add`` does).
        See :func:`provenance.graph.ledger_to_graph` for the node and edge types.
        """
        from .graph import ledger_to_graph  # networkx loads only when a graph is wanted

        speaker_ids = {self.speaker(name).id for name in speakers} if speakers else None
        source_ids = {self.source(sid).id for sid in sources} if sources else None
        return ledger_to_graph(self, speakers=speaker_ids, sources=source_ids)

    def verify(self, *, fix: bool = False) -> list[Verification]:
        """Re-anchor every claim in its source's text snapshot (see :mod:`provenance.verify`).

        With ``fix=True``, claims found verbatim elsewhere (``moved``) get their
        anchor moved there; nothing else is changed.
        """
        from .verify import Outcome, reanchor, verify_claim

        results: list[Verification] = []
        moved: dict[str, dict[str, Verification]] = {}
        for source_id, entry in self._source_map().items():
            snapshot = self.text(source_id)
            recorded = entry.source.text_sha256
            changed = snapshot is not None and recorded is not None and sha256_text(snapshot) != recorded
            vanished = snapshot is None and recorded is not None
            for claim in entry.claims:
                result = verify_claim(claim, snapshot, snapshot_changed=changed)
                if vanished:  # the text the anchors pointed into is gone: not "no text", a change
                    note = f"{TEXTS_DIR}/{source_id}.txt is missing, though the source records its checksum"
                    result = result.model_copy(update={"outcome": Outcome.CHANGED, "note": note})
                results.append(result)
                if result.outcome is Outcome.MOVED:
                    moved.setdefault(source_id, {})[claim.id] = result
        if fix and moved:
            with self._lock():
                for source_id, fixes in moved.items():
                    entry = self._read_source_file(self._source_path(source_id))
                    snapshot = self.text(source_id) or ""
                    entry.claims = [reanchor(c, fixes[c.id], snapshot) if c.id in fixes else c for c in entry.claims]
                    self._write_source(entry)
            self._invalidate()
        return results

    def variants(self, *, write: bool = False) -> list[VariantGroup]:
        """Group claims that render one utterance across sources (see :mod:`provenance.variants`).

        With ``write=True``, each non-origin member gets a ``variant_of`` link to
        its group's origin (links already there are kept, not duplicated).
        """
        from .variants import group_variants, variant_links

        groups = group_variants(list(self.iter_claims()), self.sources())
        if write:
            links = variant_links(groups)
            touched = sorted(
                {c.source for c in self.iter_claims() if c.id in links or any(k.note == VARIANTS_NOTE for k in c.links)}
            )
            with self._lock():
                for source_id in touched:
                    entry = self._read_source_file(self._source_path(source_id))
                    changed = False
                    for i, claim in enumerate(entry.claims):
                        # Links this command wrote before are replaced (the grouping may have changed);
                        # links a person wrote are kept.
                        kept = tuple(k for k in claim.links if k.note != VARIANTS_NOTE)
                        target = links.get(claim.id)
                        if target is not None and not any(
                            k.kind is LinkKind.VARIANT_OF and k.target == target for k in kept
                        ):
                            kept = (*kept, Link(kind=LinkKind.VARIANT_OF, target=target, note=VARIANTS_NOTE))
                        if kept != claim.links:
                            entry.claims[i] = claim.model_copy(update={"links": kept})
                            changed = True
                    if changed:
                        self._write_source(entry)
            self._invalidate()
        return groups

    def trace(self, claim_id: str) -> Trace:
        """The chain of one claim: speaker, venue, first appearance, later appearances, hops, drift."""
        from .trace import trace_claim

        claim = self.claim(claim_id)
        claims = {c.id: c for c in self.iter_claims()}
        sources = {s.id: s for s in self.sources()}
        return trace_claim(
            claim,
            claims,
            sources,
            self.variants(),
            speaker_names={s.id: s.name for s in self.speakers()},
            venue_names={v.id: v.name for v in self.venues()},
        )

    # ----------------------------------------------------------------- writing

    def add(
        self,
        text: str,
        *,
        speaker: str | None,
        source: str,
        venue: str | None = None,
        kind: ClaimKind | str = ClaimKind.DIRECT,
        said_on: date | None = None,
        mention: str | None = None,
        cue: str | None = None,
        new_speaker: bool = False,
        speaker_kind: SpeakerKind | str = SpeakerKind.PERSON,
        venue_kind: VenueKind | str = VenueKind.OTHER,
        title: str | None = None,
        outlet: str | None = None,
        published: date | None = None,
        status: ClaimStatus | str = ClaimStatus.RECORDED,
        confidence: float | None = None,
        tags: Sequence[str] = (),
    ) -> AddResult:
        """Record one claim; adding the same claim again returns it unchanged (``created=False``).

        ``speaker`` is a name as printed, an alias or an id; it is resolved
        against the registry (fuzzy spellings included) and the name as given
        is kept as ``speaker_mention``. ``new_speaker=True`` registers an
        unknown name instead of failing. ``source`` is a source id or a URL;
        a new URL creates the source record. When the source has a text
        snapshot, the claim is anchored in it.
        """
        as_given = text.strip()
        text = normalise_text(text)
        if not text:
            raise LedgerError("claim text is empty")
        if venue is not None and not venue.strip():
            raise LedgerError("venue name is empty")
        warnings: list[str] = []
        with self._lock():
            # Everything that can fail is looked up before anything is written.
            entry, source_created = self._source_for_add(source, title=title, outlet=outlet, published=published)
            speakers = self._read_speakers()
            resolution: Resolution | None = None
            created_speaker: Speaker | None = None
            speaker_id: str | None = None
            if speaker:
                resolution, created_speaker = self._resolve_or_create(
                    speaker, speakers, new_speaker, speaker_kind, warnings
                )
                speaker_id = resolution.speaker.id if resolution else created_speaker.id if created_speaker else None
            if mention is None and speaker and speaker_id != speaker.strip():
                mention = speaker.strip()
            new_id = claim_id(entry.source.id, text, speaker_id)
            for existing in entry.claims:
                if existing.id == new_id:  # already recorded: register nothing else either
                    self._invalidate()
                    return AddResult(existing, False, resolution)
            if created_speaker is not None:
                speakers[created_speaker.id] = created_speaker
                self._write_speakers(speakers)
            venue_id, venue_created = self._venue_for(venue, venue_kind, said_on)

            anchor = None
            snapshot = self.text(entry.source.id)
            if snapshot is not None:
                # The words as given first (a decomposed "é" stays findable), then their normalised form.
                anchor = locate(as_given, snapshot) or locate(text, snapshot)
                if anchor is None:
                    warnings.append(
                        f"the text was not found in {TEXTS_DIR}/{entry.source.id}.txt; recorded without an anchor"
                    )
            elif entry.source.text_sha256:
                warnings.append(
                    f"{TEXTS_DIR}/{entry.source.id}.txt is missing although the source records its checksum; "
                    "recorded without an anchor"
                )
            claim = Claim(
                id=new_id,
                text=text,
                kind=ClaimKind(kind),
                speaker=speaker_id,
                speaker_mention=mention,
                cue=cue,
                venue=venue_id,
                said_on=said_on,
                source=entry.source.id,
                anchor=anchor,
                status=ClaimStatus(status),
                confidence=confidence,
                tags=tuple(tags),
            )
            entry.claims.append(claim)
            self._write_source(entry)
        self._invalidate()
        speaker_created = created_speaker is not None
        return AddResult(claim, True, resolution, speaker_created, source_created, venue_created, tuple(warnings))

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
        if not name.strip():
            raise LedgerError("speaker name is empty")
        new_id = speaker_id or slugify(name)
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", new_id) or not any(ch.isalnum() for ch in name):
            raise LedgerError(
                f"cannot use {new_id!r} as a speaker id; pass an id of lowercase letters, digits and dashes"
            )
        with self._lock():
            speakers = self._read_speakers()
            index = SpeakerIndex(speakers.values())
            if new_id in speakers:
                raise LedgerError(f"speaker id {new_id!r} is already registered ({speakers[new_id].name})")
            try:
                exact = index.resolve(name)
            except SpeakerError:
                exact = None
            if exact is not None and exact.method in ("name", "alias", "normalised"):
                raise LedgerError(f"{name!r} is already registered as {exact.speaker.name} [{exact.speaker.id}]")
            speaker = Speaker(
                id=new_id,
                name=name.strip(),
                kind=SpeakerKind(kind),
                aliases=tuple(aliases),
                description=description,
                identifiers=dict(identifiers or {}),
            )
            speakers[speaker.id] = speaker
            self._write_speakers(speakers)
        self._invalidate()
        return speaker

    def add_alias(self, speaker: str, alias: str) -> Speaker:
        """Add a spelling to a speaker's aliases (a no-op when it is already there)."""
        with self._lock():
            speakers = self._read_speakers()
            target = SpeakerIndex(speakers.values()).resolve(speaker).speaker
            alias = alias.strip()
            if not alias:
                raise LedgerError("alias is empty")
            for other in speakers.values():
                if other.id != target.id and (alias == other.name or alias in other.aliases):
                    raise LedgerError(f"{alias!r} already names {other.name} [{other.id}]")
            if alias != target.name and alias not in target.aliases:
                target = target.model_copy(update={"aliases": (*target.aliases, alias)})
                speakers[target.id] = target
                self._write_speakers(speakers)
        self._invalidate()
        return target

    def add_source(
        self,
        *,
        url: str | None = None,
        source_id: str | None = None,
        title: str | None = None,
        outlet: str | None = None,
        author: str | None = None,
        published: date | None = None,
        retrieved: date | None = None,
        language: str | None = None,
        text: str | None = None,
        derived_from: Sequence[tuple[str, DerivationKind | str]] = (),
    ) -> Source:
        """Register a source, optionally with its text snapshot (stored in ``texts/``)."""
        if source_id is None:
            if url is None:
                raise LedgerError("a source needs an id or a URL")
            source_id = source_id_for_url(url)
        with self._lock():
            path = self._source_path(source_id)
            if path.exists():
                raise LedgerError(f"source {source_id!r} already exists ({path})")
            for parent, _ in derived_from:
                if not self._source_path(parent).exists():
                    raise NotFoundError(f"derived-from source {parent!r} is not in the ledger; add it first")
            source = Source(
                id=source_id,
                title=title,
                outlet=outlet,
                url=url,
                author=author,
                published=published,
                retrieved=retrieved,
                language=language,
                text_sha256=sha256_text(text) if text is not None else None,
                derived_from=tuple(Derivation(source=p, relation=DerivationKind(r)) for p, r in derived_from),
            )
            if text is not None:
                files.atomic_write(self.path / TEXTS_DIR / f"{source_id}.txt", text)
            self._write_source(SourceFile(source))
        self._invalidate()
        return source

    def add_extracted(
        self,
        claims: Sequence[ExtractedClaim],
        *,
        source: str,
        text: str,
        title: str | None = None,
        outlet: str | None = None,
        published: date | None = None,
    ) -> ExtractedAddResult:
        """Record extractor candidates with status ``extracted``, and the text their anchors point into.

        ``source`` is a source id or a URL (a new URL creates the source). The
        text becomes the source's snapshot; a source whose snapshot differs is
        refused, since the offsets would point into the wrong text. Running it
        twice adds nothing new. A venue hint with a resolved speaker becomes a
        venue record ("Valery Tsepkalo, over phone from exile in Poland").
        """
        with self._lock():
            entry, source_created = self._source_for_add(source, title=title, outlet=outlet, published=published)
            source_id = entry.source.id
            snapshot = self.text(source_id)
            if snapshot is None:
                files.atomic_write(self.path / TEXTS_DIR / f"{source_id}.txt", text)
                entry.source = entry.source.model_copy(update={"text_sha256": sha256_text(text)})
            elif snapshot != text:
                raise LedgerError(
                    f"source {source_id!r} already has a different text snapshot ({TEXTS_DIR}/{source_id}.txt); "
                    "extract from that text, or register this version as a new source"
                )
            speakers = self._read_speakers()
            venues = self._read_venues()
            venues_before = len(venues)
            existing = {c.id for c in entry.claims}
            # The same words at the same place count as recorded, even if the speaker has since been
            # registered (which changes the id): re-running extraction must not duplicate claims.
            spans = {(c.anchor.start, c.anchor.end, c.kind) for c in entry.claims if c.anchor}
            added: list[Claim] = []
            for found in claims:
                speaker_id = found.speaker if found.speaker in speakers else None
                new_id = claim_id(source_id, found.text, speaker_id)
                span = (found.anchor.start, found.anchor.end, found.kind)
                if new_id in existing or span in spans:
                    continue
                existing.add(new_id)
                spans.add(span)
                venue_id = None
                if found.venue is not None and speaker_id is not None:
                    venue_id = self._venue_for_hint(found.venue, speakers[speaker_id], source_id, venues)
                claim = Claim(
                    id=new_id,
                    text=normalise_text(found.text),
                    kind=found.kind,
                    speaker=speaker_id,
                    speaker_mention=found.speaker_mention,
                    cue=found.cue,
                    venue=venue_id,
                    source=source_id,
                    anchor=found.anchor,
                    speaker_anchor=found.speaker_anchor,
                    status=ClaimStatus.EXTRACTED,
                    confidence=found.confidence,
                )
                entry.claims.append(claim)
                added.append(claim)
            if len(venues) != venues_before:
                self._write_venues(venues)
            if added or source_created or snapshot is None:
                self._write_source(entry)
        self._invalidate()
        return ExtractedAddResult(entry.source, tuple(added), len(claims) - len(added), source_created)

    def _venue_for_hint(self, hint: VenueHint, speaker: Speaker, source_id: str, venues: dict[str, Venue]) -> str:
        name = f"{speaker.name}, {hint.phrase}"
        for venue in venues.values():
            if venue.name == name:
                return venue.id
        venue = Venue(
            id=self._free_id(slugify(f"{speaker.id} {hint.kind.value} {source_id}"), venues),
            name=name,
            kind=hint.kind,
            place=hint.place,
        )
        venues[venue.id] = venue
        return venue.id

    def set_status(
        self, claim_id: str, status: ClaimStatus | str, reason: str | None = None, *, on: date | None = None
    ) -> Claim:
        """Mark a claim (verified, disputed, misattributed, retracted…) without deleting it.

        The previous status and its reason move to the claim's ``history``
        (dated ``on``, default today), so a correction never erases what it
        corrects. Setting the status the claim already has changes nothing.
        """
        target = self.claim(claim_id)
        new_status = ClaimStatus(status)
        if new_status not in (ClaimStatus.RECORDED, ClaimStatus.EXTRACTED) and not (reason or "").strip():
            raise LedgerError(f"a {new_status.value} claim needs a reason: say why, for the record")
        with self._lock():
            entry = self._read_source_file(self._source_path(target.source))
            for i, claim in enumerate(entry.claims):
                if claim.id == target.id:
                    if claim.status == new_status and claim.status_reason == reason:
                        break
                    past = StatusChange(status=claim.status, reason=claim.status_reason, until=on or date.today())
                    update = {"status": new_status, "status_reason": reason, "history": (*claim.history, past)}
                    entry.claims[i] = Claim.model_validate(claim.model_copy(update=update).model_dump())
                    self._write_source(entry)
                    break
            else:  # pragma: no cover - the file changed under us between read and lock
                raise NotFoundError(f"claim {target.id} vanished from {target.source}")
        self._invalidate()
        return entry.claims[i]

    # ----------------------------------------------------------------- internals: add

    def _resolve_or_create(
        self,
        mention: str,
        speakers: dict[str, Speaker],
        new_speaker: bool,
        kind: SpeakerKind | str,
        warnings: list[str],
    ) -> tuple[Resolution | None, Speaker | None]:
        index = SpeakerIndex(speakers.values())
        if not new_speaker:
            return index.resolve(mention), None
        try:
            found = index.resolve(mention)
        except SpeakerError:
            found = None
        if found is not None and found.method != "fuzzy":
            return found, None  # already registered under that exact name: reuse it
        if found is not None:
            warnings.append(
                f"registered {mention!r} as a new speaker although it is close to {found.speaker.name} "
                f"(score {found.score:.0f})"
            )
        return None, Speaker(id=self._free_id(slugify(mention), speakers), name=mention.strip(), kind=SpeakerKind(kind))

    def _venue_for(self, venue: str | None, kind: VenueKind | str, said_on: date | None) -> tuple[str | None, bool]:
        if not venue:
            return None, False
        venues = self._read_venues()
        found = self._find_venue(venue, venues)
        if found is not None:
            return found.id, False
        new = Venue(id=self._free_id(slugify(venue), venues), name=venue.strip(), kind=VenueKind(kind), date=said_on)
        venues[new.id] = new
        self._write_venues(venues)
        return new.id, True

    @staticmethod
    def _find_venue(name_or_id: str, venues: Mapping[str, Venue]) -> Venue | None:
        key = name_or_id.strip()
        if key in venues:
            return venues[key]
        norm = normalise_name(key)
        for venue in venues.values():
            if normalise_name(venue.name) == norm:
                return venue
        return None

    @staticmethod
    def _free_id(base: str, taken: Mapping[str, object]) -> str:
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def _source_for_add(
        self, source: str, *, title: str | None, outlet: str | None, published: date | None
    ) -> tuple[SourceFile, bool]:
        if not is_url(source):
            path = self._source_path(source)
            if not path.exists():
                raise NotFoundError(
                    f"no source {source!r}; pass the article's URL to create it, or see 'provenance sources list'"
                )
            return self._read_source_file(path), False
        known = self._source_with_url(source)
        if known is not None:
            return known, False
        source_id = source_id_for_url(source)
        if self._source_path(source_id).exists():  # the id is taken by another URL
            source_id = f"{source_id}-{hashlib.sha256(same_url(source).encode()).hexdigest()[:6]}"
        entry = SourceFile(Source(id=source_id, url=source, title=title, outlet=outlet, published=published))
        return entry, True

    def _source_with_url(self, url: str) -> SourceFile | None:
        """The source already registered for ``url`` (scheme, host case and a trailing slash aside).

        Checks the id the URL would get first, then scans the source files' text for the URL
        (a substring test per file, parsing only a file that contains it).
        """
        wanted = same_url(url)
        guess = self._source_path(source_id_for_url(url))
        candidates = [guess] if guess.exists() else []
        candidates += sorted(p for p in (self.path / SOURCES_DIR).glob("*.yaml") if p != guess)
        needle = wanted.split("://", 1)[-1]
        for path in candidates:
            if needle not in path.read_text(encoding="utf-8").lower():
                continue
            entry = self._read_source_file(path)
            if entry.source.url and same_url(entry.source.url) == wanted:
                return entry
        return None

    # ----------------------------------------------------------------- internals: files

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """Hold the inter-process write lock; a stuck lock becomes a clear error."""
        lock = FileLock(str(self.path / LOCK_FILE), timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except Timeout as exc:
            raise LedgerError(
                f"the ledger {self.path} is locked by another writer (waited {LOCK_TIMEOUT:.0f}s); "
                "try again when it has finished"
            ) from exc
        except OSError as exc:
            raise LedgerError(f"cannot lock the ledger {self.path} for writing: {exc.strerror}") from exc
        try:
            yield
        finally:
            lock.release()

    def _invalidate(self) -> None:
        self._speakers = self._venues = None
        self._sources = None

    def _source_path(self, source_id: str) -> Path:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", source_id):
            raise NotFoundError(f"{source_id!r} is not a source id (lowercase letters, digits and dashes)")
        return self.path / SOURCES_DIR / f"{source_id}.yaml"

    def _source_entry(self, source_id: str) -> SourceFile:
        entry = self._source_map().get(source_id)
        if entry is None:
            raise NotFoundError(f"no source {source_id!r}; see 'provenance sources list'")
        return entry

    def _speaker_map(self) -> dict[str, Speaker]:
        if self._speakers is None:
            self._speakers = self._read_speakers()
        return self._speakers

    def _venue_map(self) -> dict[str, Venue]:
        if self._venues is None:
            self._venues = self._read_venues()
        return self._venues

    def _read_speakers(self) -> dict[str, Speaker]:
        problems: list[Problem] = []
        items = read_registry(self.path / SPEAKERS_FILE, "speakers", Speaker, problems)
        return index_unique(items, self.path / SPEAKERS_FILE, "speakers", problems)

    def _read_venues(self) -> dict[str, Venue]:
        problems: list[Problem] = []
        items = read_registry(self.path / VENUES_FILE, "venues", Venue, problems)
        return index_unique(items, self.path / VENUES_FILE, "venues", problems)

    def _write_venues(self, venues: Mapping[str, Venue]) -> None:
        files.atomic_write(self.path / VENUES_FILE, files.dump_yaml({"venues": [compact(v) for v in venues.values()]}))

    def _write_speakers(self, speakers: Mapping[str, Speaker]) -> None:
        files.atomic_write(
            self.path / SPEAKERS_FILE, files.dump_yaml({"speakers": [compact(s) for s in speakers.values()]})
        )

    def _read_source_file(self, path: Path) -> SourceFile:
        problems: list[Problem] = []
        entry = parse_source_file(path, problems)
        if problems or entry is None:
            raise LedgerLoadError(problems)
        return entry

    def _write_source(self, entry: SourceFile) -> None:
        data: dict[str, Any] = {"source": compact(entry.source)}
        data["claims"] = [compact(c, drop=("source",)) for c in entry.claims]
        files.atomic_write(self._source_path(entry.source.id), files.dump_yaml(data))

    def _source_map(self) -> dict[str, SourceFile]:
        """Load every source file, then cross-check; collect every problem before raising."""
        if self._sources is not None:
            return self._sources
        problems: list[Problem] = []
        speakers_path, venues_path = self.path / SPEAKERS_FILE, self.path / VENUES_FILE
        speakers = index_unique(
            read_registry(speakers_path, "speakers", Speaker, problems),
            speakers_path,
            "speakers",
            problems,
            strict=False,
        )
        venues = index_unique(
            read_registry(venues_path, "venues", Venue, problems), venues_path, "venues", problems, strict=False
        )
        loaded: dict[str, SourceFile] = {}
        with gc_paused():
            for path in sorted((self.path / SOURCES_DIR).glob("*.yaml")):
                entry = parse_source_file(path, problems)
                if entry is not None:
                    loaded[entry.source.id] = entry
        cross_check(self.path, loaded, speakers, venues, problems)
        if problems:
            raise LedgerLoadError(problems)
        self._speakers, self._venues, self._sources = speakers, venues, loaded
        return loaded

    def iter_claims(self) -> Iterator[Claim]:
        """Every claim, source by source (what the graph and exporters walk)."""
        for entry in self._source_map().values():
            yield from entry.claims


__all__ = ["AddResult", "Ledger", "default_ledger_path", "is_url", "locate", "source_id_for_url"]
