"""The shape of the package: small modules, and the layering contract that `make test` enforces."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "provenance"
#: A module past this is asking to be split (STYLE.md).
MAX_MODULE_LINES = 600


def test_no_module_is_over_600_lines() -> None:
    sizes = {
        str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")
    }

    too_long = {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES}
    assert too_long == {}


def test_every_subpackage_is_a_layer_of_the_import_contract() -> None:
    pyproject = (PACKAGE.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    contract = pyproject.split("[[tool.importlinter.contracts]]", 1)[1].split("\n[", 1)[0]
    subpackages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")

    missing = [name for name in subpackages + modules if f'"{name}' not in contract and f" {name}" not in contract]
    assert missing == []
