"""Files and directories the operating system will not let us read: a named error, never a traceback.

Root reads everything, so when the tests run as root each command runs as the unprivileged user
65534 through ``setpriv`` (util-linux), as a user whose ledger lost its permissions would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "claims"
NOBODY = 65534


def _as_user() -> list[str]:
    """The prefix that runs a command as someone the permissions apply to."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be denied to anyone here")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def _provenance(ledger: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [*_as_user(), sys.executable, "-m", "provenance", "--ledger", str(ledger), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ledger.parent, check=False)


@pytest.fixture
def ledger() -> Iterator[Path]:
    """A copy of the sample ledger that anyone may read and write, until a test takes that away.

    It lives in the system's temporary directory: pytest's own is private to the user running it.
    """
    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o777)
        target = Path(folder) / "claims"
        shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".lock", ".index.sqlite*", ".journal"))
        for path in [target, *target.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
        yield target


def _refused(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error:")
    assert needle in result.stderr
    assert "Permission denied" in result.stderr


def test_a_sources_directory_nobody_may_read_is_named_by_every_command(ledger: Path) -> None:
    before = {p: p.read_bytes() for p in ledger.rglob("*.yaml")}
    (ledger / "sources").chmod(0)
    try:
        for args in (
            ["add", "Hello", "--speaker", "Nigel Gould-Davies", "--source", "tech2-belarus-rally", "--unanchored"],
            ["list"],
            ["check"],
            ["verify"],
            ["show", "c-3e9c1a6cc95c"],
        ):
            _refused(_provenance(ledger, *args), "sources")
    finally:
        (ledger / "sources").chmod(0o777)
    assert {p: p.read_bytes() for p in ledger.rglob("*.yaml")} == before  # nothing written


def test_a_snapshot_nobody_may_read_is_named_by_verify_and_add(ledger: Path) -> None:
    (ledger / "texts").chmod(0)
    try:
        _refused(_provenance(ledger, "verify"), "texts")
        _refused(
            _provenance(ledger, "add", "Hello", "--speaker", "Nigel Gould-Davies", "--source", "tech2-belarus-rally"),
            "texts",
        )
    finally:
        (ledger / "texts").chmod(0o777)
