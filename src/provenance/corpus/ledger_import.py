"""From corpus to ledger: chosen quotes, with their articles as sources, recorded for curation.

A corpus finding becomes a provenance record: the quotes of one variant
group (or of one speaker) are recorded with status ``extracted``, each in the
source its article is, with the article's text as the snapshot their offsets
point into. The text is read again from the corpus input (by the locator the
``articles`` row keeps) and checked against its SHA-256, so an input that has
changed since extraction is refused rather than mis-anchored. Speakers the
corpus resolved through its alias table are registered in the ledger first.
Every write goes through the store's ``Edit`` (lock, fresh reads, atomic writes).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import DocumentError, InvalidInputError, NotFoundError, SpeakerError
from ..extraction.ingest import add_extracted
from ..extraction.pipeline import extract as extract_text
from ..extraction.results import ExtractedClaim
from ..ids import sha256_text, slugify
from ..store.ledger_store import LedgerStore
from .inputs import Article, Fields, read_article
from .pipeline import RUN_FILE
from .tables import read_rows, table_files


@dataclass(frozen=True, kw_only=True)
class ImportSummary:
    """What ``import_quotes`` recorded."""

    quotes: int
    added: int
    already_recorded: int
    sources: tuple[str, ...]
    speakers_registered: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def import_quotes(
    out: str | Path,
    ledger: LedgerStore,
    *,
    group: str | None = None,
    speaker: str | None = None,
    limit: int | None = None,
) -> ImportSummary:
    """Record the quotes of variant ``group``, or of ``speaker`` (a registry id or a name as printed), in ``ledger``.

    ``limit`` keeps the earliest quotes only. Running it twice records nothing new.
    """
    root = Path(out)
    if (group is None) == (speaker is None):
        raise InvalidInputError("choose the quotes to import: a group (--group) or a speaker (--speaker)")
    quotes = _selected(root, group, speaker)
    quotes.sort(key=lambda q: (str(q["published"] or "9999"), q["article"], q["start"]))
    quotes = quotes[:limit] if limit is not None else quotes
    speaker_ids, registered = _register_speakers(root, ledger, {q["speaker"] for q in quotes if q["speaker"]})
    articles = {row["key"]: row for row in _rows(root, "articles", "key", {q["article"] for q in quotes})}
    fields = _fields(root)
    added, already, sources = 0, 0, []
    for article_key in dict.fromkeys(q["article"] for q in quotes):
        row = articles[article_key]
        text = _article_text(row, fields)
        wanted = [q for q in quotes if q["article"] == article_key]
        claims = _claims(text, wanted, speaker_ids, row)
        result = add_extracted(
            ledger, claims, source=_source(ledger, row, text), text=text, title=row["title"],
            outlet=row["outlet"], published=row["published"],
        )  # fmt: skip
        added += len(result.added)
        already += result.already_recorded
        sources.append(result.source.id)
    return ImportSummary(
        quotes=len(quotes),
        added=added,
        already_recorded=already,
        sources=tuple(sources),
        speakers_registered=tuple(sorted(registered)),
    )


def _selected(root: Path, group: str | None, speaker: str | None) -> list[dict[str, Any]]:
    if group is not None:
        keys = {row["quote"] for row in _rows(root, "groups", "group", {group}, ["group", "quote"])}
        if not keys:
            raise NotFoundError(f"no group {group!r} in {root}; see group_counts/ (run 'provenance corpus group')")
        return _rows(root, "quotes", "key", keys)
    assert speaker is not None
    import pyarrow.compute as pc

    found: list[dict[str, Any]] = []
    for path in table_files(root, "quotes"):  # file by file: memory bounded by the largest file
        rows = read_rows([path], "quotes")
        by_name = pc.equal(pc.utf8_lower(rows["speaker_name"]), speaker.lower())
        found += rows.filter(pc.or_kleene(pc.equal(rows["speaker"], speaker), by_name)).to_pylist()
    if not found:
        raise NotFoundError(f"no quotes by {speaker!r} in {root}; give a registry id or a name as printed")
    return found


def _rows(
    root: Path, table: str, column: str, values: set[str], columns: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The rows of ``table`` whose ``column`` is one of ``values`` (read file by file: bounded memory)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = pa.array(sorted(values), pa.string())
    found: list[dict[str, Any]] = []
    for path in table_files(root, table):
        rows = read_rows([path], table, columns)
        found += rows.filter(pc.is_in(rows[column], wanted)).to_pylist()
    return found


def _fields(root: Path) -> Fields:
    try:
        settings = json.loads((root / RUN_FILE).read_text(encoding="utf-8"))["settings"]
    except (OSError, ValueError, KeyError) as exc:
        raise NotFoundError(f"{root} is not the output of 'provenance corpus extract' (no {RUN_FILE})") from exc
    return Fields(**settings["fields"])


def _article_text(row: dict[str, Any], fields: Fields) -> str:
    article: Article = read_article(row["input"], row["locator"], fields)
    if article.error is not None or sha256_text(article.text) != row["sha256"]:
        raise DocumentError(
            f"{row['input']} at {row['locator']}: the article is not what was extracted (its text changed); "
            "run the extraction again"
        )
    return article.text


def _claims(
    text: str, quotes: list[dict[str, Any]], speakers: dict[str, str], article: dict[str, Any]
) -> list[ExtractedClaim]:
    """The extractor's candidates at the quotes' places, with the speaker the corpus resolved."""
    by_span = {(c.anchor.start, c.anchor.end): c for c in extract_text(text).claims}
    claims = []
    for quote in quotes:
        found = by_span.get((quote["start"], quote["end"]))
        if found is None:
            raise DocumentError(f"{article['input']} at {article['locator']}: quote {quote['key']} is not found again")
        claims.append(found.model_copy(update={"speaker": speakers.get(quote["speaker"])}))
    return claims


def _source(ledger: LedgerStore, row: dict[str, Any], text: str) -> str:
    """The URL (a new one becomes a source), or a source made for an article that has none."""
    if row["url"]:
        return str(row["url"])
    source_id = slugify(f"{row['outlet'] or 'corpus'} {row['id']}")
    try:
        ledger.source(source_id)
    except NotFoundError:
        ledger.add_source(
            source_id=source_id, title=row["title"], outlet=row["outlet"], published=row["published"],
            language=row["language"], text=text,
        )  # fmt: skip
    return source_id


def _register_speakers(root: Path, ledger: LedgerStore, ids: set[str]) -> tuple[dict[str, str], list[str]]:
    """Corpus speaker id -> ledger speaker id (the ledger's own spelling of a name wins), and the ids registered."""
    known = {s.id for s in ledger.speakers()}
    mapping = {sid: sid for sid in ids if sid in known}
    registered: list[str] = []
    for row in _rows(root, "speakers", "id", ids - known):
        try:
            found = ledger.resolve_speaker(row["name"])
            if found.method.value in ("id", "name", "alias", "normalised"):
                mapping[row["id"]] = found.speaker.id
                continue
        except SpeakerError:
            pass
        identifiers = {"wikidata": row["wikidata"]} if row["wikidata"] else None
        added = ledger.add_speaker(
            row["name"], kind=row["kind"], aliases=row["aliases"] or (), speaker_id=row["id"], identifiers=identifiers
        )
        mapping[row["id"]] = added.id
        registered.append(added.id)
    return mapping, registered
