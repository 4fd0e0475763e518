"""The ledger as tables: CSV files with a Frictionless ``datapackage.json``, and JSON Lines.

The CSV tables are the ledger's records in normal form (claims, speakers,
sources, venues; a claim's links and a source's derivations in tables of
their own), so a spreadsheet, DuckDB or pandas can join them on ids. The
``datapackage.json`` describes each table's fields and types, its primary
key and its foreign keys (written by hand: the Frictionless library itself
is a large dependency for twenty lines of JSON).

A text cell that a spreadsheet would read as a formula (one starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a
leading apostrophe, as is a cell that starts with an apostrophe, so opening
a hostile quote in a spreadsheet runs nothing; :func:`unquote_cell` undoes it.

JSON Lines holds every record whole, one per line, with its ``type``: what
the ledger holds, in a form every language reads.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import Export

if TYPE_CHECKING:
    from ..store.ledger_store import LedgerStore

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class Field:
    """One column: its name, Frictionless type and what it holds."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Table:
    """One CSV file: its columns, primary key and foreign keys (field -> (table, field))."""

    name: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    references: Mapping[str, tuple[str, str]]


def _f(name: str, type_: str, description: str) -> Field:
    return Field(name, type_, description)


TABLES = (
    Table(
        "speakers",
        "People and bodies quoted.",
        (
            _f("id", "string", "Slug of the canonical name."),
            _f("name", "string", "Canonical name."),
            _f("kind", "string", "person, organisation, government or group."),
            _f("aliases", "string", "Other spellings seen in print, separated by ' | '."),
            _f("description", "string", "Role or title."),
            _f("wikidata", "string", "Wikidata item (Q…), when known."),
        ),
        ("id",),
        {},
    ),
    Table(
        "venues",
        "Where and how something was said.",
        (
            _f("id", "string", "Slug."),
            _f("name", "string", "What the venue was."),
            _f("kind", "string", "interview, statement, rally…"),
            _f("place", "string", "Where."),
            _f("date", "date", "When."),
        ),
        ("id",),
        {},
    ),
    Table(
        "sources",
        "Documents that report claims.",
        (
            _f("id", "string", "Slug; the source's file name in the ledger."),
            _f("title", "string", "Headline as published."),
            _f("outlet", "string", "Publication or site."),
            _f("url", "string", "Where it can be read."),
            _f("author", "string", "Byline."),
            _f("published", "date", "Publication date."),
            _f("retrieved", "date", "When the text snapshot was taken."),
            _f("language", "string", "BCP 47 language tag."),
            _f("text_sha256", "string", "SHA-256 of the text snapshot the anchors index into."),
        ),
        ("id",),
        {},
    ),
    Table(
        "claims",
        "One appearance of a saying in one source, in that source's words.",
        (
            _f("id", "string", "Content-derived id."),
            _f("text", "string", "The words as printed."),
            _f("kind", "string", "direct, indirect or assertion."),
            _f("speaker", "string", "Speaker id; empty when unattributed."),
            _f("speaker_mention", "string", "The speaker as printed."),
            _f("speaker_name", "string", "The fullest name in the source, for a pronoun or surname mention."),
            _f("unattributed", "string", "Why there is no speaker: group or anonymous; empty otherwise."),
            _f("unattributed_phrase", "string", "The words that show it, as printed ('Critics', 'a source close to')."),
            _f("cue", "string", "Attribution cue, e.g. 'said'."),
            _f("venue", "string", "Venue id."),
            _f("said_on", "date", "When it was said."),
            _f("source", "string", "Id of the source that reports it."),
            _f("anchor_start", "integer", "Offset of the first character in the source's text snapshot."),
            _f("anchor_end", "integer", "Offset one past the last character."),
            _f("unanchored", "boolean", "true when recorded on purpose without an anchor in its source's text."),
            _f("status", "string", "extracted, recorded, verified, disputed, misattributed or retracted."),
            _f("status_reason", "string", "Why the status was set."),
            _f("actual_speaker", "string", "Who really said a misattributed claim, when its correction names them."),
            _f("about", "string", "Topics, separated by ' | '."),
            _f("tags", "string", "Labels, separated by ' | '."),
            _f("confidence", "number", "Extractor confidence (0-1); empty when entered by a person."),
        ),
        ("id",),
        {
            "speaker": ("speakers", "id"),
            "actual_speaker": ("speakers", "id"),
            "venue": ("venues", "id"),
            "source": ("sources", "id"),
        },
    ),
    Table(
        "links",
        "Typed links between claims.",
        (
            _f("claim", "string", "The claim the link is recorded on."),
            _f("kind", "string", "variant_of, contradicts, supports or responds_to."),
            _f("target", "string", "The other claim."),
            _f("note", "string", "Why the link holds."),
        ),
        ("claim", "kind", "target"),
        {"claim": ("claims", "id"), "target": ("claims", "id")},
    ),
    Table(
        "derivations",
        "Which source was made from which.",
        (
            _f("source", "string", "The later source."),
            _f("derived_from", "string", "The earlier source."),
            _f("relation", "string", "copy, rewrite, translation or syndication."),
        ),
        ("source", "derived_from"),
        {"source": ("sources", "id"), "derived_from": ("sources", "id")},
    ),
)


def quote_cell(value: str) -> str:
    """A text cell no spreadsheet reads as a formula: a leading apostrophe before a risky first character."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unquote_cell(value: str) -> str:
    """The text a cell written by :func:`quote_cell` holds."""
    return value[1:] if value.startswith("'") else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return quote_cell(LIST_SEPARATOR.join(str(v) for v in value))
    if isinstance(value, str):
        return quote_cell(value)
    return str(value)


def _rows(ledger: LedgerStore) -> dict[str, Iterable[Mapping[str, Any]]]:
    """Each table's rows as dicts of plain JSON values."""
    speakers = [
        {**s.model_dump(mode="json", exclude={"identifiers"}), "wikidata": s.identifiers.get("wikidata")}
        for s in ledger.speakers()
    ]
    claims, links = [], []
    for claim in ledger.iter_claims():
        row = claim.model_dump(mode="json", exclude={"anchor", "speaker_anchor", "links", "history"})
        row["anchor_start"] = claim.anchor.start if claim.anchor else None
        row["anchor_end"] = claim.anchor.end if claim.anchor else None
        claims.append(row)
        links += [{"claim": claim.id, **link.model_dump(mode="json")} for link in claim.links]
    sources = [s.model_dump(mode="json", exclude={"derived_from"}) for s in ledger.sources()]
    derivations = [
        {"source": s.id, "derived_from": d.source, "relation": d.relation.value}
        for s in ledger.sources()
        for d in s.derived_from
    ]
    venues = [v.model_dump(mode="json") for v in ledger.venues()]
    return {
        "speakers": speakers,
        "venues": venues,
        "sources": sources,
        "claims": claims,
        "links": links,
        "derivations": derivations,
    }


def _csv(table: Table, rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(f.name for f in table.fields)
    for row in rows:
        writer.writerow(_cell(row.get(f.name)) for f in table.fields)
    return out.getvalue()


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [{"name": f.name, "type": f.type, "description": f.description} for f in table.fields],
        "primaryKey": list(table.key),
        "missingValues": [""],
    }
    if table.references:
        schema["foreignKeys"] = [
            {"fields": field, "reference": {"resource": resource, "fields": target}}
            for field, (resource, target) in table.references.items()
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
        "schema": schema,
    }


def datapackage() -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the tables."""
    return {
        "profile": "tabular-data-package",
        "name": "provenance-ledger",
        "title": "A provenance ledger: who said what, where, and who reported it",
        "description": (
            "Claims, speakers, sources and venues exported by provenance. A text cell starting with "
            "=, +, -, @, a tab, a carriage return or an apostrophe carries one extra leading apostrophe, "
            "so that spreadsheets do not read it as a formula; drop the first character of such a cell "
            "to get the text back."
        ),
        "resources": [_resource(table) for table in TABLES],
    }


def csv_tables(ledger: LedgerStore) -> Export:
    """The CSV tables and their datapackage.json."""
    rows = _rows(ledger)
    files = {f"{table.name}.csv": _csv(table, rows[table.name]) for table in TABLES}
    files["datapackage.json"] = json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"
    counts = {name: len(list(rows[name])) for name in ("claims", "speakers", "sources")}
    return Export(files, _summary(counts, tables=len(TABLES)))


def jsonl(ledger: LedgerStore) -> Export:
    """Every record as one JSON object per line: speakers, venues, sources, then claims."""
    groups: Sequence[tuple[str, Iterable[Any]]] = (
        ("speaker", ledger.speakers()),
        ("venue", ledger.venues()),
        ("source", ledger.sources()),
        ("claim", ledger.iter_claims()),
    )
    lines, counts = [], {}
    for kind, records in groups:
        n = 0
        for record in records:
            lines.append(
                json.dumps({"type": kind, **record.model_dump(mode="json", exclude_none=True)}, ensure_ascii=False)
            )
            n += 1
        counts[f"{kind}s"] = n
    return Export({"provenance.jsonl": "\n".join(lines) + "\n" if lines else ""}, _summary(counts))


def _summary(counts: Mapping[str, int], tables: int | None = None) -> str:
    parts = ", ".join(f"{counts[k]} {k if counts[k] != 1 else k[:-1]}" for k in ("claims", "speakers", "sources"))
    return f"{parts} in {tables} tables" if tables else parts
