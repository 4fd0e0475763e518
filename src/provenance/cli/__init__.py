"""The ``provenance`` command: one thin command per library call, one module per command group.

Importing this package registers every command on :data:`main`; the library
(records, store, extraction, Graphviz) loads only inside the command that runs,
so ``provenance --help`` starts fast.
"""

from __future__ import annotations

import gc

from . import (  # noqa: F401  (each registers its commands)
    analysis,
    claims,
    completion,
    copies,
    corpus,
    editing,
    export,
    extract,
    imports,
    index,
    ledger,
    sources,
    speakers,
    venues,
)
from .app import main


def run() -> None:  # pragma: no cover - console-script entry point
    """Entry point for the console script."""
    try:
        main(prog_name="provenance")
    finally:
        # Everything the command made is freed with the process: frozen, the collector's passes at exit need
        # not walk it (a tenth of `list --speaker` at 100,000 claims). atexit handlers and weakref.finalize
        # still run (the index's connection closes through one); garbage in reference cycles is not finalised.
        gc.freeze()


__all__ = ["main", "run"]
