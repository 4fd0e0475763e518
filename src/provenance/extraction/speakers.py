"""Who the mentions in one document are: pronouns to their antecedents, spellings to clusters, clusters to speakers.

"he said" points at the nearest earlier speaker of a compatible kind; name
variants within one document (Kolnikova / Kolenikova) are clustered, a fuller
name printed anywhere completes a cluster, and each cluster is resolved
against the registry with the rules of :mod:`provenance.names`.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from ..names import SpeakerIndex, normalise_name, similarity, surname
from . import lexicon, rules
from .candidates import DocumentState
from .phrases import Mention
from .segment import Span


def resolve_pronouns(doc: DocumentState) -> None:
    """Point each pronoun speaker at the nearest earlier speaker of a compatible kind.

    The candidates are the sentence subjects and the named speakers of the attributions read
    so far (in content order) that start before the pronoun; the latest of them in the text
    wins. Each pronoun is answered from prefix-maximum trees over the candidates' offsets, so
    a document costs n log n, not a fresh sort of every earlier speaker per pronoun.
    """
    if not any(f.mention is not None and f.mention.pronoun for f in doc.found):
        return  # nothing to resolve
    subjects = sorted(doc.subjects, key=lambda m: m.span.start)
    ordered = sorted(doc.found, key=lambda f: f.content.start)
    named = [f.mention for f in ordered if f.mention is not None and not f.mention.pronoun]
    latest = _LatestMention(sorted({m.span.start for m in (*subjects, *named)}))
    for number, subject in enumerate(subjects):
        latest.add(subject, (subject.span.start, 1, number))  # a subject beats a speaker at the same offset
    for number, found in enumerate(ordered):
        mention = found.mention
        if mention is None:
            continue
        if not mention.pronoun:
            latest.add(mention, (mention.span.start, 0, number))
            continue
        word = mention.text.lower()
        if word == "i":
            continue  # the writer, whom no earlier name stands for
        wanted = None if word == "they" else word in lexicon.ORGANISATION_PRONOUNS  # "they": anyone
        antecedent = latest.before(mention.span.start, wanted)
        if antecedent is not None:
            found.resolved = antecedent


_Rank = tuple[int, int, int]  # (offset, 1 for a subject / 0 for a speaker, order among them): greater is nearer


class _LatestMention:
    """The greatest-ranked mention starting before an offset: one organisation, one person, one either.

    Fenwick trees of prefix maxima over the sorted candidate offsets; adding and asking are log n.
    """

    def __init__(self, offsets: list[int]) -> None:
        self.offsets = offsets
        self.trees: dict[bool | None, list[_Rank | None]] = {
            kind: [None] * (len(offsets) + 1) for kind in (True, False, None)
        }
        self.mentions: dict[_Rank, Mention] = {}

    def add(self, mention: Mention, rank: _Rank) -> None:
        self.mentions[rank] = mention
        for kind in (mention.organisation, None):
            tree = self.trees[kind]
            position = bisect_left(self.offsets, mention.span.start) + 1
            while position < len(tree):
                current = tree[position]
                if current is None or rank > current:
                    tree[position] = rank
                position += position & -position

    def before(self, offset: int, organisation: bool | None) -> Mention | None:
        """The latest mention starting before ``offset`` (of that kind; None for either kind)."""
        tree = self.trees[organisation]
        best: _Rank | None = None
        position = bisect_left(self.offsets, offset)
        while position > 0:
            current = tree[position]
            if current is not None and (best is None or current > best):
                best = current
            position -= position & -position
        return self.mentions[best] if best is not None else None


def cluster(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group variant spellings of one name in a document: full names first, then surnames."""
    clusters: list[list[Mention]] = []
    likely = _Keys()  # the clusters a new spelling may join by likeness
    placed: dict[str, int | None] = {}  # a spelling seen before goes where it went then
    ordered = sorted(mentions, key=lambda m: (-len(m.text.split()), m.span.start))
    for mention in ordered:
        norm = normalised(mention.text)
        if not norm:
            continue
        if norm in placed:
            best = placed[norm]
        elif mention.organisation or len(norm) > rules.NAME_CHARS_COMPARED:
            best = None  # an organisation, or a "name" too long to be one, only ever joins its own spelling
        else:
            best = likely.closest(norm)
        if best is not None:
            clusters[best].append(mention)
        else:
            clusters.append([mention])
            best = len(clusters) - 1
            if best < rules.NAME_CLUSTERS_COMPARED and len(norm) <= rules.NAME_CHARS_COMPARED:
                likely.add(best, norm)
        placed[norm] = best
    return clusters


#: A pair of names scoring below this fuzz.ratio cannot reach CLUSTER_THRESHOLD in names.similarity,
#: which averages it with Jaro-Winkler (at most 100): the C++ pre-score rules them out unscored.
_PRESCORE = 2 * rules.CLUSTER_THRESHOLD - 100 - 0.5


class _Keys:
    """Cluster keys (the first spelling of each), in cluster order, with their surnames."""

    def __init__(self) -> None:
        self.numbers: list[int] = []
        self.keys: list[str] = []
        self.surnames: list[str] = []  # each key's last word, for one-word spellings

    def add(self, number: int, key: str) -> None:
        self.numbers.append(number)
        self.keys.append(key)
        self.surnames.append(surname(key))

    def closest(self, norm: str) -> int | None:
        """The cluster whose key is most like ``norm`` (a surname against a full name's surname), if close enough."""
        one_word = " " not in norm
        # A one-word spelling is scored against surnames only; a fuller one against whole keys.
        possible = _prescored(norm, self.surnames if one_word else self.keys)
        best, best_score = None, 0.0
        for index in sorted(index for _, _, index in possible):
            key = self.keys[index]
            score = similarity(norm, key)
            if one_word and " " in key:
                score = max(score, similarity(norm, surname(key)))
            if score > best_score:
                best, best_score = self.numbers[index], score
        return best if best_score >= rules.CLUSTER_THRESHOLD else None


@functools.lru_cache(maxsize=4096)
def normalised(name: str) -> str:
    """normalise_name, remembered: a story repeats its names many times."""
    return normalise_name(name)


_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)+")


def add_fuller_names(text: str, clusters: list[list[Mention]]) -> None:
    """Add full names printed anywhere ("detained Maria Kolnikova") to the person clusters they complete.

    Only completes clusters the claims already rest on; a name no claim is
    attributed to never becomes a speaker. Only a fuller name whose surname starts
    like the cluster's key can complete it, so the clusters are looked up by that letter.
    """
    people: dict[str, _People] = {}
    for members in clusters[: rules.NAME_CLUSTERS_COMPARED]:
        key = normalised(max(members, key=lambda m: len(m.text)).text)
        if not members[0].organisation and len(key) <= rules.NAME_CHARS_COMPARED:
            people.setdefault(key[:1], _People()).add(members, key)
    seen: set[str] = set()
    for match in _FULL_NAME.finditer(text if people else ""):
        if match.group() in seen:
            continue
        seen.add(match.group())
        # The surname's initial is the last word's, as normalising keeps it: look the block up first.
        block = people.get(_last_word_initial(match.group()))
        if block is None:
            continue
        norm = normalised(match.group())
        if len(norm) > rules.NAME_CHARS_COMPARED:
            continue  # a run of capitalised words this long is a headline or a list, not a name
        completed = block.completed_by(norm)
        if completed is not None:
            span = Span(match.start(), match.end())
            completed.append(Mention(span=span, text=match.group(), pronoun=False, organisation=False))


def _last_word_initial(name: str) -> str:
    """The first letter, in lower case, of the last word of a name ("Gould-Davies": "d")."""
    start = len(name)
    while start > 0 and name[start - 1].isalpha():
        start -= 1
    return name[start : start + 1].lower()


class _People:
    """The person clusters whose keys start with one letter, in document order."""

    def __init__(self) -> None:
        self.clusters: list[tuple[list[Mention], str]] = []
        self.one_word: list[int] = []  # clusters keyed by a surname alone, and those keys
        self.one_word_keys: list[str] = []
        self.fuller: list[int] = []  # clusters keyed by a name of several words, and those keys
        self.fuller_keys: list[str] = []

    def add(self, members: list[Mention], key: str) -> None:
        index = len(self.clusters)
        self.clusters.append((members, key))
        if " " in key:
            self.fuller.append(index)
            self.fuller_keys.append(key)
        else:
            self.one_word.append(index)
            self.one_word_keys.append(key)

    def completed_by(self, norm: str) -> list[Mention] | None:
        """The first cluster ``norm`` is a fuller name of ("kolnikova" -> "maria kolnikova"), if any."""
        # names.similarity scores a surname key against the full name's surname, a longer key against
        # the whole name; either way a low C++ pre-score rules the pair out before it is scored.
        possible = [self.one_word[i] for _, _, i in _prescored(surname(norm), self.one_word_keys)]
        possible += [self.fuller[i] for _, _, i in _prescored(norm, self.fuller_keys)]
        words = len(norm.split())
        for index in sorted(possible):
            members, key = self.clusters[index]
            if len(key.split()) < words and similarity(key, norm) >= rules.CLUSTER_THRESHOLD:
                return members
        return None


def _prescored(name: str, keys: Sequence[str]) -> list[tuple[str, float, int]]:
    """The keys whose fuzz.ratio with ``name`` leaves CLUSTER_THRESHOLD within reach (see _PRESCORE)."""
    return process.extract(name, keys, scorer=fuzz.ratio, score_cutoff=_PRESCORE, limit=None) if keys else []


def resolve_cluster(index: SpeakerIndex | None, members: Sequence[Mention]) -> tuple[str | None, str | None]:
    """The registry id of the first member that resolves, and how; (None, None) when none does."""
    if index is None:
        return None, None
    for text in dict.fromkeys(member.text for member in members):  # each spelling once, in order
        found = index.lookup(text)
        if found is not None:
            return found.speaker.id, found.method.value
    return None, None
