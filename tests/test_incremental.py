"""Incremental variants: after ``variants --write``, adding a source compares only its claims."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from provenance import Ledger
from provenance.analysis import linking

ORIGINAL = """\
The council voted on Monday to close the Eastpier fish market at the end of the year.
“Nobody from the council has set foot on this pier in years,” said Tomasz Wierzbicki.
“The boats will still come in, but where will they sell?” said Declan O'Farrell.
Ingrid Sorensen said the council would help traders move to a new hall on Mill Road.
"""
REWRITE = """\
The council voted on Monday to shut the Eastpier fish market at the end of the year.
"No one from the council has set foot on this pier in years," said Tomasz Wierzbicki.
"The boats will still come in, but where will they sell?" said Declan O'Farrell.
"""
LATER = """\
Traders at Eastpier were angry on Tuesday. "No one from the council has set foot on this pier in
years," Tomasz Wierzbicki told a rally. Ingrid Sorensen said the council would help the traders
move to a new hall on Mill Road.
"""
QUOTES = {
    "original": [
        ("Nobody from the council has set foot on this pier in years,", "Tomasz Wierzbicki", "direct"),
        ("The boats will still come in, but where will they sell?", "Declan O'Farrell", "direct"),
        ("the council would help traders move to a new hall on Mill Road", "Ingrid Sorensen", "indirect"),
    ],
    "rewrite": [
        ("No one from the council has set foot on this pier in years,", "Tomasz Wierzbicki", "direct"),
        ("The boats will still come in, but where will they sell?", "Declan O'Farrell", "direct"),
    ],
    "later": [
        ("No one from the council has set foot on this pier in years,", "Tomasz Wierzbicki", "direct"),
        ("the council would help the traders move to a new hall on Mill Road", "Ingrid Sorensen", "indirect"),
    ],
}


def add_source(ledger: Ledger, sid: str, text: str, day: int, *parents: str) -> None:
    ledger.add_source(
        source_id=sid, text=text, published=dt.date(2026, 3, day), derived_from=[(p, "rewrite") for p in parents]
    )
    for words, speaker, kind in QUOTES[sid]:
        ledger.add(words, speaker=speaker, source=sid, kind=kind)


@pytest.fixture
def harbour(tmp_path: Path) -> Ledger:
    ledger = Ledger.init(tmp_path / "claims")
    for name in ("Tomasz Wierzbicki", "Declan O'Farrell", "Ingrid Sorensen"):
        ledger.add_speaker(name)
    add_source(ledger, "original", ORIGINAL, 3)
    add_source(ledger, "rewrite", REWRITE, 4, "original")
    return ledger


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The pairs of claims compared by their wording, as (source, source)."""
    seen: list[tuple[str, str]] = []
    original = linking.wording_link

    def spy(a, b, *args, **kwargs):
        seen.append((a.source, b.source))
        return original(a, b, *args, **kwargs)

    monkeypatch.setattr(linking, "wording_link", spy)
    return seen


def test_write_keeps_a_git_ignored_cache_of_the_run(run, harbour: Ledger) -> None:
    assert run("--ledger", str(harbour.path), "variants", "--write").exit_code == 0
    state = json.loads((harbour.path / ".cache" / "variants.json").read_text(encoding="utf-8"))
    assert set(state["sources"]) == {"original", "rewrite"}
    assert (harbour.path / ".cache" / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert run("--ledger", str(harbour.path), "check").exit_code == 0


def test_after_adding_a_source_only_its_claims_are_compared(run, harbour: Ledger, compared) -> None:
    def cli(*args: str):
        result = run("--ledger", str(harbour.path), *args)
        assert result.exit_code == 0, result.stderr
        return result

    cli("variants", "--write")
    assert ("original", "rewrite") in compared
    add_source(harbour, "later", LATER, 5)
    compared.clear()

    incremental = cli("variants", "--write", "--json").stdout

    assert compared  # the new source's claims were compared…
    assert all("later" in pair for pair in compared)  # …and nothing else was
    compared.clear()
    assert json.loads(cli("variants", "--full", "--json").stdout) == json.loads(incremental)
    assert len(compared) > 0
    groups = json.loads(incremental)["groups"]
    assert [[m["drift"] for m in g["members"]] for g in groups] == [
        ["identical", "substituted", "substituted"],
        ["identical", "identical"],
        ["identical", "extended"],
    ]


def test_a_changed_source_is_compared_again_and_nothing_new_compares_nothing(run, harbour: Ledger, compared) -> None:
    assert run("--ledger", str(harbour.path), "variants", "--write").exit_code == 0
    compared.clear()
    assert run("--ledger", str(harbour.path), "variants").exit_code == 0
    assert compared == []  # nothing changed: the written groups stand
    harbour.add("Where will they sell?", speaker="Declan O'Farrell", source="rewrite")
    assert run("--ledger", str(harbour.path), "variants").exit_code == 0
    assert compared
    assert all("rewrite" in pair for pair in compared)


def test_a_damaged_cache_means_a_full_run(run, harbour: Ledger, compared) -> None:
    assert run("--ledger", str(harbour.path), "variants", "--write").exit_code == 0
    (harbour.path / ".cache" / "variants.json").write_text("{not json", encoding="utf-8")
    compared.clear()
    result = run("--ledger", str(harbour.path), "variants")
    assert result.exit_code == 0
    assert ("original", "rewrite") in compared


def test_progress_sees_every_pair_compared(harbour: Ledger, compared) -> None:
    shown: list[int] = []

    def progress(pairs):
        shown.append(len(pairs))
        return pairs

    harbour.variants(progress=progress)
    assert len(shown) == 1  # one pass over the candidate pairs…
    assert shown[0] >= len(compared) > 0  # …which holds every pair whose wording was compared
