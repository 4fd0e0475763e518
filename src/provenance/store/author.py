"""Who is changing the ledger: the name a change is recorded under, in a record's history and in the journal.

``$PROVENANCE_USER`` when set (a newsroom's shared machine, a script), else the
``user.name`` git would sign a commit of the ledger with, else the login name.
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import os
import subprocess
from pathlib import Path

#: Seconds to wait for ``git config`` before falling back to the login name.
GIT_TIMEOUT = 5.0


def current_author(root: Path) -> str:
    """The name changes to the ledger at ``root`` are recorded under."""
    named = os.environ.get("PROVENANCE_USER", "").strip()
    if named:
        return named
    return _git_user(str(root.resolve())) or _login() or "unknown"


@functools.cache
def _git_user(root: str) -> str | None:
    """``git config user.name`` as seen from the ledger's directory (its repository's setting), or None."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        done = subprocess.run(
            ["git", "config", "user.name"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
        name = done.stdout.strip()
        if done.returncode == 0 and name:
            return name
    return None


def _login() -> str | None:
    with contextlib.suppress(Exception):  # getpass raises whatever the platform's lookup raises
        return getpass.getuser() or None
    return None
