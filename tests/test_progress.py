"""Long commands show one kind of progress bar on a terminal (count, rate, time left), and none in a pipe."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from provenance import Ledger
from provenance.cli.progress import INDEX_BAR_MIN_STEPS
from provenance.records import Source
from provenance.store.codec import SourceFile
from provenance.store.edit import Edit
from provenance.store.layout import INDEX_FILE
from terminal import on_a_terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
QUOTEBANK = Path(__file__).parent / "data" / "quotebank" / "sample.jsonl"


def finished_bar(shown: str, label: str, total: int | None, unit: str) -> re.Match[str] | None:
    """The bar's last drawing, complete: the label, 100%, the count out of the total (any, when ``total`` is
    None), the time taken and left, the rate."""
    count = rf"{total}/{total}" if total is not None else r"(\d+)/\1"
    rate = rf"(\d+(\.\d+)?{unit}/s|\d+(\.\d+)?s/{unit}|\?{unit}/s)"
    return re.search(rf"{label}: 100%\|[^|]*\| {count} \[\d\d:\d\d<\d\d:\d\d, +{rate}\]", shown)


@pytest.mark.parametrize(
    ("args", "label", "total", "unit"),
    [
        (["verify"], "Verifying", 2, "source"),
        (["export", "--format", "csv", "-o", "tables"], "Exporting", 19, "claim"),
        (["export", "--format", "graphml", "-o", "ledger.graphml"], "Exporting", 19, "claim"),
        (["sources", "copies"], "Reading texts", 2, "source"),
        (["import", "--format", "quotebank", str(QUOTEBANK)], "Importing", 7, "line"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_a_long_command_shows_the_count_the_rate_and_the_time_left(sample_ledger, args, label, total, unit):
    Ledger.open(sample_ledger).claims()  # the index is built: only the command's own bar is drawn

    shown = on_a_terminal("--ledger", str(sample_ledger), *args, cwd=sample_ledger.parent)

    assert finished_bar(shown, label, total, unit), shown


def test_building_a_large_index_shows_a_bar_and_a_small_one_does_not(ledger_path: Path):
    small = on_a_terminal("--ledger", str(ledger_path), "list", cwd=ledger_path.parent)
    edit = Edit(Ledger.open(ledger_path).layout)
    for n in range(INDEX_BAR_MIN_STEPS):
        edit.save_source(SourceFile(Source(id=f"story-{n:04d}", title=f"Story {n}")))
    for path in ledger_path.glob(f"{INDEX_FILE}*"):
        path.unlink()

    large = on_a_terminal("--ledger", str(ledger_path), "sources", "list", cwd=ledger_path.parent)

    assert "Indexing the ledger" not in small
    assert finished_bar(large, "Indexing the ledger", None, "file"), large


def test_no_bar_goes_into_a_pipe_or_a_json_document(cli, run, sample_ledger, tmp_path):
    verified = run("--ledger", str(sample_ledger), "verify")
    exported = run("--ledger", str(sample_ledger), "export", "--format", "jsonl", "-o", str(tmp_path / "c.jsonl"))

    assert "Verifying" not in verified.stderr
    assert "Exporting" not in exported.stderr


def test_a_bar_that_is_hidden_on_a_terminal_draws_nothing(sample_ledger):
    Ledger.open(sample_ledger).claims()

    shown = on_a_terminal("--ledger", str(sample_ledger), "verify", "--json", cwd=sample_ledger.parent)

    assert "Verifying" not in shown
