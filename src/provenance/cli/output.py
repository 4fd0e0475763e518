"""How commands print: JSON for scripts, short lines for people, word diffs, counts with their plurals."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import click

#: The date format of every ``--said-on``, ``--published``… option.
DATE = click.DateTime(formats=["%Y-%m-%d"])


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
        if step.op == "equal":
            parts.append(step.old)
            continue
        if step.old:
            parts.append(click.style(f"[-{step.old}-]", fg="red") if colour else f"[-{step.old}-]")
        if step.new:
            parts.append(click.style(f"{{+{step.new}+}}", fg="green") if colour else f"{{+{step.new}+}}")
    return " ".join(parts)


def where(source: Any) -> str:
    """A source as 'outlet, date' (its id when it has no outlet)."""
    details = [source.outlet or source.id]
    if source.published:
        details.append(str(source.published))
    return ", ".join(details)
