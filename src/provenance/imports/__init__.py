"""Records from other tools' formats into the ledger: one module per format.

An importer writes through the store's ``Edit`` like every other writer, so it
sits beside extraction and analysis, above the store. The formats are named
here so the CLI can offer them without importing an importer.
"""

from __future__ import annotations

#: Import format -> (module, function, what it reads).
FORMATS = {
    "quotebank": (".quotebank", "import_quotebank", "Quotebank's quotation-centric JSON lines (EPFL, 2008-2020)"),
}
