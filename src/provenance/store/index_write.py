"""Writing into the index: one YAML file's records as rows, replaced whole, and the checks across files.

Every file's rows are replaced together with the file's recorded stat, in one
transaction, so the index never holds rows of one version of a file under the
stat of another. Records are stored as their JSON (and validated again when
read); the columns beside them exist to be searched and sorted.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..records import Claim, Speaker, Venue
from .codec import SourceFile
from .freshness import FileState, Recorded
from .layout import SPEAKERS_FILE, VENUES_FILE

Row = tuple[object, ...]


@dataclass(frozen=True)
class FileRows:
    """One ledger file as rows of the index, with the stat and digest of the bytes they came from."""

    name: str  # relative to the ledger: speakers.yaml, venues.yaml or sources/<id>.yaml
    state: FileState
    checked_ns: int
    digest: str
    registry: list[Row] = field(default_factory=list)  # speakers or venues: (position, id, data)
    source: Row | None = None
    derivations: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)

    @property
    def weight(self) -> int:
        """Roughly how many rows the file becomes (to size a transaction)."""
        return len(self.registry) + len(self.claims) + 1


@dataclass(frozen=True)
class Rechecked:
    """A racy file whose bytes were hashed again and found unchanged: only its check time moves."""

    name: str
    checked_ns: int


def rows_of(
    name: str,
    records: SourceFile | tuple[Speaker, ...] | tuple[Venue, ...],
    state: FileState,
    checked_ns: int,
    digest: str,
) -> FileRows:
    """The rows of one file's records (stored as JSON, validated again when read)."""
    if not isinstance(records, SourceFile):
        registry: Sequence[Speaker | Venue] = records
        rows: list[Row] = [(i, r.id, r.model_dump_json(exclude_defaults=True)) for i, r in enumerate(registry)]
        return FileRows(name, state, checked_ns, digest, registry=rows)
    source = records.source
    return FileRows(
        name,
        state,
        checked_ns,
        digest,
        source=(
            source.id,
            name,
            source.outlet,
            source.published.isoformat() if source.published else None,
            source.model_dump_json(exclude_defaults=True),
        ),
        derivations=[(name, source.id, d.source, d.relation.value) for d in source.derived_from],
        claims=list(_claim_rows(name, records.claims)),
        links=[(name, claim.id, link.target, link.kind.value) for claim in records.claims for link in claim.links],
    )


def _claim_rows(name: str, claims: Sequence[Claim]) -> Iterable[Row]:
    for position, claim in enumerate(claims):
        yield (
            claim.id,
            name,
            position,
            claim.speaker,
            claim.venue,
            claim.kind.value,
            claim.status.value,
            claim.said_on.isoformat() if claim.said_on else None,
            claim.text.casefold(),  # what `contains` compares, exactly as the YAML path folds it
            (claim.speaker_mention or "").casefold(),
            claim.model_dump_json(exclude_defaults=True),
        )


def forget(con: sqlite3.Connection, name: str, *, text_search: bool) -> None:
    """Drop every row that came from the file ``name``, and its record."""
    if name == SPEAKERS_FILE:
        con.execute("DELETE FROM speakers")
    elif name == VENUES_FILE:
        con.execute("DELETE FROM venues")
    else:
        if text_search:  # an external-content FTS table is told which rows go, with their old text
            con.execute(
                "INSERT INTO claim_text (claim_text, rowid, text_folded, mention_folded) "
                "SELECT 'delete', rowid, text_folded, mention_folded FROM claims WHERE file = ?",
                (name,),
            )
        for table in ("claims", "links", "derivations", "sources"):
            con.execute(f"DELETE FROM {table} WHERE file = ?", (name,))  # noqa: S608 - a fixed table name
    con.execute("DELETE FROM files WHERE name = ?", (name,))


def insert(con: sqlite3.Connection, rows: FileRows, *, text_search: bool) -> None:
    """Insert the rows of one file (whose old rows are gone) and record its state."""
    if rows.name in (SPEAKERS_FILE, VENUES_FILE):
        table = "speakers" if rows.name == SPEAKERS_FILE else "venues"
        con.executemany(f"INSERT INTO {table} (position, id, data) VALUES (?, ?, ?)", rows.registry)  # noqa: S608
    if rows.source is not None:
        con.execute("INSERT INTO sources (id, file, outlet, published, data) VALUES (?, ?, ?, ?, ?)", rows.source)
    con.executemany("INSERT INTO derivations (file, source, parent, relation) VALUES (?, ?, ?, ?)", rows.derivations)
    con.executemany(
        "INSERT INTO claims (id, file, position, speaker, venue, kind, status, said_on, text_folded, "
        "mention_folded, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows.claims,
    )
    con.executemany("INSERT INTO links (file, claim, target, kind) VALUES (?, ?, ?, ?)", rows.links)
    if text_search and rows.claims:
        con.execute(
            "INSERT INTO claim_text (rowid, text_folded, mention_folded) "
            "SELECT rowid, text_folded, mention_folded FROM claims WHERE file = ?",
            (rows.name,),
        )
    state = rows.state
    con.execute(
        "INSERT INTO files (name, size, mtime_ns, inode, checked_ns, digest) VALUES (?, ?, ?, ?, ?, ?)",
        (rows.name, state.size, state.mtime_ns, state.inode, rows.checked_ns, rows.digest),
    )


def apply(
    con: sqlite3.Connection,
    files: Sequence[FileRows] = (),
    *,
    removed: Sequence[str] = (),
    rechecked: Sequence[Rechecked] = (),
    text_search: bool,
    seen: Mapping[str, Recorded] | None = None,
) -> None:
    """Replace the rows of every file given, drop those of removed files, move the check time of rechecked ones.

    With ``seen`` (what a reader found recorded when it began), a file whose
    record another process has changed since is left as that process wrote it:
    a slow reader never puts back an older version over a writer's newer one
    (if the reader's version was the newer, the stat tells the next open).
    """

    def unchanged(name: str) -> bool:
        return seen is None or _recorded_now(con, name) == seen.get(name)

    for name in removed:
        if unchanged(name):
            forget(con, name, text_search=text_search)
    for rows in files:
        if unchanged(rows.name):
            forget(con, rows.name, text_search=text_search)
            insert(con, rows, text_search=text_search)
    con.executemany(
        "UPDATE files SET checked_ns = ? WHERE name = ?",
        [(item.checked_ns, item.name) for item in rechecked if unchanged(item.name)],
    )


def recorded_files(con: sqlite3.Connection) -> dict[str, Recorded]:
    """Every file the index holds, as it recorded it."""
    rows = con.execute("SELECT name, size, mtime_ns, inode, checked_ns, digest FROM files")
    return {
        name: Recorded(FileState(size, mtime, inode), checked, digest)
        for name, size, mtime, inode, checked, digest in rows
    }


def _recorded_now(con: sqlite3.Connection, name: str) -> Recorded | None:
    row = con.execute("SELECT size, mtime_ns, inode, checked_ns, digest FROM files WHERE name = ?", (name,)).fetchone()
    return None if row is None else Recorded(FileState(row[0], row[1], row[2]), row[3], row[4])


def bulk_load(con: sqlite3.Connection, files: Sequence[FileRows], *, text_search: bool) -> None:
    """Fill an empty index: the secondary indexes and the text search are built once, after the rows.

    Building an index from rows already in place sorts once; keeping seven
    indexes up to date row by row costs more than the whole insert. Run inside
    one transaction, so no reader ever sees the rows without their indexes.
    """
    indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')
    for rows in files:
        insert(con, rows, text_search=False)
    for _, sql in indexes:
        con.execute(sql)
    if text_search:
        con.execute("INSERT INTO claim_text (claim_text) VALUES ('rebuild')")


#: Each query finds a reference the full load would report (see checks.cross_check); any row means a problem.
#: The claim checks read every claim; links and derivations are few, and are always checked whole.
#: Who really said a misattributed claim (only such a claim may name one) is read from the stored record.
CLAIM_CHECKS = (
    "SELECT 1 FROM claims WHERE speaker IS NOT NULL AND speaker NOT IN (SELECT id FROM speakers) LIMIT 1",
    "SELECT 1 FROM claims WHERE status = 'misattributed' "
    "AND json_extract(data, '$.actual_speaker') NOT IN (SELECT id FROM speakers) LIMIT 1",
    "SELECT 1 FROM claims WHERE venue IS NOT NULL AND venue NOT IN (SELECT id FROM venues) LIMIT 1",
    "SELECT 1 FROM claims GROUP BY id HAVING count(*) > 1 LIMIT 1",
)
#: The same, for the claims of some files only (``?``: a JSON array of file names): what one edit can break.
FILE_CLAIM_CHECKS = (
    "SELECT 1 FROM claims WHERE file IN (SELECT value FROM json_each(?)) AND speaker IS NOT NULL "
    "AND speaker NOT IN (SELECT id FROM speakers) LIMIT 1",
    "SELECT 1 FROM claims WHERE file IN (SELECT value FROM json_each(?)) AND status = 'misattributed' "
    "AND json_extract(data, '$.actual_speaker') NOT IN (SELECT id FROM speakers) LIMIT 1",
    "SELECT 1 FROM claims WHERE file IN (SELECT value FROM json_each(?)) AND venue IS NOT NULL "
    "AND venue NOT IN (SELECT id FROM venues) LIMIT 1",
    "SELECT 1 FROM claims AS c WHERE c.file IN (SELECT value FROM json_each(?)) "
    "AND (SELECT count(*) FROM claims AS d WHERE d.id = c.id) > 1 LIMIT 1",
)
OTHER_CHECKS = (
    "SELECT 1 FROM links WHERE target NOT IN (SELECT id FROM claims) LIMIT 1",
    "SELECT 1 FROM derivations WHERE parent NOT IN (SELECT id FROM sources) LIMIT 1",
)


def references_hold(con: sqlite3.Connection, files: Collection[str] | None = None) -> bool:
    """True when every reference between files resolves and no claim id repeats, as a full load demands.

    With ``files`` (source files changed since a check that held, the registries
    unchanged), only their claims are checked: no other claim can have changed
    its speaker, venue or id. Links and derivations are always checked whole.
    """
    claim_checks: list[tuple[str, tuple[str, ...]]]
    if files is None:
        claim_checks = [(query, ()) for query in CLAIM_CHECKS]
    else:
        names = (json.dumps(sorted(files)),)
        claim_checks = [(query, names) for query in FILE_CLAIM_CHECKS]
    checks = [*claim_checks, *((query, ()) for query in OTHER_CHECKS)]
    return not any(con.execute(query, params).fetchone() for query, params in checks)
