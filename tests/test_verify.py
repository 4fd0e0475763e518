"""verify: a reporter re-checks recorded quotes after the article was edited, rewrapped or rewritten."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from provenance.analysis.verify import (
    FAILING,
    FUZZY_MIN_SCORE,
    FUZZY_MIN_WORDS,
    Outcome,
    Verification,
    WordDiff,
    reanchor,
    summarise,
    verify_claim,
)
from provenance.ids import claim_id
from provenance.records import Anchor, Claim

SOURCE = "minsk-daily-protests"

ARTICLE = (
    "MINSK — Thousands marched through the capital on Sunday for the fifth weekend in a row.\n\n"
    '"We will not go home until the votes are counted honestly," said Maria Kalesnikava, '
    "speaking from the back of a flatbed truck near Independence Square.\n\n"
    'The interior ministry said in a statement that police "acted within the law" and that '
    "forty-one people had been detained.\n"
)

# The same report a day later: a new lede, so everything after it shifts.
UPDATED = "UPDATE, Monday: the ministry has since raised the number of detentions.\n\n" + ARTICLE

# A rewrite: the same report, but one word of the quote changed by the copy desk.
REWORDED = ARTICLE.replace("counted honestly", "counted fairly")

RALLY = 'At the rally, Tsikhanouskaya told the crowd: "We are not afraid." The crowd chanted her name.'
VIDEO = 'Hours later, in a video from Vilnius, she told supporters: "We are not afraid." It was viewed a million times.'
REPEATED = RALLY + " " + VIDEO


def anchored(words: str, snapshot: str, *, occurrence: int = 0) -> Claim:
    """A claim on ``words`` anchored at their ``occurrence``-th appearance in ``snapshot``, with 32-char context."""
    start = -1
    for _ in range(occurrence + 1):
        start = snapshot.index(words, start + 1)
    end = start + len(words)
    anchor = Anchor(
        exact=words, prefix=snapshot[max(0, start - 32) : start], suffix=snapshot[end : end + 32], start=start, end=end
    )
    return Claim(id=claim_id(SOURCE, words, None), text=words, source=SOURCE, anchor=anchor)


def unanchored(words: str) -> Claim:
    return Claim(id=claim_id(SOURCE, words, None), text=words, source=SOURCE)


QUOTE = "We will not go home until the votes are counted honestly"


def test_unchanged_article_verifies_exact() -> None:
    claim = anchored(QUOTE, ARTICLE)
    result = verify_claim(claim, ARTICLE)
    assert result.outcome is Outcome.EXACT
    assert (result.start, result.end) == (claim.anchor.start, claim.anchor.end)  # type: ignore[union-attr]
    assert (result.recorded_start, result.recorded_end) == (result.start, result.end)
    assert result.found == QUOTE
    assert result.score == 100
    assert result.diff == ()
    assert result.claim == claim.id
    assert result.source == SOURCE


def test_new_lede_moves_the_quote() -> None:
    claim = anchored(QUOTE, ARTICLE)
    result = verify_claim(claim, UPDATED)
    assert result.outcome is Outcome.MOVED
    assert result.start is not None
    assert result.end is not None
    assert UPDATED[result.start : result.end] == QUOTE
    assert result.recorded_start == ARTICLE.index(QUOTE)
    assert result.start == UPDATED.index(QUOTE)
    assert result.note is not None
    assert "moved" in result.note


def test_repeated_phrase_is_told_apart_by_prefix_and_suffix() -> None:
    """The claim is the second "We are not afraid." (the Vilnius video); the edit puts the video first.

    After the swap the rally's occurrence sits nearest the recorded position, so
    a nearest-position rule would pick the wrong one; the context must win.
    """
    phrase = "We are not afraid."
    claim = anchored(phrase, REPEATED, occurrence=1)
    swapped = VIDEO + " " + RALLY
    rally_at, video_at = swapped.rindex(phrase), swapped.index(phrase)
    assert abs(rally_at - claim.anchor.start) < abs(video_at - claim.anchor.start)  # type: ignore[union-attr]
    result = verify_claim(claim, swapped)
    assert result.outcome is Outcome.MOVED
    assert result.start == video_at
    assert result.note is not None
    assert "2 occurrences" in result.note


def test_repeated_phrase_without_edit_keeps_its_own_occurrence() -> None:
    claim = anchored("We are not afraid.", REPEATED, occurrence=1)
    shifted = "Reporting by our correspondent. " + REPEATED
    result = verify_claim(claim, shifted)
    assert result.outcome is Outcome.MOVED
    assert result.start == shifted.rindex("We are not afraid.")


def test_rewrapped_text_is_found_despite_whitespace() -> None:
    claim = anchored(QUOTE, ARTICLE)
    rewrapped = ARTICLE.replace("go home until", "go\n    home  until")
    result = verify_claim(claim, rewrapped)
    assert result.outcome is Outcome.MOVED
    assert result.found == "We will not go\n    home  until the votes are counted honestly"
    assert result.note is not None
    assert "whitespace" in result.note


def test_claim_without_anchor_found_verbatim_is_moved_with_no_recorded_position() -> None:
    result = verify_claim(unanchored(QUOTE), ARTICLE)
    assert result.outcome is Outcome.MOVED
    assert result.recorded_start is None
    assert result.recorded_end is None
    assert result.found == QUOTE


def test_copy_desk_edit_is_fuzzy_with_a_word_diff() -> None:
    result = verify_claim(anchored(QUOTE, ARTICLE), REWORDED)
    assert result.outcome is Outcome.FUZZY
    assert result.score is not None
    assert result.score >= FUZZY_MIN_SCORE
    assert result.found == "We will not go home until the votes are counted fairly"
    assert result.start is not None
    assert REWORDED[result.start : result.end] == result.found
    assert WordDiff(op="replace", old="honestly", new="fairly") in result.diff
    assert [d.op for d in result.diff] == ["equal", "replace"]
    assert result.outcome not in FAILING  # worth a look, but the words are there


def test_fuzzy_span_snaps_to_whole_words() -> None:
    """A longer replacement word makes the window end mid-word; the span ends at a word edge, before the comma."""
    quote = "The election commission will publish the final protocols on Tuesday"
    snapshot = "Officials said: " + quote.replace("commission", "commissioners") + ", a spokesman added."
    result = verify_claim(unanchored(quote), snapshot)
    assert result.outcome is Outcome.FUZZY
    assert result.found == "The election commissioners will publish the final protocols on Tuesday"
    assert WordDiff(op="replace", old="commission", new="commissioners") in result.diff


def test_dropped_word_is_fuzzy_with_a_deletion() -> None:
    quote = "police acted within the law and detained forty-one people"
    snapshot = "The ministry said police acted within the law and detained forty-one people at the square."
    result = verify_claim(unanchored(quote), snapshot.replace(" forty-one", ""))
    assert result.outcome is Outcome.FUZZY
    assert result.found == "police acted within the law and detained people"
    assert WordDiff(op="delete", old="forty-one", new="") in result.diff


def test_short_quote_altered_is_orphan_never_fuzzy() -> None:
    quote = "acted within law"
    assert len(quote.split()) < FUZZY_MIN_WORDS
    snapshot = "Police, the ministry said, acted within the law and detained forty-one people."
    result = verify_claim(unanchored(quote), snapshot)
    assert result.outcome is Outcome.ORPHAN
    assert (result.start, result.end, result.found, result.score) == (None, None, None, None)
    assert result.note is not None
    assert "too short" in result.note


def test_quote_cut_from_the_article_is_orphan() -> None:
    claim = anchored(QUOTE, ARTICLE)
    cut = ARTICLE.replace(QUOTE, "[quote removed at the request of the family]")
    result = verify_claim(claim, cut)
    assert result.outcome is Outcome.ORPHAN
    assert result.recorded_start == claim.anchor.start  # type: ignore[union-attr]
    assert result.start is None
    assert result.outcome in FAILING
    assert result.note is not None
    assert "no passage comes close" in result.note


def test_snapshot_that_fails_its_checksum_is_changed_but_still_located() -> None:
    result = verify_claim(anchored(QUOTE, ARTICLE), UPDATED, snapshot_changed=True)
    assert result.outcome is Outcome.CHANGED
    assert result.outcome in FAILING
    assert result.start == UPDATED.index(QUOTE)
    assert result.found == QUOTE
    assert result.note is not None
    assert "checksum" in result.note


def test_changed_snapshot_without_the_words_is_changed() -> None:
    result = verify_claim(anchored(QUOTE, ARTICLE), "Page not found.", snapshot_changed=True)
    assert result.outcome is Outcome.CHANGED
    assert result.start is None
    assert result.found is None


def test_changed_and_reworded_keeps_the_word_diff() -> None:
    result = verify_claim(anchored(QUOTE, ARTICLE), REWORDED, snapshot_changed=True)
    assert result.outcome is Outcome.CHANGED
    assert WordDiff(op="replace", old="honestly", new="fairly") in result.diff


def test_source_without_snapshot_is_no_text() -> None:
    result = verify_claim(anchored(QUOTE, ARTICLE), None, snapshot_changed=True)
    assert result.outcome is Outcome.NO_TEXT
    assert result.outcome not in FAILING
    assert (result.start, result.end, result.found) == (None, None, None)
    assert result.recorded_start == ARTICLE.index(QUOTE)


def test_anchor_past_the_end_of_a_truncated_snapshot() -> None:
    claim = anchored("forty-one people had been detained", ARTICLE)
    result = verify_claim(claim, ARTICLE[:100])
    assert result.outcome is Outcome.ORPHAN


def test_lone_surrogate_in_snapshot_does_not_raise() -> None:
    """A str decoded with errors="surrogateescape" can hold lone surrogates, which pydantic refuses."""
    snapshot = ARTICLE.replace("votes are", "votes \udcff are")
    result = verify_claim(anchored(QUOTE, ARTICLE), snapshot)
    assert result.outcome is Outcome.FUZZY
    assert result.found == "We will not go home until the votes ? are counted honestly"


def test_reanchor_moves_the_anchor_and_keeps_the_rest() -> None:
    claim = anchored(QUOTE, ARTICLE).model_copy(update={"speaker_mention": "Maria Kalesnikava", "cue": "said"})
    result = verify_claim(claim, UPDATED)
    fixed = reanchor(claim, result, UPDATED)
    anchor = fixed.anchor
    assert anchor is not None
    assert UPDATED[anchor.start : anchor.end] == anchor.exact == QUOTE
    assert anchor.prefix == UPDATED[anchor.start - 32 : anchor.start]
    assert anchor.prefix.endswith('"')
    assert anchor.suffix == UPDATED[anchor.end : anchor.end + 32]
    assert anchor.suffix.startswith(',"')
    assert fixed.model_dump(exclude={"anchor"}) == claim.model_dump(exclude={"anchor"})
    assert verify_claim(fixed, UPDATED).outcome is Outcome.EXACT


def test_reanchor_takes_the_snapshot_whitespace_and_gives_an_unanchored_claim_an_anchor() -> None:
    rewrapped = ARTICLE.replace("votes are", "votes\nare")
    claim = unanchored(QUOTE)
    fixed = reanchor(claim, verify_claim(claim, rewrapped), rewrapped)
    assert fixed.anchor is not None
    assert fixed.anchor.exact == "We will not go home until the votes\nare counted honestly"
    assert fixed.text == QUOTE
    assert verify_claim(fixed, rewrapped).outcome is Outcome.EXACT


@pytest.mark.parametrize(("snapshot", "changed"), [(ARTICLE, False), (REWORDED, False), (None, False), (UPDATED, True)])
def test_reanchor_refuses_anything_but_moved(snapshot: str | None, changed: bool) -> None:
    claim = anchored(QUOTE, ARTICLE)
    result = verify_claim(claim, snapshot, snapshot_changed=changed)
    with pytest.raises(ValueError, match="only a moved claim"):
        reanchor(claim, result, snapshot or "")


def test_reanchor_refuses_another_claims_verification() -> None:
    result = verify_claim(anchored(QUOTE, ARTICLE), UPDATED)
    other = unanchored("forty-one people had been detained")
    with pytest.raises(ValueError, match="does not fit"):
        reanchor(other, result, UPDATED)


def test_summarise_counts_every_outcome() -> None:
    claim = anchored(QUOTE, ARTICLE)
    results = [
        verify_claim(claim, ARTICLE),
        verify_claim(claim, UPDATED),
        verify_claim(unanchored(QUOTE), ARTICLE),
        verify_claim(claim, REWORDED),
        verify_claim(claim, None),
        verify_claim(unanchored(QUOTE).model_copy(update={"unanchored": True}), "Another article entirely."),
    ]
    assert summarise(results) == {
        "exact": 1,
        "moved": 2,
        "fuzzy": 1,
        "orphan": 0,
        "unanchored": 1,
        "no-text": 1,
        "changed": 0,
    }
    outcomes = ("exact", "moved", "fuzzy", "orphan", "unanchored", "no-text", "changed")
    assert summarise([]) == dict.fromkeys(outcomes, 0)


def test_a_claim_recorded_unanchored_on_purpose_is_not_an_orphan_but_is_moved_once_its_words_appear() -> None:
    deliberate = unanchored(QUOTE).model_copy(update={"unanchored": True})

    missing = verify_claim(deliberate, "Another article entirely, about something else.")
    found = verify_claim(deliberate, ARTICLE)

    assert missing.outcome is Outcome.UNANCHORED
    assert missing.note.startswith("Recorded on purpose without an anchor.")
    assert found.outcome is Outcome.MOVED
    assert reanchor(deliberate, found, ARTICLE).unanchored is None


def test_verification_round_trips_through_json() -> None:
    result = verify_claim(anchored(QUOTE, ARTICLE), REWORDED)
    assert Verification.model_validate_json(result.model_dump_json()) == result
    assert result.model_dump(mode="json")["outcome"] == "fuzzy"


# --------------------------------------------------------------------- properties

#: Claim text may hold no control character (records refuse them); tab and newline are fine.
texts = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff") | st.sampled_from("\t\n\r"),
    min_size=1,
    max_size=300,
)


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


def claim_at(text: str, start: int, end: int) -> Claim:
    exact = text[start:end]
    anchor = Anchor(
        exact=exact, prefix=text[max(0, start - 32) : start], suffix=text[end : end + 32], start=start, end=end
    )
    return Claim(id=claim_id(SOURCE, exact, None), text=exact, source=SOURCE, anchor=anchor)


@settings(max_examples=300)
@given(text_and_span())
def test_any_anchored_span_verifies_exact_against_unchanged_text(case: tuple[str, int, int]) -> None:
    text, start, end = case
    assume(text[start:end].strip())  # a whitespace-only span is not a claim
    result = verify_claim(claim_at(text, start, end), text)
    assert result.outcome is Outcome.EXACT
    assert (result.start, result.end, result.found) == (start, end, text[start:end])


@settings(max_examples=200)
@given(text_and_span(), texts)
def test_prepended_text_moves_the_words_and_reanchor_restores_exact(case: tuple[str, int, int], lede: str) -> None:
    text, start, end = case
    claim = claim_at(text, start, end)
    edited = lede + text
    result = verify_claim(claim, edited)
    assert result.outcome in (Outcome.EXACT, Outcome.MOVED)
    assert result.start is not None
    assert edited[result.start : result.end] == text[start:end]
    if result.outcome is Outcome.MOVED:
        assert verify_claim(reanchor(claim, result, edited), edited).outcome is Outcome.EXACT


@settings(max_examples=300)
@given(
    words=texts,
    snapshot=st.one_of(st.none(), st.text(max_size=400)),
    start=st.integers(0, 500),
    anchored_=st.booleans(),
    changed=st.booleans(),
)
def test_verify_never_raises(words: str, snapshot: str | None, start: int, anchored_: bool, changed: bool) -> None:
    anchor = Anchor(exact=words, start=start, end=start + len(words)) if anchored_ else None
    claim = Claim(id=claim_id(SOURCE, words, None), text=words, source=SOURCE, anchor=anchor)
    result = verify_claim(claim, snapshot, snapshot_changed=changed)
    assert isinstance(result.outcome, Outcome)
    if result.start is not None and snapshot is not None:
        assert result.found == snapshot[result.start : result.end]
    if result.outcome is Outcome.FUZZY:
        assert result.score is not None
        assert result.score >= FUZZY_MIN_SCORE


NEWS_WORDS = "the minister said police protest square capital votes counted crowd march detained people law".split()


@settings(max_examples=200)
@given(
    before=st.lists(st.sampled_from(NEWS_WORDS), max_size=30),
    quote=st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=15),
    after=st.lists(st.sampled_from(NEWS_WORDS), max_size=30),
    edit=st.tuples(st.integers(0, 14), st.sampled_from(["", "Police", "re-counted", "honestly,"])),
)
def test_edited_quote_in_news_text_is_located_on_word_edges(
    before: list[str], quote: list[str], after: list[str], edit: tuple[int, str]
) -> None:
    """A copy-desk edit (a word swapped, dropped or added) is found on word edges, or reported orphan."""
    at, word = edit
    edited = [*quote]
    edited[min(at, len(edited) - 1)] = word
    snapshot = " ".join([*before, *(w for w in edited if w), *after])
    result = verify_claim(unanchored(" ".join(quote)), snapshot)
    if result.start is None:
        assert result.outcome is Outcome.ORPHAN
        return
    assert result.end is not None
    assert result.found == snapshot[result.start : result.end] != ""
    assert result.found == result.found.strip()
    for edge in (result.start, result.end):
        assert not (0 < edge < len(snapshot) and snapshot[edge - 1].isalnum() and snapshot[edge].isalnum())
    if result.outcome is Outcome.FUZZY:
        assert result.score is not None
        assert result.score >= FUZZY_MIN_SCORE
        assert len(quote) >= FUZZY_MIN_WORDS
        assert result.diff
