"""The index's SQLite file: its schema, how it is opened, and when it is thrown away.

The index is a cache of the YAML files, so nothing in it is precious: a file
that is not a database, that was written by another schema or another version
of the package, or whose text folding came from another Unicode version is
emptied and rebuilt, never reported as an error. It is opened in WAL mode so
that readers never wait for a writer and a writer never waits for readers;
writers (a refresh, the update after a write) wait for each other up to
:data:`BUSY_TIMEOUT` seconds, after which the caller reads the YAML instead.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import time
import unicodedata
from collections.abc import Iterator, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

#: Bump when a table, a column or the way a record is stored changes: an index of another version is rebuilt.
SCHEMA_VERSION = 1
#: Seconds a connection waits for another writer of the index before giving up (the caller reads the YAML).
BUSY_TIMEOUT = 10.0
#: The SQLite files of an index: the database and its write-ahead log and shared memory.
SIDE_FILES = ("", "-wal", "-shm", "-journal")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
  name TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, inode INTEGER NOT NULL,
  checked_ns INTEGER NOT NULL, digest TEXT NOT NULL
);
CREATE TABLE speakers (position INTEGER PRIMARY KEY, id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE venues (position INTEGER PRIMARY KEY, id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE sources (
  id TEXT PRIMARY KEY, file TEXT NOT NULL, outlet TEXT, published TEXT, data TEXT NOT NULL
);
CREATE TABLE derivations (file TEXT NOT NULL, source TEXT NOT NULL, parent TEXT NOT NULL, relation TEXT NOT NULL);
CREATE TABLE claims (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, file TEXT NOT NULL, position INTEGER NOT NULL,
  speaker TEXT, venue TEXT, kind TEXT NOT NULL, status TEXT NOT NULL, said_on TEXT,
  text_folded TEXT NOT NULL, mention_folded TEXT NOT NULL, data TEXT NOT NULL
);
CREATE TABLE links (file TEXT NOT NULL, claim TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX speakers_by_id ON speakers (id);
CREATE INDEX venues_by_id ON venues (id);
CREATE INDEX sources_by_file ON sources (file);
CREATE INDEX sources_by_outlet ON sources (outlet);
CREATE INDEX sources_by_date ON sources (published);
CREATE INDEX derivations_by_file ON derivations (file);
CREATE INDEX claims_by_id ON claims (id);
CREATE INDEX claims_in_order ON claims (file, position);
CREATE INDEX claims_by_speaker ON claims (speaker);
CREATE INDEX claims_by_venue ON claims (venue);
CREATE INDEX claims_by_status ON claims (status);
CREATE INDEX claims_by_kind ON claims (kind);
CREATE INDEX claims_by_date ON claims (said_on);
CREATE INDEX links_by_file ON links (file);
CREATE INDEX links_by_target ON links (target);
"""

#: Substring search over the casefolded text and mention: every three characters are a term, so any
#: needle of three or more characters narrows the claims to those holding all its trigrams
#: (``detail=none`` keeps only which claims hold a term, which is all a candidate search needs).
TEXT_SEARCH = (
    "CREATE VIRTUAL TABLE claim_text USING fts5(text_folded, mention_folded, content='claims', "
    "content_rowid='rowid', tokenize='trigram', detail=none)"
)


class IndexUnavailable(Exception):
    """SQLite cannot serve this ledger now (busy, read-only, damaged): the caller reads the YAML instead."""

    def __init__(self, reason: str, *, damaged: bool = False) -> None:
        super().__init__(reason)
        self.damaged = damaged  # the file itself is bad: remove it, and the next open builds a new one


def unavailable(exc: sqlite3.Error) -> IndexUnavailable:
    """The failure an SQLite error means: busy or read-only (try later), or a damaged file (replace it)."""
    damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
    return IndexUnavailable(f"the index could not be used: {exc}", damaged=damaged)


@functools.cache
def package_version() -> str:
    try:
        return version("provenance")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
        return "unknown"


def expected_meta() -> dict[str, str]:
    """What an index must have been built with to be used as it is."""
    return {
        "schema": str(SCHEMA_VERSION),
        "package": package_version(),
        "unicode": unicodedata.unidata_version,  # str.casefold's tables: the folded text depends on them
    }


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the index at ``path`` (created if absent), in WAL mode, in autocommit."""
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    try:
        con.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: consistent after a crash, synced at checkpoints
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA cache_size=-65536")  # 64 MiB: a build updates several indexes at once
    except BaseException:
        con.close()
        raise
    return con


def read_meta(con: sqlite3.Connection) -> dict[str, str]:
    """The index's meta table, or {} when it has none (an empty or foreign database)."""
    found = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    if found is None:
        return {}
    return {str(key): str(value) for key, value in con.execute("SELECT key, value FROM meta")}


def is_current(meta: Mapping[str, str]) -> bool:
    return all(meta.get(key) == value for key, value in expected_meta().items())


@contextlib.contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at once (BEGIN IMMEDIATE) so that two writers never deadlock."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def reset(con: sqlite3.Connection) -> bool:
    """Empty the index and lay down the current schema in one transaction; whether text search is available.

    Tables are dropped rather than the file deleted, so a process that has the
    index open meanwhile keeps a consistent view until this commits.
    """
    with transaction(con):
        tables = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")]
        for name in virtual:
            con.execute(f'DROP TABLE IF EXISTS "{name}"')
        remaining = con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        for (name,) in remaining.fetchall():
            con.execute(f'DROP TABLE IF EXISTS "{name}"')
        for statement in SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        try:
            con.execute(TEXT_SEARCH)
            search = "fts5-trigram"
        except sqlite3.OperationalError:  # an SQLite built without FTS5, or older than 3.34 (no trigrams)
            search = "scan"
        meta = {**expected_meta(), "text_search": search, "cross_check": "pending"}
        con.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
    return search != "scan"


def clear_leftovers(path: Path, *, older_than: float = 10.0) -> None:
    """Before creating an index at ``path``: remove a write-ahead log or shared memory left without its database.

    A log left by a crash, whose database was then deleted, would be replayed
    into the new database. Only files older than ``older_than`` seconds go: a
    brand-new log belongs to a process creating the index at this moment.
    """
    now = time.time()
    for suffix in SIDE_FILES[1:]:
        side = Path(f"{path}{suffix}")
        with contextlib.suppress(OSError):
            if is_missing(path) and now - side.stat().st_mtime > older_than:
                side.unlink()


def is_missing(path: Path) -> bool:
    """True when there is no index at ``path``, or only an empty file (which SQLite takes for a new database)."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


def remove(path: Path) -> None:
    """Delete a damaged index and its side files (never an error: whatever is left is rebuilt)."""
    for suffix in SIDE_FILES:
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def set_meta(con: sqlite3.Connection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
