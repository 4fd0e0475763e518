"""The tutorial is executable: its commands rebuild claims/ exactly, printing what it shows."""

from __future__ import annotations

import filecmp
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _build_sample_module():  # scripts/ is not a package; load the runner by path
    spec = importlib.util.spec_from_file_location("build_sample", ROOT / "scripts" / "build_sample.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


build_sample = _build_sample_module()


def _tree(root: Path) -> set[str]:
    return {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file()
        and p.name != ".lock"
        and not p.name.startswith(".index.sqlite")
        and ".journal" not in p.relative_to(root).parts  # git-ignored, like the lock
    }


def test_tutorial_has_the_commands_that_build_the_sample() -> None:
    steps = build_sample.tutorial_steps()
    commands = [step.args[0] for step in steps]
    assert commands[0] == "init"
    assert commands.count("add") == 19  # every quotation and reported claim of the seed article
    assert "graph" in commands


def test_tutorial_commands_print_what_the_tutorial_shows_and_rebuild_claims(tmp_path: Path) -> None:
    failures = build_sample.run_tutorial(tmp_path)
    assert not failures, "\n".join(failures)

    built, shipped = tmp_path / "claims", ROOT / "claims"
    assert _tree(built) == _tree(shipped), "run `python scripts/build_sample.py` to refresh claims/"
    mismatched = [name for name in _tree(built) if not filecmp.cmp(built / name, shipped / name, shallow=False)]
    assert not mismatched, f"claims/ is stale for {mismatched}; run `python scripts/build_sample.py`"
    assert (tmp_path / "who-said-what.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_a_wrong_output_in_the_tutorial_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "tutorial.md"
    broken.write_text(
        "```console\n$ provenance init\nCreated a ledger somewhere else\n```\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(build_sample, "TUTORIAL", broken)
    work = tmp_path / "work"
    work.mkdir()
    failures = build_sample.run_tutorial(work)
    assert len(failures) == 1
    assert "Created a ledger somewhere else" in failures[0]


def test_the_tracing_tutorial_runs_and_prints_what_it_shows(tmp_path: Path) -> None:
    articles = sorted((ROOT / "docs" / "examples" / "harbour").glob("*.txt"))
    failures = build_sample.run_tutorial(tmp_path, ROOT / "docs" / "tracing.md", articles)
    assert not failures, "\n".join(failures)

    ledger = tmp_path / "claims"
    copy = (ledger / "sources" / "copy-fish-market.yaml").read_text(encoding="utf-8")
    assert "variant_of" in copy  # `variants --write` recorded the links
    assert "misattributed" in copy
    assert "history:" in copy  # the correction kept the old status
    svg = (tmp_path / "trace.svg").read_text(encoding="utf-8")
    assert "variant of: substituted" in svg
