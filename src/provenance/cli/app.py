"""The ``provenance`` group: the global ``--ledger`` option and the one error boundary.

Every command runs inside :class:`ProvenanceGroup`, the only place where a
library error becomes ``Error: …`` on stderr and exit status 1. Commands never
catch ``ProvenanceError`` themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import LedgerLoadError, ProvenanceError
from ..store.layout import default_ledger_path
from .output import echo

if TYPE_CHECKING:
    from ..ledger import Ledger


def _remember_ledger(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.find_root().ensure_object(dict)["ledger"] = value


def _ledger_option() -> click.Option:
    """``--ledger`` for a subcommand, so it may come after the command name as well as before."""
    return click.Option(
        ["--ledger"],
        type=click.Path(file_okay=False, path_type=Path),
        expose_value=False,
        callback=_remember_ledger,
        help="Ledger directory (also accepted before the command). Default: $PROVENANCE_LEDGER, else ./claims.",
    )


class LedgerCommand(click.Command):
    """A command that also takes ``--ledger`` after its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_ledger_option())


class LedgerGroup(click.Group):
    """A command group (``speakers``, ``sources``…) whose commands take ``--ledger`` after their names too."""

    command_class = LedgerCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_ledger_option())


class ProvenanceGroup(click.Group):
    """A click group whose commands turn library errors into ``Error: …`` and exit 1."""

    command_class = LedgerCommand
    group_class = LedgerGroup

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LedgerLoadError as exc:
            echo(f"Error: {exc}", err=True)
            echo("Fix the files above, then run 'provenance check'.", err=True)
            ctx.exit(1)
        except ProvenanceError as exc:
            echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise  # the reader went away ("| head"): nothing to say to it
            # a file the system refused where the library did not expect it: said, never a traceback
            where = f"{exc.filename}: " if exc.filename else ""
            echo(f"Error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(1)


@click.group(cls=ProvenanceGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--ledger",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Ledger directory. Default: $PROVENANCE_LEDGER, else ./claims.",
)
@click.option("--no-color", "--no-colour", "no_colour", is_flag=True, help="No colour in the output (as NO_COLOR=1).")
@click.version_option(package_name="provenance", prog_name="provenance")
@click.pass_context
def main(ctx: click.Context, ledger: Path | None, no_colour: bool) -> None:
    """Track who said what, where, and who reported it.

    Claims live as YAML files in a ledger directory (./claims by default)
    that you can read, review and diff in git.

    \b
    Examples:
      provenance list --speaker "Tsepkalo"
      provenance add "We will not give up" --speaker "Velary Tsepalko" --source SOURCE_ID
      provenance graph -o who-said-what.svg
    """
    ctx.ensure_object(dict)
    ctx.obj.setdefault("ledger", ledger if ledger is not None else default_ledger_path())
    ctx.obj["colour"] = not no_colour


def open_ledger(ctx: click.Context) -> Ledger:
    """The ledger the command line names (``--ledger``, ``$PROVENANCE_LEDGER`` or ``./claims``)."""
    from ..ledger import Ledger  # the store loads only when a command needs it, not for --help
    from .progress import index_progress

    ledger = Ledger.open(ctx.obj["ledger"], progress=index_progress())
    ctx.call_on_close(ledger.close)  # the index's connection, closed when the command ends
    return ledger


def ledger_path(ctx: click.Context) -> Path:
    """The ledger directory the command line names, whether or not a ledger is there."""
    path: Path = ctx.obj["ledger"]
    return path
