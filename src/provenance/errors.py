"""One exception tree: the library raises, the CLI alone prints and exits.

Every message says what went wrong *and* what to do about it, because the
person reading it is usually a journalist at a terminal, not the author.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class ProvenanceError(Exception):
    """Base of every error the library raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file of the ledger, located for a human."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class LedgerError(ProvenanceError):
    """The ledger directory is missing, locked, or cannot be written."""


class LedgerLoadError(LedgerError):
    """One or more ledger files are malformed; carries *every* problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"the ledger has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class QuoteNotFoundError(LedgerError):
    """Words recorded as a claim that its source's text does not hold: refused, since a claim is anchored.

    ``source`` is the source's id; ``closest`` is the passage of its text most
    like the words, as ``(start, end, text, score 0-100)``, or None when
    nothing comes close. Record the words as the source prints them, or
    deliberately without an anchor (``unanchored=True``, ``--unanchored``).
    """

    def __init__(self, source: str, words: str, closest: tuple[int, int, str, float] | None) -> None:
        self.source, self.words, self.closest = source, words, closest
        if closest is None:
            near = "no passage of it comes close"
        else:
            start, end, text, score = closest
            near = f"the closest passage, at {start}-{end}, scores {score:.0f}: \u201c{text}\u201d"
        super().__init__(
            f"the words are not in the text of {source} (texts/{source}.txt); {near}. Record the words as the "
            "source prints them, or record them deliberately without an anchor (--unanchored; unanchored=True "
            "in Python)"
        )


class DocumentError(ProvenanceError):
    """An article file that cannot be read (not UTF-8, no article text in the HTML, bad JSON)."""


class FetchError(ProvenanceError):
    """A web page that could not be fetched: no answer, an error status, a limit passed, or not an article.

    ``url`` is the address asked for; the message says what happened and what to try.
    """

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, reason
        super().__init__(f"cannot fetch {url}: {reason}")


class UnreadableFileError(ProvenanceError):
    """A file that must not or cannot be read: not a regular file (a FIFO, a device, a directory),
    larger than the limit for its kind, not UTF-8, or refused by the operating system."""

    def __init__(self, path: object, reason: str, line: int | None = None) -> None:
        self.path, self.reason, self.line = str(path), reason, line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class WriteError(ProvenanceError):
    """A file could not be written (permissions, a full disk, a missing directory)."""


class NotFoundError(ProvenanceError, KeyError):
    """A claim, source, venue, speaker or graph node that is not there.

    Also a ``KeyError``, as a failed lookup in a mapping is, so code written
    against plain dictionaries and graphs keeps working.
    """

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


class InvalidInputError(ProvenanceError, ValueError):
    """A value the library refuses: a bad id, an unknown kind or status, a field out of range.

    Also a ``ValueError``, which is what such a mistake raises in plain Python.
    """


class SpeakerError(ProvenanceError):
    """Base of the speaker-resolution failures."""


#: What to do about a name that matches nobody, when recording a claim.
REGISTER_ADVICE = (
    "Register it ('provenance speakers add', or --new-speaker on 'add'), or add this spelling "
    "as an alias ('provenance speakers alias SPEAKER ALIAS')."
)
#: ... and when looking claims up.
LOOKUP_ADVICE = "'provenance speakers list' shows the registered speakers."


class UnknownSpeakerError(SpeakerError):
    """No registered speaker is close enough to the name given."""

    def __init__(self, mention: str, near: Sequence[tuple[str, float]] = (), *, advice: str = REGISTER_ADVICE) -> None:
        self.mention = mention
        self.near = list(near)
        hint = ""
        if self.near:
            hint = " Closest: " + ", ".join(f"{name} ({score:.0f})" for name, score in self.near) + "."
        super().__init__(f"no speaker matches {mention!r}.{hint} {advice}")


class AmbiguousSpeakerError(SpeakerError):
    """Two or more speakers match equally well; we never guess between them."""

    def __init__(self, mention: str, candidates: Sequence[tuple[str, str, float]]) -> None:
        self.mention = mention
        self.candidates = list(candidates)  # (speaker id, name, score)
        options = " or ".join(f"{name} [{sid}] ({score:.0f})" for sid, name, score in self.candidates)
        super().__init__(
            f"speaker {mention!r} is ambiguous: did you mean {options}? Pass the speaker id instead of the name."
        )


class RenderError(ProvenanceError):
    """The picture could not be drawn (no Graphviz, unknown format or layout)."""
