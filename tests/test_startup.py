"""Start-up stays light: ``import provenance`` and ``provenance --help`` load nothing a later call needs.

The CLI's reply time is measured by ``bench/startup.py``; here we check what it
depends on, which does not vary with the machine: the heavy libraries and the
extraction rules are loaded by the calls that use them, not at start-up.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ["networkx", "graphviz", "trafilatura", "pydantic", "yaml", "rapidfuzz", "sqlite3", "provenance.extraction"]

PROBE = """
import runpy, sys
if sys.argv[1] == "help":
    sys.argv = ["provenance", "--help"]
    try:
        runpy.run_module("provenance", run_name="__main__")
    except SystemExit:
        pass
else:
    import provenance
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def modules_loaded_by(kind: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, kind], capture_output=True, text=True, check=True)
    return set(done.stderr.split())


@pytest.mark.parametrize("kind", ["import", "help"])
def test_start_up_loads_no_heavy_module(kind: str) -> None:
    loaded = modules_loaded_by(kind)

    heavy = sorted(name for name in loaded if any(name == h or name.startswith(h + ".") for h in HEAVY))
    assert heavy == []


def test_a_public_name_loads_its_module_on_first_use() -> None:
    code = "import sys, provenance; provenance.Ledger; print('networkx' in sys.modules, 'pydantic' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.split() == ["False", "True"]


def test_version_comes_from_the_installed_package() -> None:
    from importlib.metadata import version

    import provenance

    assert provenance.__version__ == version("provenance")
