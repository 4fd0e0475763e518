"""Finding quotations and reported speech in articles, as a user of ``provenance.extract`` meets it.

Each story reads one small article from ``tests/data/extract/`` and checks what
a reviewer would check by eye: the exact words claimed (by their offsets, so
``text[start:end]`` is the claim), whether they were quoted or reported, who the
article says spoke them, the cue, and which registry speaker that is. The
stories under "once known gaps" were extractor bugs these tests found; they stay as
regression tests.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import provenance
from provenance import Anchor, ClaimKind, ExtractedClaim, Extraction, Ledger, Speaker

TESTS = Path(__file__).parent
ARTICLES = TESTS / "data" / "extract"
SEED_TEXT = TESTS.parent / "docs" / "examples" / "belarus" / "belarus-rally-rewritten.txt"
SEED_GOLD = TESTS / "data" / "seed-gold.json"

DIRECT = ClaimKind.DIRECT
INDIRECT = ClaimKind.INDIRECT

#: A registry like the sample ledger's: Belarusian figures, the US and the EU.
BELARUS = (
    Speaker(id="alexander-lukashenko", name="Alexander Lukashenko", aliases=("Alyaksandr Lukashenka",)),
    Speaker(id="valery-tsepkalo", name="Valery Tsepkalo", aliases=("Valery Tsapkala",)),
    Speaker(id="maria-kolesnikova", name="Maria Kolesnikova", aliases=("Maryia Kalesnikava",)),
    Speaker(id="maxim-znak", name="Maxim Znak", aliases=("Maksim Znak",)),
    Speaker(id="sviatlana-tsikhanouskaya", name="Sviatlana Tsikhanouskaya", aliases=("Svetlana Tikhanovskaya",)),
    Speaker(id="us-government", name="US government", kind="government", aliases=("the US", "United States")),
    Speaker(id="european-union", name="European Union", kind="organisation", aliases=("EU",)),
)


def read(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def span(text: str, words: str, *, inside: str | None = None) -> tuple[int, int]:
    """Offsets of ``words``, found within ``inside`` when the words alone occur more than once."""
    context = inside or words
    assert text.count(context) == 1, f"{context!r} must occur exactly once in the fixture"
    assert words in context
    start = text.index(context) + context.index(words)
    return start, start + len(words)


def at(anchor: Anchor | None) -> tuple[int, int] | None:
    return (anchor.start, anchor.end) if anchor is not None else None


def claim_with(extraction: Extraction, words: str) -> ExtractedClaim:
    """The one claim whose text is exactly ``words``."""
    matching = [c for c in extraction.claims if c.text == words]
    assert len(matching) == 1, f"expected one claim {words!r}, found {[c.text for c in extraction.claims]}"
    return matching[0]


def anchors_of(claim: ExtractedClaim) -> list[Anchor]:
    return [a for a in (claim.anchor, claim.speaker_anchor, claim.cue_anchor) if a is not None]


def assert_anchors_exact(text: str, extraction: Extraction) -> None:
    """Every offset the extractor reports points at exactly the characters it quotes."""
    for claim in extraction.claims:
        assert claim.text == claim.anchor.exact
        for anchor in anchors_of(claim):
            assert text[anchor.start : anchor.end] == anchor.exact


def summary(extraction: Extraction) -> list[tuple[ClaimKind, str, str | None, str | None]]:
    return [(c.kind, c.text, c.speaker_mention, c.cue) for c in extraction.claims]


# ------------------------------------------------------------------ quotation marks


def test_straight_and_typographic_quotation_marks_both_delimit_a_quote():
    text = read("quotation-marks.txt")

    found = provenance.extract(text)

    assert summary(found) == [
        (DIRECT, "This bridge joins the two halves of one town,", "Delgado", "said"),
        (DIRECT, "We waited eleven years for it,", "Tomas Berg", "said"),
    ]
    straight, typographic = found.claims
    assert at(straight.anchor) == span(text, "This bridge joins the two halves of one town,")
    assert at(straight.speaker_anchor) == span(text, "Delgado", inside="Delgado said")
    assert at(typographic.anchor) == span(text, "We waited eleven years for it,")
    assert at(typographic.speaker_anchor) == span(text, "Tomas Berg")
    assert at(typographic.cue_anchor) == span(text, "said", inside="said Tomas Berg")
    assert_anchors_exact(text, found)


def test_a_quote_split_around_its_attribution_gives_both_halves_to_the_speaker():
    text = read("split-quote.txt")

    found = provenance.extract(text)

    assert summary(found) == [
        (DIRECT, "We did not get everything we asked for,", "she", "said"),
        (DIRECT, "but we got a contract our members can live with.", "she", "said"),
    ]
    first, second = found.claims
    assert at(first.anchor) == span(text, "We did not get everything we asked for,")
    assert at(second.anchor) == span(text, "but we got a contract our members can live with.")
    she = span(text, "she", inside="she said")
    assert at(first.speaker_anchor) == at(second.speaker_anchor) == she
    assert first.speaker_name == second.speaker_name == "Lena Okafor"
    assert_anchors_exact(text, found)


def test_a_quote_running_over_several_paragraphs_is_attributed_in_every_paragraph():
    text = read("multi-paragraph.txt")
    parts = [
        "Nobody takes a decision like this lightly,",
        "We looked at every ward and every waiting list.",
        "The money we save will go to the clinics that patients actually use.",
        "I would ask the opposition to read the report before they condemn it.",
    ]

    found = provenance.extract(text)

    assert [c.text for c in found.claims] == parts  # "Opposition members walked out…" is no claim
    vance = span(text, "Vance", inside="Vance said")
    for part, claim in zip(parts, found.claims, strict=True):
        assert at(claim.anchor) == span(text, part)
        assert claim.kind is DIRECT
        assert claim.speaker_mention == "Vance"
        assert at(claim.speaker_anchor) == vance
    assert_anchors_exact(text, found)


def test_a_quote_never_closed_ends_with_its_paragraph_and_later_quotes_are_still_found():
    text = read("unbalanced.txt")
    first_paragraph_end = text.index("\n\n")

    found = provenance.extract(text)

    assert all("\n" not in c.text for c in found.claims)
    assert not any("Residents packed" in c.text for c in found.claims)
    ellery = claim_with(found, 'the new budget was "a disgrace to this town')
    assert ellery.kind is INDIRECT
    assert ellery.speaker_mention == "Mark Ellery"
    assert ellery.anchor.end <= first_paragraph_end
    pike = claim_with(found, "We will be back next year with twice as many people,")
    assert pike.kind is DIRECT
    assert pike.speaker_mention == "Joan Pike"
    assert at(pike.anchor) == span(text, "We will be back next year with twice as many people,")
    assert_anchors_exact(text, found)


# ------------------------------------------------------------------ attribution forms

ATTRIBUTION_FORMS = [
    # claim words, kind, the attribution as printed, speaker mention, cue
    pytest.param(
        "the harvest would be the smallest in a decade",
        INDIRECT,
        "Farm minister Paul Dorn said",
        "Paul Dorn",
        "said",
        id="X said",
    ),
    pytest.param(
        "Stocks are lower than at any time since 2012,",
        DIRECT,
        "said Ingrid Solberg",
        "Ingrid Solberg",
        "said",
        id="said X, the head of",
    ),
    pytest.param(
        "Bread could cost a fifth more by winter",
        INDIRECT,
        "according to the National Bakers Federation",
        "the National Bakers Federation",
        "according to",
        id="according to X",
    ),
    pytest.param(
        "his mill had already cut its night shift",
        INDIRECT,
        "Karl Hendry told",
        "Karl Hendry",
        "told",
        id="X told Reuters that",
    ),
    pytest.param(
        "No family in this country will go hungry.",
        DIRECT,
        "Dorn said:",
        "Dorn",
        "said",
        id="X said: quote",
    ),
    pytest.param(
        "Every farmer I know is worried about the spring",
        DIRECT,
        "\u201d \u2014 Marta Ruiz",
        "Marta Ruiz",
        "\u2014",
        id="quote - X",
    ),
]


@pytest.mark.parametrize(("words", "kind", "attribution", "mention", "cue"), ATTRIBUTION_FORMS)
def test_each_common_attribution_form_names_its_speaker_and_cue(words, kind, attribution, mention, cue):
    text = read("attribution-forms.txt")

    claim = claim_with(provenance.extract(text), words)

    assert claim.kind is kind
    assert at(claim.anchor) == span(text, words)
    assert claim.speaker_mention == mention
    assert at(claim.speaker_anchor) == span(text, mention, inside=attribution)
    assert claim.cue == cue
    assert at(claim.cue_anchor) == span(text, cue, inside=attribution)


def test_a_surname_alone_is_named_by_the_fuller_form_used_earlier():
    found = provenance.extract(read("attribution-forms.txt"))

    colon_quote = claim_with(found, "No family in this country will go hungry.")

    assert colon_quote.speaker_mention == "Dorn"
    assert colon_quote.speaker_name == "Paul Dorn"


def test_the_attribution_forms_article_yields_no_claims_beyond_its_six_attributions():
    text = read("attribution-forms.txt")

    found = provenance.extract(text)

    assert [c.text for c in found.claims] == [param.values[0] for param in ATTRIBUTION_FORMS]
    assert_anchors_exact(text, found)


# ------------------------------------------------------------------ pronouns

HALLER_REGISTRY = (
    Speaker(id="irena-kovac", name="Irena Kovac"),
    Speaker(id="piotr-haller", name="Piotr Haller"),
    Speaker(id="oskar-wren", name="Oskar Wren"),
)


def test_he_said_is_the_nearest_earlier_person_of_two():
    text = read("pronouns.txt")
    found = provenance.extract(text, speakers=HALLER_REGISTRY)

    quote = claim_with(found, "Soldiers will not be used against citizens,")

    assert quote.kind is DIRECT
    assert quote.speaker_mention == "he"
    assert at(quote.speaker_anchor) == span(text, "he", inside="he said")
    assert quote.speaker_name == "Piotr Haller"  # not Irena Kovac, who spoke first
    assert quote.speaker == "piotr-haller"


def test_it_said_skips_a_nearer_person_and_resolves_to_the_organisation():
    text = read("pronouns.txt")

    claim = claim_with(provenance.extract(text), "officers had acted within the law")

    assert claim.kind is INDIRECT
    assert claim.speaker_mention == "It"
    assert at(claim.speaker_anchor) == span(text, "It", inside="It said")
    assert claim.speaker_name == "The Interior Ministry"  # Oskar Wren spoke in between


def test_pronoun_claims_keep_exact_anchors():
    text = read("pronouns.txt")

    assert_anchors_exact(text, provenance.extract(text))


# ------------------------------------------------------------------ groups and organisations


@pytest.mark.parametrize(
    ("words", "mention", "speaker"),
    [
        ("it would freeze the assets of forty officials", "The EU", "european-union"),
        ("the election had been neither free nor fair", "The US", "us-government"),
        ("they would march again on Sunday", "Protesters", None),
    ],
)
def test_organisations_governments_and_crowds_can_be_speakers(words, mention, speaker):
    text = read("groups.txt")

    claim = claim_with(provenance.extract(text, speakers=BELARUS), words)

    assert claim.kind is INDIRECT
    assert claim.speaker_mention == mention
    assert at(claim.speaker_anchor) == span(text, mention)
    assert claim.speaker == speaker  # protesters are nobody in this registry: left unresolved


# ------------------------------------------------------------------ indirect speech


def test_reported_speech_is_the_clause_after_the_cue_without_date_or_cue():
    text = read("indirect.txt")

    claim = claim_with(
        provenance.extract(text, speakers=BELARUS),
        "it would impose new visa bans on senior officials within days",
    )

    assert claim.kind is INDIRECT
    assert at(claim.anchor) == span(text, "it would impose new visa bans on senior officials within days")
    assert claim.speaker_mention == "the US"
    assert claim.speaker == "us-government"
    assert claim.cue == "said"


def test_reported_speech_after_that_excludes_that():
    text = read("indirect.txt")

    claim = claim_with(provenance.extract(text, speakers=BELARUS), "he won the election with 80 percent of the vote")

    assert claim.kind is INDIRECT
    assert at(claim.anchor) == span(text, "he won the election with 80 percent of the vote")
    assert not claim.text.startswith("that")
    assert claim.cue == "claims"
    assert claim.speaker_mention == "Lukashenko"
    assert claim.speaker == "alexander-lukashenko"  # a surname unique in the registry


# ------------------------------------------------------------------ names and the registry


def test_spelling_variants_of_one_name_form_one_speaker_resolved_in_the_registry():
    text = read("name-variants.txt")

    found = provenance.extract(text, speakers=BELARUS)

    assert len(found.speakers) == 1
    cluster = found.speakers[0]
    assert cluster.name == "Maria Kolnikova"
    assert set(cluster.mentions) == {"Maria Kolnikova", "Kolnikova", "Kolenikova"}
    assert cluster.speaker == "maria-kolesnikova"  # not Maxim Znak, the other presidium member
    assert [(c.speaker_mention, c.speaker, c.speaker_name) for c in found.claims] == [
        ("Kolnikova", "maria-kolesnikova", "Maria Kolnikova"),
        ("Kolenikova", "maria-kolesnikova", "Maria Kolnikova"),
    ]
    assert_anchors_exact(text, found)


def test_a_misspelled_speaker_resolves_to_the_registered_person_but_keeps_the_printed_name():
    text = read("misspelled-speaker.txt")

    found = provenance.extract(text, speakers=BELARUS)

    claim = claim_with(found, "The people are not afraid any more,")
    assert claim.speaker == "valery-tsepkalo"
    assert claim.speaker_mention == "Velary Tsepalko"
    assert at(claim.speaker_anchor) == span(text, "Velary Tsepalko")
    assert [(s.name, s.speaker, s.method) for s in found.speakers] == [("Velary Tsepalko", "valery-tsepkalo", "fuzzy")]


def test_a_speaker_missing_from_the_registry_is_left_unresolved_rather_than_guessed():
    others = [s for s in BELARUS if s.id != "valery-tsepkalo"]

    claim = claim_with(
        provenance.extract(read("misspelled-speaker.txt"), speakers=others), "The people are not afraid any more,"
    )

    assert claim.speaker is None
    assert claim.speaker_mention == "Velary Tsepalko"


def test_a_ledger_supplies_the_registry(sample_ledger):
    claim = claim_with(
        provenance.extract(read("misspelled-speaker.txt"), ledger=Ledger.open(sample_ledger)),
        "The people are not afraid any more,",
    )

    assert claim.speaker == "valery-tsepkalo"


# ------------------------------------------------------------------ not speech


def test_titles_scare_quotes_and_newspaper_names_are_not_taken_for_speech():
    text = read("titles-and-scare-quotes.txt")

    found = provenance.extract(text)

    assert summary(found) == [(DIRECT, "I wanted to show what the strike cost,", "Ewa Lind", "said")]
    assert_anchors_exact(text, found)


# ------------------------------------------------------------------ venues


@pytest.mark.parametrize(
    ("words", "kind", "phrase", "place"),
    [
        ("The people of Belarus want change,", "phone-call", "over phone from exile in Poland", "Poland"),
        ("it would recall its ambassador", "statement", "in a statement", None),
        ("the square would reopen on Monday", "press-conference", "told reporters", None),
        ("all visa appointments were cancelled", "post", "on Twitter", None),
    ],
)
def test_the_setting_named_beside_an_attribution_becomes_a_venue_hint(words, kind, phrase, place):
    claim = claim_with(provenance.extract(read("venues.txt")), words)

    assert claim.venue is not None
    assert (claim.venue.kind.value, claim.venue.phrase, claim.venue.place) == (kind, phrase, place)


def test_told_an_outlet_is_an_interview_with_that_outlet():
    claim = claim_with(provenance.extract(read("attribution-forms.txt")), "his mill had already cut its night shift")

    assert claim.venue is not None
    assert (claim.venue.kind.value, claim.venue.place) == ("interview", "Reuters")


def test_an_attribution_with_no_setting_has_no_venue():
    found = provenance.extract(read("attribution-forms.txt"))

    claim = claim_with(found, "Stocks are lower than at any time since 2012,")

    assert claim.venue is None


# ------------------------------------------------------------------ any text at all

QUOTE_CHARACTERS = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb\u2014\u2013"
WORDS = [
    "said",
    "told",
    "according to",
    "claims that",
    "he",
    "She",
    "It said",
    "The EU",
    "Velary Tsepalko",
    "Mr.",
    "U.S.",
    "Reuters",
    "chanting slogans",
    "PENCE:",
    ":",
    ",",
    ".",
    "(",
    ")",
    "''",
    *QUOTE_CHARACTERS,
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u2028",
    "Ko\u0301lnikova",
    "\u0130stanbul",
    "\ufb01nal",
    "\u041b\u0443\u043a\u0430\u0448\u0435\u043d\u043a\u043e",
    "\U0001f600",
]
news_like = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=60).map(" ".join)
anything = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(QUOTE_CHARACTERS + "\n"), max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=news_like | anything, registry=st.sampled_from([None, BELARUS]))
def test_extraction_never_raises_and_every_anchor_points_at_its_words(text, registry):
    found = provenance.extract(text, speakers=registry)

    assert_anchors_exact(text, found)


# ------------------------------------------------------------------ the seed article


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covers_both(a: tuple[int, int], b: tuple[int, int], share: float = 0.8) -> bool:
    shared = overlap(a, b)
    return shared >= share * (a[1] - a[0]) and shared >= share * (b[1] - b[0])


@pytest.fixture
def seed(sample_ledger: Path) -> tuple[str, dict, Extraction, dict[str, str]]:
    """The seed article, its gold annotation, the extraction, and registry names by id."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    ledger = Ledger.open(sample_ledger)
    names = {s.id: s.name for s in ledger.speakers()}
    return text, gold, provenance.extract(text, ledger=ledger), names


def test_seed_gold_offsets_match_the_seed_text(seed):
    text, gold, _, _ = seed

    for quote in gold["quotes"]:
        assert text[quote["char_start"] : quote["char_end"]] == quote["text"]


def gold_quotes(kind: str) -> Sequence[dict]:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return [q for q in gold["quotes"] if q["kind"] == kind]


@pytest.mark.parametrize("quote", gold_quotes("direct"), ids=lambda q: q["text"][:30])
def test_every_direct_quotation_of_the_seed_is_found_exactly_with_its_speaker(seed, quote):
    _, _, found, names = seed

    span = (quote["char_start"], quote["char_end"])
    whole = [c for c in found.claims if (c.anchor.start, c.anchor.end) == span]
    # a quotation inside a reported clause ("asked how Moscow could “…”") is that claim's verbatim fragment
    inside = [c for c in found.claims if any((f.start, f.end) == span for f in c.fragments)]

    assert len(whole) + len(inside) == 1, f"no claim at {span[0]}-{span[1]}: {quote['text']!r}"
    claim = (whole + inside)[0]
    assert claim.kind is DIRECT if whole else claim.kind is INDIRECT
    if quote["speaker"] is not None:
        assert names.get(claim.speaker or "") == quote["speaker"]


def test_every_reported_claim_of_the_seed_is_found(seed):
    _, gold, found, _ = seed
    indirect = [q for q in gold["quotes"] if q["kind"] == "indirect"]
    predicted = [(c.anchor.start, c.anchor.end) for c in found.claims if c.kind is INDIRECT]

    hits = [q for q in indirect if any(covers_both((q["char_start"], q["char_end"]), p) for p in predicted)]

    assert len(indirect) >= 5  # the gold file is the one we expect
    assert len(hits) == len(indirect), f"missed: {[q['text'] for q in indirect if q not in hits]}"


def test_seed_extraction_anchors_are_exact(seed):
    text, _, found, _ = seed

    assert_anchors_exact(text, found)


# ------------------------------------------------------------------ once known gaps, now fixed


def test_known_gap_unclosed_quote_inside_reported_speech_is_kept_as_a_partial_quote():
    found = provenance.extract(read("regressions/unclosed-quote-in-reported-clause.txt"))

    [claim] = [c for c in found.claims if c.text.startswith("the new budget was")]
    assert (claim.kind, claim.speaker_mention) == (INDIRECT, "Mark Ellery")
    assert [fragment.exact for fragment in claim.fragments] == ["a disgrace to this town"]


def test_known_gap_he_said_after_titled_names_resolves_to_the_nearest_person():
    found = provenance.extract(read("regressions/pronoun-titled-subject.txt"))

    quote = claim_with(found, "The army will stay in its barracks,")
    assert quote.speaker_name == "Piotr Haller"


def test_known_gap_it_said_after_a_sentence_about_the_organisation():
    found = provenance.extract(read("regressions/pronoun-it-after-non-claim.txt"))

    claim = claim_with(found, "officers had acted within the law")
    assert claim.speaker_name == "The Interior Ministry"


def test_known_gap_speaker_name_uses_a_full_name_printed_as_an_object():
    found = provenance.extract(read("regressions/full-name-only-as-object.txt"), speakers=BELARUS)

    claim = claim_with(found, "I will not leave my country,")
    assert claim.speaker == "maria-kolesnikova"
    assert claim.speaker_name == "Maria Kolnikova"


def test_known_gap_plural_possessive_organisation_name_is_kept_whole():
    found = provenance.extract(read("regressions/plural-possessive-organisation.txt"))

    claim = claim_with(found, "Bread could cost a fifth more by winter")
    assert claim.speaker_mention == "the Bakers' Federation"


def test_known_gap_appositive_after_a_closing_attribution_is_not_the_content():
    found = provenance.extract(read("regressions/appositive-after-attribution.txt"))

    assert [(c.kind, c.text, c.speaker_mention) for c in found.claims] == [
        (INDIRECT, "Island ferry fares will rise by nine percent in April", "the operator")
    ]


def test_known_gap_a_group_named_with_its_place_keeps_the_group():
    found = provenance.extract(read("regressions/group-with-place.txt"))

    claim = claim_with(found, "the rise would drive more young families off the island")
    assert claim.speaker_mention in ("Residents", "Residents on Holm")


def test_known_gap_a_title_outside_the_word_list_is_trimmed_from_the_name():
    registry = [Speaker(id="mark-ellery", name="Mark Ellery")]

    found = provenance.extract(read("regressions/unlisted-title.txt"), speakers=registry)

    claim = claim_with(found, "the library would close on Sundays from March")
    assert claim.speaker == "mark-ellery"
