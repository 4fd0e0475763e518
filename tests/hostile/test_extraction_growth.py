"""Extraction on hostile text: its run time grows linearly with the text, and no text makes it raise.

The texts come from the generators of bench/extraction_growth.py (repeated attributions, runs of
quotation marks, sentences that never end, runs of capitalised words, spaces, commas, junk...).
Each is timed at two sizes, four times apart: a linear extractor takes about four times as long,
a quadratic one sixteen. Only ratios are asserted, never a number of seconds: that one, and the
cost per character against ordinary news timed in the same run. CPU time (the best of a few
runs) keeps other work on the machine out of them.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import provenance

BENCH = Path(__file__).resolve().parents[2] / "bench" / "extraction_growth.py"
SMALL = 10_000  # characters
#: Texts whose old quadratic term only shows past this size are timed larger.
SMALL_FOR = {"said_paragraphs": 50_000, "pronoun_paragraphs": 40_000}
#: Four times the text may take at most this many times as long: twice linear, half of quadratic.
MAX_RATIO = 8.0
#: No hostile text may cost more per character than this many times ordinary news (the worst is
#: about 3): a cost per sentence that explodes (n³ in a run of spaces) is linear in the sentences.
MAX_TIMES_NEWS = 12.0


def _generators() -> dict[str, Callable[[int], str]]:
    spec = importlib.util.spec_from_file_location("extraction_growth", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.GENERATORS)


GENERATORS = _generators()


def _cpu_seconds(text: str, runs: int) -> float:
    best = math.inf
    for _ in range(runs):
        start = time.process_time()
        provenance.extract(text)
        best = min(best, time.process_time() - start)
    return best


@functools.cache
def _news_seconds_per_char() -> float:
    news = GENERATORS["news"](4 * SMALL)
    return _cpu_seconds(news, 3) / len(news)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_extraction_time_grows_linearly(name: str) -> None:
    size = SMALL_FOR.get(name, SMALL)
    small, large = GENERATORS[name](size), GENERATORS[name](4 * size)
    assert len(large) == 4 * len(small)
    provenance.extract(small)  # warm: regular expressions compiled, caches filled
    large_seconds = _cpu_seconds(large, 2)
    ratio = large_seconds / max(_cpu_seconds(small, 3), 1e-4)
    assert ratio < MAX_RATIO, f"{name}: 4x the text took {ratio:.1f}x the time (linear is 4x, quadratic 16x)"
    per_char = large_seconds / len(large) / _news_seconds_per_char()
    assert per_char < MAX_TIMES_NEWS, f"{name}: {per_char:.0f}x the time per character of news text"


# Text made of the pieces extraction reacts to: quotation marks of every kind, dashes, colons,
# cue words, pronouns, capitalised names, sentence ends and paragraph breaks, mixed with any text.
_PIECES = st.sampled_from(
    [
        "\u201c", "\u201d", '"', "''", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "(", ")",
        "\u2014", "\u2013", "-", ":", ";", ",", ".", "!", "?", "...", " ", " ", "  ", "\n", "\n\n", "\t",
        "said", "told", "according to", "added", "chanted", "slogan", "wrote", "has also said", "that",
        "he", "she", "they", "it", "and", "on Monday", "in a statement", "the", "a", "Mr.", "U.S.",
        "John", "Smith", "Maria Kolnikova", "PENCE:", "Rep.", "Paul D. Ryan", "(R-Wis.)", "officials",
        "the mayor", "Putin\u2019s", "Said", "A", "1",
    ]
)  # fmt: skip
_TEXTS = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
@example("Smith" + ", " * 3000 + " said it was fine.")  # appositives nested past the recursion limit
@example("\u201cPENCE: \u201d")  # a transcript label with nothing after it: an empty anchor
def test_random_text_never_raises_and_every_anchor_holds(text: str) -> None:
    found = provenance.extract(text)
    for claim in found.claims:
        assert claim.text == claim.anchor.exact
        for anchor in (claim.anchor, claim.speaker_anchor, claim.cue_anchor):
            if anchor is not None:
                assert text[anchor.start : anchor.end] == anchor.exact
