"""Quotebank's quotation-centric JSON lines into speakers, sources and claims.

Quotebank (Vaucher et al., WSDM 2021) is 178 million quotations from English
news, 2008–2020, each attributed by a model. One line holds one quotation:

    {"quoteID": "2020-01-16-000088", "quotation": "...", "speaker": "Bill de Blasio",
     "qids": ["Q4911497"], "date": "2020-01-16 00:00:00", "numOccurrences": 2,
     "probas": [["Bill de Blasio", "0.9964"], ["None", "0.0036"]],
     "urls": ["http://...", "https://..."], "phase": "E"}

Each URL becomes a source (its host as the outlet, the quotation's date as
the publication date) and reports one claim: the quotation, a direct quote,
with status ``extracted`` (the attribution is a model's, not yet reviewed),
the model's probability for the chosen speaker as ``confidence``, and the
tag ``quotebank:<quoteID>`` to find the line again. A speaker is matched to
the registry by Wikidata id, then by name or alias; otherwise registered,
with the Wikidata id when Quotebank gives exactly one (several ids mean the
name is shared by several people, and none is recorded). A speaker of
``"None"`` leaves the claim unattributed. Importing the same file again adds
nothing. A line that is not valid is reported with its number and skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import DocumentError, InvalidInputError, UnreadableFileError
from ..ids import claim_id, free_id, normalise_text, slugify, source_id_for_url, url_key, url_suffix, web_url
from ..records import Claim, ClaimKind, ClaimStatus, Source, Speaker, validated
from ..safefile import MAX_JSONL_LINE, read_lines
from ..store.codec import SourceFile
from ..store.edit import Edit
from ..store.ledger_store import LedgerStore

WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")
#: Lines written per batch: the touched source files and the registry are saved after each.
BATCH = 2000


@dataclass
class ImportResult:
    """What an import read and recorded."""

    lines: int = 0
    quotations: int = 0
    claims_added: int = 0
    already_recorded: int = 0
    speakers_added: int = 0
    sources_added: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Quotation:
    """One valid Quotebank line."""

    quote_id: str
    text: str
    speaker: str | None
    qids: tuple[str, ...]
    confidence: float | None
    date: dt.date | None
    urls: tuple[str, ...]


def parse_line(raw: bytes, where: str) -> Quotation:
    """A Quotebank line as a :class:`Quotation`; InvalidInputError saying what is wrong, with ``where``."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInputError(f"{where}: not a JSON line ({exc})") from None
    if not isinstance(record, dict):
        raise InvalidInputError(f"{where}: a JSON line must be an object")
    text, urls = record.get("quotation"), record.get("urls")
    if not isinstance(text, str) or not text.strip():
        raise InvalidInputError(f"{where}: no 'quotation' text")
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
        raise InvalidInputError(f"{where}: no 'urls' list")
    speaker = record.get("speaker")
    speaker = speaker.strip() if isinstance(speaker, str) and speaker.strip() not in {"", "None"} else None
    qids = tuple(q for q in record.get("qids") or () if isinstance(q, str) and WIKIDATA_ID.match(q))
    return Quotation(
        quote_id=str(record.get("quoteID") or where),
        text=normalise_text(text),
        speaker=speaker,
        qids=qids,
        confidence=_probability(record.get("probas"), speaker),
        date=_date(record.get("date")),
        urls=tuple(urls),
    )


def _probability(probas: Any, speaker: str | None) -> float | None:
    """The model's probability for the speaker it chose (``probas`` is [[name, "0.99"], …])."""
    for pair in probas if isinstance(probas, list) else ():
        if isinstance(pair, list) and len(pair) == 2 and (pair[0] if pair[0] != "None" else None) == speaker:
            try:
                value = float(pair[1])
            except (TypeError, ValueError):
                return None
            return value if 0.0 <= value <= 1.0 else None
    return None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class _Batch:
    """An import under way: the registry, an index of the sources' URLs, and the source files touched since
    the last save."""

    def __init__(self, edit: Edit, result: ImportResult) -> None:
        self.edit, self.result = edit, result
        self.speakers = dict(edit.speakers())
        self.by_qid = {s.identifiers["wikidata"]: s.id for s in self.speakers.values() if "wikidata" in s.identifiers}
        self.by_name = {n.casefold(): s.id for s in self.speakers.values() for n in (s.name, *s.aliases)}
        self.speakers_changed = False
        self.touched: dict[str, SourceFile] = {}
        self.urls = {url_key(e.source.url): e.source.id for e in map(edit.source, self._ids()) if e.source.url}

    def _ids(self) -> Iterator[str]:
        return (path.stem for path in self.edit.layout.source_files())

    def speaker_for(self, quotation: Quotation) -> str | None:
        if quotation.speaker is None:
            return None
        for qid in quotation.qids:
            if qid in self.by_qid:
                return self.by_qid[qid]
        known = self.by_name.get(quotation.speaker.casefold())
        if known is not None:
            return known
        identifiers = {"wikidata": quotation.qids[0]} if len(quotation.qids) == 1 else {}
        with validated():
            speaker = Speaker(
                id=free_id(slugify(quotation.speaker) or "speaker", self.speakers),
                name=quotation.speaker,
                identifiers=identifiers,
            )
        self.speakers[speaker.id] = speaker
        self.by_name[speaker.name.casefold()] = speaker.id
        if identifiers:
            self.by_qid[identifiers["wikidata"]] = speaker.id
        self.speakers_changed = True
        self.result.speakers_added += 1
        return speaker.id

    def source_for(self, url: str, quotation: Quotation) -> SourceFile:
        url = web_url(url)
        known = self.urls.get(url_key(url))
        if known is not None:
            if known not in self.touched:
                self.touched[known] = self.edit.source(known)
            return self.touched[known]
        source_id = source_id_for_url(url)
        if self.edit.has_source(source_id) or source_id in self.touched:
            source_id = f"{source_id}-{url_suffix(url)}"
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        with validated():
            entry = SourceFile(Source(id=source_id, url=url, outlet=host or None, published=quotation.date))
        self.touched[source_id] = entry
        self.urls[url_key(url)] = source_id
        self.result.sources_added += 1
        return entry

    def record(self, quotation: Quotation) -> None:
        speaker = self.speaker_for(quotation)
        for url in quotation.urls:
            entry = self.source_for(url, quotation)
            new_id = claim_id(entry.source.id, quotation.text, speaker)
            if any(c.id == new_id for c in entry.claims):
                self.result.already_recorded += 1
                continue
            with validated():
                claim = Claim(
                    id=new_id,
                    text=quotation.text,
                    kind=ClaimKind.DIRECT,
                    speaker=speaker,
                    speaker_mention=quotation.speaker,
                    source=entry.source.id,
                    status=ClaimStatus.EXTRACTED,
                    confidence=quotation.confidence,
                    tags=(f"quotebank:{quotation.quote_id}",),
                )
            entry.claims.append(claim)
            self.result.claims_added += 1

    def save(self) -> None:
        """Write what changed: the registry first, so a claim never points at a speaker not yet written."""
        if self.speakers_changed:
            self.edit.save_speakers(self.speakers)
            self.speakers_changed = False
        for entry in self.touched.values():
            self.edit.save_source(entry)
        self.touched.clear()


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    try:
        yield from read_lines(path, limit=MAX_JSONL_LINE)
    except UnreadableFileError as exc:
        raise DocumentError(str(exc)) from exc


def import_quotebank(ledger: LedgerStore, path: Path, *, on_line: Callable[[int], None] | None = None) -> ImportResult:
    """Import a Quotebank JSON lines file; see the module docstring for the mapping.

    The whole import is one edit of the ledger (other writers wait), written
    every :data:`BATCH` lines, so an interrupted import keeps what it wrote
    and a second run adds the rest.
    """
    result = ImportResult()
    with ledger.edit() as edit:
        batch = _Batch(edit, result)
        for number, raw in _lines(Path(path)):
            result.lines = number
            if on_line is not None:
                on_line(number)
            if raw.strip():
                where = f"{path}:{number}"
                try:
                    batch.record(parse_line(raw, where))
                    result.quotations += 1
                except InvalidInputError as exc:
                    message = str(exc)
                    result.problems.append(message if message.startswith(where) else f"{where}: {message}")
            if number % BATCH == 0:
                batch.save()
        batch.save()
    return result


def counts(result: ImportResult) -> Mapping[str, int]:
    """The result's numbers, for printing."""
    return {
        "lines": result.lines,
        "quotations": result.quotations,
        "claims_added": result.claims_added,
        "already_recorded": result.already_recorded,
        "speakers_added": result.speakers_added,
        "sources_added": result.sources_added,
        "problems": len(result.problems),
    }
