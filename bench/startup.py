"""Start-up benchmark: how long ``provenance --help`` and ``import provenance`` take, against ``python -c pass``.

Each command runs as a whole process, the three in turn (A B C A B C …) so a
change in the machine's speed touches all of them alike; every figure is the
median of ``--repeat`` runs after one warm-up, and the ratios to the floor
(``python -c pass``) are what to compare between machines. It also lists the
heavy modules each command loaded, which should be none.

    .venv/bin/python bench/startup.py
    .venv/bin/python bench/startup.py --repeat 50 --json
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time

PYTHON = sys.executable
#: Modules a start-up must not load: they belong to the commands that need them.
HEAVY = ("networkx", "graphviz", "trafilatura", "pydantic", "yaml", "provenance.extraction.rules")

COMMANDS = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "import provenance": [PYTHON, "-c", "import provenance"],
    "provenance --help": [PYTHON, "-m", "provenance", "--help"],
}

#: Prints which of HEAVY the code given on the command line loaded.
_LOADED = (
    "import runpy, sys\n"
    "sys.argv = ['provenance', '--help'] if sys.argv[1] == 'help' else ['python']\n"
    "try:\n"
    "    runpy.run_module('provenance', run_name='__main__') if sys.argv[0] == 'provenance' "
    "else __import__('provenance')\n"
    "except SystemExit:\n"
    "    pass\n"
    f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
)


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def loaded(kind: str) -> list[str]:
    done = subprocess.run([PYTHON, "-c", _LOADED, kind], capture_output=True, text=True, check=True)
    return [name for name in done.stderr.strip().split(",") if name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=30, help="runs of each command (default 30)")
    parser.add_argument("--json", action="store_true", help="print every sample as JSON")
    args = parser.parse_args()

    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():  # warm-up: page cache, .pyc files
        time_once(command)
    for _ in range(args.repeat):
        for name, command in COMMANDS.items():
            samples[name].append(time_once(command))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    floor = medians["python -c pass"]
    result = {
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
        "repeat": args.repeat,
        "median_s": medians,
        "ratio_to_python": {name: value / floor for name, value in medians.items()},
        "heavy_modules_loaded": {"import provenance": loaded("import"), "provenance --help": loaded("help")},
    }
    if args.json:
        result["samples_s"] = samples
        print(json.dumps(result, indent=2))
        return
    print(f"{'command':<20}{'median':>10}{'min':>10}{'max':>10}{'x python':>10}")
    for name, values in samples.items():
        print(
            f"{name:<20}{medians[name] * 1000:>8.1f}ms{min(values) * 1000:>8.1f}ms{max(values) * 1000:>8.1f}ms"
            f"{medians[name] / floor:>10.2f}"
        )
    for name, modules in result["heavy_modules_loaded"].items():
        print(f"{name} loaded: {', '.join(modules) or 'none of ' + ', '.join(HEAVY)}")


if __name__ == "__main__":
    main()
