"""Did a speed-up change what extraction finds? The JSON output of ``provenance extract``, before and after, compared.

    python bench/extract_digest.py --polnear PATH --before /path/to/other/checkout/src
    python bench/extract_digest.py --polnear PATH            # this checkout only: print the digests

Runs ``provenance extract FILES --json`` over PolNeAR's train and dev texts (a checkout or a bare
mirror) as one whole process, with no ledger, with the bundled ledger's 12 speakers and with a
500-speaker registry, on one and on two processes, and prints the SHA-256 of each output. With
``--before SRC`` the same commands also run on the code in SRC (another checkout's ``src`` folder,
put first on PYTHONPATH), and every output must be byte for byte the same as this checkout's: the
exit status is 1 if any differs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from extract_inputs import registry, texts

SRC = Path(__file__).resolve().parent.parent / "src"


def digest(files: list[Path], ledger: Path, jobs: int, src: Path) -> tuple[str, int]:
    """SHA-256 and size of what ``provenance extract FILES --json --jobs JOBS`` prints, run from ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, "-m", "provenance", "--ledger", str(ledger), "extract", *map(str, files)]
    done = subprocess.run([*command, "--json", "--jobs", str(jobs)], env=env, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:6])} … exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return hashlib.sha256(done.stdout).hexdigest(), len(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=os.environ.get("POLNEAR_DIR"), required=False)
    parser.add_argument("--before", type=Path, help="another checkout's src folder, to compare with")
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / "provenance-bench-extract")
    args = parser.parse_args(argv)
    if args.polnear is None:
        parser.error("give --polnear PATH (a PolNeAR checkout or bare mirror) or set POLNEAR_DIR")
    files = texts(args.polnear, ("train", "dev"), args.scratch / "texts")
    ledgers = {
        "no ledger": args.scratch / "no-ledger",
        "12 speakers": registry(12, args.scratch / "registry-12"),
        "500 speakers": registry(500, args.scratch / "registry-500"),
    }
    print(f"{len(files)} documents (PolNeAR train + dev)")
    differ = 0
    for label, ledger in ledgers.items():
        for jobs in (1, 2):
            after, size = digest(files, ledger, jobs, SRC)
            line = f"{label:<14} --jobs {jobs}  {after[:16]}  {size:>11,} bytes"
            if args.before is not None:
                before, _ = digest(files, ledger, jobs, args.before)
                same = before == after
                differ += not same
                line += "  same as before" if same else f"  DIFFERS (before: {before[:16]})"
            print(line, flush=True)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
