"""docs/corpus.md is executable: its how-to commands, run on its example files, print what the page shows."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "corpus.md"
TIMES = re.compile(r"\d+(\.\d+)? s\b( \(\d+/s\))?")


def how_to_steps() -> list[tuple[str, list[str]]]:
    """Each `$ provenance …` line of the how-to's console blocks, with the lines it prints."""
    how_to = PAGE.read_text(encoding="utf-8").split("## How-to", 1)[1].split("\n## ", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", how_to, re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
    return steps


def test_the_how_to_runs_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for example in (ROOT / "docs" / "examples" / "corpus").iterdir():
        shutil.copy(example, tmp_path / example.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROVENANCE_LEDGER", raising=False)
    steps = how_to_steps()
    assert [s[0].split()[:3] for s in steps].count(["provenance", "corpus", "import"]) == 2

    for command, shown in steps:
        words = shlex.split(command)
        assert words[0] == "provenance"
        result = CliRunner().invoke(main, words[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.output}"
        if shown:
            printed = [TIMES.sub("<time>", line) for line in result.stdout.splitlines()]
            assert printed == [TIMES.sub("<time>", line) for line in shown], command


def test_the_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for example in (ROOT / "docs" / "examples" / "corpus").iterdir():
        shutil.copy(example, tmp_path / example.name)
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(main, ["init"], catch_exceptions=False)
    section = PAGE.read_text(encoding="utf-8").split("## In Python", 1)[1].split("\n## ", 1)[0]
    [code] = re.findall(r"```python\n(.*?)```", section, re.DOTALL)

    namespace: dict[str, object] = {}
    exec(compile(code, "docs/corpus.md", "exec"), namespace)

    summary = namespace["summary"]
    assert (summary.documents, summary.quotes) == (6, 11)
    assert namespace["groups"].groups == 3
