"""Copies between sources: a wire story carried by ten outlets is one origin with ten copies."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from provenance import Ledger
from provenance.analysis.copies import find_copies, sentences
from provenance.records import Source

WIRE = """\
Rescue teams reached the flooded village of Marrow Bend on Tuesday after two days of heavy rain.
The river rose by more than three metres overnight and cut the only road into the valley.
About four hundred people spent the night in the school hall on the hill above the village.
Volunteers from neighbouring towns brought blankets, bread and drinking water by tractor.
The regional council said the road would stay closed until engineers had inspected the bridge.
Forecasters expect more rain on Thursday, though less than fell at the weekend.
"""
LOCAL = """\
The new cycle path along the canal opened on Saturday with a ride led by schoolchildren.
It runs for six kilometres from the old mill to the railway station and cost two million.
Shopkeepers on the towpath said trade had already picked up during the opening weekend.
The council plans a second stretch towards the university campus next year.
"""


def outlet_copy(number: int) -> str:
    """An outlet's reprint: its own first line, the wire's sentences, one of them lightly edited."""
    body = WIRE.replace("About four hundred people", "Around four hundred residents") if number % 2 else WIRE
    return f"Outlet {number} news desk report.\n\n{body}"


@pytest.fixture
def syndicated(tmp_path: Path) -> Ledger:
    """The wire's story, ten outlets' reprints a day later, a copy of a reprint, and an unrelated article."""
    ledger = Ledger.init(tmp_path / "claims")
    ledger.add_source(source_id="wire", outlet="Wire", published=dt.date(2026, 5, 5), text=WIRE)
    for n in range(10):
        ledger.add_source(source_id=f"outlet-{n}", published=dt.date(2026, 5, 6), text=outlet_copy(n))
    ledger.add_source(source_id="local", published=dt.date(2026, 5, 6), text=LOCAL)
    return ledger


def test_sentences_are_compared_without_typography_and_short_ones_are_dropped() -> None:
    found = sentences("He said so. \u201cThe river rose by more than three metres overnight,\u201d she said.")
    assert found == [("the", "river", "rose", "by", "more", "than", "three", "metres", "overnight", "she", "said")]


def test_a_wire_story_in_ten_outlets_is_one_origin_with_ten_copies(syndicated: Ledger) -> None:
    found = {p.source: p for p in syndicated.copies()}

    assert set(found) == {f"outlet-{n}" for n in range(10)}  # the unrelated article is no copy
    assert {p.original for p in found.values()} == {"wire"}
    assert found["outlet-0"].relation.value == "copy"
    assert (found["outlet-0"].shared, found["outlet-0"].identical, found["outlet-0"].longest_run) == (6, 6, 6)
    assert (found["outlet-1"].shared, found["outlet-1"].identical) == (6, 5)
    assert not any(p.recorded for p in found.values())


def test_the_cli_lists_the_evidence_and_write_records_derived_from_once(run, syndicated: Ledger) -> None:
    def cli(*args: str):
        return run("--ledger", str(syndicated.path), *args)

    shown = cli("sources", "copies")
    assert shown.exit_code == 0
    assert "outlet-0 is a copy of wire (new): 6 sentences shared, longest run 6, 6 identical, 100% of its text" in (
        shown.stdout.splitlines()
    )
    assert shown.stderr.strip() == "10 copies found, 10 not recorded before"
    assert not (syndicated.path / "sources" / "outlet-0.yaml").read_text(encoding="utf-8").count("derived_from")

    written = cli("sources", "copies", "--write")

    assert written.exit_code == 0
    data = yaml.safe_load((syndicated.path / "sources" / "outlet-2.yaml").read_text(encoding="utf-8"))
    assert data["source"]["derived_from"] == [{"source": "wire", "relation": "copy"}]
    again = json.loads(cli("sources", "copies", "--json").stdout)
    assert all(p["recorded"] for p in again["copies"])
    assert cli("sources", "copies", "--write").exit_code == 0
    data = yaml.safe_load((syndicated.path / "sources" / "outlet-2.yaml").read_text(encoding="utf-8"))
    assert data["source"]["derived_from"] == [{"source": "wire", "relation": "copy"}]  # not twice
    assert cli("check").exit_code == 0


def test_a_copy_of_a_copy_points_at_the_copy_it_matches_best() -> None:
    reworded = WIRE.replace("heavy rain", "torrential rain").replace("blankets", "quilts")
    texts = {"wire": WIRE, "reprint": reworded, "aggregator": reworded}
    sources = [
        Source(id="wire", published=dt.date(2026, 5, 5)),
        Source(id="reprint", published=dt.date(2026, 5, 6)),
        Source(id="aggregator", published=dt.date(2026, 5, 7)),
    ]
    found = {p.source: (p.original, p.relation.value) for p in find_copies(texts, sources)}
    assert found == {"reprint": ("wire", "rewrite"), "aggregator": ("reprint", "copy")}


def test_a_source_never_derives_from_its_own_copy(tmp_path: Path) -> None:
    ledger = Ledger.init(tmp_path / "claims")
    ledger.add_source(source_id="b-first", published=dt.date(2026, 5, 5), text=WIRE)
    ledger.add_source(source_id="a-second", text=WIRE, derived_from=[("b-first", "copy")])
    (proposal,) = ledger.copies(write=True)
    assert (proposal.source, proposal.original, proposal.recorded) == ("a-second", "b-first", True)
    assert ledger.source("b-first").derived_from == ()
