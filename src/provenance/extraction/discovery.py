"""Speakers nobody registered: who an article's unresolved mentions are, and which of them to register.

Extraction resolves what the registry knows. What it cannot resolve is one of
four things: somebody new named in full ("Mike Smith", "the Harbour Trust"),
people in general ("Critics said"), a source the article keeps anonymous ("a
source close to the mayor"), or too little to go on (a surname alone, "the
spokesman"). Only the first is registered, with the kind its name suggests and
the role an appositive gave it; the second and third are recorded on the claim
as such (``unattributed``), never as a person; the last stays unresolved, for
``provenance resolve`` once someone registers the speaker. Pure: it reads the
text and the registry and writes nothing (:mod:`.ingest` records the result).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import AmbiguousSpeakerError, UnknownSpeakerError
from ..ids import free_id, slugify
from ..kinds import SpeakerKind, UnattributedKind
from ..names import SpeakerIndex, normalise_name
from ..records import Speaker
from . import lexicon, rules
from .phrases import Mention
from .results import ExtractedClaim

#: A name runs to at most this many capitalised words ("Julie A. Diaz Martinez", "Ursula von der Leyen");
#: longer runs are headlines ("Chris Christie Calls Hillary Clinton").
MAX_NAME_WORDS = 4
#: Letters in a capitalised acronym ("EU", "NATO", "UNICEF"); a longer word in capitals is a name shouted.
MIN_ACRONYM, MAX_ACRONYM = 2, 6
#: How far past a mention the words that make it anonymous are looked for when the cue came first
#: ("said a senior official, who asked not to be named.").
ANONYMITY_REACH = 120

_WORD = re.compile(r"[\w\u2019'.&-]+")
_SENTENCE_END = re.compile(r"[.!?\n]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
#: Words after which a mention's head has ended: "Residents [on] Holm", "People [familiar] with the talks".
_HEAD_STOPS = lexicon.SUBJECT_STOPS | frozenset({"to", "familiar", "close", "briefed", "who", "speaking", "said"})
#: Speaker nouns that are not people: "a statement", "a new report", "a federal agency" are nobody unnamed.
_NOT_PEOPLE = lexicon.DOCUMENT_NOUNS | lexicon.ORGANISATION_NAME_WORDS | lexicon.NON_PERSON_HEADS
_COMMON_HEADS = (
    lexicon.GROUP_NOUNS
    | lexicon.COLLECTIVE_NOUNS
    | lexicon.ANONYMOUS_NOUNS
    | lexicon.SPEAKER_NOUNS
    | lexicon.TITLE_WORDS
)


@dataclass(frozen=True, kw_only=True)
class Unnamed:
    """A claim whose speaker is nobody in particular: a group, or a source kept anonymous."""

    kind: UnattributedKind
    phrase: str  # the words that show it, as printed


@dataclass(frozen=True, kw_only=True)
class Newcomer:
    """Somebody the registry does not hold, named well enough to register."""

    name: str  # the name to register: "Mike Smith", "Harbour Trust"
    kind: SpeakerKind
    key: str  # the name normalised: an article's claims with one key are one speaker


def role_of(text: str, mention: Mention) -> str | None:
    """What the text says the speaker is: the appositive after the name, else the title before it.

    "Mike Smith, a spokesman for X, said" gives "a spokesman for X"; "opposition
    politician Velary Tsepalko" gives "opposition politician". An appositive that
    is an age, a clause or an aside ("Smith, 45,", "Smith, who …") is no role.
    """
    if mention.pronoun:
        return None
    if mention.role is not None:
        role = " ".join(text[mention.role.start : mention.role.end].split())
        words = _lower_words(role)
        roles = lexicon.TITLE_WORDS | lexicon.SPEAKER_NOUNS
        if (
            words
            and words[0] not in lexicon.CLAUSE_WORDS
            and (words[0] in lexicon.ROLE_OPENERS | roles or words[-1] in roles)
        ):
            return role
        return None
    if mention.phrase is not None and mention.phrase.start < mention.span.start:
        role = " ".join(text[mention.phrase.start : mention.span.start].split()).strip(" ,")
        words = _lower_words(role)
        if any((w in lexicon.TITLE_WORDS or w in lexicon.SPEAKER_NOUNS) and w not in lexicon.HONORIFICS for w in words):
            return role  # "opposition politician", not "Mr."
    return None


def classify(claim: ExtractedClaim, text: str) -> Newcomer | Unnamed | None:
    """What an unresolved claim's speaker is: somebody to register, nobody in particular, or too little to say."""
    mention = (claim.speaker_mention or "").strip()
    if claim.speaker is not None or not mention:
        return None
    if mention.lower() not in lexicon.PRONOUNS:
        after, to_cue = _words_after(claim, text)
        unnamed = unnamed_speaker(mention, after, to_cue=to_cue)
        if unnamed is not None:
            return unnamed
    name = (claim.speaker_name or mention).strip()
    if name.lower() in lexicon.PRONOUNS:
        return None  # "he said" with nobody before it
    if claim.cue == ":" and name.isupper():
        name = name.title()  # a transcript's label, "HILLARY CLINTON:", names a person, not an acronym
    if name != mention:
        unnamed = unnamed_speaker(name, "")  # "they said", after "Critics said"
        if unnamed is not None:
            return unnamed
    return newcomer(name)


def unnamed_speaker(mention: str, after: str = "", *, to_cue: bool = True) -> Unnamed | None:
    """A group ("Critics", "local residents", "Residents on Holm") or an anonymous source ("a source close
    to …", "sources", "a senior official" followed by "who asked not to be named"), from the mention and
    the words after it (up to the cue when ``to_cue``, else the rest of its sentence); None for anyone named.

    The phrase kept is the mention with the words up to the cue ("People familiar with the talks"), or
    up to what shows the anonymity when the cue came first.
    """
    words = _WORD.findall(mention)
    lower = [w.lower().strip(".") for w in words]
    head_end = next((i for i, w in enumerate(lower) if i and w in _HEAD_STOPS), len(lower))
    if not head_end or any(w[:1].isupper() for w in words[1:head_end]):
        return None  # "Mike Smith" is named; "Republican lawmakers", "Republicans in Congress" are not
    head = lower[head_end - 1]
    if head not in _COMMON_HEADS and words[head_end - 1][:1].isupper():
        return None  # "Smith, who is close to the mayor, said": a surname, not a noun
    whole = f"{mention} {' '.join(after.split())}".strip(" ,")
    shown = lexicon.ANONYMITY.search(whole)
    if shown is not None or head in lexicon.ANONYMOUS_NOUNS:
        phrase = whole if to_cue else whole[: max(len(mention), shown.end() if shown else 0)]
        return Unnamed(kind=UnattributedKind.ANONYMOUS, phrase=phrase)
    if head in lexicon.GROUP_NOUNS or head in lexicon.COLLECTIVE_NOUNS:
        return Unnamed(kind=UnattributedKind.GROUP, phrase=mention)
    if lower[0] in lexicon.UNNAMED_OPENERS and head in _COMMON_HEADS and head not in _NOT_PEOPLE:
        return Unnamed(kind=UnattributedKind.ANONYMOUS, phrase=mention)  # "a senior official", not "a statement"
    return None


def newcomer(name: str) -> Newcomer | None:
    """``name`` as a speaker to register, with its kind; None when it is too little to register.

    A person needs a full name (two words or more, each capitalised or a
    particle, offices such as "Senator" left off); a surname alone stays
    unresolved. An organisation is a name ending in an organisation word
    ("Harbour Trust"), a capitalised acronym ("NATO"), or a name printed as
    "the X". A country's name is a government.
    """
    words = _WORD.findall(_POSSESSIVE.sub("", name.strip()))
    owners = [i for i, w in enumerate(words[:-1]) if w.lower().endswith(lexicon.POSSESSIVE_ENDINGS)]
    words = words[owners[-1] + 1 :] if owners else words  # "NBC's Dante Chinni": the man, not the network
    the = bool(words) and words[0].lower() == "the"
    words = _without_leading(words[1:] if the else words, _NOT_NAMES)  # "When Clinton", "Unlike Patriot"
    capitalised = [w for w in words if w.lower() not in lexicon.NAME_PARTICLES]
    if not capitalised or len(capitalised) > MAX_NAME_WORDS or not all(_name_word(w) for w in words):
        return None
    lower = [w.lower().strip(".") for w in words]
    if any(w in lexicon.CALENDAR or w in lexicon.SENTENCE_ADVERBS for w in lower):
        return None
    if sum(1 for w in words if _shouted(w)) > 1:
        return None  # "SAVE A QUARTER", "QUESTIONABLE MEDICAL CLAIMS": a headline in capitals
    display = " ".join(words)
    key = normalise_name(display)
    if all(w in lexicon.TITLE_WORDS or w in lexicon.HONORIFICS for w in lower) and key not in lexicon.TITLED_BODIES:
        return None  # "the Rev.", "Prime Minister": an office, not who holds it
    if key in lexicon.COUNTRY_NAMES and (the or len(words) > 1):
        return Newcomer(name=display, kind=SpeakerKind.GOVERNMENT, key=key)
    if (the or len(words) > 1) and lower[-1] in lexicon.ORGANISATION_NAME_WORDS:
        return Newcomer(name=display, kind=SpeakerKind.ORGANISATION, key=key)
    if the or _acronym(words[0]) or _acronym(words[-1]):
        return Newcomer(name=display, kind=SpeakerKind.ORGANISATION, key=key)
    words = _without_leading(words, lexicon.TITLE_WORDS | lexicon.HONORIFICS)  # "Senator Lamar Alexander"
    if "of" in words[2:]:
        words = words[: words.index("of", 2)]  # "Elijah Cummings of Maryland": the man, not his state
    family = words[-1].strip(".") if words else ""
    if len(words) > 1 and len(family) > 1 and family[:1].isupper() and family.lower() not in lexicon.HONORIFICS:
        display = " ".join(words)
        return Newcomer(name=display, kind=SpeakerKind.PERSON, key=normalise_name(display))
    return None


#: Words left off the front of a run of capitals ("When Clinton", "Should Mr"); "Will", "May" and "Hope"
#: open names ("Will Hurd", "Hope Hicks"), so modals and cues are not among them.
_NOT_NAMES = (
    lexicon.SENTENCE_OPENERS
    | lexicon.CLAUSE_WORDS
    | lexicon.DETERMINERS
    | lexicon.SENTENCE_ADVERBS
    | lexicon.NOT_NAME_WORDS
    | (lexicon.MODALS - {"will", "may", "can"})
)


def _without_leading(words: list[str], dropped: frozenset[str]) -> list[str]:
    """``words`` with the leading ones in ``dropped`` left off (compared in lower case, without a dot)."""
    first = 0
    while first < len(words) and words[first].lower().strip(".") in dropped:
        first += 1
    return words[first:]


def _name_word(word: str) -> bool:
    """A word a name is made of: capitalised ("Smith", "O'Farrell", "D."), or a particle ("van", "de")."""
    if any(c.isdigit() for c in word):
        return False
    return word[:1].isupper() or word.lower() in lexicon.NAME_PARTICLES


def _shouted(word: str) -> bool:
    """A word in capitals that is not an initial ("R."), a suffix ("II") or short ("US")."""
    letters = word.strip(".")
    return len(letters) > 2 and letters.isupper() and letters.lower() not in lexicon.NAME_SUFFIXES


def _acronym(word: str) -> bool:
    """A capitalised acronym: "NATO", "U.N.", "BBC" (not "I", "Mr", "II", nor a name in capitals: "WALLACE")."""
    letters = word.replace(".", "").replace("&", "")
    return (
        MIN_ACRONYM <= len(letters) <= MAX_ACRONYM
        and letters.isalpha()
        and letters.isupper()
        and letters.lower() not in lexicon.NAME_SUFFIXES
    )


def _lower_words(text: str) -> list[str]:
    return [w.lower().strip(".") for w in _WORD.findall(text)]


def _words_after(claim: ExtractedClaim, text: str) -> tuple[str, bool]:
    """The words between a mention and its cue ("A senior official[, who asked not to be named, ]said") and
    True, or, when the cue came first, the rest of the mention's sentence (within ANONYMITY_REACH) and False."""
    anchor = claim.speaker_anchor
    if anchor is None or anchor.end > len(text) or text[anchor.start : anchor.end] != anchor.exact:
        return "", True
    cue = claim.cue_anchor
    if cue is not None and anchor.end <= cue.start <= anchor.end + rules.APPOSITIVE_GAP:
        return text[anchor.end : cue.start], True
    rest = text[anchor.end : anchor.end + ANONYMITY_REACH]
    end = _SENTENCE_END.search(rest)
    return (rest[: end.start()] if end else rest), False


@dataclass
class _Person:
    """One newcomer of an article: the claims that name it, and the speaker it became, once it has."""

    newcomer: Newcomer
    claims: list[int] = field(default_factory=list)
    speaker: str | None = None
    resolved: bool = False


class Discovery:
    """An article's unresolved claims, sorted: whom to register for which, and which name nobody in particular.

    Built before anything is written; :meth:`speaker_for` registers a newcomer
    the first time a claim that names it is actually recorded, so re-recording
    an article registers nobody twice. Newcomers are looked up in the registry
    as it is now (a batch may have registered them since the article was read,
    a misspelling included) before they are made new speakers.
    """

    def __init__(
        self,
        claims: Sequence[ExtractedClaim],
        text: str,
        registry: Mapping[str, Speaker],
        *,
        known: Callable[[], SpeakerIndex] | None = None,
        recent: Sequence[Speaker] = (),
    ) -> None:
        """``known`` gives an index of the registry without ``recent``, the speakers registered since it
        was read (a batch builds the index of the big registry once, not once per document); without it
        the whole registry is indexed here, when first needed."""
        self.registry = dict(registry)
        self.registered: list[Speaker] = []
        self._claims = claims
        self._unnamed: dict[int, Unnamed] = {}
        self._people: dict[str, _Person] = {}
        self._person_of: dict[int, _Person] = {}
        self._known = known or functools.partial(SpeakerIndex, self.registry.values())
        self._recent = list(recent) if known else []
        self._indexes: list[SpeakerIndex] | None = None
        for number, claim in enumerate(claims):
            if claim.speaker is not None and claim.speaker in registry:
                continue
            found = classify(claim.model_copy(update={"speaker": None}), text)
            if isinstance(found, Unnamed):
                self._unnamed[number] = found
            elif found is not None:
                person = self._people.setdefault(found.key, _Person(newcomer=found))
                person.claims.append(number)
                self._person_of[number] = person

    def unnamed(self, number: int) -> Unnamed | None:
        """Why claim ``number`` has no speaker, when it names a group or an anonymous source."""
        return self._unnamed.get(number)

    def speaker_for(self, number: int) -> str | None:
        """The registry id for claim ``number``'s newcomer: registered now if nobody fits, None if several do."""
        person = self._person_of.get(number)
        if person is None:
            return None
        if not person.resolved:
            person.speaker, person.resolved = self._resolve_or_register(person), True
        return person.speaker

    def _resolve_or_register(self, person: _Person) -> str | None:
        if self._indexes is None:
            self._indexes = [self._known(), *([SpeakerIndex(self._recent)] if self._recent else [])]
        for index in self._indexes:
            try:
                return index.resolve(person.newcomer.name).speaker.id
            except AmbiguousSpeakerError:
                return None  # two registered speakers fit: never guessed, left for a person
            except UnknownSpeakerError:
                continue
        speaker = self._new_speaker(person)
        self.registry[speaker.id] = speaker
        self.registered.append(speaker)
        self._recent.append(speaker)
        self._indexes[1:] = [SpeakerIndex(self._recent)]  # the next newcomer is looked up among this one too
        return speaker.id

    def _new_speaker(self, person: _Person) -> Speaker:
        newcomer = person.newcomer
        claims = [self._claims[n] for n in person.claims]
        role = next((c.speaker_role for c in claims if c.speaker_role), None)
        aliases = {
            " ".join(m.split())
            for m in (c.speaker_mention or "" for c in claims)
            if len(m.split()) > 1 and normalise_name(m) not in (newcomer.key, "") and newcomer_key(m) is not None
        }
        return Speaker(
            id=free_id(slugify(newcomer.name), self.registry),
            name=newcomer.name,
            kind=newcomer.kind,
            aliases=tuple(sorted(aliases)),
            description=role,
        )


def newcomer_key(name: str) -> str | None:
    """The key of ``name`` as a newcomer, or None when it is not one (a spelling worth keeping as an alias)."""
    found = newcomer(name)
    return found.key if found is not None else None
