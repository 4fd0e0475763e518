"""Names looked up in a batch: ``SpeakerIndex.lookup`` (what extraction calls) finds whom ``resolve`` finds.

A lookup is remembered, and scores only the candidates that could change the outcome; neither may
change the outcome itself, on any registry, and the memory it keeps is bounded.
"""

from __future__ import annotations

import pytest

from provenance import names
from provenance.errors import SpeakerError
from provenance.names import SpeakerIndex
from provenance.records import Speaker
from test_extract_batch import REGISTRY

MENTIONS = [
    "Ana Costa",  # the name
    "ana-costa",  # the id
    "ANA COSTA",  # normalised
    "Anna Costa",  # fuzzy
    "Costa",  # two registered Costas: ambiguous
    "Marko Costa",  # fuzzy, beside a namesake
    "Park",  # a surname alone
    "Lena Parks",
    "Harbor Board",  # an organisation, misspelt
    "Harbour Council",  # another body
    "Declan",  # a given name alone is nobody
    "Farrell",  # a surname too far from O'Farrell
    "Kostas",
    "Costa Rica",
    "",
    "he",
]


@pytest.mark.parametrize("mention", MENTIONS)
def test_a_lookup_finds_whom_resolve_finds_and_nobody_where_it_refuses(mention: str) -> None:
    index = SpeakerIndex(REGISTRY)

    try:
        expected = index.resolve(mention)
    except SpeakerError:
        assert index.lookup(mention) is None
        assert index.lookup(mention) is None  # remembered, the same
        return
    found = index.lookup(mention)
    assert found is not None
    assert (found.speaker.id, found.method, found.score) == (expected.speaker.id, expected.method, expected.score)


def test_a_lookup_agrees_with_resolve_on_the_names_tables() -> None:
    from test_names import NEAR_MISSES, NOT_THEM, RESOLVES, SIARHEI, VIKTOR
    from test_names import REGISTRY as BELARUS

    index = SpeakerIndex(
        [*BELARUS, VIKTOR, SIARHEI, *(Speaker(id=f"n-{i}", name=n) for i, (_, n) in enumerate(NEAR_MISSES))]
    )
    mentions = [m for m, _, _ in RESOLVES] + NOT_THEM + [m for m, _ in NEAR_MISSES] + ["Lukashenka", "Tikhanovsky"]

    for mention in mentions:
        try:
            expected: str | None = index.resolve(mention).speaker.id
        except SpeakerError:
            expected = None
        found = index.lookup(mention)
        assert (found.speaker.id if found else None) == expected, mention


def test_an_index_that_forgets_still_finds_the_same_speakers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "REMEMBERED", 3)  # far fewer than the mentions: the memory is emptied often
    index, fresh = SpeakerIndex(REGISTRY), SpeakerIndex(REGISTRY)

    first = [index.lookup(m) for m in MENTIONS * 3]

    again = [fresh.resolve(m).speaker.id if fresh.lookup(m) else None for m in MENTIONS * 3]
    assert [f.speaker.id if f else None for f in first] == again
    assert len(index._looked_up) <= 3
