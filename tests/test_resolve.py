"""Claims recorded before their speaker was registered are linked once it is: `provenance resolve`."""

from __future__ import annotations

import json
from pathlib import Path

from provenance import Ledger

ARTICLE = """\
HARBOURTON - The harbour board will raise fees next month.

"We had no choice," said Ann Sorensen, who chairs the board. "The dredging alone costs a fortune."

Sorensen added that the rise would be the first in six years. "It is overdue," she said.
"""


def test_claims_recorded_before_their_speaker_is_registered_are_linked_by_resolve(
    cli, ledger_path: Path, tmp_path: Path
) -> None:
    article = tmp_path / "fees.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    # --no-discover: recorded as before speaker discovery, so Ann Sorensen is left for a person to register
    cli("extract", str(article), "--add", "--source", "https://harbour.example/fees", "--no-discover")
    unlinked = Ledger.open(ledger_path).claims(source="harbour-fees")
    assert unlinked
    assert all(c.speaker is None for c in unlinked)
    ids = [c.id for c in unlinked]

    registered = cli("speakers", "add", "Ann Sorensen", "--description", "chair of the harbour board")
    preview = cli("resolve", "--dry-run", "--json")
    done = cli("resolve")
    again = cli("resolve")

    assert f"{len(ids)} recorded claims printed this speaker's name without a link to it" in registered.stderr
    assert {row["speaker"] for row in json.loads(preview.stdout)} == {"ann-sorensen"}
    assert len(json.loads(preview.stdout)) == len(ids)
    assert done.exit_code == 0
    assert f"Linked {len(ids)} claims to their speakers" in done.stderr
    assert "Linked 0 claims" in again.stderr
    linked = Ledger.open(ledger_path).claims(speaker="Ann Sorensen")
    assert [c.id for c in linked] == ids  # ids are kept
    by_text = {c.text: c for c in linked}
    assert by_text["It is overdue,"].speaker_mention == "she"
    assert by_text["It is overdue,"].speaker_name == "Ann Sorensen"
    assert cli("check").exit_code == 0


def test_an_alias_links_the_spelling_an_article_used(cli, ledger_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "fees.txt"
    article.write_text(
        ARTICLE.replace("Ann Sorensen", "Anne Sørensen").replace("Sorensen", "Sørensen"), encoding="utf-8"
    )
    cli("extract", str(article), "--add", "--source", "https://harbour.example/fees", "--no-discover")
    cli("speakers", "add", "Ann Sorensen")

    aliased = cli("speakers", "alias", "Ann Sorensen", "Anne Sørensen")
    cli("resolve")

    assert "printed this speaker's name without a link to it" in aliased.stderr
    assert len(Ledger.open(ledger_path).claims(speaker="ann-sorensen")) == 4


def test_a_claim_marked_misattributed_is_never_relinked(cli, ledger: Ledger, ledger_path: Path) -> None:
    claim = ledger.add(
        "The fees will rise.", speaker=None, mention="Ann Sorensen", source="minsk-march", unanchored=True
    ).claim
    ledger.set_status(claim.id, "misattributed", "Sorensen denies saying it")
    ledger.add_speaker("Ann Sorensen")

    assert Ledger.open(ledger_path).resolve_claims() == []
