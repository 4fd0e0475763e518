"""Shell completion: ``provenance completion bash|zsh|fish``, and what a Tab offers for ids and names.

Completion runs the command itself (click's protocol: the shell sets
``_PROVENANCE_COMPLETE``); the functions below read the ledger the command line
names to offer claim ids, speaker names and source ids, and stay silent when
there is no ledger.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.shell_completion import CompletionItem, get_completion_class

from .app import main

if TYPE_CHECKING:
    from ..ledger import Ledger

SHELLS = ("bash", "zsh", "fish")


def _ledger(ctx: click.Context) -> Ledger | None:
    from ..ledger import Ledger
    from ..store.layout import default_ledger_path

    root = ctx.find_root()
    path = (root.obj or {}).get("ledger") or root.params.get("ledger") or default_ledger_path()
    try:
        return Ledger.open(Path(path))
    except Exception:  # completion must never print an error into the user's prompt
        return None


def claim_ids(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Claim ids that start with what was typed (with or without the ``c-``)."""
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    wanted = incomplete if incomplete.startswith("c-") else f"c-{incomplete}"
    try:
        return [CompletionItem(c.id, help=c.text[:60]) for c in ledger.iter_claims() if c.id.startswith(wanted)][:200]
    except Exception:
        return []


def speaker_names(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Registered speakers whose name, alias or id starts with what was typed (any case)."""
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    typed = incomplete.casefold()
    try:
        speakers = ledger.speakers()
    except Exception:
        return []
    return [
        CompletionItem(s.name, help=s.id)
        for s in speakers
        if any(form.casefold().startswith(typed) for form in (s.name, s.id, *s.aliases))
    ]


def source_ids(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Source ids that start with what was typed."""
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    try:
        return [
            CompletionItem(s.id, help=s.title or s.outlet or "")
            for s in ledger.sources()
            if s.id.startswith(incomplete)
        ]
    except Exception:
        return []


@main.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the shell code that completes provenance's commands, options, claim ids, speakers and sources.

    \\b
    Examples:
      provenance completion bash >> ~/.bashrc
      provenance completion zsh > ~/.zfunc/_provenance
      provenance completion fish > ~/.config/fish/completions/provenance.fish
    """
    script = get_completion_class(shell)
    assert script is not None
    click.echo(script(main, {}, "provenance", "_PROVENANCE_COMPLETE").source())
