"""The query index: ``claims/.index.sqlite``, a cache of the YAML files that answers reads in milliseconds.

The YAML files stay the truth; nobody edits the index. :func:`open_fresh`
brings it up to date before it answers anything: every file whose stat
differs from what the index recorded (see ``freshness.py``) is parsed again,
exactly as a full load parses it, and its rows replaced; then, if anything
changed, the references between files are checked in SQL. Any problem in the
YAML (a file that does not parse, a dangling reference) is reported by a full
load of the YAML, so the error names every file and line exactly as before the
index existed. Writes go YAML first, then :func:`record_writes` replaces the
rows of the files written, inside the ledger's lock; a writer killed in between
leaves a file whose stat no longer matches, which the next open re-reads.

A missing, damaged or outdated index is rebuilt, never an error; when SQLite
cannot be used at all (a read-only directory, another process holding the
index for longer than the busy timeout), the caller reads the YAML instead.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from ..errors import LedgerLoadError, Problem, UnreadableFileError
from ..records import Speaker, Venue
from ..safefile import MAX_LEDGER_FILE, read_bytes
from . import index_db
from .checks import load_ledger
from .codec import SourceFile, gc_paused, index_unique, parse_registry_text, parse_source_text
from .edit import Written
from .freshness import Changes, Recorded, compare, digest, state_of
from .ignore import ensure_ignored
from .index_db import IndexUnavailable
from .index_write import FileRows, Rechecked, apply, bulk_load, recorded_files, references_hold, rows_of
from .layout import INDEX_FILE, SPEAKERS_FILE, VENUES_FILE, Layout
from .parsing_pool import parse_all
from .queries import IndexedReads

#: Called as ``progress(done, total)`` while files are parsed into the index; the library never prints.
Progress = Callable[[int, int], None]
#: Rows written per transaction while building, so other writers get their turn between batches.
BATCH_ROWS = 20_000

Loaded = tuple[dict[str, Speaker], dict[str, Venue], dict[str, SourceFile]]
T = TypeVar("T")


class YamlIsTruth(Exception):
    """The index disagreed with the YAML, which loaded cleanly: read the loaded records this time."""

    def __init__(self, loaded: Loaded) -> None:
        super().__init__("the index disagrees with the YAML files")
        self.loaded = loaded


def open_fresh(layout: Layout, progress: Progress | None = None) -> IndexedReads:
    """The ledger's index, brought up to date with the YAML (built on first use).

    Raises LedgerLoadError for a ledger that does not load (as a full load
    reports it), YamlIsTruth when the YAML loads but the index cannot agree,
    and IndexUnavailable when SQLite cannot be used. A damaged index is
    replaced by a new one.
    """

    def fresh(con: sqlite3.Connection) -> IndexedReads:
        text_search = _prepared(con)
        _refresh(con, layout, progress, text_search=text_search)
        return IndexedReads(con, text_search=text_search)

    if not layout.index.exists():
        _build_new(layout, progress)
    return _replacing_damage(layout, fresh, keep_open=True)


def _build_new(layout: Layout, progress: Progress | None) -> None:
    """Build an index where there is none: in a private file, without a journal, then linked into place.

    Nobody else can have a private file open, so it needs neither the write-ahead
    log (which would write every page twice) nor a sync per transaction: one
    fsync before it is linked. Linking fails rather than replaces, so of two
    processes building at once the first one's index is kept.
    """
    private = layout.root / f"{INDEX_FILE}.{os.getpid()}.new"  # covered by the .gitignore rule
    index_db.remove(private)
    try:
        con = sqlite3.connect(private, isolation_level=None)
    except sqlite3.Error as exc:  # a read-only directory
        raise index_db.unavailable(exc) from exc
    built, failure = False, None
    try:
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-65536"):
            con.execute(f"PRAGMA {pragma}")
        text_search = index_db.reset(con)
        try:
            _refresh(con, layout, progress, text_search=text_search)
        except (LedgerLoadError, YamlIsTruth) as exc:  # raised after the rows were written: keep them
            failure = exc
        con.execute("PRAGMA journal_mode=WAL")  # recorded in the file: every later connection uses the log
        built = True
    except sqlite3.Error as exc:
        raise index_db.unavailable(exc) from exc
    finally:
        con.close()
        try:
            if built:
                _link_into_place(private, layout)
        except OSError as exc:  # cannot sync or link here: the caller reads the YAML
            raise IndexUnavailable(f"the index could not be put in place: {exc.strerror}") from exc
        finally:
            index_db.remove(private)
    if failure is not None:
        raise failure


def _link_into_place(private: Path, layout: Layout) -> None:
    fd = os.open(private, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    index_db.clear_leftovers(layout.index)
    try:
        os.link(private, layout.index)
    except FileExistsError:  # another process built one first: keep it
        return
    except OSError:  # a file system without hard links: a rename, unless one appeared meanwhile
        if layout.index.exists():
            return
        os.replace(private, layout.index)
    ensure_ignored(layout)


def rebuild(layout: Layout, progress: Progress | None = None) -> None:
    """Throw the index away and build it again from every YAML file (a damaged file is replaced)."""

    def build(con: sqlite3.Connection) -> None:
        _refresh(con, layout, progress, text_search=index_db.reset(con))

    _replacing_damage(layout, build, keep_open=False)


def _replacing_damage(layout: Layout, work: Callable[[sqlite3.Connection], T], *, keep_open: bool) -> T:
    """Run ``work`` on a connection to the index; if the file turns out damaged, remove it and run it once more."""
    for attempt in (1, 2):
        con: sqlite3.Connection | None = None
        try:
            con = _open(layout)
            result = work(con)
        except (sqlite3.Error, IndexUnavailable) as exc:
            failure = exc if isinstance(exc, IndexUnavailable) else index_db.unavailable(exc)
            if con is not None:
                con.close()
            if not failure.damaged or attempt == 2:
                raise failure from exc
            index_db.remove(layout.index)
            continue
        except BaseException:
            if con is not None:
                con.close()
            raise
        if not keep_open:
            con.close()
        return result
    raise AssertionError("unreachable")  # pragma: no cover


def record_writes(layout: Layout, written: Sequence[Written], *, removed: Sequence[Path] = ()) -> None:
    """Replace the rows of the files an edit wrote, drop those of files it deleted; never an error, never
    builds a missing index.

    Runs inside the ledger's lock, right after the YAML writes. If it cannot
    (no index yet, an outdated one, SQLite busy or broken), the files' new stat
    tells the next open to re-read them (and a deleted file's absence, to drop it).
    """
    if (not written and not removed) or not layout.index.exists():
        return
    with contextlib.suppress(sqlite3.Error):
        con = index_db.connect(layout.index)
        try:
            meta = index_db.read_meta(con)
            if index_db.is_current(meta):
                files = [
                    rows_of(_name(layout, item.path), item.records, item.state, item.checked_ns, item.digest)
                    for item in written
                ]
                gone = [_name(layout, path) for path in removed]
                with index_db.transaction(con):
                    apply(con, files, removed=gone, text_search=meta.get("text_search") != "scan")
        finally:
            con.close()


# ----------------------------------------------------------------------------- opening


def _open(layout: Layout) -> sqlite3.Connection:
    """A connection to the index, created (with its .gitignore rule) when there is none."""
    created = index_db.is_missing(layout.index)
    if created:
        index_db.clear_leftovers(layout.index)
    try:
        con = index_db.connect(layout.index)
    except sqlite3.Error as exc:  # read-only directory, busy, or a file that is not a database
        raise index_db.unavailable(exc) from exc
    if created:
        ensure_ignored(layout)
    return con


def _prepared(con: sqlite3.Connection) -> bool:
    """Make the index current (rebuilding one of another schema or version); whether text search is available."""
    try:
        meta = index_db.read_meta(con)
        if not index_db.is_current(meta):
            return index_db.reset(con)
        return meta.get("text_search") != "scan"
    except sqlite3.Error as exc:
        raise index_db.unavailable(exc) from exc


def _name(layout: Layout, path: Path) -> str:
    return path.relative_to(layout.root).as_posix()


# ----------------------------------------------------------------------------- refreshing


@dataclass
class _Refresh:
    """One refresh in progress: the rows parsed and not yet written, and whether any file failed to parse.

    An index that holds files already is updated in transactions of about
    BATCH_ROWS rows. An empty one (new, reset, or of another version) is filled
    in one transaction at the end (see ``bulk_load``), so a reader never sees
    half of it.
    """

    con: sqlite3.Connection
    text_search: bool
    seen: dict[str, Recorded]  # the files as recorded when the refresh began
    pending: list[FileRows] = field(default_factory=list)
    rows: int = 0
    broken: bool = False  # a file did not parse: the YAML must report it

    def add(self, rows: FileRows) -> None:
        self.pending.append(rows)
        self.rows += rows.weight
        if self.rows >= BATCH_ROWS and self.seen:
            self.flush()

    def flush(self, removed: Sequence[str] = (), rechecked: Sequence[Rechecked] = ()) -> None:
        if not (self.pending or removed or rechecked):
            return
        with index_db.transaction(self.con):
            still_empty = self.con.execute("SELECT 1 FROM files LIMIT 1").fetchone() is None
            if not self.seen and still_empty:  # (another process may have filled it meanwhile)
                bulk_load(self.con, self.pending, text_search=self.text_search)
            else:
                apply(
                    self.con,
                    self.pending,
                    removed=removed,
                    rechecked=rechecked,
                    text_search=self.text_search,
                    seen=self.seen,
                )
        self.pending, self.rows = [], 0


def _refresh(con: sqlite3.Connection, layout: Layout, progress: Progress | None, *, text_search: bool) -> None:
    try:
        recorded = recorded_files(con)
        changes = compare(layout, recorded)
        rechecked = _recheck_racy(changes, recorded)
        work = _Refresh(con, text_search, recorded)
        steps = _Steps(progress, len(changes.changed))
        with gc_paused():
            for rows in parse_all(sorted(changes.changed.items()), _parse):
                if rows is None:
                    work.broken = True
                else:
                    work.add(rows)
                steps.advance()
            work.flush(changes.removed, rechecked)
        steps.finish()
        meta = index_db.read_meta(con)
        if not (work.broken or changes.changed or changes.removed or meta.get("cross_check") != "ok"):
            return
        registries = {SPEAKERS_FILE, VENUES_FILE}
        only = (
            set(changes.changed) if meta.get("cross_check") == "ok" and not registries & set(changes.changed) else None
        )
        holds = not work.broken and references_hold(con, only)
        index_db.set_meta(con, "cross_check", "ok" if holds else "failed")
    except sqlite3.Error as exc:
        raise index_db.unavailable(exc) from exc
    if not holds:
        raise YamlIsTruth(load_ledger(layout))  # a broken ledger raises LedgerLoadError here, as a full load does


class _Steps:
    """Progress in files parsed, plus a last fifth for writing the rows (the bulk insert of a new index)."""

    def __init__(self, progress: Progress | None, files: int) -> None:
        self.progress, self.done, self.total = progress, 0, files + (files + 3) // 4
        if progress is not None and files:
            progress(0, self.total)

    def advance(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None and self.done:
            self.progress(self.total, self.total)


def _recheck_racy(changes: Changes, recorded: dict[str, Recorded]) -> list[Rechecked]:
    """Hash each racy file: unchanged ones get a later check time, changed ones join ``changes.changed``."""
    rechecked = []
    for name, path in changes.racy.items():
        checked_ns = time.time_ns()
        try:
            same = digest(read_bytes(path, limit=MAX_LEDGER_FILE)) == recorded[name].digest
        except UnreadableFileError:
            same = False
        if same and state_of(path) == recorded[name].state:
            rechecked.append(Rechecked(name, checked_ns))
        else:
            changes.changed[name] = path
    return rechecked


def _parse(name: str, path: Path) -> FileRows | None:
    """One file read and parsed as a full load parses it, as rows; None when it has any problem."""
    checked_ns = time.time_ns()
    state = state_of(path)  # before reading: a later change then shows as a different stat next time
    try:
        data = read_bytes(path, limit=MAX_LEDGER_FILE)
        text = data.decode("utf-8")
    except (UnreadableFileError, UnicodeDecodeError):
        return None
    problems: list[Problem] = []
    records: SourceFile | tuple[Speaker, ...] | tuple[Venue, ...] | None
    if name == SPEAKERS_FILE:
        speakers = parse_registry_text(path, text, "speakers", Speaker, problems)
        records = tuple(index_unique(speakers, path, "speakers", problems, strict=False).values())
    elif name == VENUES_FILE:
        venues = parse_registry_text(path, text, "venues", Venue, problems)
        records = tuple(index_unique(venues, path, "venues", problems, strict=False).values())
    else:
        records = parse_source_text(path, text, problems)
    if problems or records is None or state is None:
        return None
    return rows_of(name, records, state, checked_ns, digest(data))


# ----------------------------------------------------------------------------- status


@dataclass(frozen=True)
class IndexStatus:
    """What ``provenance index status`` reports: whether the index is there, current, and what it holds."""

    path: Path
    state: str  # fresh, stale, missing, outdated, damaged or unavailable
    detail: str  # one sentence for a person
    stale_files: int = 0  # files changed, added or removed since the index recorded them
    files: int = 0
    claims: int = 0
    sources: int = 0
    speakers: int = 0
    venues: int = 0
    size_bytes: int = 0
    schema: str | None = None
    package: str | None = None
    text_search: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {**self.__dict__, "path": str(self.path)}


def status(layout: Layout) -> IndexStatus:
    """The index as it is now, without changing it (a stale index is reported, not refreshed)."""
    path = layout.index
    if not path.exists():
        detail = "no index yet: the next command that reads the ledger builds it"
        return IndexStatus(path, "missing", detail)
    size = sum(Path(f"{path}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{path}{suffix}").exists())
    con: sqlite3.Connection | None = None
    try:
        con = index_db.connect(path)
        return _status_of(con, layout, size)
    except sqlite3.OperationalError as exc:
        return IndexStatus(path, "unavailable", f"SQLite cannot use it ({exc}); commands read the YAML instead")
    except sqlite3.DatabaseError as exc:
        return IndexStatus(path, "damaged", f"{exc}; the next command rebuilds it", size_bytes=size)
    finally:
        if con is not None:
            con.close()


def _status_of(con: sqlite3.Connection, layout: Layout, size: int) -> IndexStatus:
    meta = index_db.read_meta(con)
    found = IndexStatus(
        layout.index,
        "outdated",
        "built by another version of provenance or of its schema; the next command rebuilds it",
        size_bytes=size,
        schema=meta.get("schema"),
        package=meta.get("package"),
        text_search=meta.get("text_search"),
    )
    if not index_db.is_current(meta):
        return found
    recorded = recorded_files(con)
    changes = compare(layout, recorded)
    _recheck_racy(changes, recorded)
    stale = len(changes.changed) + len(changes.removed)

    def count(table: str) -> int:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608 - fixed names

    return replace(
        found,
        state="stale" if stale else "fresh",
        detail=f"{stale} of the YAML files changed since it was written; the next command re-reads them"
        if stale
        else "up to date with the YAML files",
        stale_files=stale,
        files=count("files"),
        claims=count("claims"),
        sources=count("sources"),
        speakers=count("speakers"),
        venues=count("venues"),
    )
