"""Who the mentions in one document are: pronouns to their antecedents, spellings to clusters, clusters to speakers.

"he said" points at the nearest earlier speaker of a compatible kind; name
variants within one document (Kolnikova / Kolenikova) are clustered, a fuller
name printed anywhere completes a cluster, and each cluster is resolved
against the registry with the rules of :mod:`provenance.names`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..errors import SpeakerError
from ..names import SpeakerIndex, normalise_name, similarity, surname
from . import lexicon, rules
from .candidates import DocumentState
from .phrases import Mention
from .segment import Span


def resolve_pronouns(doc: DocumentState) -> None:
    """Point each pronoun speaker at the nearest earlier speaker of a compatible kind."""
    history: list[Mention] = []
    subjects = sorted(doc.subjects, key=lambda m: m.span.start)
    for found in sorted(doc.found, key=lambda f: f.content.start):
        mention = found.mention
        if mention is None:
            continue
        if not mention.pronoun:
            history.append(mention)
            continue
        word = mention.text.lower()
        pool = [m for m in history if m.span.start < mention.span.start]
        pool += [s for s in subjects if s.span.start < mention.span.start]
        pool.sort(key=lambda m: m.span.start)
        wanted_org = word in lexicon.ORGANISATION_PRONOUNS
        for candidate in reversed(pool):
            if candidate.organisation == wanted_org or word == "they":
                found.resolved = candidate
                break


def cluster(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group variant spellings of one name in a document: full names first, then surnames."""
    clusters: list[list[Mention]] = []
    keys: list[str] = []
    placed: dict[str, int | None] = {}  # a spelling seen before goes where it went then
    ordered = sorted(mentions, key=lambda m: (-len(m.text.split()), m.span.start))
    for mention in ordered:
        norm = normalised(mention.text)
        if not norm:
            continue
        best = placed[norm] if norm in placed else _closest(norm, keys, mention.organisation)
        if best is not None:
            clusters[best].append(mention)
        else:
            clusters.append([mention])
            keys.append(norm)
            best = len(clusters) - 1
        placed[norm] = best
    return clusters


def _closest(norm: str, keys: Sequence[str], organisation: bool) -> int | None:
    """The cluster whose key is most like ``norm`` (a surname against a full name's surname), if close enough."""
    best, best_score = None, 0.0
    for index, key in enumerate(keys):
        if organisation:
            break
        score = similarity(norm, key)
        if " " not in norm and " " in key:
            score = max(score, similarity(norm, surname(key)))
        if score > best_score:
            best, best_score = index, score
    return best if best_score >= rules.CLUSTER_THRESHOLD else None


@functools.lru_cache(maxsize=4096)
def normalised(name: str) -> str:
    """normalise_name, remembered: a story repeats its names many times."""
    return normalise_name(name)


_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)+")


def add_fuller_names(text: str, clusters: list[list[Mention]]) -> None:
    """Add full names printed anywhere ("detained Maria Kolnikova") to the person clusters they complete.

    Only completes clusters the claims already rest on; a name no claim is
    attributed to never becomes a speaker.
    """
    keys = [normalised(max(c, key=lambda m: len(m.text)).text) for c in clusters]
    people = [(members, key) for members, key in zip(clusters, keys, strict=True) if not members[0].organisation]
    seen: set[str] = set()
    for match in _FULL_NAME.finditer(text):
        if match.group() in seen:
            continue
        seen.add(match.group())
        norm = normalised(match.group())
        for members, key in people:
            if len(key.split()) >= len(norm.split()) or key[:1] != surname(norm)[:1]:
                continue  # only a fuller name, and (cheaply) only one whose surname starts alike
            if similarity(key, norm) >= rules.CLUSTER_THRESHOLD:  # "kolnikova" against "maria kolnikova"'s surname
                span = Span(match.start(), match.end())
                members.append(Mention(span=span, text=match.group(), pronoun=False, organisation=False))
                break


def resolve_cluster(index: SpeakerIndex | None, members: Sequence[Mention]) -> tuple[str | None, str | None]:
    """The registry id of the first member that resolves, and how; (None, None) when none does."""
    if index is None:
        return None, None
    for member in members:
        try:
            found = index.resolve(member.text)
        except SpeakerError:
            continue
        return found.speaker.id, found.method.value
    return None, None
