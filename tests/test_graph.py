"""The ledger as a who-said-what graph, and the walks that answer provenance questions.

Most tests use a private copy of the Belarus sample ledger (claims/, built from the
tutorial): 19 claims reported by a tech2.org rewrite of a Guardian article.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

import provenance
from provenance import (
    Claim,
    Derivation,
    Ledger,
    Link,
    NotFoundError,
    Source,
    Speaker,
    UnknownSpeakerError,
    Venue,
    claim_id,
)
from provenance.graph import claims_by, ledger_to_graph, node_id, reported_by, source_lineage, who_said

SAMPLE = Path(__file__).resolve().parent.parent / "claims"
TECH2 = "source:tech2-belarus-rally"
GUARDIAN = "source:guardian-belarus-rally-2020-09-13"
TSEPKALO_QUOTE = "claim:c-3e9c1a6cc95c"  # "The people of Belarus are in support of Putin …"
BIEGUN_CLAIMS = {"claim:c-ca441e9717a6", "claim:c-6efb1d068d94", "claim:c-113d5596a1fe"}
EU_CLAIMS = {"claim:c-f90aa5a325f9", "claim:c-83c644c616c3", "claim:c-76fe99336bef", "claim:c-2cc8a7a51266"}


@pytest.fixture
def belarus(tmp_path: Path) -> Ledger:
    """A private copy of the sample ledger, opened."""
    target = tmp_path / "claims"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".lock"))
    return Ledger.open(target)


def _relations(graph: nx.MultiDiGraph) -> Counter[str]:
    return Counter(relation for _, _, relation in graph.edges(data="relation"))


def _edges(graph: nx.MultiDiGraph, relation: str) -> set[tuple[str, str]]:
    return {(tail, head) for tail, head, rel in graph.edges(data="relation") if rel == relation}


# ------------------------------------------------------------------ the whole sample


def test_the_sample_is_a_multidigraph_with_typed_node_ids(belarus: Ledger) -> None:
    graph = belarus.graph()

    assert isinstance(graph, nx.MultiDiGraph)
    kinds = Counter(node.split(":", 1)[0] for node in graph.nodes)
    assert kinds == {"claim": 19, "speaker": 12, "venue": 4, "source": 2}
    for node, kind in graph.nodes(data="type"):
        assert node.startswith(f"{kind}:"), node


def test_every_registered_speaker_is_in_the_unfiltered_graph(belarus: Ledger) -> None:
    graph = belarus.graph()

    assert {n for n in graph if n.startswith("speaker:")} == {f"speaker:{s.id}" for s in belarus.speakers()}
    assert graph.degree("speaker:vladimir-putin") == 0  # registered, but quoted by no one here


def test_nodes_carry_their_records_fields(belarus: Ledger) -> None:
    graph = belarus.graph()

    quote = graph.nodes[TSEPKALO_QUOTE]
    assert quote["type"] == "claim"
    assert quote["text"] == "The people of Belarus are in support of Putin in support of Lukashenko,"
    assert (quote["kind"], quote["status"]) == ("direct", "recorded")
    assert (quote["speaker"], quote["speaker_mention"], quote["cue"]) == ("valery-tsepkalo", "Velary Tsepalko", "said")
    assert quote["venue"] == "phone-call-from-exile-in-poland"
    assert quote["anchor"]["exact"] == quote["text"]

    speaker = graph.nodes["speaker:valery-tsepkalo"]
    assert speaker["type"] == "speaker"
    assert (speaker["name"], speaker["kind"]) == ("Valery Tsepkalo", "person")
    assert "Valery Tsapkala" in speaker["aliases"]

    source = graph.nodes[TECH2]
    assert (source["type"], source["outlet"]) == ("source", "tech2.org")
    assert source["url"].startswith("https://tech2.org/belarus-join-a-100000-rally")
    assert source["derived_from"] == [{"source": "guardian-belarus-rally-2020-09-13", "relation": "rewrite"}]

    venue = graph.nodes["venue:march-on-the-presidential-residence-minsk"]
    assert (venue["type"], venue["kind"], venue["date"]) == ("venue", "rally", "2020-09-13")


def test_the_edges_say_who_said_what_where_and_who_reported_it(belarus: Ledger) -> None:
    graph = belarus.graph()

    assert _relations(graph) == {"said": 19, "reported-by": 19, "at": 10, "derived-from": 1}
    assert ("speaker:valery-tsepkalo", TSEPKALO_QUOTE) in _edges(graph, "said")
    assert (TSEPKALO_QUOTE, "venue:phone-call-from-exile-in-poland") in _edges(graph, "at")
    assert (TSEPKALO_QUOTE, TECH2) in _edges(graph, "reported-by")
    assert _edges(graph, "derived-from") == {(TECH2, GUARDIAN)}
    assert graph.edges[TECH2, GUARDIAN, "derived-from"]["derivation"] == "rewrite"


def test_each_claims_edges_match_its_fields(belarus: Ledger) -> None:
    graph = belarus.graph()

    for node, attrs in graph.nodes(data=True):
        if attrs["type"] != "claim":
            continue
        out = {(head, rel) for _, head, rel in graph.out_edges(node, data="relation")}
        expected = {(node_id("source", attrs["source"]), "reported-by")}
        if "venue" in attrs:
            expected.add((node_id("venue", attrs["venue"]), "at"))
        assert out == expected, node
        said = [(tail, rel) for tail, _, rel in graph.in_edges(node, data="relation")]
        assert said == [(node_id("speaker", attrs["speaker"]), "said")], node


# ------------------------------------------------------------------ restricted pictures


def test_filtering_by_a_misspelled_speaker_keeps_the_source_it_was_copied_from(belarus: Ledger) -> None:
    graph = belarus.graph(speakers=["Velary Tsepalko"])

    assert set(graph.nodes) == {
        "speaker:valery-tsepkalo",
        TSEPKALO_QUOTE,
        "venue:phone-call-from-exile-in-poland",
        TECH2,
        GUARDIAN,  # reports nothing of Tsepkalo's, but tech2 is a rewrite of it
    }
    assert _edges(graph, "derived-from") == {(TECH2, GUARDIAN)}


def test_filtering_by_several_speakers_by_name_alias_and_id(belarus: Ledger) -> None:
    graph = belarus.graph(speakers=["Stephen Bezgon", "The European Union", "alexander-lukashenko"])

    speakers = {n for n in graph if n.startswith("speaker:")}
    assert speakers == {"speaker:stephen-biegun", "speaker:european-union", "speaker:alexander-lukashenko"}
    claims = {n for n in graph if n.startswith("claim:")}
    assert claims == BIEGUN_CLAIMS | EU_CLAIMS | {"claim:c-a4643d3fda4b"}
    assert {n for n in graph if n.startswith("venue:")} == {"venue:eu-statement-on-belarus"}


def test_filtering_by_source_keeps_its_ancestors(belarus: Ledger) -> None:
    graph = belarus.graph(sources=["tech2-belarus-rally"])

    assert sum(1 for n in graph if n.startswith("claim:")) == 19
    assert {n for n in graph if n.startswith("source:")} == {TECH2, GUARDIAN}


def test_filtering_by_a_source_with_no_claims_draws_just_that_source(belarus: Ledger) -> None:
    graph = belarus.graph(sources=["guardian-belarus-rally-2020-09-13"])

    assert set(graph.nodes) == {GUARDIAN}
    assert graph.number_of_edges() == 0


def test_speaker_and_source_filters_combine(belarus: Ledger) -> None:
    graph = belarus.graph(speakers=["Stephen Biegun"], sources=["guardian-belarus-rally-2020-09-13"])

    assert not [n for n in graph if n.startswith(("claim:", "speaker:"))]


def test_an_unknown_speaker_or_source_in_a_filter_is_an_error_not_an_empty_picture(belarus: Ledger) -> None:
    with pytest.raises(UnknownSpeakerError, match="Koen van Weel"):
        belarus.graph(speakers=["Koen van Weel"])
    with pytest.raises(NotFoundError, match="no-such-source"):
        belarus.graph(sources=["no-such-source"])


# ------------------------------------------------------------------ walks


def test_who_said_a_claim(belarus: Ledger) -> None:
    graph = belarus.graph()

    assert who_said(graph, TSEPKALO_QUOTE) == "speaker:valery-tsepkalo"
    assert who_said(graph, "claim:c-113d5596a1fe") == "speaker:stephen-biegun"  # printed only as "he"


def test_claims_by_a_speaker(belarus: Ledger) -> None:
    graph = belarus.graph()

    assert set(claims_by(graph, "speaker:stephen-biegun")) == BIEGUN_CLAIMS
    assert len(claims_by(graph, "speaker:stephen-biegun")) == 3
    assert set(claims_by(graph, "speaker:european-union")) == EU_CLAIMS
    assert claims_by(graph, "speaker:vladimir-putin") == []


def test_reported_by_and_source_lineage(belarus: Ledger) -> None:
    graph = belarus.graph()

    assert reported_by(graph, TSEPKALO_QUOTE) == TECH2
    assert source_lineage(graph, TECH2) == [TECH2, GUARDIAN]
    assert source_lineage(graph, GUARDIAN) == [GUARDIAN]
    with pytest.raises(KeyError):
        reported_by(graph, "speaker:valery-tsepkalo")


def test_ledger_to_graph_is_public_and_equals_the_ledger_method(belarus: Ledger) -> None:
    from_function = provenance.ledger_to_graph(belarus)
    from_method = belarus.graph()

    assert set(from_function.nodes) == set(from_method.nodes)
    assert sorted(from_function.edges(keys=True)) == sorted(from_method.edges(keys=True))


# ------------------------------------------------------------------ links, unattributed claims, longer chains


class _Memory:
    """An in-memory ledger: what ledger_to_graph needs, for cases the sample lacks."""

    def __init__(self, speakers: list[Speaker], sources: list[Source], claims: list[Claim]) -> None:
        self._speakers, self._sources, self._claims = speakers, sources, claims

    def speakers(self) -> list[Speaker]:
        return self._speakers

    def venues(self) -> list[Venue]:
        return []

    def sources(self) -> list[Source]:
        return self._sources

    def iter_claims(self) -> Iterator[Claim]:
        return iter(self._claims)


def _claim(text: str, source: str, speaker: str | None, links: tuple[Link, ...] = ()) -> Claim:
    return Claim(id=claim_id(source, text, speaker), text=text, speaker=speaker, source=source, links=links)


@pytest.fixture
def syndicated() -> _Memory:
    """An AP original, a syndicated copy, and a translation of the copy; the copy words it differently."""
    original = _claim("We will not give up.", "ap", "valery-tsepkalo")
    copy = _claim("We will never give up.", "copy", "valery-tsepkalo", (Link(kind="variant_of", target=original.id),))
    unattributed = _claim("Sources say talks failed.", "copy", None)
    return _Memory(
        [Speaker(id="valery-tsepkalo", name="Valery Tsepkalo")],
        [
            Source(id="ap", outlet="AP"),
            Source(id="copy", derived_from=(Derivation(source="ap", relation="syndication"),)),
            Source(id="translation", derived_from=(Derivation(source="copy", relation="translation"),)),
        ],
        [original, copy, unattributed],
    )


def test_a_variant_link_becomes_an_edge_between_the_two_claims(syndicated: _Memory) -> None:
    graph = ledger_to_graph(syndicated)
    original, copy, _ = syndicated._claims

    assert _edges(graph, "variant_of") == {(f"claim:{copy.id}", f"claim:{original.id}")}


def test_a_link_to_a_claim_filtered_out_is_not_drawn(syndicated: _Memory) -> None:
    graph = ledger_to_graph(syndicated, sources={"copy"})

    assert "variant_of" not in _relations(graph)
    assert {n for n in graph if n.startswith("source:")} == {"source:copy", "source:ap"}


def test_an_unattributed_claim_has_no_speaker(syndicated: _Memory) -> None:
    graph = ledger_to_graph(syndicated)
    unattributed = f"claim:{syndicated._claims[2].id}"

    assert who_said(graph, unattributed) is None
    assert reported_by(graph, unattributed) == "source:copy"


def test_source_lineage_walks_a_chain_nearest_first(syndicated: _Memory) -> None:
    graph = ledger_to_graph(syndicated)

    assert source_lineage(graph, "source:translation") == ["source:translation", "source:copy", "source:ap"]
    assert graph.edges["source:translation", "source:copy", "derived-from"]["derivation"] == "translation"


def test_source_lineage_stops_at_a_derivation_cycle() -> None:
    # A hand-edited ledger can say two sources copy each other; the walk must still end.
    memory = _Memory(
        [],
        [
            Source(id="a", derived_from=(Derivation(source="b"),)),
            Source(id="b", derived_from=(Derivation(source="a"),)),
        ],
        [],
    )

    assert source_lineage(ledger_to_graph(memory), "source:a") == ["source:a", "source:b"]
