"""Rebuild the sample ledger in claims/ by running the tutorial's commands.

docs/tutorial.md is the single source of the sample: every ``$ provenance …``
line in its console blocks is run, in order, in a scratch directory holding the
seed article, and each command's printed output (the lines under it, when
given) must match. ``tests/test_tutorial.py`` runs the same function and
compares the result with the committed claims/.

    python scripts/build_sample.py            # rewrite claims/ from the tutorial
"""

from __future__ import annotations

import contextlib
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from provenance.cli import main

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"
ARTICLE = ROOT / "docs" / "examples" / "belarus" / "belarus-rally-rewritten.txt"


@dataclass
class Step:
    """One documented command and the output the tutorial shows for it."""

    line: int
    args: list[str]
    expected: str


def tutorial_steps(path: Path | None = None) -> list[Step]:
    """The ``$ provenance …`` commands of the tutorial's console blocks, with their shown output."""
    steps: list[Step] = []
    in_console = False
    current: Step | None = None
    for number, line in enumerate((path or TUTORIAL).read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("```"):
            in_console = line.strip() == "```console"
            current = None
            continue
        if not in_console:
            continue
        if line.startswith("$ "):
            current = None
            words = shlex.split(line[2:])
            if words and words[0] == "provenance":
                current = Step(number, words[1:], "")
                steps.append(current)
        elif current is not None:
            current.expected += line + "\n"
    return steps


def run_tutorial(workdir: Path, page: Path | None = None, articles: Sequence[Path] = (ARTICLE,)) -> list[str]:
    """Run every step of a tutorial page in ``workdir`` (its articles copied in); return the mismatches.

    A step that shows an exit status line such as ``[exit 1]`` must end with that status; every
    other step must succeed.
    """
    page = (page or TUTORIAL).resolve()
    for article in articles:
        shutil.copy(article, workdir / article.name)
    runner = CliRunner()
    failures: list[str] = []
    with contextlib.chdir(workdir):
        for step in tutorial_steps(page):
            result = runner.invoke(main, step.args, catch_exceptions=False, color=False)
            where = f"docs/{page.name}:{step.line}: provenance {' '.join(step.args)}"
            expected, status = _expected_status(step.expected)
            if result.exit_code != status:
                failures.append(f"{where}\n  exit {result.exit_code}: {result.output.strip()}")
            elif expected and _squash(result.output) != _squash(expected):
                failures.append(f"{where}\n  expected: {expected.strip()}\n  printed:  {result.output.strip()}")
    return failures


def _expected_status(expected: str) -> tuple[str, int]:
    match = re.search(r"^\[exit (\d+)\]\s*$", expected, re.MULTILINE)
    if match is None:
        return expected, 0
    return expected[: match.start()] + expected[match.end() :], int(match.group(1))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main_() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        failures = run_tutorial(Path(tmp))
        for failure in failures:
            print(failure, file=sys.stderr)
        built = Path(tmp) / "claims"
        target = ROOT / "claims"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(built, target, ignore=shutil.ignore_patterns(".lock", ".index.sqlite*", ".journal"))
    print(
        f"rebuilt {target.relative_to(ROOT)}/ from {TUTORIAL.relative_to(ROOT)}"
        + (f" with {len(failures)} output mismatches" if failures else "")
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main_())
