"""Hand-edited ledgers go wrong; every mistake must be reported with its file, line and a fix.

Each case in tests/data/malformed/ is the valid ``_base`` ledger with one or
more files replaced, and an ``expected.txt`` listing the problems
``provenance check`` must report (see the README there).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from provenance import Ledger, LedgerLoadError

DATA = Path(__file__).parent / "data" / "malformed"
BASE = DATA / "_base"
CASES = sorted(p for p in DATA.iterdir() if p.is_dir() and not p.name.startswith("_"))
PROBLEM_LINE = re.compile(r"^  (?P<file>.+?):(?P<line>\d+): (?P<message>.+)$")


@dataclass(frozen=True)
class Reported:
    file: str  # relative to the ledger, with forward slashes
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def expected_problems(case: Path) -> list[Reported]:
    found = []
    for entry in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if entry.strip() and not entry.startswith("#"):
            file, line, fragment = entry.split(":", 2)
            found.append(Reported(file, int(line), fragment.strip()))
    return found


def build_ledger(tmp_path: Path, *cases: Path) -> Path:
    """The valid base ledger with each case's files laid over it."""
    root = tmp_path / "claims"
    shutil.copytree(BASE, root)
    for case in cases:
        shutil.copytree(case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return root


def relative(file: str, root: Path) -> str:
    return (Path.cwd() / file).resolve().relative_to(root.resolve()).as_posix()


def reported_problems(stderr: str, root: Path) -> list[Reported]:
    found = []
    for text in stderr.splitlines():
        match = PROBLEM_LINE.match(text)
        if match:
            found.append(Reported(relative(match["file"], root), int(match["line"]), match["message"]))
    return found


def assert_reported(expected: list[Reported], reported: list[Reported]) -> None:
    shown = "\n".join(map(str, reported))
    for want in expected:
        assert any(
            got.file == want.file and got.line == want.line and want.message in got.message for got in reported
        ), f"expected {want} among:\n{shown}"
    assert len(reported) == len(expected), f"unexpected extra problems:\n{shown}"


def test_the_base_ledger_is_valid(run, tmp_path):
    result = run("--ledger", str(build_ledger(tmp_path)), "check")

    assert result.exit_code == 0, result.stderr
    assert "Ledger OK" in result.stdout


def test_every_case_says_what_it_expects():
    assert len(CASES) >= 10
    for case in CASES:
        assert expected_problems(case), f"{case.name}/expected.txt lists no problem"
        assert any(p.is_file() and p.name != "expected.txt" for p in case.rglob("*")), f"{case.name} breaks nothing"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_check_reports_the_file_line_and_problem(run, tmp_path, case):
    root = build_ledger(tmp_path, case)
    expected = expected_problems(case)

    result = run("--ledger", str(root), "check")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: the ledger has {len(expected)} problem")
    assert "Fix the files above, then run 'provenance check'." in result.stderr
    assert_reported(expected, reported_problems(result.stderr, root))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_the_python_api_reports_the_same_problems(tmp_path, case):
    root = build_ledger(tmp_path, case)

    with pytest.raises(LedgerLoadError) as caught:
        Ledger.open(root).check()

    reported = [Reported(relative(p.file, root), p.line or 0, p.message) for p in caught.value.problems]
    assert_reported(expected_problems(case), reported)


def test_one_broken_file_does_not_hide_another(run, tmp_path):
    root = build_ledger(tmp_path, DATA / "wrong-enum-value")
    shutil.copy(DATA / "unknown-field" / "sources" / "minsk-march.yaml", root / "sources" / "second-story.yaml")
    second = root / "sources" / "second-story.yaml"
    second.write_text(second.read_text(encoding="utf-8").replace("id: minsk-march", "id: second-story"), "utf-8")

    result = run("--ledger", str(root), "check")

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the ledger has 2 problems")
    assert_reported(
        [
            Reported("sources/minsk-march.yaml", 7, "claims[0].kind: Input should be"),
            Reported("sources/second-story.yaml", 8, "claims[1].speakr: unknown field"),
        ],
        reported_problems(result.stderr, root),
    )


def test_a_broken_registry_and_a_broken_source_are_both_reported(run, tmp_path):
    root = build_ledger(tmp_path, DATA / "missing-speaker-name", DATA / "yaml-syntax-error")

    result = run("--ledger", str(root), "check")

    assert result.exit_code == 1
    assert_reported(
        expected_problems(DATA / "missing-speaker-name") + expected_problems(DATA / "yaml-syntax-error"),
        reported_problems(result.stderr, root),
    )


def test_other_commands_report_the_problem_too(run, tmp_path):
    root = build_ledger(tmp_path, DATA / "unknown-speaker")

    result = run("--ledger", str(root), "list")

    assert result.exit_code == 1
    assert_reported(expected_problems(DATA / "unknown-speaker"), reported_problems(result.stderr, root))


def test_adding_to_a_broken_source_file_leaves_it_as_it_was(run, tmp_path):
    root = build_ledger(tmp_path, DATA / "yaml-syntax-error")
    broken = (root / "sources" / "minsk-march.yaml").read_bytes()

    result = run(
        "--ledger", str(root), "add", "We will not give up,", "--speaker", "Valery Tsepkalo", "--source", "minsk-march"
    )

    assert result.exit_code == 1
    assert "sources/minsk-march.yaml:7: YAML syntax error" in result.stderr
    assert (root / "sources" / "minsk-march.yaml").read_bytes() == broken
