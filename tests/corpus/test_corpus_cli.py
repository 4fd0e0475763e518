"""The `provenance corpus` commands as a user runs them: a LocalCluster by default, JSON, errors and exit codes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from corpus_data import rows


def test_extract_group_import_from_the_command_line(run, corpus_file: Path, ledger_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    extracted = run(
        "--ledger", str(ledger_path), "corpus", "extract", str(corpus_file), "-o", str(out), "--workers", "1", "--json"
    )
    grouped = run("corpus", "group", str(out), "--workers", "1")
    group_id = rows(out, "group_counts", "quotes")[-1]["group"]
    imported = run("--ledger", str(ledger_path), "corpus", "import", str(out), "--group", group_id, "--limit", "3")

    assert extracted.exit_code == 0, extracted.output
    summary = json.loads(extracted.stdout)
    assert (summary["documents"], summary["errors"], summary["ran"], summary["skipped"]) == (122, 2, 1, 0)
    assert len(summary["worker_peak_mb"]) == 1
    assert grouped.exit_code == 0, grouped.output
    assert " groups of " in grouped.stdout
    assert imported.exit_code == 0, imported.output
    assert "Recorded 3 new claims with status 'extracted'" in imported.stdout


def test_a_partition_that_cannot_be_read_fails_the_run_and_the_rest_is_written(run, tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "a", "text": "\u201cWe will not give up,\u201d she said."}) + "\n")
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(gzip.compress(b'{"id": "b", "text": "x"}\n')[:-12])  # cut short
    out = tmp_path / "out"

    result = run("corpus", "extract", str(good), str(bad), "-o", str(out), "--workers", "1")

    assert result.exit_code == 1
    assert "Error: partition bad-jsonl-gz-" in result.stderr
    assert [a["id"] for a in rows(out, "articles")] == ["a"]


def test_inputs_of_no_known_kind_and_unknown_groups_are_clear_errors(run, tmp_path: Path) -> None:
    odd = tmp_path / "notes.csv"
    odd.write_text("a,b\n")

    wrong = run("corpus", "extract", str(odd), "-o", str(tmp_path / "out"))
    empty = run("corpus", "group", str(tmp_path / "nothing"))

    assert wrong.exit_code == 1
    assert "not a corpus input" in wrong.stderr
    assert empty.exit_code == 1
    assert "Error: no quotes under" in empty.stderr


def test_a_scheduler_address_that_is_not_host_and_port_is_a_clear_error(run, corpus_file: Path, tmp_path: Path) -> None:
    result = run("corpus", "extract", str(corpus_file), "-o", str(tmp_path / "out"), "--scheduler", "nowhere")

    assert result.exit_code == 1
    assert "Error: cannot reach the Dask scheduler at nowhere" in result.stderr
    assert "tcp://HOST:PORT" in result.stderr
