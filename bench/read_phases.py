"""Where one read command's time goes: ``list --speaker NAME`` taken apart, CPU milliseconds a step.

    .venv/bin/python bench/read_phases.py LEDGER NAME [--rounds 5]

Each round is a fresh process (this script runs itself with ``--one``), since most of a command's
cost is what a fresh process pays once: importing the package, then the steps ``list --speaker``
takes through the library (the index's freshness check, looking the speaker up, the SQL,
validating the records back from their stored JSON). Printed per step as the median over rounds.
Run it on the ledger ``bench/ledger_scale.py --index`` generates (``/tmp/bench/ledger-100000``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time


def one(ledger: str, name: str) -> dict[str, float]:
    """The steps, timed in this process (which must not have imported provenance yet)."""
    marks = [time.process_time()]
    import provenance.cli  # noqa: F401  (what the command line imports first)
    from provenance import Ledger

    marks.append(time.process_time())
    from provenance.records import Claim
    from provenance.store.queries import _records

    opened = Ledger.open(ledger)
    reads = opened._reads.indexed()  # the ledger's own index, opened and brought up to date, as a read does
    assert reads is not None, "no usable index: run a command on this ledger first"
    marks.append(time.process_time())
    speaker = opened.speaker(name)
    marks.append(time.process_time())
    rows = reads._rows("SELECT data FROM claims WHERE speaker = ? ORDER BY file, position", (speaker.id,))
    marks.append(time.process_time())
    claims = _records(Claim, rows)
    marks.append(time.process_time())
    steps = ["imports", "index opened", "speaker lookup", "SQL", "validation"]
    spent = {step: (marks[i + 1] - marks[i]) * 1000 for i, step in enumerate(steps)}
    return {**spent, "claims": len(claims)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ledger")
    parser.add_argument("name")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.ledger, args.name)))
        return
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, __file__, args.ledger, args.name, "--one"], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(args.rounds)
    ]
    print(f"list --speaker {args.name!r}: {runs[0]['claims']:,} claims; CPU ms, median of {args.rounds} processes")
    for step in runs[0]:
        if step != "claims":
            print(f"  {step:<16} {statistics.median(run[step] for run in runs):7.1f}")


if __name__ == "__main__":
    main()
