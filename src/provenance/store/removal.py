"""Removing a claim, or a source with its claims and texts, and dropping what pointed at them.

A wrong claim is usually *marked* (``status misattributed``, ``retracted``),
never deleted: that is the record. Removal is for what should never have been
recorded: a duplicate, a test, a claim added to the wrong source. It needs a
reason, goes into the journal (``provenance undo`` brings everything back,
byte for byte), and leaves no dangling reference: links from other claims to
a removed claim, and derivations from a removed source, are dropped, each drop
recorded in the history of the record that lost it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import ChangeKind, Claim, Source
from .changes import changed, former_values, required_reason
from .claim_edits import locate
from .codec import SourceFile
from .edit import Edit
from .snapshots import kept_text_path

if TYPE_CHECKING:
    from .ledger_store import LedgerStore


@dataclass(frozen=True, kw_only=True)
class Removal:
    """What a removal took out, and the references to it that were dropped."""

    claims: tuple[Claim, ...]  # the claims removed
    source: Source | None = None  # the source removed, for ``remove_source``
    files: tuple[str, ...] = ()  # files deleted, relative to the ledger
    unlinked: tuple[str, ...] = ()  # claims that lost a link to a removed claim
    underived: tuple[str, ...] = ()  # sources that lost a derivation from the removed source


def remove_claim(store: LedgerStore, claim_id: str, reason: str | None) -> Removal:
    """Remove one claim from its source file; links to it from other claims are dropped."""
    why = required_reason(reason, "removing a claim")
    target = store.claim(claim_id)
    linking = store.select_claims(linking_to=[target.id])
    with store.edit() as edit:
        entry = edit.source(target.source)
        removed = entry.claims.pop(locate(entry, target.id))
        files = {entry.source.id: entry}
        unlinked = _drop_links(store, edit, files, {removed.id}, linking, f"{removed.id} was removed: {why}")
        edit.describe("claims remove", f"{removed.id} from {entry.source.id}", why)
        for changed_entry in files.values():
            edit.save_source(changed_entry)
    return Removal(claims=(removed,), unlinked=unlinked)


def remove_source(store: LedgerStore, source_id: str, reason: str | None) -> Removal:
    """Remove a source: its file with every claim in it, its text and the earlier texts kept beside it.

    Links to its claims from other sources' claims, and other sources'
    derivations from it, are dropped.
    """
    why = required_reason(reason, "removing a source")
    source = store.source(source_id)
    claims = store.claims(source=source.id)
    ids = {claim.id for claim in claims}
    linking = [c for c in store.select_claims(linking_to=ids) if c.source != source.id] if ids else []
    deriving = [s.id for s in store.sources() if any(d.source == source.id for d in s.derived_from)]
    note = f"{source.id} was removed: {why}"
    with store.edit() as edit:
        entry = edit.source(source.id)
        paths = [edit.layout.source(source.id), edit.layout.text(source.id)]
        paths += [kept_text_path(edit.layout, source.id, kept.sha256) for kept in entry.source.snapshots]
        files: dict[str, SourceFile] = {}
        unlinked = _drop_links(store, edit, files, ids, linking, note)
        underived = _drop_derivations(store, edit, files, source.id, deriving, note)
        edit.describe("sources remove", f"{source.id} and {len(entry.claims)} claims", why)
        for changed_entry in files.values():
            edit.save_source(changed_entry)
        deleted = [path for path in paths if path.exists()]
        for path in deleted:
            edit.delete(path)
    shown = tuple(path.relative_to(store.path).as_posix() for path in deleted)
    return Removal(claims=tuple(entry.claims), source=entry.source, files=shown, unlinked=unlinked, underived=underived)


def _entry(edit: Edit, files: dict[str, SourceFile], source_id: str) -> SourceFile:
    """A source file read once inside the lock, and kept to be saved once at the end."""
    if source_id not in files:
        files[source_id] = edit.source(source_id)
    return files[source_id]


def _drop_links(
    store: LedgerStore,
    edit: Edit,
    files: dict[str, SourceFile],
    targets: Collection[str],
    linking: Iterable[Claim],
    why: str,
) -> tuple[str, ...]:
    """Drop every link to ``targets`` from the ``linking`` claims, noting it in each one's history."""
    by_source: dict[str, set[str]] = defaultdict(set)
    for claim in linking:
        by_source[claim.source].add(claim.id)
    dropped = []
    for source_id, claim_ids in sorted(by_source.items()):
        entry = _entry(edit, files, source_id)
        for i, claim in enumerate(entry.claims):
            kept = tuple(link for link in claim.links if link.target not in targets)
            if claim.id in claim_ids and len(kept) < len(claim.links):
                former = former_values(claim, ["links"])
                entry.claims[i] = changed(
                    claim, {"links": kept}, kind=ChangeKind.UNLINK, root=store.path, why=why, former=former
                )
                dropped.append(claim.id)
    return tuple(dropped)


def _drop_derivations(
    store: LedgerStore, edit: Edit, files: dict[str, SourceFile], parent: str, deriving: Iterable[str], why: str
) -> tuple[str, ...]:
    """Drop the derivations from ``parent`` of the ``deriving`` sources, noting it in each one's history."""
    dropped = []
    for source_id in deriving:
        entry = _entry(edit, files, source_id)
        kept = tuple(d for d in entry.source.derived_from if d.source != parent)
        if len(kept) < len(entry.source.derived_from):
            former = former_values(entry.source, ["derived_from"])
            entry.source = changed(
                entry.source, {"derived_from": kept}, kind=ChangeKind.UNLINK, root=store.path, why=why, former=former
            )
            dropped.append(source_id)
    return tuple(dropped)
