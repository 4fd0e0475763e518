"""Incremental variants: after ``variants --write``, the next run compares only what changed.

The ledger stays the truth. The groups of the last written run are in the YAML files
themselves, as the ``variant_of`` links ``variants --write`` marked with its note. All a
later run needs besides is which source files changed since, so this module keeps one
small cache file, ``claims/.cache/variants.json`` (git-ignored by the ``.gitignore``
written next to it): the settings of that run and the SHA-256 of every source file it
left behind. A later run then

* trusts the written links of every unchanged source (member -> origin);
* compares only the claims of sources added or changed since, and the members of a group
  whose origin's source changed, with every other claim (blocking keeps that near-linear);
* falls back to a full run when the cache is missing, unreadable or from other settings,
  or when a source was removed.

Deleting the cache, or ``variants --full``, always gives a full run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from ..records import Claim, LinkKind
from ..store.atomic import atomic_write
from ..store.ledger_store import LedgerStore
from . import blocking, linking, matching, synonyms

#: Bumped when grouping changes in a way that makes earlier runs' links stale.
VERSION = 1
CACHE_DIR = ".cache"
STATE_FILE = "variants.json"


def _state_path(ledger: LedgerStore) -> Path:
    return ledger.path / CACHE_DIR / STATE_FILE


def _settings() -> str:
    """What the groups depend on besides the ledger: the version, the thresholds, whether synonyms are known."""
    values = (
        VERSION,
        linking.SIMILARITY_THRESHOLD,
        linking.PARAPHRASE_THRESHOLD,
        linking.TRANSLATION_THRESHOLD,
        matching.MIN_CONTAINED_WORDS,
        blocking.NUM_PERM,
        blocking.BANDS,
        blocking.COMMON,
        synonyms.available(),
    )
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def _fingerprints(ledger: LedgerStore) -> dict[str, str]:
    """Source id -> the SHA-256 of its file as it is on disk now."""
    return {
        path.stem: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(ledger.layout.sources_dir.glob("*.yaml"))
    }


def previous_run(
    ledger: LedgerStore, claims: Sequence[Claim], note: str
) -> tuple[dict[str, str] | None, set[str] | None]:
    """The groups to trust (member -> origin) and the claims to compare, or (None, None) for a full run."""
    try:
        state = json.loads(_state_path(ledger).read_text(encoding="utf-8"))
        recorded: dict[str, str] = state["sources"]
        if state["settings"] != _settings():
            return None, None
    except (OSError, ValueError, KeyError, TypeError):
        return None, None
    now = _fingerprints(ledger)
    if set(recorded) - set(now):  # a source was removed: its claims may have been origins
        return None, None
    changed = {sid for sid, digest in now.items() if recorded.get(sid) != digest}
    by_id = {c.id: c for c in claims}
    known: dict[str, str] = {}
    fresh = {c.id for c in claims if c.source in changed}
    for claim in claims:
        for link in claim.links:
            if link.kind is not LinkKind.VARIANT_OF or link.note != note or claim.id in fresh:
                continue
            origin = by_id.get(link.target)
            if origin is None or origin.source in changed:
                fresh.add(claim.id)  # its group's origin changed: compare it again
            else:
                known[claim.id] = origin.id
    return known, fresh


def record_run(ledger: LedgerStore) -> None:
    """Remember the settings and every source file as the written run left them."""
    cache = ledger.path / CACHE_DIR
    cache.mkdir(exist_ok=True)
    if not (cache / ".gitignore").exists():
        atomic_write(cache / ".gitignore", "*\n")  # a cache, not part of the record
    state = {"version": VERSION, "settings": _settings(), "sources": _fingerprints(ledger)}
    atomic_write(_state_path(ledger), json.dumps(state, indent=1, sort_keys=True) + "\n")
