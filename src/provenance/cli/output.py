"""How commands print: JSON for scripts, short lines for people, word diffs, counts with their plurals."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import click

T = TypeVar("T")

#: The date format of every ``--said-on``, ``--published``… option.
DATE = click.DateTime(formats=["%Y-%m-%d"])


#: What a terminal would act on rather than show: C0 and C1 controls (not tab or newline), bidirectional
#: overrides, and undecodable bytes from the command line. Article text may hold any of them.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: object) -> str:
    """``text`` with every character a terminal would act on written as an escape: ``\x1b``, ``\u202e``."""
    return _UNPRINTABLE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", str(text)
    )


def echo(text: object = "", *, err: bool = False) -> None:
    """Print a line for a person: whatever it quotes cannot clear the screen or retitle the window.

    JSON output goes through :func:`dump` instead, exact (JSON escapes control characters itself).
    """
    click.echo(printable(text), err=err)


def echo_lines(lines: Iterable[object]) -> None:
    """Print many lines for a person in one write (each made printable, as :func:`echo` does).

    A listing of thousands of claims spent more time in one ``click.echo`` per
    line than in finding the claims.
    """
    text = "\n".join(printable(line) for line in lines)
    if text:
        click.echo(text)


def colour() -> bool:
    """Whether to colour: not when NO_COLOR is set (https://no-color.org) or --no-color was given."""
    if os.environ.get("NO_COLOR"):
        return False
    ctx = click.get_current_context(silent=True)
    return bool(ctx is None or (ctx.find_root().obj or {}).get("colour", True))


def echo_diff(prefix: str, diff: Sequence[Any]) -> None:
    """Print a line ending in a word diff, coloured unless colour is off (its words made printable first)."""
    click.echo(printable(prefix) + diff_text(diff, colour=colour()))


def day(value: datetime | None) -> date | None:
    """The date of a parsed ``DATE`` option."""
    return value.date() if value is not None else None


def dump(data: Any) -> None:
    """Print ``data`` as indented JSON (UTF-8 as is: names in any script stay readable)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def plural(count: int, word: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def short(text: str, width: int = 90) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def diff_text(diff: Sequence[Any], colour: bool = True) -> str:
    """A word diff for the terminal: [-removed-] in red, {+added+} in green (the markers survive no-colour)."""
    parts = []
    for step in diff:
        old, new = printable(step.old), printable(step.new)
        if step.op == "equal":
            parts.append(old)
            continue
        if old:
            parts.append(click.style(f"[-{old}-]", fg="red") if colour else f"[-{old}-]")
        if new:
            parts.append(click.style(f"{{+{new}+}}", fg="green") if colour else f"{{+{new}+}}")
    return " ".join(parts)


def terminal_width() -> int | None:
    """The terminal's width when output goes to a terminal; None into a pipe or a file (nothing is cut there)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


#: ``fitted``'s default width: measure the terminal for this one line.
MEASURE = -1


def fitted(prefix: str, text: str, suffix: str = "", *, full: bool = False, width: int | None = MEASURE) -> str:
    """``prefix``, ``text`` and ``suffix`` on one line, the text cut to the terminal's width with "…" (or
    with ``full`` wrapped under itself); into a pipe or a file, nothing is cut.

    ``width`` is the terminal's width when the caller measured it once for many lines (None: not a
    terminal); by default it is measured here."""
    if width == MEASURE:
        width = terminal_width()
    room = (width - len(prefix) - len(suffix)) if width else None
    if room is None or len(text) <= room:
        return prefix + text + suffix
    if not full:
        return prefix + short(text, max(room, 12)) + suffix
    lines = textwrap.wrap(text, max(room, 20)) or [""]
    lines[-1] += suffix
    return "\n".join([prefix + lines[0], *(" " * len(prefix) + line for line in lines[1:])])


def change_line(change: Any) -> str:
    """One entry of a record's history as a line: when, what, by whom, what it was before, and why."""
    who = f" by {change.by}" if change.by else ""
    was = []
    if change.status is not None:
        was.append(f"status was {change.status.value}" + (f" ({change.reason})" if change.reason else ""))
    was += [f"{field} was {_former(value)}" for field, value in change.former.items()]
    why = f" \u2014 {change.why}" if change.why else ""
    return f"{change.until} {change.kind.value}{who}: {'; '.join(was) or 'no field kept'}{why}"


def _former(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "empty"
    if isinstance(value, str):
        return f"\u201c{short(value, 120)}\u201d"
    return short(json.dumps(value, ensure_ascii=False), 120)


def where(source: Any) -> str:
    """A source as 'outlet, date' (its id when it has no outlet)."""
    details = [source.outlet or source.id]
    if source.published:
        details.append(str(source.published))
    return ", ".join(details)
