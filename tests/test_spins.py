"""Spun copies (tests/data/spins/): every aligned quote is grouped with its original, with the intended drift.

Each pair is recorded in a fresh ledger the way a user would: the speakers, both articles as
sources with their text snapshots (the copy derived from the original when that is known), and
the quotes of each, anchored in their articles. Then ``Ledger.variants()`` must put each copy's
quote in its original's group with the drift the pair names, leave a quote the copy dropped
alone, and link nothing else.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from provenance import Ledger
from provenance.analysis import synonyms

SPINS = Path(__file__).parent / "data" / "spins"
PAIRS = sorted(SPINS.glob("*.yaml"))
ROLES = ("parent", "original", "rewritten")


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def record(root: Path, pair: dict[str, Any]) -> tuple[Ledger, list[dict[str, str]]]:
    """The pair as a ledger; for each quote, its claim id per role."""
    ledger = Ledger.init(root)
    for name in pair["speakers"]:
        ledger.add_speaker(name)
    for name in pair.get("groups", []):
        ledger.add_speaker(name, kind="group")
    relation = pair["relation"]
    for role in ROLES:
        if role not in pair:
            continue
        info = pair[role]
        parents: list[tuple[str, str]] = []
        if role != "parent" and "parent" in pair:
            parents = [("parent", relation)]  # both translate the parent
        elif role == "rewritten" and relation != "none":
            parents = [("original", relation)]
        published = info.get("published")
        ledger.add_source(
            source_id=role,
            outlet=info["outlet"],
            published=dt.date.fromisoformat(str(published)) if published else None,
            language=info["language"],
            text=info["text"],
            derived_from=parents,
        )
    ids = []
    for quote in pair["quotes"]:
        found = {}
        for role in ROLES:
            if role in quote:
                claim = quote[role]
                added = ledger.add(claim["text"], speaker=claim["speaker"], source=role, kind=claim["kind"])
                assert added.claim.anchor is not None, f"{role}: {claim['text']!r} is not in the article"
                found[role] = added.claim.id
        ids.append(found)
    return ledger, ids


def test_there_are_at_least_eight_pairs_covering_every_kind_of_damage() -> None:
    assert len(PAIRS) >= 8
    drifts = {q.get("drift") for p in PAIRS for q in load(p)["quotes"]}
    assert {
        "cosmetic",
        "substituted",
        "rewritten",
        "meaning-changed",
        "truncated",
        "changed-form",
        "attribution-changed",
        "shifted",
        "translated",
    } <= drifts


@pytest.mark.parametrize("path", PAIRS, ids=[p.stem for p in PAIRS])
def test_every_aligned_quote_is_grouped_with_the_intended_drift(path: Path, tmp_path: Path) -> None:
    assert synonyms.available()  # the test extra installs the thesaurus
    pair = load(path)
    ledger, ids = record(tmp_path / "claims", pair)

    groups = ledger.variants()

    group_of = {m.claim: g for g in groups for m in g.members}
    expected_links = 0
    for quote, found in zip(pair["quotes"], ids, strict=True):
        if "rewritten" not in found:  # a quote the copy dropped stays alone
            assert found["original"] not in group_of
            continue
        group = group_of.get(found["rewritten"])
        assert group is not None, f"{quote['rewritten']['text']!r} is in no group"
        first = found.get("parent", found["original"])
        assert group.origin == first
        drifts = {m.claim: m.drift.value for m in group.members}
        assert drifts[found["original"]] == ("identical" if first == found["original"] else quote["drift"])
        assert drifts[found["rewritten"]] == quote["drift"], quote["rewritten"]["text"]
        expected_links += len(found) - 1
    assert sum(len(g.members) - 1 for g in groups) == expected_links  # nothing else was linked


def test_variants_and_trace_show_the_new_drifts(run, tmp_path: Path) -> None:
    ledger, ids = record(tmp_path / "claims", load(SPINS / "08-direct-to-indirect.yaml"))

    def cli(*args: str) -> str:
        result = run("--ledger", str(ledger.path), *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    shown = cli("variants")
    assert f"  attribution-changed {ids[0]['rewritten']}  science-snippets.example" in shown.splitlines()
    assert f"  changed-form {ids[1]['rewritten']}  science-snippets.example" in shown.splitlines()
    chain = cli("trace", ids[0]["rewritten"]).splitlines()
    assert chain[0] == "Northfield University researchers said:"
    assert (
        chain[4]
        == "    attribution-changed: The fat [-we found in these samples-] proves nothing about diet on its own,"
    )
    assert chain[5] == "  rewritten is a rewrite of original: attribution-changed"


def test_an_unrecorded_spun_copy_is_aligned_by_the_sentences_its_text_shares(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the thesaurus the spun quotes share too few words to match; the copy is found by the
    # unchanged sentences around them (sources copies), and its quotes are aligned with the original's.
    from provenance.analysis.matching import wording
    from provenance.analysis.variants import group_variants

    for cached in (synonyms._entries, synonyms._synonyms_of, wording):
        cached.cache_clear()
    monkeypatch.setattr(synonyms, "_thesaurus_file", lambda: None)
    try:
        ledger, ids = record(tmp_path / "claims", load(SPINS / "12-undeclared-spin.yaml"))
        assert group_variants(list(ledger.iter_claims()), ledger.sources()) == []  # the wording alone is too far
        groups = ledger.variants()
        assert {(g.origin, g.members[1].claim, g.members[1].drift.value) for g in groups} == {
            (found["original"], found["rewritten"], "rewritten") for found in ids
        }
    finally:
        for cached in (synonyms._entries, synonyms._synonyms_of, wording):
            cached.cache_clear()


@pytest.mark.parametrize("path", PAIRS, ids=[p.stem for p in PAIRS])
def test_after_variants_write_the_groups_read_back_the_same(path: Path, tmp_path: Path) -> None:
    ledger, _ = record(tmp_path / "claims", load(path))
    written = ledger.variants(write=True)
    assert ledger.variants() == written  # from the links the write left, comparing nothing
    assert ledger.variants(full=True) == written
