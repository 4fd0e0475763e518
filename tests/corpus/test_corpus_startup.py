"""Corpus mode costs nothing until it runs: Dask, pyarrow, warcio and datasketch load inside the corpus calls."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORPUS_LIBRARIES = ("dask", "distributed", "pyarrow", "warcio", "datasketch")

PROBE = """
import runpy, sys
if sys.argv[1] == "import":
    import provenance, provenance.corpus
else:
    sys.argv = ["provenance", *sys.argv[1:]]
    try:
        runpy.run_module("provenance", run_name="__main__")
    except SystemExit:
        pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [["import"], ["--help"], ["corpus", "--help"], ["corpus", "extract", "--help"]], ids=" ".join
)
def test_no_corpus_library_loads_before_a_corpus_call(args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)

    loaded = set(done.stderr.split())
    assert sorted(m for m in loaded if m.split(".")[0] in CORPUS_LIBRARIES) == []


def test_scheduler_and_workers_together_are_a_usage_error(run, tmp_path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')

    result = run(
        "corpus", "extract", str(tmp_path / "a.jsonl"), "-o", str(tmp_path / "out"), "--workers", "2",
        "--scheduler", "tcp://127.0.0.1:1",
    )  # fmt: skip

    assert result.exit_code == 2
    assert "--workers is for the local cluster" in result.stderr
