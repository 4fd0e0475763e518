"""Variants: one quote as three sources print it, and how each copy's wording drifted.

The texts are the harbour example (docs/examples/harbour): a local paper's
report, a rewriting farm's copy of it a day later, and an undated aggregator
that copies the rewrite.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from provenance.analysis.variants import (
    Drift,
    Member,
    VariantGroup,
    WordDiff,
    classify,
    group_variants,
    order_sources,
    variant_links,
    word_diff,
)
from provenance.ids import claim_id
from provenance.records import Claim, ClaimKind, Derivation, DerivationKind, Source

# The harbour example: the original's sentence, the rewrite's, and how the rewrite drifted.
HARBOUR = [
    (
        "We cannot keep pouring money into a building that is falling into the sea,",
        "We can not keep pouring money into a building that is falling into the sea,",
        Drift.COSMETIC,
        [("replace", "cannot", "can not")],
    ),
    (
        "Every winter the repairs cost more and every summer fewer boats land their catch here.",
        "Every winter the repairs cost more and every summer fewer boats land their catch here.",
        Drift.IDENTICAL,
        [],
    ),
    (
        "Nobody from the council has set foot on this pier in years,",
        "No one from the council has set foot on this pier in years,",
        Drift.SUBSTITUTED,
        [("replace", "Nobody", "No one")],
    ),
    ("The boats will still come in,", "The boats will still come,", Drift.TRUNCATED, [("delete", "in,", "")]),
    (
        "They are closing a market they have never seen.",
        "They are closing a market they have never even seen.",
        Drift.EXTENDED,
        [("insert", "", "even")],
    ),
]
PROMISE = "the council would help traders move to a new covered hall on Mill Road, which is due to open in the spring"
PROMISE_REWRITTEN = (
    "the council would help the traders move to a new covered hall on Mill Road, due to open in spring, "
    "and promised frozen rents for two years"
)


def changes(diff: tuple[WordDiff, ...]) -> list[tuple[str, str, str]]:
    return [(step.op, step.old, step.new) for step in diff if step.op != "equal"]


# ------------------------------------------------------------------ word_diff and classify


def test_word_diff_aligns_words_ignoring_case_and_punctuation_but_shows_them_as_printed() -> None:
    diff = word_diff("falling into the Sea.", "falling into the sea")
    assert [step.op for step in diff] == ["equal"]
    assert (diff[0].old, diff[0].new) == ("falling into the Sea.", "falling into the sea")


def test_word_diff_has_every_op() -> None:
    diff = word_diff("the boats will still come in today", "the fishing boats will come in tomorrow")
    assert changes(diff) == [("insert", "", "fishing"), ("delete", "still", ""), ("replace", "today", "tomorrow")]
    assert " ".join(step.old for step in diff if step.old) == "the boats will still come in today"
    assert " ".join(step.new for step in diff if step.new) == "the fishing boats will come in tomorrow"


@pytest.mark.parametrize(("origin", "variant", "drift", "expected"), HARBOUR)
def test_the_harbour_rewrite_drifts_as_intended(
    origin: str, variant: str, drift: Drift, expected: list[tuple[str, str, str]]
) -> None:
    got, similarity, diff = classify(origin, variant)
    assert got is drift
    assert changes(diff) == expected
    assert similarity == 1.0 if drift in (Drift.IDENTICAL, Drift.COSMETIC) else 0.6 <= similarity < 1.0


@pytest.mark.parametrize(
    ("origin", "variant"),
    [
        ("The boats will still come in.", "  The boats will still come in.\n"),
        ("“The boats will still come in,” he said", '"the boats will still come in" he said'),
        ("the colour of the harbour", "the color of the harbor"),
        ("Sorensen's plan to organise the café", "Sorensens plan to organize the cafe"),
    ],
)
def test_whitespace_typography_and_spelling_are_not_changes_of_wording(origin: str, variant: str) -> None:
    drift, similarity, _ = classify(origin, variant)
    assert drift in (Drift.IDENTICAL, Drift.COSMETIC)
    assert similarity == 1.0


def test_a_paraphrase_is_rewritten() -> None:
    drift, similarity, diff = classify(PROMISE, PROMISE_REWRITTEN)
    assert drift is Drift.REWRITTEN
    assert 0.0 < similarity < 1.0
    assert ("insert", "", "and promised frozen rents for two years") in changes(diff)


def test_swapping_most_words_is_a_rewrite_not_a_substitution() -> None:
    drift, similarity, diff = classify("the boats will still come in", "the ships shall yet arrive here")
    assert {step.op for step in diff} == {"equal", "replace"}
    assert similarity < 0.6
    assert drift is Drift.REWRITTEN


def test_different_languages_are_a_translation_but_regional_tags_are_not() -> None:
    drift, _, diff = classify(
        "The boats will still come in", "Łodzie nadal będą przypływać", origin_language="en", variant_language="pl"
    )
    assert drift is Drift.TRANSLATED
    assert diff
    assert classify("the colour", "the color", origin_language="en-GB", variant_language="en_US")[0] is Drift.COSMETIC


# ------------------------------------------------------------------ order_sources


def src(sid: str, published: str | None = None, *parents: str) -> Source:
    return Source(
        id=sid,
        published=dt.date.fromisoformat(published) if published else None,
        language="en",
        derived_from=tuple(Derivation(source=p, relation=DerivationKind.REWRITE) for p in parents),
    )


def test_sources_are_ordered_by_publication_date_then_id() -> None:
    sources = [src("c-paper", "2024-03-06"), src("b-paper", "2024-03-05"), src("a-paper", "2024-03-06")]
    assert order_sources(sources) == ["b-paper", "a-paper", "c-paper"]


def test_an_undated_source_comes_right_after_the_source_it_derives_from() -> None:
    sources = [
        src("late", "2024-03-09"),
        src("aggregator", None, "rewrite"),
        src("rewrite", "2024-03-06", "gazette"),
        src("gazette", "2024-03-05"),
        src("orphan"),
    ]
    assert order_sources(sources) == ["gazette", "rewrite", "aggregator", "late", "orphan"]


def test_an_undated_original_comes_before_its_dated_copies() -> None:
    sources = [src("early", "2024-03-01"), src("copy", "2024-03-06", "wire"), src("wire"), src("later", "2024-03-07")]
    assert order_sources(sources) == ["early", "wire", "copy", "later"]


def test_a_copy_never_precedes_its_original_whatever_its_date_says() -> None:
    sources = [src("original", "2024-03-06"), src("copy", "2024-03-01", "original")]
    assert order_sources(sources) == ["original", "copy"]


def test_a_derivation_cycle_or_unknown_parent_does_not_hang() -> None:
    sources = [src("a", None, "b"), src("b", None, "a"), src("c", "2024-01-01", "missing")]
    assert order_sources(sources) == ["c", "a", "b"]


# ------------------------------------------------------------------ group_variants

GAZETTE, REWRITE, AGGREGATOR = "portmere-gazette", "harbour-rewrite", "news-aggregator"
SOURCES = [src(AGGREGATOR, None, REWRITE), src(REWRITE, "2024-03-06", GAZETTE), src(GAZETTE, "2024-03-05")]
SPEAKERS = ["ingrid-sorensen", "ingrid-sorensen", "tomasz-wierzbicki", "declan-ofarrell", "tomasz-wierzbicki"]


def claim(source: str, text: str, speaker: str | None, kind: ClaimKind = ClaimKind.DIRECT) -> Claim:
    return Claim(id=claim_id(source, text, speaker), text=text, speaker=speaker, source=source, kind=kind)


def harbour_claims() -> list[Claim]:
    claims = [claim(GAZETTE, origin, who) for (origin, _, _, _), who in zip(HARBOUR, SPEAKERS, strict=True)]
    claims += [claim(REWRITE, variant, who) for (_, variant, _, _), who in zip(HARBOUR, SPEAKERS, strict=True)]
    claims += [
        claim(GAZETTE, PROMISE, "ingrid-sorensen", ClaimKind.INDIRECT),
        claim(REWRITE, PROMISE_REWRITTEN, "ingrid-sorensen", ClaimKind.INDIRECT),
        # the aggregator copies the rewrite's substituted quote with no attribution...
        claim(AGGREGATOR, "No one from the council has set foot on this pier in years,", None),
        # ... quotes four words of Sorensen's ...
        claim(AGGREGATOR, "falling into the sea", "ingrid-sorensen"),
        # ... and gives O'Farrell's words to Sorensen.
        claim(AGGREGATOR, "The boats will still come in,", "ingrid-sorensen"),
    ]
    return claims


def by_origin_text(groups: list[VariantGroup], claims: list[Claim]) -> dict[str, list[tuple[str, Drift]]]:
    lookup = {c.id: c for c in claims}
    return {lookup[g.origin].text: [(lookup[m.claim].source, m.drift) for m in g.members] for g in groups}


def test_three_sources_group_under_the_earliest() -> None:
    claims = harbour_claims()
    groups = group_variants(claims, SOURCES)
    assert by_origin_text(groups, claims) == {
        HARBOUR[0][0]: [(GAZETTE, Drift.IDENTICAL), (REWRITE, Drift.COSMETIC), (AGGREGATOR, Drift.TRUNCATED)],
        HARBOUR[1][0]: [(GAZETTE, Drift.IDENTICAL), (REWRITE, Drift.IDENTICAL)],
        HARBOUR[2][0]: [(GAZETTE, Drift.IDENTICAL), (REWRITE, Drift.SUBSTITUTED), (AGGREGATOR, Drift.SUBSTITUTED)],
        HARBOUR[3][0]: [(GAZETTE, Drift.IDENTICAL), (REWRITE, Drift.TRUNCATED)],
        HARBOUR[4][0]: [(GAZETTE, Drift.IDENTICAL), (REWRITE, Drift.EXTENDED)],
        PROMISE: [(GAZETTE, Drift.IDENTICAL), (REWRITE, Drift.REWRITTEN)],
    }
    for group in groups:
        origin = group.members[0]
        assert (origin.claim, origin.similarity) == (group.origin, 1.0)
        assert [step.op for step in origin.diff] == ["equal"]


def test_a_claim_by_another_speaker_is_not_grouped_unless_the_rule_allows_it() -> None:
    claims = harbour_claims()
    misattributed = claim(AGGREGATOR, "The boats will still come in,", "ingrid-sorensen")
    assert misattributed.id not in variant_links(group_variants(claims, SOURCES))
    anyone = group_variants(claims, SOURCES, speakers_compatible=lambda a, b: True)
    assert variant_links(anyone)[misattributed.id] == claim(GAZETTE, HARBOUR[3][0], "declan-ofarrell").id


def test_claims_of_one_source_never_group_and_each_source_adds_its_best_match() -> None:
    words = "Nobody from the council has set foot on this pier in years"
    origin = claim(GAZETTE, words, "tomasz-wierzbicki")
    repeated = claim(GAZETTE, words + ", he said again", "tomasz-wierzbicki")
    assert group_variants([origin, repeated], SOURCES) == []
    close = claim(REWRITE, "Nobody from the council has set foot on the pier in years", None)
    closest = claim(REWRITE, words.lower(), None)
    (group,) = group_variants([origin, close, closest], SOURCES)
    assert [(m.claim, m.drift) for m in group.members] == [(origin.id, Drift.IDENTICAL), (closest.id, Drift.COSMETIC)]


def test_a_partial_quote_groups_by_containment_but_two_words_are_not_enough() -> None:
    origin = claim(GAZETTE, HARBOUR[0][0], "ingrid-sorensen")
    partial = claim(REWRITE, "a building that is falling", None)
    too_short = claim(AGGREGATOR, "the sea", None)
    (group,) = group_variants([origin, partial, too_short], SOURCES)
    assert [(m.claim, m.drift) for m in group.members] == [(origin.id, Drift.IDENTICAL), (partial.id, Drift.TRUNCATED)]
    assert group.members[1].similarity < 0.6


def test_a_direct_quote_groups_with_reported_speech() -> None:
    # Issue 10 turned this around: a quote printed as reported speech (or back) is the same
    # utterance (it used to be left out of every group). With the same words, only the quote
    # marks differ, which is cosmetic; reworded, it is a change of form.
    said = "the council would help traders move to Mill Road"
    claims = [
        claim(GAZETTE, said, "ingrid-sorensen", ClaimKind.INDIRECT),
        claim(REWRITE, said, "ingrid-sorensen"),
        claim(AGGREGATOR, "we will help traders move to Mill Road", "ingrid-sorensen"),
    ]
    (group,) = group_variants(claims, SOURCES)
    assert [m.drift for m in group.members] == [Drift.IDENTICAL, Drift.COSMETIC, Drift.CHANGED_FORM]


def test_variant_links_point_every_copy_at_its_origin() -> None:
    claims = harbour_claims()
    links = variant_links(group_variants(claims, SOURCES))
    origin = claim(GAZETTE, HARBOUR[2][0], "tomasz-wierzbicki").id
    copies = [claim(REWRITE, HARBOUR[2][1], "tomasz-wierzbicki").id, claims[-3].id]
    assert {links[c] for c in copies} == {origin}
    assert origin not in links
    assert len(links) == 8


def test_grouping_is_deterministic_whatever_the_input_order() -> None:
    claims = harbour_claims()
    expected = group_variants(claims, SOURCES)
    for seed in range(5):
        rng = random.Random(seed)
        shuffled_claims, shuffled_sources = rng.sample(claims, len(claims)), rng.sample(SOURCES, len(SOURCES))
        assert group_variants(shuffled_claims + shuffled_claims[:3], shuffled_sources) == expected


def test_claims_from_sources_not_given_come_last() -> None:
    first = claim("unlisted", "The boats will still come in,", None)
    second = claim(GAZETTE, "The boats will still come in", None)
    (group,) = group_variants([first, second], SOURCES)
    assert group.origin == second.id


@pytest.mark.parametrize("record", [WordDiff, Member, VariantGroup])
def test_every_field_is_described(record: type[WordDiff | Member | VariantGroup]) -> None:
    assert all(f.description for f in record.model_fields.values())
