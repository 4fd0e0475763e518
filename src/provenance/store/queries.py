"""Questions asked of the index, in SQL: the same answers a loaded YAML gives, in milliseconds.

:class:`IndexedReads` answers a :class:`~.filters.ClaimQuery` in SQL; the query's
``matches`` is the meaning of each filter, used when the YAML was loaded. The
two must agree claim for claim and in the same order (source file by source
file, in file order), which the tests check on generated ledgers.

Text search: ``contains`` matches a casefolded substring of the claim's text or
of its mention, as Python's ``in`` does. The index keeps both casefolded; a
needle of three characters or more first narrows the claims through the FTS5
trigram table, then ``instr`` confirms each one, so the result is exactly the
substring match and never the looser match of a word search. A shorter needle
(or an SQLite without FTS5) scans the folded text instead.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable, Collection, Iterator
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..records import Claim, Source, Speaker, Venue
from .filters import ClaimQuery
from .index_db import IndexUnavailable, unavailable

R = TypeVar("R", bound=BaseModel)
#: Rows validated at a time when every claim is read.
_CHUNK = 2000
#: At most this many trigrams narrow a search: any subset finds a superset of the matches, which instr then trims.
_MAX_TRIGRAMS = 24


def _members(column: str, values: Collection[str]) -> tuple[str, list[object]]:
    """``column IN (…)`` for any number of values (a JSON array, so no limit on SQL variables)."""
    return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(sorted(values))]  # noqa: S608 - our names


def _trigram_search(needle: str) -> str:
    """An FTS5 query for rows holding every trigram of ``needle`` (each quoted as one term)."""
    grams = sorted({needle[i : i + 3] for i in range(len(needle) - 2)})
    step = max(1, len(grams) // _MAX_TRIGRAMS)
    chosen = grams[::step][:_MAX_TRIGRAMS]
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in chosen)


def claim_conditions(query: ClaimQuery, *, text_search: bool) -> tuple[list[str], list[object]]:
    """The WHERE conditions of ``query`` on the claims table, and their parameters."""
    where: list[str] = []
    params: list[object] = []
    for column, wanted in (("speaker", query.speakers), ("venue", query.venues), ("id", query.ids)):
        if wanted is not None:
            condition, values = _members(column, wanted)
            where.append(condition)
            params += values
    if query.linking_to is not None:
        condition, values = _members("target", query.linking_to)
        linked = "SELECT c.rowid FROM links JOIN claims AS c ON c.id = links.claim AND c.file = links.file"
        where.append(f"rowid IN ({linked} WHERE {condition})")
        params += values
    if query.sources is not None:
        condition, values = _members("file", {f"sources/{source}.yaml" for source in query.sources})
        where.append(condition)
        params += values
    for column, value in (("kind", query.kind), ("status", query.status)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    needle = query.contains
    if needle:
        if text_search and len(needle) >= 3:
            where.append("rowid IN (SELECT rowid FROM claim_text WHERE claim_text MATCH ?)")
            params.append(_trigram_search(needle))
        where.append("(instr(text_folded, ?) > 0 OR instr(mention_folded, ?) > 0)")
        params += [needle, needle]
    return where, params


class IndexedReads:
    """Records out of the index; any SQLite failure becomes IndexUnavailable, so the caller reads the YAML."""

    def __init__(self, con: sqlite3.Connection, *, text_search: bool) -> None:
        self.con = con
        self.text_search = text_search

    def _rows(self, sql: str, params: Collection[object] = ()) -> list[str]:
        try:
            return [data for (data,) in self.con.execute(sql, tuple(params))]
        except sqlite3.Error as exc:
            raise unavailable(exc) from exc

    def speakers(self) -> list[Speaker]:
        return _records(Speaker, self._rows("SELECT data FROM speakers ORDER BY position"))

    def venues(self) -> list[Venue]:
        return _records(Venue, self._rows("SELECT data FROM venues ORDER BY position"))

    def sources(self) -> list[Source]:
        return _records(Source, self._rows("SELECT data FROM sources ORDER BY id"))

    def source(self, source_id: str) -> Source | None:
        found = _records(Source, self._rows("SELECT data FROM sources WHERE id = ?", (source_id,)))
        return found[0] if found else None

    def claims(self, query: ClaimQuery) -> list[Claim]:
        where, params = claim_conditions(query, text_search=self.text_search)
        sql = "SELECT data FROM claims" + (" WHERE " + " AND ".join(where) if where else "")  # noqa: S608
        return _records(Claim, self._rows(sql + " ORDER BY file, position", params))

    def claims_with_id(self, full: str, *, prefix: bool) -> list[Claim]:
        """Claims whose id is ``full``, or (``prefix``) starts with it: a range scan of the id index."""
        if prefix:
            sql = "SELECT data FROM claims WHERE id >= ? AND id < ? ORDER BY file, position"
            return _records(Claim, self._rows(sql, (full, full + "\uffff")))
        return _records(Claim, self._rows("SELECT data FROM claims WHERE id = ? ORDER BY file, position", (full,)))

    def iter_claims(self) -> Iterator[Claim]:
        """Every claim in ledger order, validated a chunk at a time."""
        try:
            cursor = self.con.execute("SELECT data FROM claims ORDER BY file, position")
            while chunk := cursor.fetchmany(_CHUNK):
                yield from _records(Claim, [data for (data,) in chunk])
        except sqlite3.Error as exc:
            raise unavailable(exc) from exc


def _records(model: type[R], rows: list[str]) -> list[R]:
    """Validate stored JSON back into records; a row that does not validate means a damaged index."""
    validate: Callable[[str], R] = model.model_validate_json
    paused = len(rows) > _CHUNK and gc.isenabled()
    if paused:  # thousands of new objects at once: the cyclic collector would only slow them down
        gc.disable()
    try:
        return [validate(data) for data in rows]
    except ValidationError as exc:
        raise IndexUnavailable(f"the index holds a record that does not validate: {exc}", damaged=True) from exc
    finally:
        if paused:
            gc.enable()
