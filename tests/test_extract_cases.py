"""Each error class found on unseen news, as a short text of our own: what extraction must find, and must not.

The cases are in tests/data/extract/cases.yaml; each names its class. They pin the behaviour the
rules generalise to, without depending on any corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import provenance

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "data" / "extract" / "cases.yaml").read_text())


def _found(case: dict[str, Any]) -> list[dict[str, Any]]:
    extraction = provenance.extract(case["text"])
    return [
        {
            "text": c.text,
            "kind": c.kind.value,
            "speaker": c.speaker_mention,
            **({"fragments": [f.exact for f in c.fragments]} if c.fragments else {}),
        }
        for c in extraction.claims
    ]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_the_claims_each_class_must_give(case: dict[str, Any]) -> None:
    found = _found(case)

    assert found == case["claims"]
    texts = {c["text"] for c in found}
    assert not texts & set(case.get("none", []))
