"""A batch lookup pre-scores only the registered names that could fit the mention (names._Normalised.could_accept):
it must resolve every mention exactly as scoring the whole registry does, while reading far fewer names."""

from __future__ import annotations

import random

import pytest

from provenance import names
from provenance.names import SpeakerIndex, normalise_name
from provenance.records import Speaker

GIVEN = ["John", "Joan", "Jon", "Mary", "Maria", "Nancy", "Stephen", "Steven", "Valery", "Svetlana", "Nigel", "Yulia"]
GIVEN += ["Julia", "Ahmed", "Olga", "Maxim", "Aleksandr", "Alexander", "Ivan", "Betty", "Pyotr", "Piotr", "Ed", "J."]
FAMILY = ["Smith", "Smyth", "Walker", "Baker", "Tsepkalo", "Tikhanovskaya", "Gould-Davies", "Biegun", "Znak"]
FAMILY += ["Kolesnikova", "Lukashenko", "Timoshenko", "Tymoshenko", "Anderson", "Sanders", "Sanderson", "Ross"]
BODIES = ["Reuters", "NATO", "Harbour Trust", "Sierra Club", "Belarus Foreign Ministry", "State Department"]


def registry() -> list[Speaker]:
    people = [
        Speaker(id=f"p{i}", name=f"{given} {family}", kind="person")
        for i, (given, family) in enumerate((g, f) for g in GIVEN for f in FAMILY)
    ]
    bodies = [Speaker(id=f"o{i}", name=name, kind="organisation") for i, name in enumerate(BODIES)]
    return people + bodies


def misspelt(name: str, rng: random.Random) -> str:
    letters = list(name)
    i = rng.randrange(1, len(letters))
    choice = rng.randrange(4)
    if choice == 0:
        del letters[i]
    elif choice == 1:
        letters.insert(i, rng.choice("aeiounrst"))
    elif choice == 2 and i + 1 < len(letters):
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    else:
        letters[i] = rng.choice("aeiouklmnrst")
    return "".join(letters)


def mentions() -> list[str]:
    rng = random.Random(20201213)
    found = ["Many lawmakers", "Sanders", "Smyht", "Tsepalko", "Velary Tsepalko", "Nigel Gold-Davis", "Stephen Bezgon"]
    found += ["Svetlana Tikankovskaya", "Kolenikova", "Maxim Zanak", "Lucchenko", "J. Smith", "Julia Timoshenko"]
    found += ["Reuter", "Sierra Clubb", "Harbor Trust", "Foreign Ministry", "Ed Smith", "E. Walker", "Mr. Andersen"]
    for speaker in registry():
        found += [misspelt(speaker.name, rng), misspelt(speaker.name.split()[-1], rng)]
    return found


def resolved(index: SpeakerIndex, mention: str) -> tuple[str, str] | None:
    result = index.lookup(mention)
    return None if result is None else (result.speaker.id, result.method.value)


def test_a_batch_lookup_resolves_as_scoring_the_whole_registry_does(monkeypatch) -> None:
    speakers, wanted = registry(), mentions()
    blocked = [resolved(SpeakerIndex(speakers), m) for m in wanted]
    monkeypatch.setattr(names._Normalised, "could_accept", lambda self, norm: (self.forms, self.last_words))
    whole = [resolved(SpeakerIndex(speakers), m) for m in wanted]

    assert blocked == whole
    assert sum(r is not None for r in whole) > len(wanted) / 3  # they resolve: the comparison means something


@pytest.mark.parametrize("mention", ["Stephen Bezgon", "Bezgon", "Nancy Smith"])
def test_a_batch_lookup_reads_a_fraction_of_the_registry(mention: str) -> None:
    index = SpeakerIndex(registry())
    index.lookup("Nigel Gould-Davies")  # builds the normalised tables
    tables = index._normalised

    read, _ = tables.could_accept(normalise_name(mention))

    assert 0 < len(read) < len(tables.forms) / 3


def decided(index: SpeakerIndex, mention: str) -> str | None:
    """What ``resolve`` (one name, as a person types it) decides: a speaker id, or None when it refuses."""
    try:
        return index.resolve(mention).speaker.id
    except names.SpeakerError:
        return None


def test_a_batch_lookup_decides_as_a_single_resolve_does() -> None:
    speakers, wanted = registry(), mentions()
    looked_up = SpeakerIndex(speakers)

    for mention in wanted:
        found = looked_up.lookup(mention)
        assert (found.speaker.id if found else None) == decided(SpeakerIndex(speakers), mention), mention


@pytest.mark.parametrize(
    ("speakers", "before", "mention", "expected"),
    [
        # An initial and a one-word mention with the same letter once shared a remembered pre-selection.
        ([("john-smith", "John Smith", ()), ("ann-jones", "Ann Jones", ())], ["Jonse"], "J. Smith", "john-smith"),
        # An alias ending in another letter than its person's name still scores a one-word mention.
        (
            [
                ("sergei-tikhanovsky", "Sergei Tikhanovsky", ("Siarhei Cikhanouski",)),
                ("oleg-tikhonovski", "Oleg Tikhonovski", ()),
            ],
            [],
            "Tikhanouski",
            "sergei-tikhanovsky",
        ),
        # Names that cannot be a lone surname's person no longer crowd a plausible one out of the top five.
        (
            [
                (f"tom-{s.lower()}", f"Tom {s}", ())
                for s in ("Sandersen", "Landersen", "Randersen", "Manderson", "Banderson")
            ]
            + [("pamela-andersson", "Pamela Andersson", ())],
            ["A. Smith"],
            "Andersen",
            "pamela-andersson",
        ),
    ],
)
def test_hard_cases_decide_the_same_in_a_batch_and_alone(
    speakers: list[tuple[str, str, tuple[str, ...]]], before: list[str], mention: str, expected: str | None
) -> None:
    registered = [Speaker(id=sid, name=name, aliases=aliases, kind="person") for sid, name, aliases in speakers]
    batch = SpeakerIndex(registered)
    for earlier in before:
        batch.lookup(earlier)

    found = batch.lookup(mention)

    assert (found.speaker.id if found else None) == decided(SpeakerIndex(registered), mention) == expected
