"""Every export format round-trips through its own reader, or validates against the standard it claims.

PROV through the prov package's deserialisers; ClaimReview and Web Annotations by JSON-LD expansion
with pyld (a document loader that never fetches, over the contexts shipped as package data) and a
JSON Schema of the required fields; GraphML and GEXF by networkx's readers; the CSV tables against
their datapackage.json; JSON Lines back into the records.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
from prov.model import ProvDocument
from pyld import jsonld
from pyld.documentloader.frozen import FrozenDocumentLoader

import provenance
from provenance import ClaimStatus, InvalidInputError, Ledger
from provenance.exports import FORMATS, build
from provenance.exports.prov import document
from provenance.exports.tables import datapackage, quote_cell, unquote_cell
from provenance.records import Claim, Source, Speaker, Venue

DATA = Path(__file__).parent / "data"
CONTEXTS = files("provenance.exports").joinpath("contexts")
LOADER = FrozenDocumentLoader(
    documents={
        **{
            url: json.loads(CONTEXTS.joinpath("schemaorg.jsonld").read_text(encoding="utf-8"))
            for url in ("https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/")
        },
        "http://www.w3.org/ns/anno.jsonld": json.loads(CONTEXTS.joinpath("anno.jsonld").read_text(encoding="utf-8")),
    }
)


def _expand(data: Any) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = jsonld.expand(data, {"documentLoader": LOADER})
    return result


def _keys(data: Any) -> set[str]:
    """Every property name used in a compact JSON-LD document."""
    if isinstance(data, dict):
        return {k for k in data if not k.startswith("@")} | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


def _iris(data: Any) -> set[str]:
    """Every property IRI of an expanded JSON-LD document."""
    if isinstance(data, dict):
        return {k for k in data if not k.startswith("@")} | {k for v in data.values() for k in _iris(v)}
    if isinstance(data, list):
        return {k for v in data for k in _iris(v)}
    return set()


@pytest.fixture
def belarus(sample_ledger: Path) -> Ledger:
    return Ledger.open(sample_ledger)


@pytest.fixture
def reviewed(tmp_path: Path) -> Ledger:
    """Two sources, the later one a rewrite; a quote in both; verdicts on three claims and a retraction."""
    ledger = Ledger.init(tmp_path / "claims")
    ledger.add_speaker("Ann Example", description="mayor")
    ledger.add_speaker("City Council", kind="government")
    ledger.add_source(
        source_id="crier", url="https://crier.example/bridge", title="Bridge repairs", outlet="Town Crier",
        published=dt.date(2024, 3, 1),
    )  # fmt: skip
    ledger.add_source(
        source_id="farm", url="https://farm.example/bridge", title="Bridge news", outlet="Copy Farm",
        published=dt.date(2024, 3, 4), derived_from=[("crier", "rewrite")],
    )  # fmt: skip
    words = "The bridge will reopen before the summer festival, and not a day later."
    original = ledger.add(words, speaker="Ann Example", source="crier").claim
    copy = ledger.add(words.replace("summer", "autumn"), speaker="Ann Example", source="farm").claim
    council = ledger.add("Repairs are on budget.", speaker="City Council", source="farm").claim
    gone = ledger.add("Tolls will end.", speaker="City Council", source="crier").claim
    ledger.set_status(original.id, ClaimStatus.VERIFIED, "matches the council recording")
    ledger.set_status(copy.id, ClaimStatus.DISPUTED, "the copy changed the season")
    ledger.set_status(council.id, ClaimStatus.MISATTRIBUTED, "said by the contractor")
    ledger.set_status(gone.id, ClaimStatus.RETRACTED, "withdrawn")
    speakers = (ledger.path / "speakers.yaml").read_text(encoding="utf-8")
    (ledger.path / "speakers.yaml").write_text(
        speakers.replace("  description: mayor\n", "  description: mayor\n  identifiers:\n    wikidata: Q42\n"),
        encoding="utf-8",
    )
    return Ledger.open(ledger.path)


# ------------------------------------------------------------------ W3C PROV


@pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")  # rdflib 7, read by prov
@pytest.mark.parametrize(("fmt", "reader"), [("prov-json", "json"), ("prov-n", "provn"), ("prov-o", "rdf")])
def test_prov_round_trips_through_the_prov_package(belarus: Ledger, fmt: str, reader: str) -> None:
    text = belarus.export(fmt).text
    assert text is not None

    extra = {"rdf_format": "turtle"} if reader == "rdf" else {}
    read = ProvDocument.deserialize(content=text, format=reader, **extra)

    assert read == document(belarus)[0]


def test_prov_holds_speakers_as_agents_claims_as_quotations_venues_as_activities(belarus: Ledger) -> None:
    doc = ProvDocument.deserialize(content=belarus.export("prov-json").text, format="json")
    records = list(doc.get_records())

    def named(kind: str) -> set[str]:
        return {str(r.identifier) for r in records if r.get_type().localpart == kind}

    assert {f"speaker:{s.id}" for s in belarus.speakers()} < named("Agent")
    assert {"outlet:tech2-org", "outlet:the-guardian"} < named("Agent")
    assert named("Entity") == {f"claim:{c.id}" for c in belarus.claims()} | {
        f"source:{s.id}" for s in belarus.sources()
    }
    assert named("Activity") == {f"venue:{v.id}" for v in belarus.venues()}
    quotations = [
        r for r in records if r.get_type().localpart == "Derivation" and "prov:Quotation" in str(r.get_asserted_types())
    ]
    assert len(quotations) == 19
    provn = belarus.export("prov-n").text or ""
    assert "wasAttributedTo(claim:c-3e9c1a6cc95c, speaker:valery-tsepkalo)" in provn
    assert "wasDerivedFrom(source:tech2-belarus-rally, source:guardian-belarus-rally-2020-09-13" in provn


# ------------------------------------------------------------------ ClaimReview


def test_claimreview_expands_as_json_ld_and_has_every_required_field(reviewed: Ledger) -> None:
    data = json.loads(reviewed.export("claimreview").text or "")

    jsonschema.validate(data, json.loads((DATA / "claimreview.schema.json").read_text(encoding="utf-8")))
    expanded = _expand(data)
    iris = _iris(expanded)
    assert {f"http://schema.org/{key}" for key in _keys(data)} == iris  # every property is a schema.org term
    types = {t for node in expanded for t in node.get("@type", [])}
    assert types == {"http://schema.org/ClaimReview"}
    assert len(expanded) == 3  # the retraction is not a verdict


def test_claimreview_names_the_speaker_the_rating_and_the_first_appearance(reviewed: Ledger) -> None:
    graph = json.loads(reviewed.export("claimreview").text or "")["@graph"]
    by_rating = {r["reviewRating"]["alternateName"]: r for r in graph}

    disputed = by_rating["Disputed"]
    assert disputed["claimReviewed"].startswith("The bridge will reopen before the autumn festival")
    assert disputed["reviewRating"]["ratingValue"] == 2
    assert disputed["reviewBody"] == "the copy changed the season"
    assert disputed["datePublished"] == dt.date.today().isoformat()
    item = disputed["itemReviewed"]
    assert item["author"] == {
        "@type": "Person", "name": "Ann Example", "description": "mayor", "sameAs": "https://www.wikidata.org/wiki/Q42"
    }  # fmt: skip
    assert item["firstAppearance"]["url"] == "https://crier.example/bridge"  # the rewrite's origin
    assert [w["url"] for w in item["appearance"]] == ["https://farm.example/bridge", "https://crier.example/bridge"]
    assert item["appearance"][0]["publisher"] == {"@type": "Organization", "name": "Copy Farm"}
    council = by_rating["Misattributed"]["itemReviewed"]
    assert council["author"]["@type"] == "Organization"
    assert by_rating["Accurately quoted"]["reviewRating"]["ratingValue"] == 3


def test_claimreview_of_a_ledger_without_verdicts_is_an_empty_graph(belarus: Ledger) -> None:
    exported = belarus.export("claimreview")

    assert exported.summary == "0 ClaimReviews"
    assert json.loads(exported.text or "") == {"@context": "https://schema.org", "@graph": []}


# ------------------------------------------------------------------ GraphML and GEXF


def test_graphml_is_read_back_by_networkx_with_every_node_edge_and_attribute(belarus: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "ledger.graphml"
    provenance.export(belarus, "graphml", path)

    read = nx.read_graphml(path, force_multigraph=True)
    original = belarus.graph()

    assert set(read.nodes) == set(original.nodes)
    assert sorted(read.edges(keys=True)) == sorted(original.edges(keys=True))
    claim = read.nodes["claim:c-3e9c1a6cc95c"]
    assert claim["text"] == "The people of Belarus are in support of Putin in support of Lukashenko,"
    assert json.loads(claim["anchor"])["start"] == 3266  # a mapping, as JSON text
    assert claim["label"] == claim["text"]
    assert json.loads(read.nodes["speaker:valery-tsepkalo"]["aliases"]) == ["Valery Tsapkala"]
    assert read.edges["source:tech2-belarus-rally", "source:guardian-belarus-rally-2020-09-13", "derived-from"] == {
        "relation": "derived-from",
        "derivation": "rewrite",
    }


def test_gexf_is_read_back_with_labels_and_positions(belarus: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "ledger.gexf"
    belarus.export("gexf", path)

    read = nx.read_gexf(path)

    assert set(read.nodes) == set(belarus.graph().nodes)
    assert read.nodes["speaker:valery-tsepkalo"]["label"] == "Valery Tsepkalo"
    assert set(read.nodes["speaker:valery-tsepkalo"]["viz"]["position"]) == {"x", "y", "z"}


def test_the_graph_export_of_a_plain_networkx_write_no_longer_fails(belarus: Ledger, tmp_path: Path) -> None:
    with pytest.raises((nx.NetworkXError, TypeError)):
        nx.write_graphml(belarus.graph(), tmp_path / "raw.graphml")  # what the issue reported
    assert belarus.export("graphml", tmp_path / "ok.graphml").paths == (tmp_path / "ok.graphml",)


# ------------------------------------------------------------------ CSV tables and JSON Lines


def _table(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_csv_tables_match_their_datapackage(reviewed: Ledger, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    reviewed.export("csv", folder)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))

    assert package == datapackage()
    tables = {r["name"]: _table(folder, r["name"]) for r in package["resources"]}
    for resource in package["resources"]:
        header = next(csv.reader((folder / resource["path"]).open(encoding="utf-8", newline="")))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        keys = [tuple(row[k] for k in resource["schema"]["primaryKey"]) for row in tables[resource["name"]]]
        assert len(keys) == len(set(keys)), resource["name"]
        for foreign in resource["schema"].get("foreignKeys", []):
            target = {row[foreign["reference"]["fields"]] for row in tables[foreign["reference"]["resource"]]}
            values = {row[foreign["fields"]] for row in tables[resource["name"]]} - {""}
            assert values <= target, (resource["name"], foreign["fields"])


def test_the_claims_table_reads_back_into_the_ledgers_claims(reviewed: Ledger, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    reviewed.export("csv", folder)

    rows = {row["id"]: row for row in _table(folder, "claims")}
    for claim in reviewed.claims():
        row = rows[claim.id]
        assert unquote_cell(row["text"]) == claim.text
        assert (row["speaker"], row["source"], row["status"]) == (claim.speaker, claim.source, claim.status.value)
        assert row["status_reason"] == (claim.status_reason or "")
    links = _table(folder, "links")
    assert [(r["kind"], r["note"]) for r in links] == []  # no variant links were written in this ledger
    assert _table(folder, "derivations") == [{"source": "farm", "derived_from": "crier", "relation": "rewrite"}]


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted(ledger: Ledger, tmp_path: Path) -> None:
    hostile = '=HYPERLINK("https://evil.example","click")'
    ledger.add(hostile, speaker="Stephen Biegun", source="minsk-march", unanchored=True)
    ledger.export("csv", tmp_path / "t")

    cell = next(r["text"] for r in _table(tmp_path / "t", "claims") if "HYPERLINK" in r["text"])
    assert cell == "'" + hostile
    assert unquote_cell(cell) == hostile
    for text in ("'quoted", "-5 degrees", "@handle", "plain"):
        assert unquote_cell(quote_cell(text)) == text


def test_jsonl_reads_back_into_the_same_records(reviewed: Ledger) -> None:
    kinds = {"speaker": Speaker, "venue": Venue, "source": Source, "claim": Claim}
    read: dict[str, list[Any]] = {k: [] for k in kinds}
    for line in (reviewed.export("jsonl").text or "").splitlines():
        data = json.loads(line)
        kind = data.pop("type")
        read[kind].append(kinds[kind].model_validate(data))

    assert read["speaker"] == reviewed.speakers()
    assert read["source"] == reviewed.sources()
    assert read["claim"] == list(reviewed.iter_claims())
    assert read["venue"] == reviewed.venues()


# ------------------------------------------------------------------ Web Annotations


def test_annotations_expand_as_json_ld_and_select_the_quoted_words(belarus: Ledger) -> None:
    data = json.loads(belarus.export("annotations").text or "")

    expanded = _expand(data)
    oa = "http://www.w3.org/ns/oa#"
    assert f"{oa}hasSelector" in _iris(expanded)
    assert f"{oa}exact" in _iris(expanded)
    assert len(_iris(expanded)) == len(_keys(data) - {"id", "type"})  # every property is defined: none dropped
    items = data["first"]["items"]
    assert data["total"] == len(items) == 19
    text = belarus.text("tech2-belarus-rally") or ""
    for item in items:
        quote, position = item["target"]["selector"]
        assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
    first = next(i for i in items if i["id"] == "urn:provenance:claim:c-3e9c1a6cc95c")
    assert first["target"]["source"].startswith("https://tech2.org/")
    assert first["body"][0]["value"] == "Quote attributed to Valery Tsepkalo (printed as \u2018Velary Tsepalko\u2019)."


# ------------------------------------------------------------------ the API and the command


def test_export_returns_text_without_a_path_and_refuses_what_it_cannot_do(belarus: Ledger, tmp_path: Path) -> None:
    assert provenance.export(belarus, "jsonl").text is not None
    with pytest.raises(InvalidInputError, match="a directory of files"):
        provenance.export(belarus, "csv")
    with pytest.raises(InvalidInputError, match="unknown export format 'xls'; use one of prov-json"):
        provenance.export(belarus, "xls")
    (tmp_path / "file").write_text("x")
    with pytest.raises(InvalidInputError, match="is a file"):
        provenance.export(belarus, "csv", tmp_path / "file")


def test_every_format_is_registered_with_a_module_that_builds_it(belarus: Ledger) -> None:
    for name in FORMATS:
        built = build(belarus, name)
        assert built.files, name
        assert all(content for content in built.files.values()), name


def test_the_export_command_prints_or_writes(cli, tmp_path: Path) -> None:
    printed = cli("export", "--format", "prov-n")
    assert printed.exit_code == 0
    assert printed.stdout.startswith("document\n")

    target = tmp_path / "out.graphml"
    written = cli("export", "--format", "graphml", "-o", str(target))
    assert written.stdout == f"Wrote {target} (4 nodes, 0 edges)\n"
    assert nx.read_graphml(target).number_of_nodes() == 4

    as_json = json.loads(cli("export", "--format", "csv", "-o", str(tmp_path / "t"), "--json").stdout)
    assert as_json["format"] == "csv"
    assert len(as_json["files"]) == 7

    refused = cli("export", "--format", "csv")
    assert refused.exit_code == 1
    assert "Error: the csv export is a directory of files" in refused.stderr


def test_provenance_export_stays_a_function_after_the_exporters_load() -> None:
    import provenance.exports.prov

    assert callable(provenance.export)
    assert provenance.export.__module__ == "provenance.exports"
