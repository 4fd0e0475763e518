"""The Python API under bad input: every error is a ProvenanceError subclass (also a ValueError or KeyError
where plain Python would raise one), never a raw OSError, TypeError, UnicodeError or pydantic error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import provenance
from provenance import InvalidInputError, Ledger, NotFoundError, ProvenanceError
from provenance.analysis.verify import reanchor, verify_claim
from provenance.graph import claims_by, reported_by, source_lineage, who_said

SOURCE = "minsk-march"
QUOTE = "We will not give up,"

Call = Callable[[Ledger, Path], Any]

CASES: list[tuple[str, Call, type[ProvenanceError], str]] = [
    (
        "text() outside the ledger",
        lambda ledger, t: ledger.text("../../../../etc/passwd"),
        NotFoundError,
        "is not a source id",
    ),
    ("text() with an absolute path", lambda ledger, t: ledger.text("/etc/passwd"), NotFoundError, "is not a source id"),
    ("a 300-character source id", lambda ledger, t: ledger.source("s" * 300), NotFoundError, "no source"),
    (
        "add to a 300-character id",
        lambda ledger, t: ledger.add(QUOTE, speaker="Biegun", source="s" * 300),
        NotFoundError,
        "not a source id",
    ),
    ("an unknown kind", lambda ledger, t: ledger.claims(kind="quote"), InvalidInputError, "kind 'quote'"),
    ("an unknown status", lambda ledger, t: ledger.set_status("c-0000", "fake"), NotFoundError, "no claim"),
    (
        "an unknown status on a claim",
        lambda ledger, t: ledger.set_status(_one(ledger), "fake", "why"),
        InvalidInputError,
        "status 'fake'",
    ),
    (
        "tags as one string",
        lambda ledger, t: ledger.add(QUOTE, speaker="Biegun", source=SOURCE, tags="abc"),
        InvalidInputError,
        "single string",
    ),
    (
        "aliases as one string",
        lambda ledger, t: ledger.add_speaker("Ann Example", aliases="abc"),
        InvalidInputError,
        "single string",
    ),
    (
        "derived_from as one string",
        lambda ledger, t: ledger.add_source(source_id="x", derived_from="abc"),
        InvalidInputError,
        "single string",
    ),
    (
        "a javascript: source URL",
        lambda ledger, t: ledger.add_source(url="javascript:alert(1)"),
        InvalidInputError,
        "http(s)",
    ),
    (
        "a data: source URL with an id",
        lambda ledger, t: ledger.add_source(url="DATA:text/html,x", source_id="d"),
        InvalidInputError,
        "http(s)",
    ),
    (
        "a vbscript: URL",
        lambda ledger, t: ledger.add(QUOTE, speaker="Biegun", source="VBScript:msgbox"),
        NotFoundError,
        "not a source id",
    ),
    (
        "a URL with no host",
        lambda ledger, t: ledger.add(QUOTE, speaker="Biegun", source="http://"),
        InvalidInputError,
        "no host",
    ),
    (
        "a broken IPv6 URL",
        lambda ledger, t: ledger.add_source(url="http://[::1/x"),
        InvalidInputError,
        "not a valid URL",
    ),
    (
        "a confidence above 1",
        lambda ledger, t: ledger.add(QUOTE, speaker="Biegun", source=SOURCE, confidence=3.0),
        InvalidInputError,
        "confidence",
    ),
    (
        "a date that is not a date",
        lambda ledger, t: ledger.add_source(source_id="x", published="yesterday"),
        InvalidInputError,
        "published",
    ),
    (
        "an undecodable byte",
        lambda ledger, t: ledger.add("a \udcff b", speaker="Biegun", source=SOURCE),
        InvalidInputError,
        "invalid UTF-8",
    ),
    ("a NUL in a speaker name", lambda ledger, t: ledger.add_speaker("Ann\x00 Example"), InvalidInputError, "U+0000"),
    (
        "a name of punctuation",
        lambda ledger, t: ledger.add(QUOTE, speaker="!!!", new_speaker=True, source=SOURCE),
        InvalidInputError,
        "no letter or digit",
    ),
    ("a blank alias", lambda ledger, t: ledger.add_speaker("Ann Example", aliases=[" "]), InvalidInputError, "blank"),
    (
        "an unknown speaker kind",
        lambda ledger, t: ledger.add_speaker("Ann Example", kind="robot"),
        InvalidInputError,
        "speaker kind",
    ),
    (
        "an unknown derivation",
        lambda ledger, t: ledger.add_source(source_id="x", derived_from=[(SOURCE, "theft")]),
        InvalidInputError,
        "relation",
    ),
    ("a claim id that is no id", lambda ledger, t: ledger.claim("../x"), NotFoundError, "is not a claim id"),
    ("open a file as a ledger", lambda ledger, t: Ledger.open(t / "file.txt"), provenance.LedgerError, "no ledger"),
    (
        "init inside /proc",
        lambda ledger, t: Ledger.init("/proc/no-such-process/claims"),
        provenance.WriteError,
        "cannot create",
    ),
    (
        "a graph node that is not there",
        lambda ledger, t: who_said(ledger.graph(), "claim:c-000000000000"),
        NotFoundError,
        "no node",
    ),
    (
        "claims of a missing speaker node",
        lambda ledger, t: claims_by(ledger.graph(), "speaker:nobody"),
        NotFoundError,
        "no node",
    ),
    (
        "the source of a speaker node",
        lambda ledger, t: reported_by(ledger.graph(), "speaker:stephen-biegun"),
        NotFoundError,
        "not a claim node",
    ),
    (
        "the lineage of a missing source",
        lambda ledger, t: source_lineage(ledger.graph(), "source:nowhere"),
        NotFoundError,
        "no node",
    ),
    ("re-anchor an exact claim", lambda ledger, t: _reanchor_exact(ledger), InvalidInputError, "only a moved claim"),
    ("a speaker given as a number", lambda ledger, t: ledger.claims(speaker=123), InvalidInputError, "not int 123"),
    (
        "render to an unknown format",
        lambda ledger, t: provenance.render(ledger.graph(), t / "x.gif"),
        provenance.RenderError,
        "unknown format",
    ),
    (
        "render over a directory",
        lambda ledger, t: provenance.render(ledger.graph(), t, format="dot"),
        provenance.WriteError,
        "cannot write",
    ),
]


def _one(ledger: Ledger) -> str:
    return ledger.add(QUOTE, speaker="Valery Tsepkalo", source=SOURCE).claim.id


def _reanchor_exact(ledger: Ledger) -> None:
    claim = ledger.claim(_one(ledger))
    snapshot = ledger.text(SOURCE) or ""
    reanchor(claim, verify_claim(claim, snapshot), snapshot)


@pytest.mark.parametrize(("case", "call", "error", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_a_named_error(ledger: Ledger, tmp_path: Path, case, call, error, fragment) -> None:
    (tmp_path / "file.txt").write_text("not a ledger\n", encoding="utf-8")

    with pytest.raises(error, match=None) as caught:
        call(ledger, tmp_path)

    assert fragment in str(caught.value)


def test_named_errors_are_also_the_builtin_exceptions_plain_python_raises(ledger: Ledger) -> None:
    with pytest.raises(ValueError, match="kind 'quote'"):
        ledger.claims(kind="quote")
    with pytest.raises(KeyError):
        ledger.source("nowhere")


def test_a_rejected_add_writes_nothing(ledger: Ledger, ledger_path: Path) -> None:
    before = {p: p.read_bytes() for p in ledger_path.rglob("*") if p.is_file() and p.name != ".lock"}

    with pytest.raises(InvalidInputError):
        ledger.add(
            QUOTE, speaker="Maria Znak", new_speaker=True, source=SOURCE, said_on=dt.date(2020, 9, 13), confidence=2
        )

    after = {p: p.read_bytes() for p in ledger_path.rglob("*") if p.is_file() and p.name != ".lock"}
    assert after == before
