"""A quotation inside a reported claim is kept on it as a verbatim fragment, and verify checks it.

Recorded by `extract --add`, each fragment is an anchor into the source's snapshot; `verify` says
when the words around it are still there but the quotation is no longer word for word, `verify
--fix` moves fragments with their claim, and `claims edit --text` keeps the ones the new words hold.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from provenance import Ledger

ARTICLE = (
    "Councillor Mark Ellery said on Monday that the new budget was \u201ca disgrace to this town\u201d "
    "and that he would vote against it.\n\nResidents packed the chamber.\n"
)
SOURCE = "https://example.org/budget"


def _record(cli, tmp_path: Path) -> None:
    article = tmp_path / "budget.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert cli("extract", str(article), "--source", SOURCE, "--add").exit_code == 0


def _ours(ledger: Ledger, folder: str) -> Path:
    """The file of the budget source in ``folder`` (sources/ or texts/)."""
    [path] = [p for p in (ledger.path / folder).iterdir() if "budget" in p.name]
    return path


def test_extract_add_keeps_the_quotation_inside_a_reported_claim_as_a_fragment(cli, ledger, tmp_path):
    _record(cli, tmp_path)

    [claim] = ledger.claims()
    assert claim.kind.value == "indirect"
    assert claim.text.startswith("the new budget was")
    [fragment] = claim.fragments
    assert fragment.exact == "a disgrace to this town"
    assert ARTICLE[fragment.start : fragment.end] == fragment.exact
    verified = json.loads(cli("verify", "--json").output)
    assert [v["outcome"] for v in verified["claims"]] == ["exact"]


def test_a_fragment_that_is_no_longer_verbatim_makes_the_claim_fuzzy(cli, ledger, tmp_path):
    _record(cli, tmp_path)
    source_file = _ours(ledger, "sources")
    data = yaml.safe_load(source_file.read_text(encoding="utf-8"))
    data["claims"][0]["fragments"][0]["exact"] = "a disgrace to that town"  # a copy desk's "correction"
    source_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    result = cli("verify", "--json")

    [verification] = json.loads(result.output)["claims"]
    assert verification["outcome"] == "fuzzy"
    assert verification["lost_fragments"] == ["a disgrace to that town"]
    assert "no longer verbatim" in verification["note"]


def test_verify_fix_moves_the_fragments_with_their_claim(cli, ledger, tmp_path):
    _record(cli, tmp_path)
    text_file = _ours(ledger, "texts")
    text_file.write_text("UPDATED at 10:00. " + ARTICLE, encoding="utf-8")
    source_file = _ours(ledger, "sources")
    data = yaml.safe_load(source_file.read_text(encoding="utf-8"))
    data["source"].pop("text_sha256", None)  # the newsroom re-published; accept the new snapshot
    source_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    assert cli("verify", "--fix").exit_code == 0

    [claim] = Ledger.open(ledger.path).claims()
    [fragment] = claim.fragments
    snapshot = text_file.read_text(encoding="utf-8")
    assert snapshot[fragment.start : fragment.end] == "a disgrace to this town"
    assert json.loads(cli("verify", "--json").output)["claims"][0]["outcome"] == "exact"


def test_editing_the_words_keeps_the_fragments_they_still_hold(cli, ledger, tmp_path):
    _record(cli, tmp_path)
    [claim] = ledger.claims()

    ledger.edit_claim(claim.id, text="the new budget was \u201ca disgrace to this town\u201d")
    [kept] = ledger.claims()
    assert [f.exact for f in kept.fragments] == ["a disgrace to this town"]

    ledger.edit_claim(claim.id, text="he would vote against it")
    [edited] = ledger.claims()
    assert edited.fragments == ()
