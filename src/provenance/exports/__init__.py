"""The ledger in the formats other tools read: a registry of exporters, one module per format family.

Each format names the module and function that builds it; the module is
imported only when that format is asked for, so listing the formats (the
CLI's choices) costs nothing. An exporter takes the ledger and returns an
:class:`Export`: the files' contents by name and a one-line account of what
is in them. :func:`export` writes them (one file, or a directory for the
tables) atomically, or returns the text when no path is given.

The package is called ``exports`` because ``provenance.export`` is the
function: a subpackage of that name would replace it on the package.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..errors import InvalidInputError

if TYPE_CHECKING:
    from ..records import Claim
    from ..store.ledger_store import LedgerStore

#: Claims walked between two progress reports.
_REPORT_EVERY = 64


@dataclass(frozen=True)
class Export:
    """What an exporter built: file name -> content (one entry for single-file formats), and a summary."""

    files: Mapping[str, str]
    summary: str


@dataclass(frozen=True)
class Format:
    """One export format: where its exporter is, the file it writes, what it is for."""

    name: str
    module: str
    function: str
    filename: str
    description: str
    directory: bool = False


FORMATS: Mapping[str, Format] = {
    f.name: f
    for f in (
        Format("prov-json", ".prov", "prov_json", "provenance.json", "W3C PROV-JSON (the prov package's format)"),
        Format("prov-n", ".prov", "prov_n", "provenance.provn", "W3C PROV-N, the human-readable PROV notation"),
        Format("prov-o", ".prov", "prov_o", "provenance.ttl", "W3C PROV-O as RDF Turtle, for triple stores"),
        Format(
            "claimreview",
            ".claimreview",
            "claimreview",
            "claimreview.jsonld",
            "schema.org ClaimReview JSON-LD for claims with a verdict (verified, disputed, misattributed)",
        ),
        Format("graphml", ".graphml", "graphml", "provenance.graphml", "GraphML for Gephi, yEd, Cytoscape, networkx"),
        Format("gexf", ".graphml", "gexf", "provenance.gexf", "GEXF with positions, for Gephi"),
        Format(
            "csv",
            ".tables",
            "csv_tables",
            "provenance-tables",
            "CSV tables (claims, speakers, sources, venues, links, derivations) and a Frictionless datapackage.json",
            directory=True,
        ),
        Format(
            "jsonl", ".tables", "jsonl", "provenance.jsonl", "JSON Lines: one record per line, as the ledger holds it"
        ),
        Format(
            "annotations",
            ".annotations",
            "web_annotations",
            "annotations.jsonld",
            "W3C Web Annotation JSON-LD: each anchored claim as a TextQuote and TextPosition selection",
        ),
    )
}


@dataclass(frozen=True)
class Exported:
    """What :func:`export` did: the format, the files written (none when ``text`` is returned), the summary."""

    format: str
    paths: tuple[Path, ...]
    summary: str
    text: str | None = None


def build(ledger: LedgerStore, fmt: str) -> Export:
    """Run the exporter of ``fmt`` on the ledger and return its files, writing nothing."""
    chosen = FORMATS.get(fmt)
    if chosen is None:
        raise InvalidInputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    module = importlib.import_module(chosen.module, __name__)
    exporter: Callable[[LedgerStore], Export] = getattr(module, chosen.function)
    return exporter(ledger)


def export(
    ledger: LedgerStore,
    fmt: str,
    path: str | Path | None = None,
    *,
    progress: Callable[[int, int | None], None] | None = None,
) -> Exported:
    """Export the ledger as ``fmt`` to ``path`` (a directory for ``csv``); with no path, return the text.

    Every file is written atomically; a directory is created if missing.
    ``progress(done, total)`` is called as the exporter walks the claims.
    """
    from ..store.atomic import atomic_write

    built = build(cast("LedgerStore", _Watched(ledger, progress)) if progress else ledger, fmt)
    chosen = FORMATS[fmt]
    if path is None:
        if chosen.directory:
            raise InvalidInputError(f"the {fmt} export is a directory of files: give the directory to write them in")
        return Exported(fmt, (), built.summary, text=next(iter(built.files.values())))
    target = Path(path)
    if not chosen.directory:
        atomic_write(target, next(iter(built.files.values())))
        return Exported(fmt, (target,), built.summary)
    if target.exists() and not target.is_dir():
        raise InvalidInputError(f"{target} is a file; the {fmt} export writes a directory of files")
    written = []
    for name, content in built.files.items():
        atomic_write(target / name, content)
        written.append(target / name)
    return Exported(fmt, tuple(written), built.summary)


class _Watched:
    """A ledger whose ``iter_claims`` reports ``progress(done, total)`` as an exporter walks it; every other
    call passes through. The total is the index's count of claims, when the index is up to date."""

    def __init__(self, ledger: LedgerStore, progress: Callable[[int, int | None], None]) -> None:
        self._ledger, self._progress = ledger, progress
        ledger.speakers()  # the first read brings the index up to date, so its count is the ledger's
        status = ledger.index_status()
        self._total = status.claims if status.state == "fresh" else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ledger, name)

    def iter_claims(self) -> Iterator[Claim]:
        done = 0
        self._progress(0, self._total)
        for claim in self._ledger.iter_claims():
            yield claim
            done += 1
            if done % _REPORT_EVERY == 0:
                self._progress(done, self._total)
        self._progress(done, self._total if self._total is not None and self._total >= done else done)
