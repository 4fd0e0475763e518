"""Speaker-name resolution: free text -> one registered speaker, or a clear refusal.

News text mangles names (a rewriting farm prints "Velary Tsepalko" for Valery
Tsepkalo). Resolution tries, in order of certainty: the speaker id, the
canonical name, an alias, a normalised form (case, diacritics,
transliteration, punctuation), a unique surname, and last a fuzzy score.
Fuzzy similarity comes from rapidfuzz (C++ edit distances; far faster and
better tested than a hand-written Levenshtein). A name close to two speakers
is reported as ambiguous with both scores; it is never guessed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from anyascii import anyascii
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from .errors import AmbiguousSpeakerError, InvalidInputError, SpeakerError, UnknownSpeakerError
from .records import Speaker

K = TypeVar("K")
V = TypeVar("V")

#: Fuzzy scores (0–100) at or above this are accepted as a match.
FUZZY_THRESHOLD = 75.0
#: A given name scoring below this against the candidate's marks a different person (Maria vs Maxim).
GIVEN_NAME_FLOOR = 70.0
#: Two candidates whose scores are closer than this are ambiguous.
AMBIGUITY_MARGIN = 5.0
#: A surname alone is matched loosely only when both spellings are at least this long: short surnames
#: that differ by a letter or two are usually other people (Davila is not Davies, Harris not Harrison).
SURNAME_MIN_LETTERS = 7
#: ... and at most this share of its letters may differ (Lucchenko for Lukashenko: 3 of 10).
SURNAME_MAX_EDITS = 0.3
#: A candidate scoring no more than this can neither be accepted nor be a rival (within AMBIGUITY_MARGIN)
#: of one accepted, so it never changes what a mention resolves to; only the reasons given list it.
DECIDING = FUZZY_THRESHOLD - AMBIGUITY_MARGIN
#: Registry names scored in full for each mention; the rest are ruled out by a fast C++ pre-score.
SHORTLIST = 25
#: Mentions whose outcome an index remembers: a batch of news repeats its names across thousands of
#: articles, but a corpus of millions must not grow the memory, so past this the memory starts afresh.
REMEMBERED = 1 << 14


class MatchMethod(StrEnum):
    """How a mention was matched; reported to the user so they can judge it."""

    ID = "id"
    NAME = "name"
    ALIAS = "alias"
    NORMALISED = "normalised"
    SURNAME = "surname"
    FUZZY = "fuzzy"


@dataclass(frozen=True, kw_only=True)
class Resolution:
    """The outcome of resolving a mention: which speaker, how, how sure."""

    mention: str
    speaker: Speaker
    method: MatchMethod
    score: float  # 100 for exact methods
    matched: str  # the registry string that matched (name or alias)

    @property
    def exact(self) -> bool:
        """True when the mention is the speaker's id or canonical name as written."""
        return self.method in (MatchMethod.ID, MatchMethod.NAME)

    def explain(self) -> str:
        """One line for the user: which speaker was chosen and why."""
        if self.method is MatchMethod.FUZZY:
            return (
                f"resolved {self.mention!r} to {self.speaker.name} [{self.speaker.id}] "
                f"by fuzzy match with {self.matched!r} (score {self.score:.0f})"
            )
        return f"resolved {self.mention!r} to {self.speaker.name} [{self.speaker.id}] by {self.method.value}"


_PUNCT = re.compile(r"[^\w\s]|_")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_SPACE = re.compile(r"\s+")
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "pm",
        "minister",
        "gen",
        "general",
        "col",
        "sen",
        "senator",
        "rep",
        "ambassador",
        "secretary",
    ]
)


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Case-, diacritics-, script- and punctuation-insensitive form of a name.

    'Ціханоўская' and 'Tsikhanouskaya' compare after transliteration;
    'Gould-Davies' and 'gould davies' are equal; leading titles and a leading
    'the' are dropped ('the EU' is 'EU', not a misspelling of 'the US'), and
    dotted initialisms are joined ('U.S.' is 'US').
    """
    ascii_form = _POSSESSIVE.sub("", anyascii(name).casefold())  # "Putin's" is Putin
    ascii_form = ascii_form.replace("'", "").replace("\u2019", "")
    words = _SPACE.sub(" ", _PUNCT.sub(" ", ascii_form)).split()
    while len(words) > 1 and (words[0] in _TITLES or words[0] == "the"):
        words = words[1:]
    return " ".join(_join_initialisms(words))


def _join_initialisms(words: list[str]) -> list[str]:
    """'u s government' (from 'U.S. government') -> 'us government'; a lone initial stays."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        joined.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if word:
            joined.append(word)
    return joined


def surname(normalised: str) -> str:
    """Last word of a normalised name (good enough for the names news prints)."""
    return normalised.rsplit(" ", 1)[-1]


def similarity(mention: str, candidate: str, *, person: bool = True) -> float:
    """0–100 similarity of two *normalised* names.

    The mean of an edit-distance ratio (penalises every changed letter) and
    Jaro-Winkler (forgiving of transposed letters, rewards a shared start),
    which together separate transliteration noise from different people.

    A whole-name score alone is fooled by shared words, so:

    * for a person the family name must agree too ("Stephen King" is not
      "Stephen Biegun"): the score is pulled halfway down towards a lower
      family-name score; a given name that is clearly another ("Maria Znak"
      is not "Maxim Znak") caps it; a one-word mention is compared with the
      surname only ("Stephen" is nobody in particular);
    * an organisation, government or group is named with common words, so
      every word must match its counterpart ("UK government" is not "US
      government", "government" alone is neither): the score is capped by the
      worst word pair, and a name with more or fewer words scores 0.
    """
    score = _pair_score(mention, candidate)
    mention_words, candidate_words = mention.split(), candidate.split()
    if len(candidate_words) < 2:
        return score
    if not person:
        if len(mention_words) != len(candidate_words):
            return 0.0
        return min(score, *(_pair_score(m, c) for m, c in zip(mention_words, candidate_words, strict=True)))
    if len(mention_words) == 1:
        return _pair_score(mention, candidate_words[-1])
    family = max(
        _pair_score(" ".join(mention_words[1:]), " ".join(candidate_words[1:])),
        _pair_score(mention_words[-1], candidate_words[-1]),
    )
    score = min(score, (score + family) / 2.0)
    # ... and so must the given name, unless one side is an initial: "Maria Znak" is not "Maxim Znak".
    given, other = mention_words[0], candidate_words[0]
    if len(given) > 1 and len(other) > 1:
        given_score = _pair_score(given, other)
        if given_score < GIVEN_NAME_FLOOR:
            score = min(score, given_score)
    return score


def _pair_score(a: str, b: str) -> float:
    return (fuzz.ratio(a, b) + JaroWinkler.similarity(a, b) * 100.0) / 2.0


@dataclass
class _Normalised:
    """The tables over normalised forms: what resolution needs past an exact id, name or alias."""

    by_norm: dict[str, list[tuple[Speaker, str]]]  # every normalised name and alias
    by_surname: dict[str, list[Speaker]]  # every family-name ending of a person: "davies", "gould davies"
    family: dict[str, str]  # speaker id -> the last word of the normalised name
    forms: list[str]  # the keys of by_norm, for the C++ pre-score
    last_words: list[str]  # the last word of each of forms
    by_family_initial: dict[str, list[int]] = field(default_factory=dict)  # letter -> people's longer forms
    by_given: dict[str, list[int]] = field(default_factory=dict)  # first word -> the longer forms it opens
    one_word: list[int] = field(default_factory=list)  # the forms of one word
    chosen: dict[tuple[bool, str], tuple[list[str], list[str]]] = field(default_factory=dict)  # could_accept's

    def __post_init__(self) -> None:
        for i, form in enumerate(self.forms):
            words = form.split()
            if len(words) == 1:
                self.one_word.append(i)
                continue
            self.by_given.setdefault(words[0], []).append(i)
            # A one-word mention is checked against the family name of the person's own name, whichever of
            # their forms scores it (an alias may end otherwise: "Siarhei Cikhanouski" for "Tikhanovsky").
            for initial in {self.family[s.id][:1] for s, _ in self.by_norm[form] if s.kind == "person"} - {""}:
                self.by_family_initial.setdefault(initial, []).append(i)

    def could_accept(self, norm: str) -> tuple[list[str], list[str]]:
        """The forms (and their last words) a fuzzy match of ``norm`` could accept or find a rival in;
        remembered. So a lookup's cost follows the names that could fit it, not the size of the registry.

        Accepted or rival means scoring above DECIDING. One word is accepted only as the family name of a
        person whose name starts with the same letter (``_plausible``) or as a name of one word
        (``similarity`` gives an organisation of more words 0). A longer mention scores no more than its
        first word's pair score with the form's first word (the given-name cap for a person, the worst
        word pair for an organisation), unless either is an initial; forms of one word are always read.
        """
        words = norm.split()
        one = len(words) == 1
        key = (one, words[0][0] if one else words[0])
        found = self.chosen.get(key)
        if found is not None:
            return found
        if one:
            chosen = {*self.by_family_initial.get(words[0][0], ()), *self.one_word}
        elif len(words[0]) == 1:
            chosen = set(range(len(self.forms)))  # "J. Smith": any given name may fit the initial
        else:
            cutoff = min(GIVEN_NAME_FLOOR, DECIDING)
            given = words[0]
            close = process.extract(
                given, list(self.by_given), scorer=fuzz.ratio, score_cutoff=2 * cutoff - 100, limit=None
            )  # the pair score averages this ratio with a Jaro-Winkler similarity of at most 100
            fitting = [other for other, _, _ in close if _pair_score(given, other) >= cutoff]
            fitting += [other for other in self.by_given if len(other) == 1]  # an initial: any given name
            chosen = {i for other in fitting for i in self.by_given[other]} | set(self.one_word)
        ordered = sorted(chosen)
        found = ([self.forms[i] for i in ordered], [self.last_words[i] for i in ordered])
        _remember(self.chosen, key, found)
        return found

    @classmethod
    def of(cls, speakers: Iterable[Speaker]) -> _Normalised:
        by_norm: dict[str, list[tuple[Speaker, str]]] = {}
        by_surname: dict[str, list[Speaker]] = {}
        family: dict[str, str] = {}
        for speaker in speakers:
            for form in (speaker.name, *speaker.aliases):
                entries = by_norm.setdefault(normalise_name(form), [])
                if all(s.id != speaker.id for s, _ in entries):
                    entries.append((speaker, form))
            words = normalise_name(speaker.name).split()
            family[speaker.id] = words[-1] if words else ""
            if speaker.kind == "person":
                for k in range(1, len(words)):
                    bucket = by_surname.setdefault(" ".join(words[k:]), [])
                    if not bucket or bucket[-1].id != speaker.id:  # (ids are unique: compared, not the records)
                        bucket.append(speaker)
        forms = list(by_norm)
        return cls(by_norm, by_surname, family, forms, [form.rsplit(" ", 1)[-1] for form in forms])


class SpeakerIndex:
    """Lookup tables over a speaker registry, built once per resolution batch.

    The normalised tables are built on first need: a lookup by id or exact
    name (``list --speaker "Full Name"``) never normalises the registry.
    """

    def __init__(self, speakers: Iterable[Speaker]) -> None:
        self.speakers: dict[str, Speaker] = {}
        self._by_name: dict[str, list[Speaker]] = {}
        self._by_alias: dict[str, list[Speaker]] = {}
        for speaker in speakers:
            self.speakers[speaker.id] = speaker
            self._by_name.setdefault(speaker.name, []).append(speaker)
            for alias in speaker.aliases:
                self._by_alias.setdefault(alias, []).append(speaker)
        self._ranked: dict[tuple[str, float, bool], list[tuple[Speaker, str, float]]] = {}  # a story repeats its names
        self._looked_up: dict[str, Resolution | None] = {}

    @functools.cached_property
    def _normalised(self) -> _Normalised:
        return _Normalised.of(self.speakers.values())

    def resolve(self, mention: str) -> Resolution:
        """Resolve ``mention`` or raise UnknownSpeakerError / AmbiguousSpeakerError."""
        if not isinstance(mention, str):
            raise InvalidInputError(f"a speaker is named by a string, not {type(mention).__name__} {mention!r}")
        return self._resolve(mention)

    def _resolve(self, mention: str, floor: float = 0.0) -> Resolution:
        """``resolve``; a ``floor`` up to DECIDING leaves the outcome as it is and only thins the reasons."""
        text = mention.strip()
        if text in self.speakers:
            return Resolution(
                mention=mention, speaker=self.speakers[text], method=MatchMethod.ID, score=100.0, matched=text
            )
        for table, method in ((self._by_name, MatchMethod.NAME), (self._by_alias, MatchMethod.ALIAS)):
            found = table.get(text, [])
            if len(found) == 1:
                return Resolution(mention=mention, speaker=found[0], method=method, score=100.0, matched=text)
            if len(found) > 1:
                raise AmbiguousSpeakerError(mention, [(s.id, s.name, 100.0) for s in found])
        norm = normalise_name(text)
        if not norm:
            raise UnknownSpeakerError(mention)
        by_norm = self._normalised.by_norm.get(norm, [])
        if len(by_norm) == 1:
            speaker, form = by_norm[0]
            return Resolution(
                mention=mention, speaker=speaker, method=MatchMethod.NORMALISED, score=100.0, matched=form
            )
        if len(by_norm) > 1:
            raise AmbiguousSpeakerError(mention, [(s.id, s.name, 100.0) for s, _ in by_norm])
        by_surname = self._normalised.by_surname.get(norm, [])
        if len(by_surname) == 1:
            return Resolution(
                mention=mention,
                speaker=by_surname[0],
                method=MatchMethod.SURNAME,
                score=100.0,
                matched=by_surname[0].name,
            )
        if len(by_surname) > 1:
            raise AmbiguousSpeakerError(mention, [(s.id, s.name, 100.0) for s in by_surname])
        return self._fuzzy(mention, floor)

    def lookup(self, mention: str) -> Resolution | None:
        """``resolve``, remembered, with None where it would raise (nobody, or several speakers, match).

        For a batch that resolves the same names in many documents and has no use for the reasons.
        """
        if mention in self._looked_up:
            return self._looked_up[mention]
        try:
            found: Resolution | None = self._resolve(mention, floor=DECIDING)
        except SpeakerError:
            found = None
        _remember(self._looked_up, mention, found)
        return found

    def candidates(self, mention: str, limit: int = 3) -> list[tuple[Speaker, str, float]]:
        """The best-scoring speakers for ``mention`` (one entry per speaker), best first.

        The cost does not grow with the registry in Python: rapidfuzz's C++
        ``process.extract`` picks a shortlist of the registered forms (by the
        whole name, and for a one-word mention by the family name), and only
        those are scored with :func:`similarity`.
        """
        return self._ranking(normalise_name(mention))[:limit]

    def _ranking(self, norm: str, floor: float = 0.0, *, deciding: bool = False) -> list[tuple[Speaker, str, float]]:
        """The shortlisted speakers scoring above ``floor``, best first (see ``candidates``); remembered.

        A form whose :func:`_score_bound` is not above ``floor`` is passed over unscored. ``deciding``:
        only the forms that could be accepted or be a rival are read (``_Normalised.could_accept``),
        for the decision; without it every form is, for the names to suggest.
        """
        remembered = self._ranked.get((norm, floor, deciding))
        if remembered is not None:
            return remembered
        tables = self._normalised
        forms, last_words = tables.could_accept(norm) if deciding else (tables.forms, tables.last_words)
        shortlist = {form for form, _, _ in process.extract(norm, forms, scorer=fuzz.ratio, limit=SHORTLIST)}
        if " " not in norm:
            shortlist |= {forms[i] for _, _, i in process.extract(norm, last_words, scorer=fuzz.ratio, limit=SHORTLIST)}
        best: dict[str, tuple[Speaker, str, float]] = {}
        for form_norm in shortlist:
            if floor and _score_bound(norm, form_norm) <= floor:
                continue
            for speaker, form in tables.by_norm[form_norm]:
                score = similarity(norm, form_norm, person=speaker.kind == "person")
                if speaker.id not in best or score > best[speaker.id][2]:
                    best[speaker.id] = (speaker, form, score)
        ranked = sorted(best.values(), key=lambda item: (-item[2], item[0].id))
        _remember(self._ranked, (norm, floor, deciding), ranked)
        return ranked

    def search(self, query: str) -> list[Speaker]:
        """Speakers whose name or an alias holds every word of ``query`` (as a word or its start), in any order.

        What a person types to look someone up: a given name ("Nigel"), the
        names reversed ("Tsepkalo Valery"), a start ("gould"), any case.
        """
        words = normalise_name(query).split()
        if not words:
            return []
        found: dict[str, Speaker] = {}
        for form, entries in self._normalised.by_norm.items():
            names = form.split()
            if all(any(name.startswith(word) for name in names) for word in words):
                for speaker, _ in entries:
                    found.setdefault(speaker.id, speaker)
        return sorted(found.values(), key=lambda s: s.name)

    def _plausible(self, norm: str, speaker: Speaker) -> bool:
        """Whether a fuzzy score may be trusted: a lone surname must be long and close (see SURNAME_*)."""
        if " " in norm or speaker.kind != "person":
            return True
        family = self._normalised.family[speaker.id]
        return (
            min(len(norm), len(family)) >= SURNAME_MIN_LETTERS
            and norm[:1] == family[:1]
            and Levenshtein.normalized_distance(norm, family) <= SURNAME_MAX_EDITS
        )

    def _fuzzy(self, mention: str, floor: float = 0.0) -> Resolution:
        norm = normalise_name(mention)
        ranked = self._ranking(norm, floor, deciding=True)
        plausible = [c for c in ranked if self._plausible(norm, c[0])][:5]
        accepted = [c for c in plausible if c[2] >= FUZZY_THRESHOLD]
        if not accepted:
            near = [] if floor else self._ranking(norm)[:3]  # a batch has no use for the names to suggest
            raise UnknownSpeakerError(mention, [(s.name, score) for s, _, score in near if score >= 50])
        top = accepted[0]
        # A rival just under the threshold still makes the choice a coin toss: report it, never guess.
        rivals = [c for c in plausible if c[0].id != top[0].id and top[2] - c[2] < AMBIGUITY_MARGIN]
        if rivals:
            raise AmbiguousSpeakerError(mention, [(s.id, s.name, score) for s, _, score in [top, *rivals]])
        speaker, form, score = top
        return Resolution(
            mention=mention, speaker=speaker, method=MatchMethod.FUZZY, score=round(score, 1), matched=form
        )


def _score_bound(norm: str, form: str) -> float:
    """A score :func:`similarity` never exceeds for these two normalised names, whoever the form names.

    Every branch of ``similarity`` returns its first pair score, the lesser of it and others, 0, or, for
    a one-word mention against a person's fuller name, the pair score with the family name.
    """
    bound = _pair_score(norm, form)
    if " " not in norm and " " in form:
        bound = max(bound, _pair_score(norm, form.rsplit(" ", 1)[-1]))
    return bound


def _remember(memory: dict[K, V], key: K, value: V) -> None:
    """Keep ``value`` under ``key``; a memory holding REMEMBERED entries is emptied first (bounded, no bookkeeping)."""
    if len(memory) >= REMEMBERED:
        memory.clear()
    memory[key] = value


def resolve_speaker(mention: str, speakers: Sequence[Speaker]) -> Resolution:
    """Resolve one mention against a registry (see :class:`SpeakerIndex` for the rules)."""
    return SpeakerIndex(speakers).resolve(mention)
