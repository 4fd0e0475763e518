"""The index answers every query exactly as the YAML does: the same claims, in the same order.

Each query is asked twice: of a Ledger reading its SQLite index, and of the
records a full YAML load returns, filtered by ClaimQuery.matches (the meaning
of each filter). Generated ledgers and the sample both; text search with
needles of every length, in any letter case, across word edges.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import Ledger
from provenance.records import Claim
from provenance.store import index as index_module
from provenance.store.checks import load_ledger
from provenance.store.filters import ClaimQuery
from provenance.store.layout import Layout


def yaml_claims(root: Path) -> list[Claim]:
    """Every claim as a full YAML load gives them, in ledger order."""
    _, _, sources = load_ledger(Layout(root))
    return [claim for entry in sources.values() for claim in entry.claims]


def indexed(root: Path) -> Ledger:
    """A ledger whose reads must come from the index (a full YAML load would fail the test)."""
    ledger = Ledger.open(root)
    ledger.speakers()  # builds the index
    assert ledger._reads.indexed() is not None
    return ledger


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger of 300 claims in 12 sources: speakers, venues, kinds, statuses, mentions, unicode (read only)."""
    rng = random.Random(11)
    root = tmp_path_factory.mktemp("index-queries") / "claims"
    ledger = Ledger.init(root)
    people = ["Valery Tsepkalo", "Nigel Gould-Davies", "Stephen Biegun", "Łukasz Straße", "Олег Петров"]
    for name in people:
        ledger.add_speaker(name)
    words = "we will not give up the people of belarus STRASSE straße Ärger naïve rally moscow power".split()
    venues = ["Press conference", "Phone call", "Rally in Minsk"]
    for s in range(12):
        source = f"story-{s:02d}" if s % 3 else f"story-{s:02d}-b"  # ids where one is a prefix of another
        ledger.add_source(source_id=source, title=f"Story {s}", outlet=f"Outlet {s % 4}")
        for c in range(25):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 9))) + f" {s}-{c}"
            ledger.add(
                text,
                speaker=rng.choice(people),
                source=source,
                venue=rng.choice([*venues, None]),
                kind=rng.choice(["direct", "indirect", "assertion"]),
                status=rng.choice(["recorded", "extracted"]),
                mention=rng.choice([None, "he", "the MINISTER", "Ms Ärger"]),
            )
    return root


QUERIES = [
    {},
    {"speaker": "Valery Tsepkalo"},
    {"speaker": "Velary Tsepalko"},  # resolved like add resolves it
    {"source": "story-04"},
    {"source": "story-00-b"},
    {"venue": "phone call"},
    {"kind": "indirect"},
    {"status": "extracted"},
    {"contains": "e"},  # one character: the scan
    {"contains": "up"},  # two: the scan
    {"contains": "strasse"},  # casefold: matches "STRASSE" and "straße"
    {"contains": "STRASSE"},
    {"contains": "ärger"},
    {"contains": "minister"},  # in the mention only
    {"contains": "give up the"},
    {"contains": "ple of bel"},  # across words, inside them
    {"contains": 'say "no"'},  # quotes reach FTS5 as text
    {"contains": "nothing like this"},
    {"speaker": "Stephen Biegun", "kind": "direct", "contains": "we"},
    {"source": "story-05", "venue": "Rally in Minsk", "status": "recorded"},
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: ",".join(f"{k}={v}" for k, v in q.items()) or "all")
def test_every_filter_gives_what_the_yaml_gives(big_ledger: Path, query: dict[str, str]) -> None:
    ledger = indexed(big_ledger)
    expected_query = ClaimQuery(
        speakers=frozenset([ledger.speaker(query["speaker"]).id]) if "speaker" in query else None,
        sources=frozenset([query["source"]]) if "source" in query else None,
        venues=frozenset([ledger.venue(query["venue"]).id]) if "venue" in query else None,
        kind=query.get("kind"),
        status=query.get("status"),
        contains=query["contains"].casefold() if "contains" in query else None,
    )

    got = ledger.claims(**query)

    assert got == [claim for claim in yaml_claims(big_ledger) if expected_query.matches(claim)]


def test_the_queries_above_find_something(big_ledger: Path) -> None:
    ledger = indexed(big_ledger)

    assert ledger.claims(contains="strasse") == ledger.claims(contains="straße") != []  # "ß".casefold() == "ss"
    assert ledger.claims(contains="ä") == ledger.claims(contains="Ä") != []
    assert ledger.claims(contains="minister")
    assert ledger.claims(contains="eopl")  # inside a word


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_substring_of_any_claim_finds_the_claims_python_finds(big_ledger: Path, data: st.DataObject) -> None:
    ledger = Ledger.open(big_ledger)
    claims = yaml_claims(big_ledger)
    claim = data.draw(st.sampled_from(claims))
    text = data.draw(st.sampled_from([claim.text, claim.speaker_mention or claim.text]))
    start = data.draw(st.integers(0, len(text) - 1))
    needle = text[start : start + data.draw(st.integers(1, 12))]
    needle = data.draw(st.sampled_from([needle, needle.upper(), needle.title()]))

    found = ledger.claims(contains=needle)

    wanted = needle.casefold()
    assert claim in found
    assert found == [c for c in claims if wanted in c.text.casefold() or wanted in (c.speaker_mention or "").casefold()]


def test_other_reads_give_what_the_yaml_gives(big_ledger: Path) -> None:
    speakers, venues, sources = load_ledger(Layout(big_ledger))
    ledger = indexed(big_ledger)

    assert ledger.speakers() == list(speakers.values())
    assert ledger.venues() == list(venues.values())
    assert ledger.sources() == sorted((entry.source for entry in sources.values()), key=lambda s: s.id)
    assert list(ledger.iter_claims()) == yaml_claims(big_ledger)
    assert ledger.source("story-00-b") == sources["story-00-b"].source
    first = yaml_claims(big_ledger)[0]
    assert ledger.claim(first.id) == first
    assert ledger.claim(first.id[:6]) == first


def test_claims_are_in_source_file_order_even_when_one_id_is_a_prefix_of_another(big_ledger: Path) -> None:
    ledger = indexed(big_ledger)

    files = [claim.source for claim in ledger.claims()]

    order = list(dict.fromkeys(files))
    assert order == sorted(order, key=lambda source: f"{source}.yaml")  # "story-00-b.yaml" < "story-00.yaml"
    assert order.index("story-00-b") < order.index("story-01")


def test_select_claims_takes_ids_and_sets(big_ledger: Path) -> None:
    ledger = indexed(big_ledger)
    everything = yaml_claims(big_ledger)
    some = {c.id for c in everything[::7]}

    assert ledger.select_claims(speakers={"stephen-biegun", "valery-tsepkalo"}) == [
        c for c in everything if c.speaker in {"stephen-biegun", "valery-tsepkalo"}
    ]
    assert ledger.select_claims(sources={"story-01"}, ids=some) == [
        c for c in everything if c.source == "story-01" and c.id in some
    ]
    assert ledger.select_claims(ids=set()) == []


def test_a_reader_never_loads_the_yaml_once_the_index_is_fresh(big_ledger: Path, monkeypatch) -> None:
    Ledger.open(big_ledger).speakers()  # build

    def no_full_load(*args: object) -> None:
        raise AssertionError("the YAML was loaded in full")

    monkeypatch.setattr(index_module, "load_ledger", no_full_load)
    monkeypatch.setattr("provenance.store.reading.load_ledger", no_full_load)
    ledger = Ledger.open(big_ledger)

    assert len(ledger.claims(speaker="Stephen Biegun")) > 0
    assert ledger.claim(yaml_claims(big_ledger)[5].id[:8]).source
    assert len(ledger.sources()) == 12
