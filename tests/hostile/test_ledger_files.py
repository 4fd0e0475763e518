"""Hand-edited and damaged ledger files: every one is a named error with its file and line, and none is
ever written over. A write never proceeds from a file that did not load cleanly."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from provenance import Ledger, LedgerLoadError

SOURCE = "tech2-belarus-rally"
QUOTE = "A quote that is new to this ledger and to the sample article"


def _append(relative: str, text: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        with (root / relative).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return damage


def _replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return damage


def _both(first: Callable[[Path], None], second: Callable[[Path], None]) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        first(root)
        second(root)

    return damage


def _fifo(relative: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        (root / relative).unlink()
        os.mkfifo(root / relative)

    return damage


def _symlink(relative: str, target: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        (root / relative).unlink()
        (root / relative).symlink_to(target)

    return damage


def _bytes(relative: str, data: bytes) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        (root / relative).write_bytes(data)

    return damage


def _latin1(relative: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:  # an "é" saved as the single Latin-1 byte 0xE9
        path = root / relative
        path.write_bytes(path.read_bytes().replace(b"Belarus", b"B\xe9larus", 1))

    return damage


def _huge(relative: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        with (root / relative).open("r+b") as handle:  # sparse: 10 GB on paper, nothing on disk
            handle.truncate(10 * 1024**3)

    return damage


def _directory(relative: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        (root / relative).unlink()
        (root / relative).mkdir()

    return damage


def _sources_gone(root: Path) -> None:
    shutil.rmtree(root / "sources")


def _sources_a_file(root: Path) -> None:
    shutil.rmtree(root / "sources")
    (root / "sources").write_text("not a directory\n", encoding="utf-8")


#: (case, damage, file named in the error, line or None, fragment of the message)
CASES = [
    (
        "second claims key",
        _append(f"sources/{SOURCE}.yaml", "claims: []\n"),
        f"sources/{SOURCE}.yaml",
        291,
        "'claims' appears twice",
    ),
    (
        "second speakers key",
        _append("speakers.yaml", "speakers:\n- id: x\n  name: X\n"),
        "speakers.yaml",
        None,
        "'speakers' appears twice",
    ),
    (
        "name twice in a record",
        _replace("speakers.yaml", "  name: Alexander Lukashenko\n", "  name: Alexander Lukashenko\n  name: Other\n"),
        "speakers.yaml",
        4,
        "'name' appears twice",
    ),
    ("FIFO as speakers.yaml", _fifo("speakers.yaml"), "speakers.yaml", None, "FIFO"),
    ("FIFO as a source file", _fifo(f"sources/{SOURCE}.yaml"), f"sources/{SOURCE}.yaml", None, "FIFO"),
    ("FIFO as a text snapshot", _fifo(f"texts/{SOURCE}.txt"), f"texts/{SOURCE}.txt", None, "FIFO"),
    ("symlink to /dev/zero", _symlink("speakers.yaml", "/dev/zero"), "speakers.yaml", None, "character device"),
    ("directory as a text snapshot", _directory(f"texts/{SOURCE}.txt"), f"texts/{SOURCE}.txt", None, "directory"),
    (
        "binary snapshot",
        _bytes(f"texts/{SOURCE}.txt", b"\x89PNG\r\n\x1a\n\x00\xff\xfe"),
        f"texts/{SOURCE}.txt",
        None,
        "not UTF-8",
    ),
    ("UTF-16 registry", _bytes("speakers.yaml", "speakers: []\n".encode("utf-16")), "speakers.yaml", 1, "not UTF-8"),
    ("Latin-1 source file", _latin1(f"sources/{SOURCE}.yaml"), f"sources/{SOURCE}.yaml", 3, "not UTF-8"),
    ("10 GB snapshot", _huge(f"texts/{SOURCE}.txt"), f"texts/{SOURCE}.txt", None, "over the limit"),
    (
        "NUL byte",
        _replace(f"sources/{SOURCE}.yaml", "  kind: indirect\n", "  kind: indirect\x00\n"),
        f"sources/{SOURCE}.yaml",
        None,
        "U+0000",
    ),
    (
        "mixed int and str top-level keys",
        _append(f"sources/{SOURCE}.yaml", "1: x\n"),
        f"sources/{SOURCE}.yaml",
        291,
        "unknown top-level key 1",
    ),
    (
        "bell in a claim",
        _replace(
            f"sources/{SOURCE}.yaml",
            "  text: The people of Belarus are in support of Putin in support of Lukashenko,\n",
            '  text: "The people\\a of Belarus are in support of Putin in support of Lukashenko,"\n',
        ),
        f"sources/{SOURCE}.yaml",
        None,
        "U+0007",
    ),
    (
        "javascript: URL",
        _replace(f"sources/{SOURCE}.yaml", "url: https://tech2.org/", "url: JavaScript:alert(1)//"),
        f"sources/{SOURCE}.yaml",
        5,
        "http(s)",
    ),
    (
        "data: URL",
        _replace(f"sources/{SOURCE}.yaml", "url: https://tech2.org/", "url: data:text/html,x//"),
        f"sources/{SOURCE}.yaml",
        5,
        "http(s)",
    ),
    (
        "an id that is not the file name, and a dangling link",
        _both(
            _replace(f"sources/{SOURCE}.yaml", f"  id: {SOURCE}\n", "  id: elsewhere\n"),
            _replace(
                f"sources/{SOURCE}.yaml", "  - source: guardian-belarus-rally-2020-09-13\n", "  - source: nowhere\n"
            ),
        ),
        f"sources/{SOURCE}.yaml",
        2,
        "must match the file name",
    ),
    ("sources/ missing", _sources_gone, "sources", None, "missing"),
    ("a file for sources/", _sources_a_file, "sources", None, "not the sources/ directory"),
]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): (b"<fifo>" if p.is_fifo() else b"<link>" if p.is_symlink() else p.read_bytes())
        for p in sorted(root.rglob("*"))
        if (p.is_file() or p.is_fifo() or p.is_symlink()) and p.name != ".lock" and p.stat().st_size < 2**30
    }


@pytest.mark.parametrize(("case", "damage", "file", "line", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_a_damaged_file_is_a_located_error_and_is_never_written(
    sample_ledger: Path, run, case, damage, file, line, fragment
) -> None:
    damage(sample_ledger)
    before = _snapshot(sample_ledger)

    checked = run("--ledger", str(sample_ledger), "check")
    added = run("--ledger", str(sample_ledger), "add", QUOTE, "--speaker", "Tsepkalo", "--source", SOURCE)

    assert checked.exit_code == 1
    located = f"{file}:{line}:" if line else f"{file}"
    assert located in checked.stderr
    assert fragment in checked.stderr
    assert checked.stderr.startswith("Error: ")
    assert added.exit_code == 1
    assert added.stderr.startswith("Error: ")
    assert _snapshot(sample_ledger) == before


def test_python_sees_the_same_located_problem(sample_ledger: Path) -> None:
    _append(f"sources/{SOURCE}.yaml", "claims: []\n")(sample_ledger)

    with pytest.raises(LedgerLoadError) as caught:
        Ledger.open(sample_ledger).check()

    [problem] = caught.value.problems
    assert (problem.file.endswith(f"sources/{SOURCE}.yaml"), problem.line) == (True, 291)


def test_init_on_a_ledger_that_lost_its_speakers_keeps_every_other_file(sample_ledger: Path, run) -> None:
    (sample_ledger / "speakers.yaml").unlink()
    before = _snapshot(sample_ledger)

    opened = run("--ledger", str(sample_ledger), "list")
    created = run("--ledger", str(sample_ledger), "init")

    assert opened.exit_code == 1
    assert "restore it from git" in opened.stderr
    assert created.exit_code == 0
    assert "created speakers.yaml; kept every other file" in created.stdout
    after = _snapshot(sample_ledger)
    assert after.pop("speakers.yaml") == b"speakers: []\n"
    assert after == before


def test_init_never_overwrites_a_complete_ledger(sample_ledger: Path, run) -> None:
    before = _snapshot(sample_ledger)

    result = run("--ledger", str(sample_ledger), "init")

    assert result.exit_code == 1
    assert "already a ledger" in result.stderr
    assert _snapshot(sample_ledger) == before
