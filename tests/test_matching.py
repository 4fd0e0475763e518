"""Comparing wordings: typography is no change, lemmas and synonyms agree, reported speech is levelled."""

from __future__ import annotations

import datetime as dt

import pytest

from provenance.analysis import synonyms
from provenance.analysis.drift import Drift, classify, meaning_changed
from provenance.analysis.matching import Overlap, overlap, similarity, wording
from provenance.analysis.normalise import comparison_words, normalise, unglue
from provenance.analysis.textdiff import word_diff
from provenance.analysis.variants import group_variants
from provenance.ids import claim_id
from provenance.records import Claim, Source

SPUN = (
    "Our children need a ward close to home, not a long drive in an emergency.",
    "Our youngsters require a ward near to residence, not a lengthy trip in a crisis.",
)


@pytest.fixture
def no_thesaurus(monkeypatch: pytest.MonkeyPatch):
    """As without the ``synonyms`` extra: no thesaurus file to be found."""
    for cached in (synonyms._entries, synonyms._synonyms_of, wording):
        cached.cache_clear()
    monkeypatch.setattr(synonyms, "_thesaurus_file", lambda: None)
    yield
    for cached in (synonyms._entries, synonyms._synonyms_of, wording):
        cached.cache_clear()


@pytest.mark.parametrize(
    ("printed", "plain"),
    [
        ("EU\nmember  states", "EU member states"),
        ("mem-\nber states", "member states"),
        ("mem- ber states", "member states"),
        ("\u201cWe\u2019re here \u2014 all of us\u201d", '"We\'re here - all of us"'),
        ("well-known", "well-known"),  # a real hyphen stays
    ],
)
def test_normalise_makes_typography_plain_and_unwraps_lines(printed: str, plain: str) -> None:
    assert normalise(printed) == plain


def test_contractions_are_spelt_out_and_glued_words_split() -> None:
    assert comparison_words("We won't, they can't, I cannot, she'll") == [
        "we", "will", "not", "they", "can", "not", "i", "can", "not", "she", "will"
    ]  # fmt: skip
    assert unglue(["eumember", "states"], ["eu", "member", "states"]) == (
        ["eu", "member", "states"],
        ["eu", "member", "states"],
    )


def test_lemmas_and_synonyms_count_as_the_same_word() -> None:
    assert synonyms.same_sense("said", "says")
    assert synonyms.same_sense("fossil", "fogy")
    assert not synonyms.same_sense("fossil", "election")
    assert similarity(wording(SPUN[0]), wording(SPUN[1])) >= 0.6


def test_without_the_thesaurus_only_lemmas_agree(no_thesaurus: None) -> None:
    assert not synonyms.available()
    assert synonyms.same_sense("said", "says")
    assert not synonyms.same_sense("fossil", "fogy")
    assert similarity(wording(SPUN[0]), wording(SPUN[1])) < 0.6


def _unrelated_pair() -> tuple[list[Claim], list[Source]]:
    sources = [Source(id="a", published=dt.date(2026, 1, 1)), Source(id="b", published=dt.date(2026, 1, 2))]
    claims = [Claim(id=claim_id(s.id, t, "ruth"), text=t, speaker="ruth", source=s.id) for s, t in zip(sources, SPUN)]
    return claims, sources


def test_a_synonym_spin_in_an_unrelated_source_is_grouped_with_the_thesaurus() -> None:
    claims, sources = _unrelated_pair()
    (group,) = group_variants(claims, sources)
    assert [m.drift for m in group.members] == [Drift.IDENTICAL, Drift.REWRITTEN]


def test_without_the_thesaurus_it_is_not(no_thesaurus: None) -> None:
    claims, sources = _unrelated_pair()
    assert group_variants(claims, sources) == []


def test_reported_speech_is_compared_with_pronouns_and_tenses_levelled() -> None:
    direct, reported = wording("We will reopen the east wing"), wording("they would reopen the east wing")
    assert similarity(direct, reported, reported=True) == 1.0
    assert similarity(direct, reported) < 1.0


@pytest.mark.parametrize(
    ("a", "b", "how"),
    [
        ("the doctor comes once a fortnight", "the buses stop at six and the doctor comes once a fortnight", "partial"),
        (
            "We asked for a new school. After six years of waiting we were given a car park,",
            "after six years of waiting we were given a car park, and parents feel ignored",
            "shifted",
        ),
        ("the sea", "a building that is falling into the sea", None),
    ],
)
def test_partial_quotes_and_shifted_boundaries_match(a: str, b: str, how: str | None) -> None:
    wa, wb = wording(a), wording(b)
    found = overlap(wa, wb, similarity(wa, wb), 0.9)
    assert (found.value if isinstance(found, Overlap) else None) == how


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        ("Families won't be able to return", "Families may not be able to return", True),
        ("We will not pour concrete", "We will pour concrete", True),
        ("Thousands of families", "Millions of families", True),
        ("by 40 per cent", "by 14 per cent", True),
        ("The turnouts may have been his undoing", "The participation could have been his loss", False),
        ("Nobody from the council came", "No one from the council came", False),
        ("stall rents there would be frozen for two years", "frozen rents for two years", False),
        ("We will not give up, not ever", "We will not give up", False),  # a cut at the end
    ],
)
def test_meaning_changes_when_a_negation_modal_or_number_flips(old: str, new: str, changed: bool) -> None:
    assert meaning_changed(word_diff(old, new)) is changed


def test_drift_of_form_and_attribution() -> None:
    said = "We will reopen the east wing"
    reported = "they would reopen the east wing"
    assert classify(said, reported, form_changed=True)[0] is Drift.CHANGED_FORM
    assert classify(said, reported, form_changed=True, speaker_changed=True)[0] is Drift.ATTRIBUTION_CHANGED
    assert classify(said, said.upper(), form_changed=True)[0] is Drift.COSMETIC  # quote marks only
    assert classify(said, reported, translations=True, form_changed=False)[0] is Drift.TRANSLATED


def test_variants_says_when_synonyms_were_not_compared(run, ledger_path, no_thesaurus: None) -> None:
    result = run("--ledger", str(ledger_path), "variants")
    assert result.exit_code == 0
    assert "pip install 'provenance[synonyms]'" in result.stderr
