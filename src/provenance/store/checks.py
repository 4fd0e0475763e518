"""Checks across files: references between records, and text snapshots against their checksums.

Each file can be valid on its own and still point at a speaker, venue, claim or
source that another file does not hold. These checks run on every full load.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from ..errors import LedgerLoadError, Problem
from ..ids import sha256_text
from ..records import Source, Speaker, Venue
from ..safefile import MAX_LEDGER_FILE, read_text
from . import yamlfile
from .codec import SourceFile, gc_paused, index_unique, parse_source_file, read_registry
from .layout import SOURCES_DIR, Layout, display_path


class _FileProblems:
    """Problems in one source file, each located by its YAML path (the file is re-read only to report)."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path, self.shown, self.problems = path, display_path(path), problems
        self._text: str | None = None

    def add(self, loc: tuple[str | int, ...], message: str) -> None:
        if self._text is None:
            self._text = read_text(self.path, limit=MAX_LEDGER_FILE)
        self.problems.append(Problem(self.shown, yamlfile.line_of(self._text, loc), message))


def cross_check(
    root: Path,
    loaded: Mapping[str, SourceFile],
    speakers: Mapping[str, Speaker],
    venues: Mapping[str, Venue],
    problems: list[Problem],
) -> None:
    """References between files: speakers, venues, derived-from sources, links, duplicate ids."""
    seen: dict[str, str] = {}  # claim id -> the file that holds it
    for source_id, entry in loaded.items():
        found = _FileProblems(entry.path or root / SOURCES_DIR / f"{source_id}.yaml", problems)
        for j, parent in enumerate(entry.source.derived_from):
            if parent.source not in loaded:
                found.add(("source", "derived_from", j), f"derived_from source {parent.source!r} is not in the ledger")
        for i, claim in enumerate(entry.claims):
            if claim.speaker and claim.speaker not in speakers:
                message = f"claims[{i}].speaker {claim.speaker!r} is not in speakers.yaml; register it or fix the id"
                found.add(("claims", i, "speaker"), message)
            if claim.actual_speaker and claim.actual_speaker not in speakers:
                message = f"claims[{i}].actual_speaker {claim.actual_speaker!r} is not in speakers.yaml"
                found.add(("claims", i, "actual_speaker"), message)
            if claim.venue and claim.venue not in venues:
                found.add(("claims", i, "venue"), f"claims[{i}].venue {claim.venue!r} is not in venues.yaml")
            if claim.id in seen:
                found.add(("claims", i, "id"), f"claims[{i}].id {claim.id} duplicates a claim in {seen[claim.id]}")
            seen.setdefault(claim.id, found.shown)
    for source_id, entry in loaded.items():
        found = _FileProblems(entry.path or root / SOURCES_DIR / f"{source_id}.yaml", problems)
        for i, claim in enumerate(entry.claims):
            for k, link in enumerate(claim.links):
                if link.target not in seen:
                    message = f"claims[{i}].links[{k}].target {link.target!r} is not a claim in the ledger"
                    found.add(("claims", i, "links", k), message)


def snapshot_state(source: Source, snapshot: str | None) -> Literal["ok", "missing", "changed"]:
    """Whether a source's text snapshot still backs its anchors: its checksum matches, or the file is gone or edited.

    A source that records no checksum is "ok" whatever its snapshot.
    """
    recorded = source.text_sha256
    if not recorded:
        return "ok"
    if snapshot is None:
        return "missing"
    return "ok" if sha256_text(snapshot) == recorded else "changed"


def snapshot_problem(source: Source, snapshot: str | None, path: Path) -> Problem | None:
    """The problem ``check`` reports for a snapshot that no longer matches its source, if any."""
    state = snapshot_state(source, snapshot)
    if state == "missing":
        return Problem(display_path(path), None, "missing, though the source records its text_sha256")
    if state == "changed":
        message = f"changed since it was recorded (text_sha256 in sources/{source.id}.yaml)"
        return Problem(display_path(path), None, message)
    return None


def load_ledger(layout: Layout) -> tuple[dict[str, Speaker], dict[str, Venue], dict[str, SourceFile]]:
    """Every file of a ledger, parsed and cross-checked; LedgerLoadError lists *every* problem found."""
    problems: list[Problem] = []
    speaker_items = read_registry(layout.speakers, "speakers", Speaker, problems)
    speakers = index_unique(speaker_items, layout.speakers, "speakers", problems, strict=False)
    venue_items = read_registry(layout.venues, "venues", Venue, problems)
    venues = index_unique(venue_items, layout.venues, "venues", problems, strict=False)
    loaded: dict[str, SourceFile] = {}
    with gc_paused():
        for path in layout.source_files():
            entry = parse_source_file(path, problems)
            if entry is not None:
                loaded[entry.source.id] = entry
    cross_check(layout.root, loaded, speakers, venues, problems)
    if problems:
        raise LedgerLoadError(problems)
    return speakers, venues, loaded
